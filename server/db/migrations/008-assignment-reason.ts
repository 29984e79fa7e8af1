import { sql, type Kysely } from 'kysely';

/**
 * Who last assigned a customer, when, and why, as the desktop records them (its migration 008):
 * written by customer.reassign, left alone by the ERP import like the assignment itself, pulled by
 * every desktop. Customers assigned before have none.
 */
const statements = [
  'ALTER TABLE customers ADD COLUMN assigned_by TEXT REFERENCES users (id)',
  'ALTER TABLE customers ADD COLUMN assigned_at TIMESTAMPTZ',
  'ALTER TABLE customers ADD COLUMN assignment_reason TEXT',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
