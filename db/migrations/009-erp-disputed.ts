/**
 * The ERP's own dispute flag of an open item is a synced column (the server always kept it): the
 * desktop shows it on the item and counts it in the customer's dispute rate. Items the desktop
 * already holds get it from the server, so the next sync starts from a fresh snapshot (the pull
 * cursor is forgotten; rows are replaced in place, nothing typed locally is touched).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw('ALTER TABLE open_items ADD COLUMN erp_disputed INTEGER NOT NULL DEFAULT 0 CHECK (erp_disputed IN (0, 1))').execute(db);
  await sql.raw("DELETE FROM sync_state WHERE key IN ('sync.cursor', 'sync.snapshot_active', 'sync.snapshot_progress')").execute(db);
}
