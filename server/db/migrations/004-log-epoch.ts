import { sql, type Kysely } from 'kysely';

/**
 * The change log's epoch: a random id every pull cursor carries (server/sync/log-epoch.ts). A
 * database restored from a backup into a new cluster, or rotated by the admin after a restore,
 * answers cursors of another epoch with a snapshot instead of trusting their seqs. Databases that
 * exist already get theirs here, so cursors they handed out before (format 1) lead to one snapshot.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`INSERT INTO schema_meta (key, value) VALUES ('log_epoch', gen_random_uuid()::text) ON CONFLICT (key) DO NOTHING`.execute(db);
}
