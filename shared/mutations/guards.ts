/** Lookups that rules start with, refusing with not_found on the field that named the row. */
import { DomainError } from '../api/result';
import { rowById, userExists, type Step } from './effects';

export function* requireCustomer(customerId: string, field = 'customerId'): Step<void> {
  if ((yield* rowById('customers', customerId)) === undefined) throw new DomainError('not_found', `customer ${customerId} does not exist`, field);
}

/** An open item of this customer, or none. */
export function* requireItemOf(itemId: string | null, customerId: string, field = 'itemId'): Step<void> {
  if (itemId === null) return;
  const item = yield* rowById('open_items', itemId);
  if (item?.customer_id !== customerId) throw new DomainError('not_found', `open item ${itemId} does not exist for this customer`, field);
}

export function* requireUser(userId: string, field: string): Step<string> {
  if (!(yield* userExists(userId))) throw new DomainError('not_found', `user ${userId} does not exist`, field);
  return userId;
}
