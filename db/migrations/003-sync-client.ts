/**
 * The client side of sync (and an index for the KPI dashboard's cleared items): the protocol sequence of each outbox mutation (assigned when first
 * pushed, never renumbered), the sync-issues view (mutations the server rejected, with the
 * user's input), customers to fetch again, and the customers seen during a snapshot.
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  `ALTER TABLE outbox ADD COLUMN push_seq INTEGER CHECK (push_seq IS NULL OR push_seq >= 1)`,
  `CREATE UNIQUE INDEX outbox_push_seq ON outbox (push_seq) WHERE push_seq IS NOT NULL`,
  // Sync reads a mutation's audit entries: the ids it created, the rows a pending one protects.
  `CREATE INDEX audit_log_mutation ON audit_log (mutation_id) WHERE mutation_id IS NOT NULL`,
  // The KPI dashboard and the forecast read the items cleared in a period.
  `CREATE INDEX open_items_cleared ON open_items (cleared_at) WHERE cleared_at IS NOT NULL`,
  // Pins and snoozes are the collector's private worklist state: they never travel.
  `DELETE FROM outbox WHERE name IN ('worklist.setOverride', 'worklist.clearOverride')`,
  `CREATE TABLE sync_issues (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    args_json TEXT NOT NULL,
    customer_id TEXT,
    error_code TEXT NOT NULL,
    error_message TEXT NOT NULL,
    error_field TEXT,
    created_at TEXT NOT NULL,
    rejected_at TEXT NOT NULL
  ) STRICT`,
  `CREATE INDEX sync_issues_rejected ON sync_issues (rejected_at)`,
  // Customers whose local copy may differ from the server's (a rejected change): the next pull asks for them whole.
  `CREATE TABLE sync_resync (customer_id TEXT PRIMARY KEY) STRICT`,
  // During a snapshot: the customers delivered so far; at its end every other customer is dropped.
  `CREATE TABLE sync_snapshot_seen (customer_id TEXT PRIMARY KEY) STRICT`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const statement of statements) await sql.raw(statement).execute(trx);
  });
}
