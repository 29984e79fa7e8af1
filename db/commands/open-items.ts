/** Lookups shared by the collector's commands: the customer, its open items, a user. */
import type BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { DomainError } from '../../shared/api/result';
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

/**
 * The listed items, in the order given, each checked to belong to the customer and to be open
 * with an amount owed (a credit memo or unapplied cash cannot be promised or disputed). `field`
 * is the input list's name; an error names the offending position (`itemIds.2`).
 */
export function loadOwedItems(sqlite: BetterSqlite3.Database, customerId: string, ids: readonly string[], field: string, idKey = ''): ItemRow[] {
  const query = build
    .selectFrom('open_items')
    .select(['id', 'customer_id', 'kind', 'document_number', 'currency', 'open_minor', 'disputed_minor'])
    .where('id', 'in', jsonIds(ids));
  const found = new Map(selectAll(sqlite, query).map((row) => [row.id, row]));
  const seen = new Set<string>();
  return ids.map((id, index) => {
    const at = `${field}.${index}${idKey}`;
    const item = found.get(id);
    if (!item || item.customer_id !== customerId) throw new DomainError('not_found', `open item ${id} does not exist for this customer`, at);
    if (seen.has(id)) throw new DomainError('validation', `open item ${item.document_number} is listed twice`, at);
    seen.add(id);
    if (item.open_minor <= 0) throw new DomainError('validation', `${item.document_number} has nothing open to collect`, at);
    return item;
  });
}

/** The one currency of the items; a list mixing currencies is refused at the first odd item. */
export function commonCurrency(items: readonly ItemRow[], field: string, idKey = ''): string | null {
  const first = items[0];
  if (!first) return null;
  items.forEach((item, index) => {
    if (item.currency !== first.currency) {
      throw new DomainError('validation', `${item.document_number} is in ${item.currency}, the others in ${first.currency}`, `${field}.${index}${idKey}`);
    }
  });
  return first.currency;
}

export function requireUser(sqlite: BetterSqlite3.Database, userId: string, field: string): string {
  const row = selectFirst(sqlite, build.selectFrom('users').select('id').where('id', '=', userId));
  if (!row) throw new DomainError('not_found', `user ${userId} does not exist`, field);
  return row.id;
}
