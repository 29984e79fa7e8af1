/**
 * Judging promises from the money received, as one rule both stores run: kept, partly kept and
 * broken are written as row changes like any other, so the server's verdicts travel to every
 * client. The server runs `evaluateOpenPromises` daily and after each import of payments, opening
 * the broken-promise follow-up; a desktop runs it on its own day change without follow-ups (its
 * verdicts are provisional until the server's arrive, docs/SYNC.md); and a new promise or a cancel
 * first judges the promises it would replace (`judgePromises`), so both sides decide it on the
 * same verdicts.
 */
import { brokenPromiseFollowUpAssignee, brokenPromiseFollowUpId, brokenPromiseFollowUpTitle } from '../domain/broken-promise';
import type { PromiseStatus } from '../domain/codes';
import { isCalendarDate } from '../domain/dates';
import { evaluatePromise, type CountingPayment, type PromiseEvaluation, type PromiseRules } from '../domain/promise';
import { evaluatePlan } from '../domain/promise-plan';
import type { SyncedRow } from '../sync/tables';
import { insertRow, rowById, rowsWhere, updateRow, type Step } from './effects';

type PromiseRow = SyncedRow<'promises'>;

export interface JudgeContext {
  /** The day the promises are judged as of. */
  readonly asOf: string;
  /** Timestamp of the rows written. */
  readonly now: string;
  readonly promiseRules: PromiseRules;
}

export interface PromiseEvaluationRun {
  readonly asOf: string;
  readonly evaluated: number;
  readonly kept: number;
  readonly partiallyKept: number;
  readonly broken: number;
  readonly followUpsCreated: number;
}

/** The action an evaluation's writes are audited with; not a creating action, so no client id travels for its follow-up. */
const EVALUATE = 'evaluate';

function addTo<K, V>(groups: Map<K, V[]>, key: K, value: V): void {
  const list = groups.get(key);
  if (list) list.push(value);
  else groups.set(key, [value]);
}

const byDate = (a: PromiseRow, b: PromiseRow): number =>
  a.promised_date === b.promised_date ? (a.id < b.id ? -1 : 1) : a.promised_date < b.promised_date ? -1 : 1;

/** What counts towards each promise: clearings by a payment of its items, else the account's payments. */
function* moneyOf(promises: readonly PromiseRow[]): Step<(row: PromiseRow) => readonly CountingPayment[]> {
  const itemsOf = new Map<string, string[]>();
  for (const link of yield* rowsWhere('promise_items', { promise_id: promises.map((row) => row.id) })) addTo(itemsOf, link.promise_id, link.open_item_id);
  const clearings = new Map<string, CountingPayment[]>();
  const itemIds = [...new Set([...itemsOf.values()].flat())];
  for (const clearing of yield* rowsWhere('clearings', { open_item_id: itemIds })) {
    // A credit memo set against the item is not the customer paying.
    if (clearing.payment_id === null) continue;
    addTo(clearings, clearing.open_item_id, { amountMinor: clearing.amount_minor, currency: clearing.currency, valueDate: clearing.cleared_on });
  }
  const accounts = [...new Set(promises.filter((row) => !itemsOf.has(row.id)).map((row) => row.customer_id))];
  const payments = new Map<string, CountingPayment[]>();
  for (const payment of yield* rowsWhere('payments', { customer_id: accounts })) {
    addTo(payments, payment.customer_id, { amountMinor: payment.amount_minor, currency: payment.currency, valueDate: payment.value_date });
  }
  return (row) => {
    const items = itemsOf.get(row.id);
    return items === undefined ? (payments.get(row.customer_id) ?? []) : items.flatMap((item) => clearings.get(item) ?? []);
  };
}

/**
 * A promise whose date is no calendar day (a damaged row) has no deadline: it is not judged, and
 * stays as it is for a person to cancel, rather than failing everything around it.
 */
const judgeable = (row: PromiseRow): boolean => isCalendarDate(row.promised_date);

