/**
 * Attachments (shared/domain/attachments.ts): the synced description of each file, and its bytes
 * apart, so reading an account's attachments never reads the files. A file pulled from the server
 * has its description first and its bytes once the sync has fetched them (db/sync/attachment-contents.ts).
 */
import { sql, type Kysely } from 'kysely';
import { ATTACHMENT_MEDIA_TYPES_V1, ATTACHMENT_PARENTS_V1 } from '../../shared/sync/attachment-codes-v1';

const list = (values: readonly string[]): string => values.map((value) => `'${value}'`).join(', ');

const statements = [
  `CREATE TABLE attachments (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    parent_kind TEXT NOT NULL CHECK (parent_kind IN (${list(ATTACHMENT_PARENTS_V1)})),
    parent_id TEXT NOT NULL,
    file_name TEXT NOT NULL CHECK (length(file_name) > 0),
    media_type TEXT NOT NULL CHECK (media_type IN (${list(ATTACHMENT_MEDIA_TYPES_V1)})),
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
