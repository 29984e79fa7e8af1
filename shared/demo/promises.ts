/** Promises to pay, each with the payments and clearings that decided its status. */
import type { PromiseStatus } from '../domain/codes';
import { isoDate, isoTimestamp, msOf, workday } from './calendar';
import { OUTCOME_NOTES } from './catalog';
import {
  addActivity,
  fillTemplate,
  money,
  officeTime,
  PAYMENT_METHOD_WEIGHTS,
  personOf,
  pickContact,
  type CustomerState,
  type GenContext,
  type ItemState,
} from './context';
import { addClearedInvoice, isOverdueInvoice, payInFull, payPart } from './portfolio';
import { addFollowUp } from './tasks';

type Episode = 'kept' | 'partially_kept' | 'broken' | 'recent_broken' | 'cancelled' | 'chain' | 'open' | 'open_due_soon';

const EPISODE_WEIGHTS: readonly (readonly [Episode, number])[] = [
  ['kept', 30],
  ['partially_kept', 10],
  ['broken', 16],
  ['recent_broken', 5],
  ['cancelled', 6],
  ['chain', 8],
  ['open', 14],
  ['open_due_soon', 4],
];

const sum = (items: readonly ItemState[]): number => items.reduce((total, item) => total + item.row.open_minor, 0);

/** Up to `max` free overdue invoices in the customer's currency, due before `dueBefore` so the story fits before today. */
function takeOverdue(ctx: GenContext, customer: CustomerState, max: number, dueBefore: number): ItemState[] {
  const candidates = customer.items.filter((item) => isOverdueInvoice(ctx, item) && item.row.currency === customer.currency && item.dueDay < dueBefore);
  ctx.rng.shuffle(candidates);
  return candidates.slice(0, ctx.rng.int(1, max));
}

interface PromiseSpec {
  createdAt: number;
  amountMinor: number;
  currency: string;
  promisedDay: number;
  status: PromiseStatus;
  level: number;
  paidMinor: number;
  supersededBy: string | null;
  evaluatedDay: number | null;
  updatedAt: number;
  items: readonly ItemState[];
}

function addPromise(ctx: GenContext, customer: CustomerState, spec: PromiseSpec): string {
  const { rng } = ctx;
  const docs = spec.items.map((item) => item.row.document_number).join(', ');
  const contact = pickContact(ctx, customer);
  const note = fillTemplate(rng.pick(OUTCOME_NOTES.promise_to_pay), {
    person: personOf(contact),
    doc: docs,
    amount: money(spec.amountMinor, spec.currency),
    date: isoDate(spec.promisedDay),
  });
  const activityId = addActivity(ctx, customer, {
    at: spec.createdAt,
    channel: rng.chance(0.75) ? 'phone' : 'email',
    direction: rng.chance(0.8) ? 'outbound' : 'inbound',
    outcome: 'promise_to_pay',
    note,
    durationSeconds: rng.int(120, 600),
    followUpDay: null,
    userId: ctx.users.me,
    contact,
  });
  const id = ctx.id(spec.createdAt);
  ctx.rows.promises.push({
    id,
    customer_id: customer.id,
    activity_id: activityId,
    plan_id: null,
    amount_minor: spec.amountMinor,
    currency: spec.currency,
    promised_date: isoDate(spec.promisedDay),
    payment_method: rng.weighted(PAYMENT_METHOD_WEIGHTS),
    note,
    status: spec.status,
    level: spec.level,
    paid_minor: spec.paidMinor,
    superseded_by: spec.supersededBy,
    evaluated_on: spec.evaluatedDay === null ? null : isoDate(spec.evaluatedDay),
    made_on: isoTimestamp(spec.createdAt).slice(0, 10),
    created_by: ctx.users.me,
    created_at: isoTimestamp(spec.createdAt),
    updated_at: isoTimestamp(spec.updatedAt),
  });
  for (const item of spec.items) ctx.rows.promise_items.push({ promise_id: id, open_item_id: item.row.id });
  return id;
}

function brokenPromise(ctx: GenContext, customer: CustomerState, recent: boolean, level: number): { evaluatedDay: number; items: ItemState[] } | null {
  const { rng, asOfDay } = ctx;
  const items = takeOverdue(ctx, customer, 2, asOfDay - (recent ? 8 : 18));
  if (items.length === 0) return null;
  const earliest = Math.max(...items.map((item) => item.dueDay)) + 1;
  const latest = asOfDay - 7;
  const from = recent ? Math.max(earliest, asOfDay - 12) : Math.max(earliest, asOfDay - 240);
  if (from > latest) return null;
  const createdDay = rng.int(from, recent ? latest : Math.max(from, latest - 10));
  const promisedDay = createdDay + rng.int(2, 3);
  const evaluatedDay = promisedDay + 3;
  const createdAt = officeTime(ctx, createdDay);
  addPromise(ctx, customer, {
    createdAt,
    amountMinor: sum(items),
    currency: customer.currency,
    promisedDay,
    status: 'broken',
    level,
    paidMinor: 0,
    supersededBy: null,
    evaluatedDay,
    updatedAt: msOf(evaluatedDay, 1),
    items,
  });
  addFollowUp(ctx, customer, evaluatedDay, 'Promise broken: call the customer', msOf(evaluatedDay, 7 * 60), evaluatedDay >= asOfDay - 10);
  return { evaluatedDay, items };
}

