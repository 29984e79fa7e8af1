/** Lookups that every command on a customer starts with. */
import type BetterSqlite3 from 'better-sqlite3';
import { refused } from '../../shared/i18n/refusals';
import { build, selectFirst } from '../typed-sql';

export function requireCustomer(sqlite: BetterSqlite3.Database, customerId: string, field = 'customerId'): void {
  const found = selectFirst(sqlite, build.selectFrom('customers').select('id').where('id', '=', customerId));
  if (!found) throw refused('not_found', { key: 'customerNotFound', params: { id: customerId } }, field);
}
