/**
 * promise.create / promise.cancel, and the recording core that payment plans and contact.log
 * share. A new promise on the same items supersedes the open one there, answers earlier broken
 * ones and takes the next level; an item is never under two open promises.
 */
import { sql, type ExpressionBuilder } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { PromiseCancelSchema, PromiseCreateSchema, type PromiseSchema, type PromiseTermsSchema } from '../../shared/api/collector-schemas';
import { DomainError } from '../../shared/api/result';
import { nextPromiseLevel } from '../../shared/domain/promise';
import type { Instalment } from '../../shared/domain/promise-plan';
import type { PaymentMethod } from '../../shared/domain/codes';
import type { Database, Row } from '../schema';
import { build, execute, selectAll, selectFirst } from '../typed-sql';
import type { Command, CommandTx } from './run-command';
import { owedOnItems, promiseCurrency } from '../../shared/domain/owed-items';
import { jsonIds, loadCustomer, loadOwedItems, type CustomerRow, type ItemRow } from './open-items';
import { requireDateInWindow } from '../../shared/domain/date-bounds';
import { requireNotAboveOwed } from '../../shared/domain/amount-limits';

export type PromiseView = z.output<typeof PromiseSchema>;
export type PromiseTerms = z.output<typeof PromiseTermsSchema>;
type PromiseRow = Row<'promises'>;

const selectPromise = (tx: Pick<CommandTx, 'sqlite'>, id: string): PromiseRow | undefined =>
  selectFirst(tx.sqlite, build.selectFrom('promises').selectAll().where('id', '=', id));

const openOfPlan = (tx: CommandTx, planId: string): PromiseRow[] =>
  selectAll(tx.sqlite, build.selectFrom('promises').selectAll().where('plan_id', '=', planId).where('status', '=', 'open').orderBy('promised_date').orderBy('id'));

/** Open promises, and broken or partly kept ones nobody has answered with a new promise yet. */
const pending = (eb: ExpressionBuilder<Database & { p: Database['promises'] }, 'p'>) =>
  eb.or([eb('p.status', '=', 'open'), eb.and([eb('p.status', 'in', ['broken', 'partially_kept']), eb('p.superseded_by', 'is', null)])]);

export const promiseItemIds = (tx: Pick<CommandTx, 'sqlite'>, promiseId: string): string[] =>
  selectAll(tx.sqlite, build.selectFrom('promise_items').select('open_item_id').where('promise_id', '=', promiseId).orderBy('open_item_id')).map((row) => row.open_item_id);

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
export function promiseScope(tx: CommandTx, customerId: string, itemIds: readonly string[], currency: string | undefined, prefix: string) {
  const customer = loadCustomer(tx.sqlite, customerId);
  const items = loadOwedItems(tx.sqlite, customerId, itemIds, `${prefix}itemIds`);
  const scopeCurrency = promiseCurrency(items, currency, customer.currency, prefix);
  /** What is still owed and not disputed: on the items, or on the whole account in that currency. */
  const owedMinor =
    items.length > 0
      ? owedOnItems(items)
      : (selectFirst(
          tx.sqlite,
          build
            .selectFrom('open_items')
            .select(sql<number>`coalesce(sum(open_minor - disputed_minor), 0)`.as('owed'))
            .where('customer_id', '=', customerId)
            .where('currency', '=', scopeCurrency)
            // A literal, so SQLite can read the partial covering index open_items_customer_open.
            .where(sql<boolean>`open_minor <> 0`),
        )?.owed ?? 0);
  return { customer, items, currency: scopeCurrency, owedMinor };
}

