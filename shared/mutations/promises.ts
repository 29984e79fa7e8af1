/**
 * promise.create / promise.cancel / promise.plan, and the recording core a contact logged with a
 * promise shares. A new promise on the same items (or, without items, on the same account and
 * currency) supersedes the open one there, answers earlier broken ones and takes the next level;
 * an item is never under two open promises.
 */
import type { z } from 'zod';
import { PromiseCancelSchema, PromiseCreateSchema, PromisePlanSchema, type PlanTermsSchema, type PromiseTermsSchema } from '../api/collector-schemas';
import { requireNotAboveOwed } from '../domain/amount-limits';
import { brokenPromiseFollowUpId } from '../domain/broken-promise';
import type { PaymentMethod, PromiseStatus } from '../domain/codes';
import { requireDateInWindow } from '../domain/date-bounds';
import { owedOnItems, promiseCurrency } from '../domain/owed-items';
import { nextPromiseLevel } from '../domain/promise';
import { validateInstalments, type Instalment } from '../domain/promise-plan';
import { refused, type RefusalKey } from '../i18n/refusals';
import type { SyncedRow } from '../sync/tables';
import { defineMutation, namedCustomer, type DecideContext } from './definition';
import { insertItems, insertRow, newId, rowById, rowsWhere, updateRow, type Step } from './effects';
import { owedItems, requiredCustomer, requiredRow } from './guards';
import { judgePromises } from './promise-evaluation';

export type PromiseTerms = z.output<typeof PromiseTermsSchema>;
type PromiseRow = SyncedRow<'promises'>;
type ItemRow = SyncedRow<'open_items'>;

/** A promise as its rule answers: the row, the items it covers, the open promises it replaced. */
export interface RecordedPromise {
  readonly row: PromiseRow;
  readonly itemIds: readonly string[];
  readonly supersededIds: readonly string[];
}

interface PromiseScope {
  readonly customerId: string;
  readonly items: readonly ItemRow[];
  readonly currency: string;
  /** What is still owed and not disputed: on the items, or on the whole account in that currency. */
  readonly owedMinor: number;
}

/** Checks the items and the currency; `prefix` names where the terms sit in the args. */
function* promiseScope(customerId: string, itemIds: readonly string[], requested: string | undefined, prefix: string): Step<PromiseScope> {
  const customer = yield* requiredCustomer(customerId);
  const items = yield* owedItems(customerId, itemIds, `${prefix}itemIds`);
  const currency = promiseCurrency(items, requested, customer.currency, prefix);
  if (items.length > 0) return { customerId, items, currency, owedMinor: owedOnItems(items) };
  const account = (yield* rowsWhere('open_items', { customer_id: customerId, currency })).filter((item) => item.open_minor !== 0);
  return { customerId, items, currency, owedMinor: owedOnItems(account) };
}

/** The statuses a pending promise has (the rest of the account's history is neither read nor locked). */
const PENDING_STATUSES = ['open', 'broken', 'partially_kept'];

/** Open promises, and broken or partly kept ones nobody has answered with a new promise yet. */
const isPending = (row: PromiseRow): boolean => row.status === 'open' || ((row.status === 'broken' || row.status === 'partially_kept') && row.superseded_by === null);

const byCreation = (a: PromiseRow, b: PromiseRow): number => (a.created_at === b.created_at ? (a.id < b.id ? -1 : 1) : a.created_at < b.created_at ? -1 : 1);

/** Open promises and unanswered broken ones on the same scope; a plan counts as a whole. */
function* predecessors(scope: PromiseScope): Step<PromiseRow[]> {
  let direct: PromiseRow[];
  if (scope.items.length > 0) {
    const links = yield* rowsWhere('promise_items', { open_item_id: scope.items.map((item) => item.id) });
    direct = (yield* rowsWhere('promises', { id: [...new Set(links.map((link) => link.promise_id))] }, { lock: true })).filter(isPending);
  } else {
    const candidates = (yield* rowsWhere('promises', { customer_id: scope.customerId, currency: scope.currency, status: PENDING_STATUSES }, { lock: true })).filter(isPending);
    const withItems = new Set((yield* rowsWhere('promise_items', { promise_id: candidates.map((row) => row.id) })).map((link) => link.promise_id));
    direct = candidates.filter((row) => !withItems.has(row.id));
  }
  const all = new Map(direct.map((row) => [row.id, row]));
  for (const row of direct) {
    if (row.plan_id === null || row.status !== 'open') continue;
    for (const instalment of yield* rowsWhere('promises', { plan_id: row.plan_id, status: 'open' }, { lock: true })) all.set(instalment.id, instalment);
  }
  return [...all.values()].sort(byCreation);
}

