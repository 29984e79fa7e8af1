/**
 * The open items a promise or a dispute names, checked once for the client's store and the
 * server: each belongs to the customer, is listed once and has something open; together they are
 * in one currency, and a promise's currency is theirs. The stores only load the rows.
 */
import { refused } from '../i18n/refusals';

export interface OwedItemFacts {
  readonly id: string;
  readonly customer_id: string;
  readonly document_number: string;
  readonly currency: string;
  readonly open_minor: number;
  readonly disputed_minor: number;
}

/**
 * The items in the order given, from the rows found for `ids`. `field` is the input list's name
 * and `idKey` the key of an id inside an entry: an error names the position (`itemIds.2`,
 * `items.0.itemId`).
 */
export function checkOwedItems<T extends OwedItemFacts>(found: ReadonlyMap<string, T>, customerId: string, ids: readonly string[], field: string, idKey = ''): T[] {
  const seen = new Set<string>();
  return ids.map((id, index) => {
    const at = `${field}.${String(index)}${idKey}`;
    const item = found.get(id);
    if (item?.customer_id !== customerId) throw refused('not_found', { key: 'openItemNotFoundForCustomer', params: { id } }, at);
    const documentNumber = { documentNumber: item.document_number };
    if (seen.has(id)) throw refused('validation', { key: 'openItemListedTwice', params: documentNumber }, at);
    seen.add(id);
    if (item.open_minor <= 0) throw refused('validation', { key: 'openItemNothingOpen', params: documentNumber }, at);
    return item;
  });
}

/** The one currency of the items; a list mixing currencies is refused at the first odd item. */
export function commonCurrency(items: readonly OwedItemFacts[], field: string, idKey = ''): string | null {
  const first = items[0];
  if (first === undefined) return null;
  items.forEach((item, index) => {
    if (item.currency !== first.currency) {
      const params = { documentNumber: item.document_number, currency: item.currency, otherCurrency: first.currency };
      throw refused('validation', { key: 'itemsMixCurrencies', params }, `${field}.${String(index)}${idKey}`);
    }
  });
  return first.currency;
}

/**
 * A promise's currency: its items', else the one asked for, else the account's. `prefix` is where
 * the promise sits in the input (`''`, `promise.`): errors name `${prefix}itemIds` and `${prefix}currency`.
 */
export function promiseCurrency(items: readonly OwedItemFacts[], requested: string | undefined, accountCurrency: string, prefix: string): string {
  const itemCurrency = commonCurrency(items, `${prefix}itemIds`);
  if (requested !== undefined && itemCurrency !== null && requested !== itemCurrency) {
    throw refused('validation', { key: 'itemsInOtherCurrency', params: { itemCurrency, requestedCurrency: requested } }, `${prefix}currency`);
  }
  return itemCurrency ?? requested ?? accountCurrency;
}

/** What is still owed and not disputed on the items. */
export const owedOnItems = (items: readonly Pick<OwedItemFacts, 'open_minor' | 'disputed_minor'>[]): number => items.reduce((total, item) => total + item.open_minor - item.disputed_minor, 0);
