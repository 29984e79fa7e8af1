/** Lookups shared by the collector's commands: the customer, its open items, a user. */
import type BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { DomainError } from '../../shared/api/result';
import { checkOwedItems } from '../../shared/domain/owed-items';
import type { Row } from '../schema';
import { build, selectAll, selectFirst } from '../typed-sql';

export type CustomerRow = Pick<Row<'customers'>, 'id' | 'currency' | 'credit_hold'>;
export type ItemRow = Pick<Row<'open_items'>, 'id' | 'customer_id' | 'kind' | 'document_number' | 'currency' | 'open_minor' | 'disputed_minor'>;

/**
 * `IN (SELECT value FROM json_each(?))`: one bound JSON array instead of one placeholder per id,
 * so a list of any length reuses one prepared statement.
 */
export const jsonIds = (ids: readonly string[]) => sql<string>`(SELECT value FROM json_each(${JSON.stringify(ids)}))`;

export function loadCustomer(sqlite: BetterSqlite3.Database, customerId: string, field = 'customerId'): CustomerRow {
  const row = selectFirst(sqlite, build.selectFrom('customers').select(['id', 'currency', 'credit_hold']).where('id', '=', customerId));
  if (!row) throw new DomainError('not_found', `customer ${customerId} does not exist`, field);
  return row;
}

/** The listed items, in the order given, checked by the shared rule (shared/domain/owed-items.ts). */
export function loadOwedItems(sqlite: BetterSqlite3.Database, customerId: string, ids: readonly string[], field: string, idKey = ''): ItemRow[] {
  const query = build
    .selectFrom('open_items')
    .select(['id', 'customer_id', 'kind', 'document_number', 'currency', 'open_minor', 'disputed_minor'])
    .where('id', 'in', jsonIds(ids));
  return checkOwedItems(new Map(selectAll(sqlite, query).map((row) => [row.id, row])), customerId, ids, field, idKey);
}

export function requireUser(sqlite: BetterSqlite3.Database, userId: string, field: string): string {
  const row = selectFirst(sqlite, build.selectFrom('users').select('id').where('id', '=', userId));
  if (!row) throw new DomainError('not_found', `user ${userId} does not exist`, field);
  return row.id;
}
