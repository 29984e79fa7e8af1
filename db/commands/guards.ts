/** Lookups that every command on a customer starts with. */
import type BetterSqlite3 from 'better-sqlite3';
import { DomainError } from '../../shared/api/result';
import { prepared } from '../statements';

export function requireCustomer(sqlite: BetterSqlite3.Database, customerId: string, field = 'customerId'): void {
  const found = prepared<[string], { id: string }>(sqlite, 'SELECT id FROM customers WHERE id = ?').get(customerId);
  if (!found) throw new DomainError('not_found', `customer ${customerId} does not exist`, field);
}
