/** Lookups that rules start with, refusing with not_found on the field that named the row. */
import { DomainError } from '../api/result';
import { checkOwedItems } from '../domain/owed-items';
import type { SyncEntity } from '../sync/protocol';
import type { SyncedRow } from '../sync/tables';
import { rowById, rowsWhere, userById, type Step, type UserFacts } from './effects';

/** The row `id` names, or not_found on `field` ("note … does not exist"). */
export function* requiredRow<E extends SyncEntity>(table: E, id: string, what: string, field: string, options: { readonly lock?: boolean } = {}): Step<SyncedRow<E>> {
  const row = yield* rowById(table, id, options);
  if (row === undefined) throw new DomainError('not_found', `${what} ${id} does not exist`, field);
  return row;
}

export function* requireCustomer(customerId: string, field = 'customerId'): Step<void> {
  yield* requiredCustomer(customerId, field);
}

/** An open item of this customer, or none. */
export function* requireItemOf(itemId: string | null, customerId: string, field = 'itemId'): Step<void> {
  if (itemId === null) return;
  const item = yield* rowById('open_items', itemId);
  if (item?.customer_id !== customerId) throw new DomainError('not_found', `open item ${itemId} does not exist for this customer`, field);
}

export function* requiredUser(userId: string, field: string): Step<UserFacts> {
  const user = yield* userById(userId);
  if (user === undefined) throw new DomainError('not_found', `user ${userId} does not exist`, field);
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

export const requiredCustomer = (customerId: string, field = 'customerId'): Step<SyncedRow<'customers'>> => requiredRow('customers', customerId, 'customer', field);
