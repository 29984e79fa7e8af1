/**
 * The worklist shows how each customer pays (shared/domain/payment-behaviour.ts): invoices settled
 * in the trailing year, their average days late and the share paid late, kept in the summary so the
 * columns sort without reading the items. The summaries are recomputed on the next read.
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  'ALTER TABLE customer_summary ADD COLUMN paid_invoices INTEGER NOT NULL DEFAULT 0',
  'ALTER TABLE customer_summary ADD COLUMN avg_days_late REAL',
  'ALTER TABLE customer_summary ADD COLUMN share_late REAL',
  "DELETE FROM sync_state WHERE key = 'summary_as_of'",
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
