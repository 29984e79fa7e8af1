/**
 * The share of its credit limit a customer uses (shared/domain/credit.ts), kept in the summary so the
 * worklist's Credit column sorts without reading the items. The summaries are recomputed on the next read.
 */
import { sql, type Kysely } from 'kysely';

const statements = ['ALTER TABLE customer_summary ADD COLUMN credit_used_bp INTEGER', "DELETE FROM sync_state WHERE key = 'summary_as_of'"];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
