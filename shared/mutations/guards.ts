/** Lookups that rules start with, refusing with not_found on the field that named the row. */
import { checkOwedItems } from '../domain/owed-items';
import { refused, type RefusalKey } from '../i18n/refusals';
import type { SyncEntity } from '../sync/protocol';
import type { SyncedRow } from '../sync/tables';
import { rowById, rowsWhere, userById, type Step, type UserFacts } from './effects';

/** The row `id` names, or not_found on `field` with the refusal `missing` ('noteNotFound': "note … does not exist"), its `id` the id. */
export function* requiredRow<E extends SyncEntity>(table: E, id: string, missing: RefusalKey, field: string, options: { readonly lock?: boolean } = {}): Step<SyncedRow<E>> {
  const row = yield* rowById(table, id, options);
  if (row === undefined) throw refused('not_found', { key: missing, params: { id } }, field);
  return row;
}

export function* requireCustomer(customerId: string, field = 'customerId'): Step<void> {
  yield* requiredCustomer(customerId, field);
}

/** An open item of this customer, or none. */
export function* requireItemOf(itemId: string | null, customerId: string, field = 'itemId'): Step<void> {
  if (itemId === null) return;
  const item = yield* rowById('open_items', itemId);
  if (item?.customer_id !== customerId) throw refused('not_found', { key: 'openItemNotFoundForCustomer', params: { id: itemId } }, field);
}

export function* requiredUser(userId: string, field: string): Step<UserFacts> {
  const user = yield* userById(userId);
  if (user === undefined) throw refused('not_found', { key: 'userNotFound', params: { id: userId } }, field);
  return user;
}

export function* requireUser(userId: string, field: string): Step<string> {
  return (yield* requiredUser(userId, field)).id;
}

/** The listed open items, in the order given, checked by the shared rule (shared/domain/owed-items.ts); held for the transaction. */
export function* owedItems(customerId: string, ids: readonly string[], field: string, idKey = ''): Step<SyncedRow<'open_items'>[]> {
  if (ids.length === 0) return [];
  const rows = yield* rowsWhere('open_items', { id: ids }, { lock: true });
  return checkOwedItems(new Map(rows.map((row) => [row.id, row])), customerId, ids, field, idKey);
}

export const requiredCustomer = (customerId: string, field = 'customerId'): Step<SyncedRow<'customers'>> => requiredRow('customers', customerId, 'customerNotFound', field);
