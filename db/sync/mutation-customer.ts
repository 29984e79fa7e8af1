/** Which customer a local mutation concerned: its `customerId` argument, else the rows it touched. */
import type BetterSqlite3 from 'better-sqlite3';
import { prepared } from '../statements';
import { AUDIT_ENTITY_TABLES } from './entities';

const OWNER_SQL: Readonly<Record<string, string>> = {
  customers: 'SELECT id AS customer_id FROM customers WHERE id = ?',
  dispute_events: 'SELECT d.customer_id FROM dispute_events e JOIN disputes d ON d.id = e.dispute_id WHERE e.id = ?',
};

export function customerOfMutation(sqlite: BetterSqlite3.Database, mutationId: string, args: unknown): string | null {
  if (typeof args === 'object' && args !== null && 'customerId' in args && typeof args.customerId === 'string') return args.customerId;
  const entries = prepared<[string], { entity: string; entity_id: string }>(sqlite, 'SELECT entity, entity_id FROM audit_log WHERE mutation_id = ? ORDER BY seq').all(mutationId);
  for (const entry of entries) {
    const table = AUDIT_ENTITY_TABLES[entry.entity];
    if (table === undefined) continue;
    const query = OWNER_SQL[table] ?? `SELECT customer_id FROM ${table} WHERE id = ?`;
    const owner = prepared<[string], { customer_id: string }>(sqlite, query).get(entry.entity_id);
    if (owner) return owner.customer_id;
  }
  return null;
}
