/**
 * dispute.create / dispute.transition. While a case is open (new, in process, escalated) its
 * amounts are reserved on the items (open_items.disputed_minor), which keeps them out of the
 * collectible balance and the chasing factors. Resolving or voiding releases them; closing a
 * resolved case changes nothing more; reopening reserves them again, as far as the items are
 * still open and not disputed by another case.
 */
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { DisputeCreateSchema, DisputeTransitionSchema, type DisputeSchema, type DisputeTermsSchema } from '../../shared/api/collector-schemas';
import { DomainError } from '../../shared/api/result';
import { allowedDisputeActions, isOpenDispute, transitionDispute } from '../../shared/domain/dispute';
import type { DisputeStatus } from '../../shared/domain/codes';
import type { Row } from '../schema';
import { build, execute, selectAll, selectFirst } from '../typed-sql';
import type { Command, CommandTx } from './run-command';
import { commonCurrency } from '../../shared/domain/owed-items';
import { loadCustomer, loadOwedItems, requireUser } from './open-items';
import { requireDateInWindow } from '../../shared/domain/date-bounds';
import { requireDisputable } from '../../shared/domain/amount-limits';

export type DisputeView = z.output<typeof DisputeSchema>;
export type DisputeTerms = z.output<typeof DisputeTermsSchema>;
type DisputeRow = Row<'disputes'>;
type DisputeItemRow = Row<'dispute_items'>;

const itemsOf = (tx: Pick<CommandTx, 'sqlite'>, disputeId: string): DisputeItemRow[] =>
  selectAll(tx.sqlite, build.selectFrom('dispute_items').selectAll().where('dispute_id', '=', disputeId).orderBy('open_item_id'));

const itemAmounts = (tx: CommandTx, itemId: string) =>
  selectFirst(tx.sqlite, build.selectFrom('open_items').select(['id', 'open_minor', 'disputed_minor']).where('id', '=', itemId));

function load(tx: CommandTx, disputeId: string): DisputeRow {
  const row = selectFirst(tx.sqlite, build.selectFrom('disputes').selectAll().where('id', '=', disputeId));
  if (!row) throw new DomainError('not_found', `dispute ${disputeId} does not exist`, 'disputeId');
  return row;
}

export function toDisputeView(tx: Pick<CommandTx, 'sqlite'>, row: DisputeRow): DisputeView {
  return {
    id: row.id,
    customerId: row.customer_id,
    status: row.status,
    reasonCode: row.reason_code,
    description: row.description,
    ownerId: row.owner,
    dueDate: row.due_date,
    currency: row.currency,
    disputedMinor: row.disputed_minor,
    resolution: row.resolution,
    rootCause: row.root_cause,
    items: itemsOf(tx, row.id).map((item) => ({ itemId: item.open_item_id, disputedMinor: item.disputed_minor })),
    allowedActions: allowedDisputeActions(row.status),
  };
}

/** Moves an item's reserved amount and records the change in the audit log. */
function adjustItem(tx: CommandTx, itemId: string, deltaMinor: number, reason: string): void {
  const before = itemAmounts(tx, itemId);
  if (!before || deltaMinor === 0) return;
  // Never below zero: the ERP may have lowered the item's reservation (a credit memo) meanwhile.
  const disputed = deltaMinor > 0 ? sql<number>`disputed_minor + ${deltaMinor}` : sql<number>`max(0, disputed_minor - ${-deltaMinor})`;
  execute(tx.sqlite, build.updateTable('open_items').set({ disputed_minor: disputed }).where('id', '=', itemId));
  const after = itemAmounts(tx, itemId);
  tx.audit('open_item', itemId, reason, before, after);
}

function recordEvent(tx: CommandTx, disputeId: string, from: DisputeStatus | null, to: DisputeStatus, comment: string): void {
  const row = { id: uuidv7(), dispute_id: disputeId, from_status: from, to_status: to, comment, user_id: tx.userId, at: tx.now };
  execute(tx.sqlite, build.insertInto('dispute_events').values(row));
  // Audited so that sync can send the event's id: the server then stores it under the same id.
  tx.audit('dispute_event', row.id, 'create', null, row);
}

