/**
 * Who last assigned a customer, when, and why: synced columns of the customer, so a reassignment's
 * reason reaches the server and every other desktop (before, only the lead's own audit log had it).
 * Customers assigned before have none.
 */
import { sql, type Kysely } from 'kysely';

const statements = ['ALTER TABLE customers ADD COLUMN assigned_by TEXT', 'ALTER TABLE customers ADD COLUMN assigned_at TEXT', 'ALTER TABLE customers ADD COLUMN assignment_reason TEXT'];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
