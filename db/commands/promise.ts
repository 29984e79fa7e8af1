/**
 * promise.create / promise.cancel, and the recording core that payment plans and contact.log
 * share. A new promise on the same items supersedes the open one there, answers earlier broken
 * ones and takes the next level; an item is never under two open promises.
 */
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { PromiseCancelSchema, PromiseCreateSchema, type PromiseSchema, type PromiseTermsSchema } from '../../shared/api/collector-schemas';
import { DomainError } from '../../shared/api/result';
import { compareDates } from '../../shared/domain/dates';
import { nextPromiseLevel } from '../../shared/domain/promise';
import type { Instalment } from '../../shared/domain/promise-plan';
import type { PaymentMethod } from '../../shared/domain/codes';
import type { Row } from '../schema';
import { prepared } from '../statements';
import type { Command, CommandTx } from './run-command';
import { commonCurrency, loadCustomer, loadOwedItems, type CustomerRow, type ItemRow } from './open-items';

export type PromiseView = z.output<typeof PromiseSchema>;
export type PromiseTerms = z.output<typeof PromiseTermsSchema>;
type PromiseRow = Row<'promises'>;

const SELECT = 'SELECT * FROM promises WHERE id = ?';
const ITEMS_OF = 'SELECT open_item_id AS id FROM promise_items WHERE promise_id = ? ORDER BY open_item_id';
const PLAN_OPEN = "SELECT * FROM promises WHERE plan_id = ? AND status = 'open' ORDER BY promised_date, id";
/** Open promises, and broken or partly kept ones nobody has answered with a new promise yet. */
const PENDING = "(p.status = 'open' OR (p.status IN ('broken', 'partially_kept') AND p.superseded_by IS NULL))";
const ON_ITEMS = `SELECT DISTINCT p.* FROM promise_items pi JOIN promises p ON p.id = pi.promise_id
  WHERE pi.open_item_id IN (SELECT value FROM json_each(?)) AND ${PENDING}`;
const WITHOUT_ITEMS = `SELECT p.* FROM promises p WHERE p.customer_id = ? AND p.currency = ? AND ${PENDING}
  AND NOT EXISTS (SELECT 1 FROM promise_items pi WHERE pi.promise_id = p.id)`;
const OWED = `SELECT coalesce(sum(open_minor - disputed_minor), 0) AS owed FROM open_items
  WHERE customer_id = ? AND currency = ? AND open_minor <> 0`;
const INSERT = `INSERT INTO promises (id, customer_id, activity_id, plan_id, amount_minor, currency, promised_date, payment_method, note,
    status, level, paid_minor, superseded_by, evaluated_on, created_by, created_at, updated_at)
  VALUES (@id, @customer_id, @activity_id, @plan_id, @amount_minor, @currency, @promised_date, @payment_method, @note,
    'open', @level, 0, NULL, NULL, @created_by, @created_at, @updated_at)`;
const INSERT_ITEM = 'INSERT INTO promise_items (promise_id, open_item_id) VALUES (?, ?)';
const SUPERSEDE = "UPDATE promises SET status = 'superseded', superseded_by = ?, updated_at = ? WHERE id = ?";
const ANSWER = 'UPDATE promises SET superseded_by = ?, updated_at = ? WHERE id = ?';
const CANCEL = "UPDATE promises SET status = 'cancelled', updated_at = ? WHERE id = ?";

export const promiseItemIds = (tx: Pick<CommandTx, 'sqlite'>, promiseId: string): string[] =>
  prepared<[string], { id: string }>(tx.sqlite, ITEMS_OF).all(promiseId).map((row) => row.id);

export const toPromiseView = (row: PromiseRow, itemIds: string[], supersededIds: string[] = []): PromiseView => ({
  id: row.id,
  customerId: row.customer_id,
  planId: row.plan_id,
  amountMinor: row.amount_minor,
  currency: row.currency,
  promisedDate: row.promised_date,
  paymentMethod: row.payment_method,
  note: row.note,
  status: row.status,
  level: row.level,
  paidMinor: row.paid_minor,
  itemIds,
  supersededIds,
});

