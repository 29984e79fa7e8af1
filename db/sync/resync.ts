/**
 * Customers whose local copy the client no longer trusts (a mutation on them was refused, or a
 * pulled row was held back under a pending one): the next pull asks for them whole (PullRequest.resync).
 */
import type BetterSqlite3 from 'better-sqlite3';
import { prepared } from '../statements';

export function markForResync(sqlite: BetterSqlite3.Database, customerId: string): void {
  prepared<[string]>(sqlite, 'INSERT INTO sync_resync (customer_id) VALUES (?) ON CONFLICT DO NOTHING').run(customerId);
}

/** The customers waiting to be received whole, at most `limit`, in a stable order. */
export function customersToResync(sqlite: BetterSqlite3.Database, limit: number): string[] {
  return prepared<[number], { customer_id: string }>(sqlite, 'SELECT customer_id FROM sync_resync ORDER BY customer_id LIMIT ?')
    .all(limit)
    .map((row) => row.customer_id);
}

/** These customers were received whole. */
export function resyncReceived(sqlite: BetterSqlite3.Database, customerIds: readonly string[]): void {
  const done = prepared<[string]>(sqlite, 'DELETE FROM sync_resync WHERE customer_id = ?');
  for (const customerId of customerIds) done.run(customerId);
}
