/** Lookups that every command on a customer starts with. */
import type BetterSqlite3 from 'better-sqlite3';
import { DomainError } from '../../shared/api/result';
import { build, selectFirst } from '../typed-sql';

export function requireCustomer(sqlite: BetterSqlite3.Database, customerId: string, field = 'customerId'): void {
  const found = selectFirst(sqlite, build.selectFrom('customers').select('id').where('id', '=', customerId));
  if (!found) throw new DomainError('not_found', `customer ${customerId} does not exist`, field);
}