/** The verdict of every open promise among `open`; an instalment is judged with its whole plan. */
function* verdictsOf(ctx: JudgeContext, open: readonly PromiseRow[]): Step<[PromiseRow, PromiseEvaluation][]> {
  const single = open.filter((row) => row.plan_id === null && row.status === 'open' && judgeable(row));
  const planIds = [...new Set(open.flatMap((row) => (row.plan_id === null || row.status !== 'open' ? [] : [row.plan_id])))];
  const plans = new Map<string, PromiseRow[]>();
  for (const row of yield* rowsWhere('promises', { plan_id: planIds }, { lock: true })) if (row.plan_id !== null) addTo(plans, row.plan_id, row);
  const judged = [...single, ...[...plans.values()].flat()];
  const money = yield* moneyOf(judged);

  const verdicts: [PromiseRow, PromiseEvaluation][] = single.map((row) => [
    row,
    evaluatePromise(
      { amountMinor: row.amount_minor, currency: row.currency, promisedDate: row.promised_date, createdAt: row.created_at, madeOn: row.made_on, status: row.status },
      money(row),
      ctx.asOf,
      ctx.promiseRules,
    ),
  ]);
  for (const rows of plans.values()) {
    if (!rows.every(judgeable)) continue;
    const instalments = [...rows].sort(byDate);
    const first = instalments[0];
    if (first === undefined) continue;
    const createdAt = instalments.reduce((earliest, row) => (row.created_at < earliest ? row.created_at : earliest), first.created_at);
    // Instalments are made together, on one day; one without it (made before the column) leaves the plan to createdAt.
    const days = instalments.flatMap((row) => (row.made_on === null || !isCalendarDate(row.made_on) ? [] : [row.made_on]));
    const madeOn = days.length === instalments.length ? [...days].sort()[0] : null;
    const results = evaluatePlan(
      { currency: first.currency, createdAt, madeOn, instalments: instalments.map((row) => ({ promisedDate: row.promised_date, amountMinor: row.amount_minor, status: row.status })) },
      money(first),
      ctx.asOf,
      ctx.promiseRules,
    );
    instalments.forEach((row, index) => {
      const result = results[index];
      if (result !== undefined && row.status === 'open') verdicts.push([row, result]);
    });
  }
  return verdicts;
}

/** Opens the follow-up of a promise found broken, once: its id is derived from the promise. */
function* openBrokenFollowUp(ctx: JudgeContext, row: PromiseRow): Step<boolean> {
  const id = brokenPromiseFollowUpId(row.id);
  if ((yield* rowById('follow_ups', id)) !== undefined) return false;
  const customer = yield* rowById('customers', row.customer_id);
  yield* insertRow(
    'follow_ups',
    row.customer_id,
    {
      id,
      customer_id: row.customer_id,
      open_item_id: null,
      activity_id: null,
      due_date: ctx.asOf,
      title: brokenPromiseFollowUpTitle(row.promised_date),
      status: 'open',
      assigned_to: brokenPromiseFollowUpAssignee(row.created_by, customer?.collector_id ?? null),
      created_by: null,
      created_at: ctx.now,
      done_at: null,
      done_comment: null,
    },
    EVALUATE,
  );
  return true;
}

export interface JudgeOptions {
  /** Open the follow-up of each promise found broken (the server's evaluation does; a rule that answers the promise at once does not). */
  readonly openFollowUps: boolean;
}

export interface Judged {
  /** The promises as they are now, by id (those that changed, with their new status). */
  readonly rows: ReadonlyMap<string, PromiseRow>;
  readonly counts: Readonly<Record<PromiseStatus, number>>;
  readonly followUpsCreated: number;
  readonly evaluated: number;
}

/** Judges the open promises among `open` as of the context's day and writes the verdicts that changed. */
export function* judgePromises(ctx: JudgeContext, open: readonly PromiseRow[], options: JudgeOptions): Step<Judged> {
  const rows = new Map(open.map((row) => [row.id, row]));
  const counts: Record<PromiseStatus, number> = { open: 0, kept: 0, partially_kept: 0, broken: 0, cancelled: 0, superseded: 0 };
  let followUpsCreated = 0;
  const verdicts = yield* verdictsOf(ctx, open);
  for (const [row, verdict] of verdicts) {
    if (verdict.status === row.status && verdict.paidMinor === row.paid_minor) continue;
    const set = { status: verdict.status, paid_minor: verdict.paidMinor, evaluated_on: ctx.asOf, updated_at: ctx.now };
    yield* updateRow('promises', row.customer_id, row.id, set, EVALUATE);
    rows.set(row.id, { ...row, ...set });
    // Money towards a promise that stays open is no new verdict.
    if (verdict.status === row.status) continue;
    counts[verdict.status] += 1;
    if (verdict.status === 'broken' && options.openFollowUps && (yield* openBrokenFollowUp(ctx, row))) followUpsCreated += 1;
  }
  return { rows, counts, followUpsCreated, evaluated: verdicts.length };
}

/** Judges every open promise, or those of the given customers, in id order (so two runs lock in one order). */
export function* evaluateOpenPromises(ctx: JudgeContext, options: JudgeOptions, customerIds?: readonly string[]): Step<PromiseEvaluationRun> {
  const open = yield* rowsWhere('promises', { status: 'open', ...(customerIds === undefined ? {} : { customer_id: customerIds }) }, { lock: true });
  const judged = yield* judgePromises(ctx, open, options);
  return {
    asOf: ctx.asOf,
    evaluated: judged.evaluated,
    kept: judged.counts.kept,
    partiallyKept: judged.counts.partially_kept,
    broken: judged.counts.broken,
    followUpsCreated: judged.followUpsCreated,
  };
}
