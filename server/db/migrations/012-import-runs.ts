import { sql, type Kysely } from 'kysely';

/**
 * The report of every ERP import run, kept on the server for admins (server/import/runs.ts): when,
 * which file and how it was read, the counts and the refusals. Server-only: no desktop pulls it.
 * `file_sha256` lets the drop folder recognise a file it has already imported.
 */
const statements = [
  `CREATE TABLE import_runs (
    id TEXT PRIMARY KEY,
    origin TEXT NOT NULL CHECK (origin IN ('folder', 'cli', 'http')),
    file_name TEXT,
    file_sha256 TEXT,
    file_bytes BIGINT,
    source TEXT NOT NULL,
    started_at TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('imported', 'imported_partially', 'rejected', 'dry_run', 'failed', 'duplicate')),
    counts TEXT NOT NULL,
    rejection_count INTEGER NOT NULL,
    rejections TEXT NOT NULL,
    message TEXT
  )`,
  'CREATE INDEX import_runs_started ON import_runs (started_at DESC, id)',
  'CREATE INDEX import_runs_sha256 ON import_runs (file_sha256) WHERE file_sha256 IS NOT NULL',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