const itemIdsOf = function* (promiseId: string): Step<string[]> {
  return (yield* rowsWhere('promise_items', { promise_id: promiseId })).map((link) => link.open_item_id);
};

interface PromiseDraft extends PromiseScope {
  readonly instalments: readonly Instalment[];
  readonly paymentMethod: PaymentMethod | null;
  readonly note: string;
  readonly activityId: string | null;
  readonly planId: string | null;
  /** The args' item list, named in errors (`itemIds`, `promise.itemIds`). */
  readonly itemsField: string;
}

/** Writes one promise per instalment, superseding and answering their predecessors. */
function* recordPromises(ctx: DecideContext, draft: PromiseDraft): Step<RecordedPromise[]> {
  // Judged first, as of the user's day: one store may not have judged an open promise yet that the
  // other has found broken, and both must decide on the same verdicts. The new promise answers a
  // broken one at once, so no follow-up is opened for it.
  const pending = yield* predecessors(draft);
  const judged = yield* judgePromises(ctx, pending, { openFollowUps: false });
  const earlier = pending.map((row) => judged.rows.get(row.id) ?? row).filter(isPending);
  const open = earlier.filter((row) => row.status === 'open');
  const covered = new Set(draft.items.map((item) => item.id));
  for (const row of open) {
    // An open promise may be replaced only as a whole: else an item would be under two promises, or the others stranded.
    const itemsOfRow = yield* itemIdsOf(row.id);
    if (itemsOfRow.every((id) => covered.has(id))) continue;
    const index = draft.items.findIndex((item) => itemsOfRow.includes(item.id));
    const documentNumber = draft.items[index]?.document_number;
    const field = `${draft.itemsField}.${String(Math.max(0, index))}`;
    if (documentNumber === undefined) throw refused('conflict', { key: 'someItemUnderOtherPromise', params: { promisedDate: row.promised_date } }, field);
    throw refused('conflict', { key: 'itemUnderOtherPromise', params: { documentNumber, promisedDate: row.promised_date } }, field);
  }
  const level = earlier.length > 0 ? nextPromiseLevel(earlier.map((row) => row.level)) : 1;
  const itemIds = draft.items.map((item) => item.id);

  const created: PromiseRow[] = [];
  for (const instalment of draft.instalments) {
    const row: PromiseRow = {
      id: yield* newId('promises'),
      customer_id: draft.customerId,
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
      made_on: ctx.asOf,
      cancel_reason: null,
      created_by: ctx.userId,
      created_at: ctx.now,
      updated_at: ctx.now,
    };
    yield* insertRow('promises', draft.customerId, row, 'create');
    yield* insertItems(
      'promise_items',
      draft.customerId,
      itemIds.map((open_item_id) => ({ promise_id: row.id, open_item_id })),
    );
    created.push(row);
  }
  // The first (or only) new promise is the successor every replaced one points to.
  const successor = created[0];
  if (successor === undefined) throw new Error('a promise needs at least one instalment');
  for (const row of earlier) {
    const replaced = row.status === 'open';
    const change = replaced ? { status: 'superseded' as const, superseded_by: successor.id, updated_at: ctx.now } : { superseded_by: successor.id, updated_at: ctx.now };
    yield* updateRow('promises', row.customer_id, row.id, change, replaced ? 'supersede' : 'answer');
    if (!replaced) yield* closeBrokenPromiseFollowUp(ctx, row, successor);
  }
  const supersededIds = open.map((row) => row.id);
  return created.map((row) => ({ row, itemIds, supersededIds }));
}

/**
 * The "promise broken: call the customer" follow-up the evaluation opened for `broken` is done once a
 * new promise answers it: the call was made, and its outcome is the new promise.
 */
function* closeBrokenPromiseFollowUp(ctx: DecideContext, broken: PromiseRow, successor: PromiseRow): Step<void> {
  const followUp = yield* rowById('follow_ups', brokenPromiseFollowUpId(broken.id), { lock: true });
  if (followUp === undefined || followUp.status !== 'open') return;
  const set = { status: 'done' as const, done_at: ctx.now, done_comment: `Answered by a new promise for ${successor.promised_date}` };
  yield* updateRow('follow_ups', followUp.customer_id, followUp.id, set, 'complete');
}