/** Everything a promise or a plan needs once its input has been checked against the data. */
export interface PromiseDraft {
  readonly customer: CustomerRow;
  readonly currency: string;
  readonly items: readonly ItemRow[];
  readonly instalments: readonly Instalment[];
  readonly paymentMethod: PaymentMethod | null;
  readonly note: string;
  readonly activityId: string | null;
  readonly planId: string | null;
  /** The input's item list, named in errors (`itemIds`, `promise.itemIds`). */
  readonly itemsField: string;
}

/** Checks the items and the currency; `field` names the input's item list in errors. */
export function promiseScope(tx: CommandTx, customerId: string, itemIds: readonly string[], currency: string | undefined, field: string) {
  const customer = loadCustomer(tx.sqlite, customerId);
  const items = loadOwedItems(tx.sqlite, customerId, itemIds, field);
  const itemCurrency = commonCurrency(items, field);
  if (currency !== undefined && itemCurrency !== null && currency !== itemCurrency) {
    throw new DomainError('validation', `the items are in ${itemCurrency}, not ${currency}`, 'currency');
  }
  const scopeCurrency = itemCurrency ?? currency ?? customer.currency;
  /** What is still owed and not disputed: on the items, or on the whole account in that currency. */
  const owedMinor =
    items.length > 0
      ? items.reduce((total, item) => total + item.open_minor - item.disputed_minor, 0)
      : (prepared<[string, string], { owed: number }>(tx.sqlite, OWED).get(customerId, scopeCurrency)?.owed ?? 0);
  return { customer, items, currency: scopeCurrency, owedMinor };
}

export function requireNotPast(tx: CommandTx, date: string, field: string): void {
  if (compareDates(date, tx.asOf) < 0) throw new DomainError('validation', `${date} lies in the past (today is ${tx.asOf})`, field);
}

/** Open promises and unanswered broken ones on the same scope; a plan counts as a whole. */
function predecessors(tx: CommandTx, draft: PromiseDraft): PromiseRow[] {
  const { sqlite } = tx;
  const direct =
    draft.items.length > 0
      ? prepared<[string], PromiseRow>(sqlite, ON_ITEMS).all(JSON.stringify(draft.items.map((item) => item.id)))
      : prepared<[string, string], PromiseRow>(sqlite, WITHOUT_ITEMS).all(draft.customer.id, draft.currency);
  const all = new Map(direct.map((row) => [row.id, row]));
  for (const row of direct) {
    if (row.plan_id === null || row.status !== 'open') continue;
    for (const instalment of prepared<[string], PromiseRow>(sqlite, PLAN_OPEN).all(row.plan_id)) all.set(instalment.id, instalment);
  }
  return [...all.values()].sort((a, b) => (a.created_at === b.created_at ? (a.id < b.id ? -1 : 1) : a.created_at < b.created_at ? -1 : 1));
}

/**
 * An open promise may be replaced only as a whole: if it also covers items the new one leaves
 * out, the new one would put an item under two promises or strand the others. Refused instead.
 */
function refusePartialOverlap(tx: CommandTx, draft: PromiseDraft, open: readonly PromiseRow[]): void {
  const covered = new Set(draft.items.map((item) => item.id));
  for (const row of open) {
    const itemsOfRow = promiseItemIds(tx, row.id);
    if (itemsOfRow.every((id) => covered.has(id))) continue;
    const index = draft.items.findIndex((item) => itemsOfRow.includes(item.id));
    throw new DomainError(
      'conflict',
      `${draft.items[index]?.document_number ?? 'an item'} is already under the open promise of ${row.promised_date}, which also covers other items; include them or cancel that promise first`,
      `${draft.itemsField}.${Math.max(0, index)}`,
    );
  }
}

