/**
 * dispute.create / dispute.transition. While a case is open (new, in process, escalated) its
 * amounts are reserved on the items (open_items.disputed_minor), which keeps them out of the
 * collectible balance and the chasing factors. Resolving or voiding releases them; closing a
 * resolved case changes nothing more; reopening reserves them again, as far as the items are
 * still open and not disputed by another case. The transition table is the shared one, so a move
 * that is no longer allowed (a case closed meanwhile by someone else) is a `conflict`.
 */
import type { z } from 'zod';
import { DisputeCreateSchema, DisputeTransitionSchema, type DisputeTermsSchema } from '../api/collector-schemas';
import { requireDisputable } from '../domain/amount-limits';
import type { DisputeStatus } from '../domain/codes';
import { requireDateInWindow } from '../domain/date-bounds';
import { isOpenDispute, transitionDispute } from '../domain/dispute';
import { commonCurrency } from '../domain/owed-items';
import { refused } from '../i18n/refusals';
import type { SyncedRow } from '../sync/tables';
import { defineMutation, namedCustomer, type DecideContext } from './definition';
import { deleteItems, insertItems, insertRow, newId, rowById, rowsWhere, updateItems, updateRow, type Step } from './effects';
import { owedItems, requiredRow, requireUser } from './guards';

export type DisputeTerms = z.output<typeof DisputeTermsSchema>;
type DisputeRow = SyncedRow<'disputes'>;

/** Moves an item's reserved amount, never below zero (the ERP may have lowered it meanwhile). */
function* adjustItem(customerId: string, itemId: string, deltaMinor: number, action: string): Step<void> {
  if (deltaMinor === 0) return;
  const item = yield* rowById('open_items', itemId, { lock: true });
  if (item === undefined) return;
  yield* updateRow('open_items', customerId, itemId, { disputed_minor: Math.max(0, item.disputed_minor + deltaMinor) }, action);
}

function* recordEvent(ctx: DecideContext, dispute: DisputeRow, from: DisputeStatus | null, to: DisputeStatus, comment: string): Step<void> {
  const row: SyncedRow<'dispute_events'> = { id: yield* newId('dispute_events'), dispute_id: dispute.id, from_status: from, to_status: to, comment, user_id: ctx.userId, at: ctx.now };
  yield* insertRow('dispute_events', dispute.customer_id, row, 'create');
}

/** A new case from its terms (dispute.create and a contact logged with a dispute); `prefix` names the terms in errors. */
export function* createDispute(ctx: DecideContext, customerId: string, terms: DisputeTerms, activityId: string | null, prefix: string): Step<DisputeRow> {
  const field = `${prefix}items`;
  const items = yield* owedItems(
    customerId,
    terms.items.map((item) => item.itemId),
    field,
    '.itemId',
  );
  const currency = commonCurrency(items, field, '.itemId');
  if (currency === null) throw refused('validation', 'disputeNeedsItem', field);
  let totalMinor = 0;
  terms.items.forEach((input, index) => {
    const item = items[index];
    if (item === undefined) return;
    requireDisputable(input.disputedMinor, item.open_minor - item.disputed_minor, currency, `${field}.${String(index)}.disputedMinor`);
    totalMinor += input.disputedMinor;
  });
  if (terms.dueDate !== null) requireDateInWindow('disputeDue', terms.dueDate, ctx.asOf, `${prefix}dueDate`);
  const owner = terms.ownerId === undefined ? ctx.userId : yield* requireUser(terms.ownerId, `${prefix}ownerId`);

  const row: DisputeRow = {
    id: yield* newId('disputes'),
    customer_id: customerId,
    activity_id: activityId,
    reason_code: terms.reasonCode,
    description: terms.description,
    status: 'new',
    owner,
    due_date: terms.dueDate,
    currency,
    disputed_minor: totalMinor,
    resolution: null,
    root_cause: null,
    created_by: ctx.userId,
    created_at: ctx.now,
    updated_at: ctx.now,
    resolved_at: null,
    closed_at: null,
  };
  yield* insertRow('disputes', customerId, row, 'create');
  yield* insertItems(
    'dispute_items',
    customerId,
    terms.items.map((input) => ({ dispute_id: row.id, open_item_id: input.itemId, disputed_minor: input.disputedMinor })),
  );
  for (const input of terms.items) yield* adjustItem(customerId, input.itemId, input.disputedMinor, 'dispute');
  yield* recordEvent(ctx, row, null, 'new', terms.description);
  return row;
}

