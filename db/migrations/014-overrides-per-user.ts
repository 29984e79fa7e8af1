/**
 * A pin or a snooze belongs to the user who set it, and outlives the portfolio it was set in: signing
 * in as someone else replaces the portfolio (db/sync/account.ts), and signing back in brings the
 * customers back with their pins and snoozes. So the override no longer cascades with its customer,
 * and its owner is required; overrides kept so far go to who set them, else to the profile that was
 * local, the only one that could have.
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  `CREATE TABLE worklist_overrides_by_owner (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('pin', 'snooze')),
    reason TEXT NOT NULL,
    expires_at TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    cleared_at TEXT
  ) STRICT`,
  `INSERT INTO worklist_overrides_by_owner (id, customer_id, kind, reason, expires_at, created_by, created_at, cleared_at)
    SELECT id, customer_id, kind, reason, expires_at, coalesce(created_by, (SELECT id FROM users WHERE is_local_profile = 1), ''), created_at, cleared_at
    FROM worklist_overrides`,
  `DROP TABLE worklist_overrides`,
  `ALTER TABLE worklist_overrides_by_owner RENAME TO worklist_overrides`,
  `CREATE INDEX worklist_overrides_customer ON worklist_overrides (created_by, customer_id) WHERE cleared_at IS NULL`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const statement of statements) await sql.raw(statement).execute(trx);
  });
}
