/**
 * dispute.create / dispute.transition. While a case is open (new, in process, escalated) its
 * amounts are reserved on the items (open_items.disputed_minor), which keeps them out of the
 * collectible balance and the chasing factors. Resolving or voiding releases them; closing a
 * resolved case changes nothing more; reopening reserves them again, as far as the items are
 * still open and not disputed by another case.
 */
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { DisputeCreateSchema, DisputeTransitionSchema, type DisputeSchema, type DisputeTermsSchema } from '../../shared/api/collector-schemas';
import { DomainError } from '../../shared/api/result';
import { allowedDisputeActions, isOpenDispute, transitionDispute, validateDisputedAmount } from '../../shared/domain/dispute';
import type { DisputeStatus } from '../../shared/domain/codes';
import type { Row } from '../schema';
import { prepared } from '../statements';
import type { Command, CommandTx } from './run-command';
import { commonCurrency, loadCustomer, loadOwedItems, requireUser } from './open-items';
import { requireNotPast } from './promise';

export type DisputeView = z.output<typeof DisputeSchema>;
export type DisputeTerms = z.output<typeof DisputeTermsSchema>;
type DisputeRow = Row<'disputes'>;
type DisputeItemRow = Row<'dispute_items'>;

const SELECT = 'SELECT * FROM disputes WHERE id = ?';
const ITEMS_OF = 'SELECT * FROM dispute_items WHERE dispute_id = ? ORDER BY open_item_id';
const ITEM_AMOUNTS = 'SELECT id, open_minor, disputed_minor FROM open_items WHERE id = ?';
const INSERT = `INSERT INTO disputes (id, customer_id, activity_id, reason_code, description, status, owner, due_date, currency, disputed_minor,
    resolution, root_cause, created_by, created_at, updated_at, resolved_at, closed_at)
  VALUES (@id, @customer_id, @activity_id, @reason_code, @description, 'new', @owner, @due_date, @currency, @disputed_minor,
    NULL, NULL, @created_by, @created_at, @updated_at, NULL, NULL)`;
const INSERT_ITEM = 'INSERT INTO dispute_items (dispute_id, open_item_id, disputed_minor) VALUES (?, ?, ?)';
const UPDATE_ITEM = 'UPDATE dispute_items SET disputed_minor = ? WHERE dispute_id = ? AND open_item_id = ?';
const DELETE_ITEM = 'DELETE FROM dispute_items WHERE dispute_id = ? AND open_item_id = ?';
const RESERVE = 'UPDATE open_items SET disputed_minor = disputed_minor + ? WHERE id = ?';
const RELEASE = 'UPDATE open_items SET disputed_minor = max(0, disputed_minor - ?) WHERE id = ?';
const EVENT = 'INSERT INTO dispute_events (id, dispute_id, from_status, to_status, comment, user_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)';
const UPDATE = `UPDATE disputes SET status = @status, disputed_minor = @disputed_minor, resolution = @resolution, root_cause = @root_cause,
  updated_at = @updated_at, resolved_at = @resolved_at, closed_at = @closed_at WHERE id = @id`;

function load(tx: CommandTx, disputeId: string): DisputeRow {
  const row = prepared<[string], DisputeRow>(tx.sqlite, SELECT).get(disputeId);
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
    items: prepared<[string], DisputeItemRow>(tx.sqlite, ITEMS_OF)
      .all(row.id)
      .map((item) => ({ itemId: item.open_item_id, disputedMinor: item.disputed_minor })),
    allowedActions: allowedDisputeActions(row.status),
  };
}