/** Writes the draft's promises (one per instalment), superseding and answering their predecessors. */
export function recordPromises(tx: CommandTx, draft: PromiseDraft): PromiseView[] {
  const { sqlite, now } = tx;
  const earlier = predecessors(tx, draft);
  const open = earlier.filter((row) => row.status === 'open');
  refusePartialOverlap(tx, draft, open);
  const level = earlier.length > 0 ? nextPromiseLevel(earlier.map((row) => row.level)) : 1;

  const created = draft.instalments.map((instalment) => {
    const row = {
      id: uuidv7(),
      customer_id: draft.customer.id,
      activity_id: draft.activityId,
      plan_id: draft.planId,
      amount_minor: instalment.amountMinor,
      currency: draft.currency,
      promised_date: instalment.promisedDate,
      payment_method: draft.paymentMethod,
      note: draft.note,
      level,
      created_by: tx.userId,
      created_at: now,
      updated_at: now,
    };
    prepared(sqlite, INSERT).run(row);
    for (const item of draft.items) prepared(sqlite, INSERT_ITEM).run(row.id, item.id);
    const after = prepared<[string], PromiseRow>(sqlite, SELECT).get(row.id);
    if (!after) throw new Error(`promise ${row.id} vanished while saving`);
    tx.audit('promise', row.id, 'create', null, { ...after, item_ids: draft.items.map((item) => item.id) });
    return after;
  });

  // The first (or only) new promise is the successor every replaced one points to.
  const successor = created[0];
  if (!successor) throw new Error('a promise needs at least one instalment');
  for (const row of earlier) {
    const replaced = row.status === 'open';
    prepared(sqlite, replaced ? SUPERSEDE : ANSWER).run(successor.id, now, row.id);
    tx.audit('promise', row.id, replaced ? 'supersede' : 'answer', row, {
      ...row,
      status: replaced ? 'superseded' : row.status,
      superseded_by: successor.id,
      updated_at: now,
    });
  }
  tx.touch(draft.customer.id);
  const supersededIds = open.map((row) => row.id);
  return created.map((row) => toPromiseView(row, draft.items.map((item) => item.id), supersededIds));
}

/** A single promise from its terms (promise.create and a contact logged with a promise). */
export function createPromise(tx: CommandTx, customerId: string, terms: PromiseTerms, activityId: string | null, prefix = ''): PromiseView {
  requireNotPast(tx, terms.promisedDate, `${prefix}promisedDate`);
  const scope = promiseScope(tx, customerId, terms.itemIds, terms.currency, `${prefix}itemIds`);
  const amountMinor = terms.amountMinor ?? (scope.items.length > 0 ? scope.owedMinor : undefined);
  if (amountMinor === undefined) throw new DomainError('validation', 'give an amount or the items the promise covers', `${prefix}amountMinor`);
  if (amountMinor <= 0) throw new DomainError('validation', 'nothing undisputed is open on these items', `${prefix}itemIds`);
  if (amountMinor > scope.owedMinor) {
    throw new DomainError('validation', `the promised ${amountMinor} exceeds the ${scope.owedMinor} ${scope.currency} still owed and not disputed`, `${prefix}amountMinor`);
  }
  const [view] = recordPromises(tx, {
    customer: scope.customer,
    currency: scope.currency,
    items: scope.items,
    instalments: [{ promisedDate: terms.promisedDate, amountMinor }],
    paymentMethod: terms.paymentMethod,
    note: terms.note,
    activityId,
    planId: null,
    itemsField: `${prefix}itemIds`,
  });
  if (!view) throw new Error('promise not recorded');
  return view;
}

export const createPromiseCommand: Command<typeof PromiseCreateSchema, PromiseView> = {
  name: 'promise.create',
  input: PromiseCreateSchema,
  apply: (tx, input) => createPromise(tx, input.customerId, input, null),
};

export const cancelPromiseCommand: Command<typeof PromiseCancelSchema, PromiseView[]> = {
  name: 'promise.cancel',
  input: PromiseCancelSchema,
  apply(tx, input) {
    const { sqlite, now } = tx;
    const target = prepared<[string], PromiseRow>(sqlite, SELECT).get(input.promiseId);
    if (!target) throw new DomainError('not_found', `promise ${input.promiseId} does not exist`, 'promiseId');
    if (target.status !== 'open') throw new DomainError('conflict', `only an open promise can be cancelled; this one is ${target.status.replace('_', ' ')}`, 'promiseId');
    if (input.wholePlan && target.plan_id === null) throw new DomainError('validation', 'this promise is not part of a payment plan', 'wholePlan');
    const rows = input.wholePlan && target.plan_id !== null ? prepared<[string], PromiseRow>(sqlite, PLAN_OPEN).all(target.plan_id) : [target];
    const cancelled = rows.map((row) => {
      prepared(sqlite, CANCEL).run(now, row.id);
      const after = { ...row, status: 'cancelled' as const, updated_at: now };
      tx.audit('promise', row.id, 'cancel', row, { ...after, cancel_reason: input.reason });
      return toPromiseView(after, promiseItemIds(tx, row.id));
    });
    tx.touch(target.customer_id);
    return cancelled;
  },
};
