/** Open items a promise or dispute names, checked the way db/commands/open-items.ts checks them on the client. */
import type { Kysely } from 'kysely';
import { DomainError } from '../../shared/api/result';
import type { ServerDatabase } from '../db/schema';

export interface OwedItem {
  readonly id: string;
  readonly document_number: string;
  readonly currency: string;
  readonly open_minor: number;
  readonly disputed_minor: number;
}

/** The items in input order; each must belong to the customer, be listed once and have something open. */
export async function loadOwedItems(trx: Kysely<ServerDatabase>, customerId: string, ids: readonly string[], field: string, idKey = ''): Promise<OwedItem[]> {
  if (ids.length === 0) return [];
  const rows = await trx
    .selectFrom('open_items')
    .select(['id', 'customer_id', 'document_number', 'currency', 'open_minor', 'disputed_minor'])
    .where('id', 'in', [...ids])
    .execute();
  const found = new Map(rows.map((row) => [row.id, row]));
  const seen = new Set<string>();
  return ids.map((id, index) => {
    const at = `${field}.${String(index)}${idKey}`;
    const item = found.get(id);
    if (item?.customer_id !== customerId) throw new DomainError('not_found', `open item ${id} does not exist for this customer`, at);
    if (seen.has(id)) throw new DomainError('validation', `open item ${item.document_number} is listed twice`, at);
    seen.add(id);
    if (item.open_minor <= 0) throw new DomainError('validation', `${item.document_number} has nothing open to collect`, at);
    return item;
  });
}

/** The one currency of the items; a list mixing currencies is refused at the first odd item. */
export function commonCurrency(items: readonly OwedItem[], field: string, idKey = ''): string | null {
  const first = items[0];
  if (first === undefined) return null;
  items.forEach((item, index) => {
    if (item.currency !== first.currency) {
      throw new DomainError('validation', `${item.document_number} is in ${item.currency}, the others in ${first.currency}`, `${field}.${String(index)}${idKey}`);
    }
  });
  return first.currency;
}
