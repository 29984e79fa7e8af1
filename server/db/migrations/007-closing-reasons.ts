import { sql, type Kysely } from 'kysely';

/**
 * Why a promise was cancelled and what was said when a follow-up was closed, as the desktop
 * records them (its migration 006): columns of their own, pulled by every desktop. Rows from
 * before have none.
 */
const statements = ['ALTER TABLE promises ADD COLUMN cancel_reason TEXT', 'ALTER TABLE follow_ups ADD COLUMN done_comment TEXT'];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
