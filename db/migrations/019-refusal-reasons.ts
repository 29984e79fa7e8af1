/**
 * A refused change keeps the refusal's reason and values (shared/i18n/refusals) beside the
 * server's English message, so the sync-issues screen words it in the user's language.
 */
import { sql, type Kysely } from 'kysely';

const statements = ['ALTER TABLE sync_issues ADD COLUMN error_reason TEXT', 'ALTER TABLE sync_issues ADD COLUMN error_params TEXT'];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
