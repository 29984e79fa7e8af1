/**
 * Attachments (shared/domain/attachments.ts): the synced description of each file, and its bytes
 * apart, so reading an account's attachments never reads the files. A file pulled from the server
 * has its description first and its bytes once the sync has fetched them (db/sync/attachment-contents.ts).
 */
import { sql, type Kysely } from 'kysely';

const list = (values: readonly string[]): string => values.map((value) => `'${value}'`).join(', ');

// The lists as this migration made them (shared/domain/attachments.ts may grow; a later migration then changes the CHECK).
const ATTACHMENT_PARENTS = ['note', 'dispute', 'activity'];
const ATTACHMENT_MEDIA_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/tiff',
  'text/plain',
  'text/csv',
  'message/rfc822',
  'application/vnd.ms-outlook',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
];

const statements = [
  `CREATE TABLE attachments (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    parent_kind TEXT NOT NULL CHECK (parent_kind IN (${list(ATTACHMENT_PARENTS)})),
    parent_id TEXT NOT NULL,
    file_name TEXT NOT NULL CHECK (length(file_name) > 0),
    media_type TEXT NOT NULL CHECK (media_type IN (${list(ATTACHMENT_MEDIA_TYPES)})),
    size_bytes INTEGER NOT NULL CHECK (size_bytes > 0),
    created_by TEXT REFERENCES users (id),
    created_at TEXT NOT NULL
  ) STRICT`,
  'CREATE INDEX attachments_parent ON attachments (parent_kind, parent_id)',
  'CREATE INDEX attachments_customer ON attachments (customer_id, created_at DESC)',
  `CREATE TABLE attachment_contents (
    attachment_id TEXT PRIMARY KEY REFERENCES attachments (id) ON DELETE CASCADE,
    content BLOB NOT NULL
  ) STRICT`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
