/** Lookups shared by the collector's commands: the customer, its open items, a user. */
import type BetterSqlite3 from 'better-sqlite3';
import { DomainError } from '../../shared/api/result';
import type { Row } from '../schema';
import { prepared } from '../statements';

export type CustomerRow = Pick<Row<'customers'>, 'id' | 'currency' | 'credit_hold'>;
export type ItemRow = Pick<Row<'open_items'>, 'id' | 'customer_id' | 'kind' | 'document_number' | 'currency' | 'open_minor' | 'disputed_minor'>;

export function loadCustomer(sqlite: BetterSqlite3.Database, customerId: string, field = 'customerId'): CustomerRow {
  const row = prepared<[string], CustomerRow>(sqlite, 'SELECT id, currency, credit_hold FROM customers WHERE id = ?').get(customerId);
  if (!row) throw new DomainError('not_found', `customer ${customerId} does not exist`, field);
  return row;
}

const ITEMS = `SELECT id, customer_id, kind, document_number, currency, open_minor, disputed_minor
  FROM open_items WHERE id IN (SELECT value FROM json_each(?))`;

/**
 * The listed items, in the order given, each checked to belong to the customer and to be open
 * with an amount owed (a credit memo or unapplied cash cannot be promised or disputed). `field`
 * is the input list's name; an error names the offending position (`itemIds.2`).
 */
export function loadOwedItems(sqlite: BetterSqlite3.Database, customerId: string, ids: readonly string[], field: string, idKey = ''): ItemRow[] {
  const found = new Map(prepared<[string], ItemRow>(sqlite, ITEMS).all(JSON.stringify(ids)).map((row) => [row.id, row]));
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
  const row = prepared<[string], { id: string }>(sqlite, 'SELECT id FROM users WHERE id = ?').get(userId);
  if (!row) throw new DomainError('not_found', `user ${userId} does not exist`, field);
  return row.id;
}
