/**
 * Why a promise was cancelled and what was said when a follow-up was closed: synced columns, so
 * the server and every other desktop have them (before, only this desktop's audit log did).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw('ALTER TABLE promises ADD COLUMN cancel_reason TEXT').execute(db);
  await sql.raw('ALTER TABLE follow_ups ADD COLUMN done_comment TEXT').execute(db);
}
