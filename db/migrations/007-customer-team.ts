/**
 * A customer's team is a synced column (the server always had it): a team lead's rights over a
 * customer are decided by it on the desktop as on the server. Until the server sends a customer
 * again, its team is taken as the desktop used to judge it: its collector's team, or, for a
 * customer without a collector in a team lead's store, the lead's own team (the server put it
 * into that lead's scope).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw('ALTER TABLE customers ADD COLUMN team_id TEXT').execute(db);
  await sql
    .raw(
      `UPDATE customers SET team_id = CASE
         WHEN collector_id IS NOT NULL THEN (SELECT team_id FROM users WHERE users.id = customers.collector_id)
         ELSE (SELECT team_id FROM users WHERE is_local_profile = 1 AND role = 'team_lead')
       END`,
    )
    .execute(db);
}