/** Moves an item's reserved amount and records the change in the audit log. */
function adjustItem(tx: CommandTx, itemId: string, deltaMinor: number, reason: string): void {
  const before = prepared<[string], { id: string; open_minor: number; disputed_minor: number }>(tx.sqlite, ITEM_AMOUNTS).get(itemId);
  if (!before || deltaMinor === 0) return;
  prepared(tx.sqlite, deltaMinor > 0 ? RESERVE : RELEASE).run(Math.abs(deltaMinor), itemId);
  const after = prepared<[string], { id: string; open_minor: number; disputed_minor: number }>(tx.sqlite, ITEM_AMOUNTS).get(itemId);
  tx.audit('open_item', itemId, reason, before, after);
}

function recordEvent(tx: CommandTx, disputeId: string, from: DisputeStatus | null, to: DisputeStatus, comment: string): void {
  prepared(tx.sqlite, EVENT).run(uuidv7(), disputeId, from, to, comment, tx.userId, tx.now);
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
    validateDisputedAmount(input.disputedMinor, item.open_minor - item.disputed_minor, `${field}.${index}.disputedMinor`);
    totalMinor += input.disputedMinor;
  });
  if (terms.dueDate !== null) requireNotPast(tx, terms.dueDate, `${prefix}dueDate`);
  const owner = terms.ownerId === undefined ? tx.userId : requireUser(sqlite, terms.ownerId, `${prefix}ownerId`);

  const id = uuidv7();
  prepared(sqlite, INSERT).run({
    id,
    customer_id: customerId,
    activity_id: activityId,
    reason_code: terms.reasonCode,
    description: terms.description,
    owner,
    due_date: terms.dueDate,
    currency,
    disputed_minor: totalMinor,
    created_by: tx.userId,
    created_at: now,
    updated_at: now,
  });
  terms.items.forEach((input) => {
    prepared(sqlite, INSERT_ITEM).run(id, input.itemId, input.disputedMinor);
    adjustItem(tx, input.itemId, input.disputedMinor, 'dispute');
  });
  recordEvent(tx, id, null, 'new', terms.description);
  const row = load(tx, id);
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
  for (const item of prepared<[string], DisputeItemRow>(tx.sqlite, ITEMS_OF).all(dispute.id)) {
    const amounts = prepared<[string], { open_minor: number; disputed_minor: number }>(tx.sqlite, ITEM_AMOUNTS).get(item.open_item_id);
    const available = amounts ? Math.max(0, amounts.open_minor - amounts.disputed_minor) : 0;
    const reserved = Math.min(item.disputed_minor, available);
    if (reserved === 0) prepared(tx.sqlite, DELETE_ITEM).run(dispute.id, item.open_item_id);
    else if (reserved !== item.disputed_minor) prepared(tx.sqlite, UPDATE_ITEM).run(reserved, dispute.id, item.open_item_id);
    adjustItem(tx, item.open_item_id, reserved, 'dispute');
    totalMinor += reserved;
  }
  if (totalMinor === 0) throw new DomainError('conflict', 'none of the disputed items is still open, so the case cannot be reopened', 'action');
  return totalMinor;
}

function release(tx: CommandTx, dispute: DisputeRow): void {
  for (const item of prepared<[string], DisputeItemRow>(tx.sqlite, ITEMS_OF).all(dispute.id)) adjustItem(tx, item.open_item_id, -item.disputed_minor, 'release_dispute');
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
    prepared(tx.sqlite, UPDATE).run({
      id: before.id,
      status,
      disputed_minor: disputedMinor,
      resolution: reopened ? null : (resolution?.resolution ?? before.resolution),
      root_cause: reopened ? null : (resolution?.rootCause ?? before.root_cause),
      updated_at: tx.now,
      resolved_at: reopened ? null : status === 'resolved' ? tx.now : before.resolved_at,
      closed_at: reopened ? null : status === 'closed' ? tx.now : before.closed_at,
    });
    recordEvent(tx, before.id, before.status, status, input.comment);
    const after = load(tx, before.id);
    tx.audit('dispute', before.id, input.action, before, { ...after, comment: input.comment });
    tx.touch(before.customer_id);
    return toDisputeView(tx, after);
  },
};
