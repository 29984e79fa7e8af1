/**
 * Attachments (shared/domain/attachments.ts): the synced description of each file, and its bytes
 * apart, so the pull's pages stay small and a desktop fetches the bytes by id
 * (POST /v1/sync/attachments). The change log learns the new entity.
 */
import { sql, type Kysely } from 'kysely';
import { FIRST_ENTITIES } from './001-initial';
import { ATTACHMENT_MEDIA_TYPES_V1, ATTACHMENT_PARENTS_V1 } from '../../../shared/sync/attachment-codes-v1';

const list = (values: readonly string[]): string => values.map((value) => `'${value}'`).join(', ');

/** The change log's entities once this migration has run; a later entity needs a migration of its own. */
const LOGGED_ENTITIES = [...FIRST_ENTITIES, 'attachments'];

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
    created_at TIMESTAMPTZ NOT NULL,
    version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    updated_seq BIGINT NOT NULL
  )`,
  'CREATE INDEX attachments_parent ON attachments (parent_kind, parent_id)',
  'CREATE INDEX attachments_customer ON attachments (customer_id, created_at DESC)',
  `CREATE TABLE attachment_contents (
    attachment_id TEXT PRIMARY KEY REFERENCES attachments (id) ON DELETE CASCADE,
    content BYTEA NOT NULL
  )`,
  'ALTER TABLE change_log DROP CONSTRAINT change_log_entity_check',
  // NOT VALID: the rows there are valid under the old list, which this one contains; no scan of the whole log under its lock.
  `ALTER TABLE change_log ADD CONSTRAINT change_log_entity_check CHECK (entity IN (${list(LOGGED_ENTITIES)})) NOT VALID`,
  // Protocol 4: clients that know attachments (server/version.ts).
  "UPDATE schema_meta SET value = '4' WHERE key = 'protocol_version'",
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