export const disputeCreate = defineMutation({
  name: 'dispute.create',
  args: DisputeCreateSchema,
  customerOf: namedCustomer,
  decide: (ctx, args) => createDispute(ctx, args.customerId, args, null, ''),
});

/** Reserves the case's amounts again on reopening, shrinking them to what the items still allow. */
function* reserveAgain(dispute: DisputeRow): Step<number> {
  let totalMinor = 0;
  for (const link of yield* rowsWhere('dispute_items', { dispute_id: dispute.id })) {
    const item = yield* rowById('open_items', link.open_item_id, { lock: true });
    const available = item === undefined ? 0 : Math.max(0, item.open_minor - item.disputed_minor);
    const reserved = Math.min(link.disputed_minor, available);
    const key = { dispute_id: dispute.id, open_item_id: link.open_item_id };
    if (reserved === 0) yield* deleteItems('dispute_items', dispute.customer_id, key);
    else if (reserved !== link.disputed_minor) yield* updateItems('dispute_items', dispute.customer_id, key, { disputed_minor: reserved });
    yield* adjustItem(dispute.customer_id, link.open_item_id, reserved, 'dispute');
    totalMinor += reserved;
  }
  if (totalMinor === 0) throw refused('conflict', 'disputeNothingToReopen', 'action');
  return totalMinor;
}

export const disputeTransition = defineMutation({
  name: 'dispute.transition',
  args: DisputeTransitionSchema,
  *customerOf(args) {
    return (yield* requiredRow('disputes', args.disputeId, 'disputeNotFound', 'disputeId')).customer_id;
  },
  *decide(ctx, args): Step<DisputeRow> {
    const before = yield* requiredRow('disputes', args.disputeId, 'disputeNotFound', 'disputeId', { lock: true });
    if (args.action !== 'resolve' && (args.resolution !== undefined || args.rootCause !== undefined)) {
      throw refused('validation', 'disputeResolutionOnlyWhenResolving', args.resolution !== undefined ? 'resolution' : 'rootCause');
    }
    if (args.action === 'resolve' && args.resolution !== undefined && args.rootCause === undefined) {
      throw refused('validation', 'disputeResolveNeedsRootCause', 'rootCause');
    }
    const resolution = args.resolution !== undefined && args.rootCause !== undefined ? { resolution: args.resolution, rootCause: args.rootCause } : undefined;
    const status = transitionDispute(before.status, args.action, resolution);

    let disputedMinor = before.disputed_minor;
    if (isOpenDispute(before.status) && !isOpenDispute(status)) {
      for (const link of yield* rowsWhere('dispute_items', { dispute_id: before.id })) yield* adjustItem(before.customer_id, link.open_item_id, -link.disputed_minor, 'release_dispute');
    }
    if (!isOpenDispute(before.status) && isOpenDispute(status)) disputedMinor = yield* reserveAgain(before);

    const reopened = args.action === 'reopen';
    const set = {
      status,
      disputed_minor: disputedMinor,
      resolution: reopened ? null : (resolution?.resolution ?? before.resolution),
      root_cause: reopened ? null : (resolution?.rootCause ?? before.root_cause),
      updated_at: ctx.now,
      resolved_at: reopened ? null : status === 'resolved' ? ctx.now : before.resolved_at,
      closed_at: reopened ? null : status === 'closed' ? ctx.now : before.closed_at,
    };
    yield* updateRow('disputes', before.customer_id, before.id, set, args.action);
    yield* recordEvent(ctx, before, before.status, status, args.comment);
    return { ...before, ...set };
  },
});