/** Open promises and unanswered broken ones on the same scope; a plan counts as a whole. */
function predecessors(tx: CommandTx, draft: PromiseDraft): PromiseRow[] {
  const { sqlite } = tx;
  const direct =
    draft.items.length > 0
      ? selectAll(
          sqlite,
          build
            .selectFrom('promise_items as pi')
            .innerJoin('promises as p', 'p.id', 'pi.promise_id')
            .selectAll('p')
            .distinct()
            .where('pi.open_item_id', 'in', jsonIds(draft.items.map((item) => item.id)))
            .where(pending),
        )
      : selectAll(
          sqlite,
          build
            .selectFrom('promises as p')
            .selectAll('p')
            .where('p.customer_id', '=', draft.customer.id)
            .where('p.currency', '=', draft.currency)
            .where(pending)
            .where((eb) => eb.not(eb.exists(eb.selectFrom('promise_items as pi').select('pi.promise_id').whereRef('pi.promise_id', '=', 'p.id')))),
        );
  const all = new Map(direct.map((row) => [row.id, row]));
  for (const row of direct) {
    if (row.plan_id === null || row.status !== 'open') continue;
    for (const instalment of openOfPlan(tx, row.plan_id)) all.set(instalment.id, instalment);
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
    const row: PromiseRow = {
      id: uuidv7(),
      customer_id: draft.customer.id,
      activity_id: draft.activityId,
      plan_id: draft.planId,
      amount_minor: instalment.amountMinor,
      currency: draft.currency,
      promised_date: instalment.promisedDate,
      payment_method: draft.paymentMethod,
      note: draft.note,
      status: 'open',
      level,
      paid_minor: 0,
      superseded_by: null,
      evaluated_on: null,
      cancel_reason: null,
      created_by: tx.userId,
      created_at: now,
      updated_at: now,
    };
    execute(sqlite, build.insertInto('promises').values(row));
    if (draft.items.length > 0) execute(sqlite, build.insertInto('promise_items').values(draft.items.map((item) => ({ promise_id: row.id, open_item_id: item.id }))));
    const after = selectPromise(tx, row.id);
    if (!after) throw new Error(`promise ${row.id} vanished while saving`);
    tx.audit('promise', row.id, 'create', null, { ...after, item_ids: draft.items.map((item) => item.id) });
    return after;
  });

  // The first (or only) new promise is the successor every replaced one points to.
  const successor = created[0];
  if (!successor) throw new Error('a promise needs at least one instalment');
  for (const row of earlier) {
    const replaced = row.status === 'open';
    const change = replaced ? { status: 'superseded' as const, superseded_by: successor.id, updated_at: now } : { superseded_by: successor.id, updated_at: now };
    execute(sqlite, build.updateTable('promises').set(change).where('id', '=', row.id));
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
  requireDateInWindow('promise', terms.promisedDate, tx.asOf, `${prefix}promisedDate`);
  const scope = promiseScope(tx, customerId, terms.itemIds, terms.currency, prefix);
  const amountMinor = terms.amountMinor ?? (scope.items.length > 0 ? scope.owedMinor : undefined);
  if (amountMinor === undefined) throw new DomainError('validation', 'give an amount or the items the promise covers', `${prefix}amountMinor`);
  if (amountMinor <= 0) throw new DomainError('validation', 'nothing undisputed is open on these items', `${prefix}itemIds`);
  requireNotAboveOwed('promise', amountMinor, scope.owedMinor, scope.currency, `${prefix}amountMinor`);
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
    const target = selectPromise(tx, input.promiseId);
    if (!target) throw new DomainError('not_found', `promise ${input.promiseId} does not exist`, 'promiseId');
    if (target.status !== 'open') throw new DomainError('conflict', `only an open promise can be cancelled; this one is ${target.status.replace('_', ' ')}`, 'promiseId');
    if (input.wholePlan && target.plan_id === null) throw new DomainError('validation', 'this promise is not part of a payment plan', 'wholePlan');
    const rows = input.wholePlan && target.plan_id !== null ? openOfPlan(tx, target.plan_id) : [target];
    const cancelled = rows.map((row) => {
      execute(sqlite, build.updateTable('promises').set({ status: 'cancelled', cancel_reason: input.reason, updated_at: now }).where('id', '=', row.id));
      const after = { ...row, status: 'cancelled' as const, cancel_reason: input.reason, updated_at: now };
      tx.audit('promise', row.id, 'cancel', row, after);
      return toPromiseView(after, promiseItemIds(tx, row.id));
    });
    tx.touch(target.customer_id);
    return cancelled;
  },
};