/** A new case from its terms (dispute.create and a contact logged with a dispute). */
export function createDispute(tx: CommandTx, customerId: string, terms: DisputeTerms, activityId: string | null, prefix = ''): DisputeView {
  const { sqlite, now } = tx;
  loadCustomer(sqlite, customerId);
  const field = `${prefix}items`;
  const items = loadOwedItems(sqlite, customerId, terms.items.map((item) => item.itemId), field, '.itemId');
  const currency = commonCurrency(items, field, '.itemId');
  if (currency === null) throw new DomainError('validation', 'a dispute covers at least one item', field);
  let totalMinor = 0;
  terms.items.forEach((input, index) => {
    const item = items[index];
    if (!item) return;
    requireDisputable(input.disputedMinor, item.open_minor - item.disputed_minor, currency, `${field}.${index}.disputedMinor`);
    totalMinor += input.disputedMinor;
  });
  if (terms.dueDate !== null) requireDateInWindow('disputeDue', terms.dueDate, tx.asOf, `${prefix}dueDate`);
  const owner = terms.ownerId === undefined ? tx.userId : requireUser(sqlite, terms.ownerId, `${prefix}ownerId`);

  const id = uuidv7();
  const row: DisputeRow = {
    id,
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
    created_by: tx.userId,
    created_at: now,
    updated_at: now,
    resolved_at: null,
    closed_at: null,
  };
  execute(sqlite, build.insertInto('disputes').values(row));
  terms.items.forEach((input) => {
    execute(sqlite, build.insertInto('dispute_items').values({ dispute_id: id, open_item_id: input.itemId, disputed_minor: input.disputedMinor }));
    adjustItem(tx, input.itemId, input.disputedMinor, 'dispute');
  });
  recordEvent(tx, id, null, 'new', terms.description);
  const view = toDisputeView(tx, row);
  tx.audit('dispute', id, 'create', null, { ...row, items: view.items });
  tx.touch(customerId);
  return view;
}

export const createDisputeCommand: Command<typeof DisputeCreateSchema, DisputeView> = {
  name: 'dispute.create',
  input: DisputeCreateSchema,
  apply: (tx, input) => createDispute(tx, input.customerId, input, null),
};

/** Reserves the case's amounts again on reopening, shrinking them to what the items still allow. */
function reserveAgain(tx: CommandTx, dispute: DisputeRow): number {
  let totalMinor = 0;
  for (const item of itemsOf(tx, dispute.id)) {
    const amounts = itemAmounts(tx, item.open_item_id);
    const available = amounts ? Math.max(0, amounts.open_minor - amounts.disputed_minor) : 0;
    const reserved = Math.min(item.disputed_minor, available);
    if (reserved === 0) {
      execute(tx.sqlite, build.deleteFrom('dispute_items').where('dispute_id', '=', dispute.id).where('open_item_id', '=', item.open_item_id));
    } else if (reserved !== item.disputed_minor) {
      execute(tx.sqlite, build.updateTable('dispute_items').set({ disputed_minor: reserved }).where('dispute_id', '=', dispute.id).where('open_item_id', '=', item.open_item_id));
    }
    adjustItem(tx, item.open_item_id, reserved, 'dispute');
    totalMinor += reserved;
  }
  if (totalMinor === 0) throw new DomainError('conflict', 'none of the disputed items is still open, so the case cannot be reopened', 'action');
  return totalMinor;
}

function release(tx: CommandTx, dispute: DisputeRow): void {
  for (const item of itemsOf(tx, dispute.id)) adjustItem(tx, item.open_item_id, -item.disputed_minor, 'release_dispute');
}

export const transitionDisputeCommand: Command<typeof DisputeTransitionSchema, DisputeView> = {
  name: 'dispute.transition',
  input: DisputeTransitionSchema,
  apply(tx, input) {
    const before = load(tx, input.disputeId);
    if (input.action !== 'resolve' && (input.resolution !== undefined || input.rootCause !== undefined)) {
      throw new DomainError('validation', 'a resolution and a root cause are recorded only when resolving', input.resolution !== undefined ? 'resolution' : 'rootCause');
    }
    if (input.action === 'resolve' && input.resolution !== undefined && input.rootCause === undefined) {
      throw new DomainError('validation', 'resolving a dispute needs a root cause', 'rootCause');
    }
    const resolution = input.resolution !== undefined && input.rootCause !== undefined ? { resolution: input.resolution, rootCause: input.rootCause } : undefined;
    const status = transitionDispute(before.status, input.action, resolution);

    let disputedMinor = before.disputed_minor;
    if (isOpenDispute(before.status) && !isOpenDispute(status)) release(tx, before);
    if (!isOpenDispute(before.status) && isOpenDispute(status)) disputedMinor = reserveAgain(tx, before);

    const reopened = input.action === 'reopen';
    const update = build.updateTable('disputes').set({
      status,
      disputed_minor: disputedMinor,
      resolution: reopened ? null : (resolution?.resolution ?? before.resolution),
      root_cause: reopened ? null : (resolution?.rootCause ?? before.root_cause),
      updated_at: tx.now,
      resolved_at: reopened ? null : status === 'resolved' ? tx.now : before.resolved_at,
      closed_at: reopened ? null : status === 'closed' ? tx.now : before.closed_at,
    });
    execute(tx.sqlite, update.where('id', '=', before.id));
    recordEvent(tx, before.id, before.status, status, input.comment);
    const after = load(tx, before.id);
    tx.audit('dispute', before.id, input.action, before, { ...after, comment: input.comment });
    tx.touch(before.customer_id);
    return toDisputeView(tx, after);
  },
};