function promiseEpisode(ctx: GenContext, customer: CustomerState, episode: Episode): void {
  const { rng, asOfDay } = ctx;
  switch (episode) {
    case 'kept': {
      const createdDay = asOfDay - rng.int(10, 300);
      const promisedDay = Math.min(asOfDay - 2, createdDay + rng.int(3, 14));
      const payDay = rng.int(createdDay, promisedDay);
      const docDay = workday(createdDay - customer.termsDays - rng.int(5, 60));
      const items = Array.from({ length: rng.int(1, 2) }, () => addClearedInvoice(ctx, customer, docDay, payDay));
      const amount = items.reduce((total, item) => total + item.row.original_minor, 0);
      payInFull(ctx, customer, items, payDay);
      addPromise(ctx, customer, {
        createdAt: officeTime(ctx, createdDay),
        amountMinor: amount,
        currency: customer.currency,
        promisedDay,
        status: 'kept',
        level: 1,
        paidMinor: amount,
        supersededBy: null,
        evaluatedDay: payDay,
        updatedAt: msOf(payDay, 1_000),
        items,
      });
      return;
    }
    case 'partially_kept': {
      const item = takeOverdue(ctx, customer, 1, asOfDay - 9)[0];
      if (item === undefined || item.row.open_minor < 2_000) return;
      const from = Math.max(item.dueDay + 1, asOfDay - 200);
      if (from > asOfDay - 8) return;
      const createdDay = rng.int(from, asOfDay - 8);
      const promisedDay = createdDay + rng.int(2, 4);
      const amount = item.row.open_minor;
      const paid = payPart(ctx, customer, item, 0.3 + rng.float() * 0.4, rng.int(createdDay, promisedDay));
      addPromise(ctx, customer, {
        createdAt: officeTime(ctx, createdDay),
        amountMinor: amount,
        currency: customer.currency,
        promisedDay,
        status: paid > 0 ? 'partially_kept' : 'broken',
        level: 1,
        paidMinor: paid,
        supersededBy: null,
        evaluatedDay: promisedDay + 3,
        updatedAt: msOf(promisedDay + 3, 1),
        items: [item],
      });
      return;
    }
    case 'broken':
    case 'recent_broken':
      brokenPromise(ctx, customer, episode === 'recent_broken', 1);
      return;
    case 'cancelled': {
      const items = takeOverdue(ctx, customer, 1, asOfDay - 4);
      const item = items[0];
      if (item === undefined) return;
      const from = Math.max(item.dueDay + 1, asOfDay - 150);
      if (from > asOfDay - 3) return;
      const createdDay = rng.int(from, asOfDay - 3);
      const createdAt = officeTime(ctx, createdDay);
      addPromise(ctx, customer, {
        createdAt,
        amountMinor: sum(items),
        currency: customer.currency,
        promisedDay: createdDay + rng.int(5, 20),
        status: 'cancelled',
        level: 1,
        paidMinor: 0,
        supersededBy: null,
        evaluatedDay: null,
        updatedAt: createdAt + rng.int(1, 48) * 3_600_000,
        items,
      });
      return;
    }
    case 'chain': {
      // Broken (level 1), then a new promise (level 2) that a later call replaced with an open one.
      const first = brokenPromise(ctx, customer, false, 1);
      if (first === null) return;
      const secondDay = first.evaluatedDay + rng.int(1, 5);
      const thirdDay = secondDay + rng.int(1, 6);
      if (thirdDay > asOfDay - 1) return;
      const secondCreated = officeTime(ctx, secondDay);
      const thirdCreated = officeTime(ctx, thirdDay);
      const amount = sum(first.items);
      const thirdId = addPromise(ctx, customer, {
        createdAt: thirdCreated,
        amountMinor: amount,
        currency: customer.currency,
        promisedDay: Math.max(thirdDay + 2, asOfDay + rng.int(-1, 14)),
        status: 'open',
        level: 2,
        paidMinor: 0,
        supersededBy: null,
        evaluatedDay: null,
        updatedAt: thirdCreated,
        items: first.items,
      });
      addPromise(ctx, customer, {
        createdAt: secondCreated,
        amountMinor: amount,
        currency: customer.currency,
        promisedDay: secondDay + rng.int(7, 14),
        status: 'superseded',
        level: 2,
        paidMinor: 0,
        supersededBy: thirdId,
        evaluatedDay: null,
        updatedAt: thirdCreated,
        items: first.items,
      });
      for (const item of first.items) item.promised = true;
      return;
    }
    case 'open':
    case 'open_due_soon': {
      const items = takeOverdue(ctx, customer, 3, asOfDay - 2);
      if (items.length === 0) return;
      const createdDay = Math.max(Math.max(...items.map((item) => item.dueDay)) + 1, asOfDay - rng.int(1, 10));
      if (createdDay > asOfDay - 1) return;
      const promisedDay = episode === 'open_due_soon' ? asOfDay + rng.int(0, 1) : Math.max(createdDay + 1, asOfDay + rng.int(-2, 21));
      const createdAt = officeTime(ctx, createdDay);
      addPromise(ctx, customer, {
        createdAt,
        amountMinor: sum(items),
        currency: customer.currency,
        promisedDay,
        status: 'open',
        level: 1,
        paidMinor: 0,
        supersededBy: null,
        evaluatedDay: null,
        updatedAt: createdAt,
        items,
      });
      for (const item of items) item.promised = true;
      return;
    }
  }
}

/** Forced episodes for the first customers, so every worklist filter finds something at any seed. */
const FORCED_EPISODES: Readonly<Record<number, Episode>> = { 1: 'recent_broken', 2: 'recent_broken', 3: 'open_due_soon', 4: 'open_due_soon', 8: 'chain' };

export function addPromises(ctx: GenContext, customer: CustomerState, count: number): void {
  const forced = FORCED_EPISODES[customer.index];
  if (forced !== undefined) promiseEpisode(ctx, customer, forced);
  for (let k = 0; k < count; k++) promiseEpisode(ctx, customer, ctx.rng.weighted(EPISODE_WEIGHTS));
}