/** A single promise from its terms (promise.create and a contact logged with a promise); `prefix` names the terms in errors. */
export function* createPromise(ctx: DecideContext, customerId: string, terms: PromiseTerms, activityId: string | null, prefix: string): Step<RecordedPromise> {
  requireDateInWindow('promise', terms.promisedDate, ctx.asOf, `${prefix}promisedDate`);
  const scope = yield* promiseScope(customerId, terms.itemIds, terms.currency, prefix);
  const amountMinor = terms.amountMinor ?? (scope.items.length > 0 ? scope.owedMinor : undefined);
  if (amountMinor === undefined) throw refused('validation', 'promiseNeedsAmountOrItems', `${prefix}amountMinor`);
  if (amountMinor <= 0) throw refused('validation', 'promiseNothingUndisputedOpen', `${prefix}itemIds`);
  requireNotAboveOwed('promise', amountMinor, scope.owedMinor, scope.currency, `${prefix}amountMinor`);
  const [recorded] = yield* recordPromises(ctx, {
    ...scope,
    instalments: [{ promisedDate: terms.promisedDate, amountMinor }],
    paymentMethod: terms.paymentMethod,
    note: terms.note,
    activityId,
    planId: null,
    itemsField: `${prefix}itemIds`,
  });
  if (recorded === undefined) throw new Error('promise not recorded');
  return recorded;
}

export const promiseCreate = defineMutation({
  name: 'promise.create',
  args: PromiseCreateSchema,
  customerOf: namedCustomer,
  decide: (ctx, args) => createPromise(ctx, args.customerId, args, null, ''),
});

export interface RecordedPlan {
  readonly planId: string;
  readonly totalMinor: number;
  readonly promises: readonly RecordedPromise[];
}

export type PlanTerms = z.output<typeof PlanTermsSchema>;

/** N instalment promises under one plan id (promise.plan, and a contact logged with a plan); `prefix` names the terms in errors. */
export function* recordPlan(ctx: DecideContext, customerId: string, terms: PlanTerms, activityId: string | null, prefix: string): Step<RecordedPlan> {
  const scope = yield* promiseScope(customerId, terms.itemIds, terms.currency, prefix);
  // Without a stated total, a plan over items pays off exactly what is owed on them.
  const expectedTotal = terms.totalMinor ?? (scope.items.length > 0 ? scope.owedMinor : undefined);
  const totalMinor = validateInstalments(terms.instalments, ctx.asOf, scope.currency, expectedTotal, prefix);
  requireNotAboveOwed('plan', totalMinor, scope.owedMinor, scope.currency, `${prefix}totalMinor`);
  const planId = yield* newId('plan');
  const promises = yield* recordPromises(ctx, {
    ...scope,
    instalments: terms.instalments,
    paymentMethod: terms.paymentMethod,
    note: terms.note,
    activityId,
    planId,
    itemsField: `${prefix}itemIds`,
  });
  return { planId, totalMinor, promises };
}

/** promise.plan: a payment plan on its own, superseded and cancelled as a whole. */
export const promisePlan = defineMutation({
  name: 'promise.plan',
  args: PromisePlanSchema,
  customerOf: namedCustomer,
  decide: (ctx, args) => recordPlan(ctx, args.customerId, args, null, ''),
});

/** Why a promise that is no longer open cannot be cancelled, by what it is now. */
const NOT_OPEN: Readonly<Record<Exclude<PromiseStatus, 'open'>, RefusalKey>> = {
  kept: 'promiseAlreadyKept',
  partially_kept: 'promiseAlreadyPartiallyKept',
  broken: 'promiseAlreadyBroken',
  cancelled: 'promiseAlreadyCancelled',
  superseded: 'promiseAlreadySuperseded',
};

export const promiseCancel = defineMutation({
  name: 'promise.cancel',
  args: PromiseCancelSchema,
  *customerOf(args) {
    return (yield* requiredRow('promises', args.promiseId, 'promiseNotFound', 'promiseId')).customer_id;
  },
  *decide(ctx, args): Step<RecordedPromise[]> {
    const found = yield* requiredRow('promises', args.promiseId, 'promiseNotFound', 'promiseId', { lock: true });
    // Whether it is still open is judged as of the user's day, the same in either store.
    const target = (yield* judgePromises(ctx, [found], { openFollowUps: false })).rows.get(found.id) ?? found;
    if (target.status !== 'open') throw refused('conflict', NOT_OPEN[target.status], 'promiseId');
    if (args.wholePlan && target.plan_id === null) throw refused('validation', 'promiseNotInPlan', 'wholePlan');
    const rows = args.wholePlan && target.plan_id !== null ? yield* rowsWhere('promises', { plan_id: target.plan_id, status: 'open' }, { lock: true }) : [target];
    const cancelled: RecordedPromise[] = [];
    for (const row of [...rows].sort((a, b) => (a.promised_date === b.promised_date ? (a.id < b.id ? -1 : 1) : a.promised_date < b.promised_date ? -1 : 1))) {
      const set = { status: 'cancelled' as const, cancel_reason: args.reason, updated_at: ctx.now };
      yield* updateRow('promises', row.customer_id, row.id, set, 'cancel');
      cancelled.push({ row: { ...row, ...set }, itemIds: yield* itemIdsOf(row.id), supersededIds: [] });
    }
    return cancelled;
  },
});
