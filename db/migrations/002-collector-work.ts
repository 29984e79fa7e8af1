/**
 * Collector work: drafts of half-typed forms; indexes for a collector's last contact and for payment
 * plans; triggers that mark promise verdicts stale when payments or clearings change.
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  // Local only (never synced): what a form held when the app closed, so nothing typed is lost.
  `CREATE TABLE drafts (
    key TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 200),
    value_json TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT`,
  // contact.defaults reads the collector's latest contact without scanning every activity.
  `CREATE INDEX activities_user_created ON activities (user_id, created_at DESC)`,
  // A payment plan's instalments are read and superseded together.
  `CREATE INDEX promises_plan ON promises (plan_id) WHERE plan_id IS NOT NULL`,
  // Money arriving by any path (ERP import, sync pull) makes the next read re-judge open promises:
  // the key is evaluate-all's PROMISES_EVALUATED_KEY, spelled out so this migration never changes.
  ...['payments', 'clearings'].flatMap((table) =>
    ['INSERT', 'UPDATE', 'DELETE'].map(
      (event) => `CREATE TRIGGER ${table}_${event.toLowerCase()}_promises_stale AFTER ${event} ON ${table}
        BEGIN DELETE FROM sync_state WHERE key = 'promises_evaluated'; END`,
    ),
  ),
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const statement of statements) await sql.raw(statement).execute(trx);
  });
}
