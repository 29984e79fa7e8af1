/**
 * Collector side of the demo: promises (with the payments that decide them), disputes with
 * their items and events, notes with versions, follow-ups, escalations and worklist overrides.
 */
import type { DisputeReason, DisputeResolution, DisputeStatus, EscalationKind, EscalationStatus, PromiseStatus, RootCause } from '../../shared/domain/codes';
import { DISPUTE_REASONS, ESCALATION_KINDS } from '../../shared/domain/codes';
import { isoDate, isoTimestamp, msOf, workday } from './calendar';
import { DISPUTE_EVENT_COMMENTS, DISPUTE_REASON_TEXT, ESCALATION_REASONS, FOLLOW_UP_TITLES, NOTE_EDITS, NOTE_TEXTS, OUTCOME_NOTES } from './catalog';
import {
  addActivity,
  addClearing,
  addItem,
  addPayment,
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
    created_by: ctx.users.me,
    created_at: isoTimestamp(spec.createdAt),
    updated_at: isoTimestamp(spec.updatedAt),
  });
  for (const item of spec.items) ctx.rows.promise_items.push({ promise_id: id, open_item_id: item.row.id });
  return id;
}

function addFollowUp(ctx: GenContext, customer: CustomerState, dueDay: number, title: string, createdAt: number, open: boolean): void {
  const { rng, asOfDay } = ctx;
  const doneDay = Math.min(asOfDay - 1, dueDay + rng.int(0, 2));
  const cancelled = !open && rng.chance(0.1);
  ctx.rows.follow_ups.push({
    id: ctx.id(createdAt),
    customer_id: customer.id,
    open_item_id: null,
    activity_id: null,
    due_date: isoDate(dueDay),
    title,
    status: open ? 'open' : cancelled ? 'cancelled' : 'done',
    assigned_to: ctx.users.me,
    created_by: ctx.users.me,
    created_at: isoTimestamp(createdAt),
    done_at: open ? null : isoTimestamp(Math.max(createdAt + 60_000, officeTime(ctx, doneDay))),
  });
}

/** A promise that was not paid: judged broken after the grace days, with a follow-up on that day. */
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

// ---------- disputes ----------

const STATUS_WEIGHTS: readonly (readonly [DisputeStatus, number])[] = [
  ['new', 12],
  ['in_process', 25],
  ['escalated', 8],
  ['resolved', 10],
  ['closed', 35],
  ['voided', 10],
];
const RESOLUTION_WEIGHTS: readonly (readonly [DisputeResolution, number])[] = [
  ['credit_memo_issued', 35],
  ['partially_credited', 25],
  ['customer_withdrew', 15],
  ['claim_rejected', 25],
];
const ROOT_CAUSE_WEIGHTS: readonly (readonly [RootCause, number])[] = [
  ['sales', 30],
  ['shipping', 30],
  ['billing', 25],
  ['customer_error', 15],
];
const PARTIAL_REASONS: ReadonlySet<DisputeReason> = new Set(['pricing', 'quantity_short', 'freight', 'tax', 'damaged_or_quality']);

/** The status path a case of that final status went through. */
function pathTo(ctx: GenContext, status: DisputeStatus): DisputeStatus[] {
  const { rng } = ctx;
  switch (status) {
    case 'new':
      return ['new'];
    case 'in_process':
      return ['new', 'in_process'];
    case 'escalated':
      return ['new', 'in_process', 'escalated'];
    case 'voided':
      return rng.chance(0.5) ? ['new', 'voided'] : ['new', 'in_process', 'voided'];
    case 'resolved':
    case 'closed': {
      const path: DisputeStatus[] = rng.chance(0.25) ? ['new', 'in_process', 'escalated', 'resolved'] : ['new', 'in_process', 'resolved'];
      if (rng.chance(0.12)) path.push('in_process', 'resolved');
      if (status === 'closed') path.push('closed');
      return path;
    }
  }
}

function disputeItems(ctx: GenContext, customer: CustomerState, max: number): ItemState[] {
  const candidates = customer.items.filter(
    (item) => item.row.kind === 'invoice' && item.row.open_minor > 0 && !item.promised && !item.disputed && !item.reserved && item.docDay < ctx.asOfDay - 5,
  );
  ctx.rng.shuffle(candidates);
  const first = candidates[0];
  if (first === undefined) return [];
  return candidates.filter((item) => item.row.currency === first.row.currency).slice(0, ctx.rng.int(1, max));
}

function addDispute(ctx: GenContext, customer: CustomerState, status: DisputeStatus, nearDeadline: boolean): void {
  const { rng, asOfDay } = ctx;
  const reason = rng.pick(DISPUTE_REASONS);
  const path = pathTo(ctx, status);
  const closed = status === 'closed';
  let items: ItemState[];
  let createdDay: number;
  if (closed) {
    createdDay = asOfDay - rng.int(60, 400);
    const docDay = workday(createdDay - rng.int(5, 40));
    items = [addClearedInvoice(ctx, customer, docDay, asOfDay - 1)];
  } else {
    items = disputeItems(ctx, customer, 2);
    if (items.length === 0) return;
    const open = status === 'new' || status === 'in_process' || status === 'escalated';
    const from = Math.max(...items.map((item) => item.docDay)) + 3;
    const to = asOfDay - (open ? 2 : 15);
    if (from > to) return;
    createdDay = rng.int(Math.max(from, asOfDay - (open ? 75 : 150)), to);
  }
  const first = items[0];
  if (first === undefined) return;
  const currency = first.row.currency;
  const amounts = items.map((item) => {
    const base = closed ? item.row.original_minor : item.row.open_minor;
    return PARTIAL_REASONS.has(reason) ? Math.max(1, Math.round(base * (0.1 + rng.float() * 0.4))) : base;
  });
  const disputed = amounts.reduce((total, amount) => total + amount, 0);
  const docs = items.map((item) => item.row.document_number).join(', ');
  const createdAt = officeTime(ctx, createdDay);
  const contact = pickContact(ctx, customer);
  const channel = rng.chance(0.6) ? 'email' : 'phone';

  const activityId = addActivity(ctx, customer, {
    at: createdAt,
    channel,
    direction: rng.chance(0.6) ? 'inbound' : 'outbound',
    outcome: 'dispute_raised',
    note: fillTemplate(rng.pick(OUTCOME_NOTES.dispute_raised), {
      person: personOf(contact),
      doc: docs,
      amount: money(disputed, currency),
      date: isoDate(createdDay),
      reason: DISPUTE_REASON_TEXT[reason],
    }),
    durationSeconds: channel === 'phone' ? rng.int(120, 900) : null,
    followUpDay: null,
    userId: ctx.users.me,
    contact,
  });

  const id = ctx.id(createdAt);
  let at = createdAt;
  let previous: DisputeStatus | null = null;
  let resolvedAt: number | null = null;
  for (const to of path) {
    if (previous !== null) {
      const day = Math.min(asOfDay - 1, Math.floor(at / 86_400_000) + rng.int(1, closed ? 20 : 6));
      at = Math.max(at + rng.int(5, 120) * 60_000, officeTime(ctx, day));
    }
    if (to === 'resolved') resolvedAt = at;
    ctx.rows.dispute_events.push({
      id: ctx.id(at),
      dispute_id: id,
      from_status: previous,
      to_status: to,
      comment: to === 'new' ? DISPUTE_REASON_TEXT[reason] : rng.pick(DISPUTE_EVENT_COMMENTS),
      user_id: to === 'escalated' || to === 'resolved' ? ctx.users.coordinator : ctx.users.me,
      at: isoTimestamp(at),
    });
    previous = to;
  }
  const resolved = status === 'resolved' || closed;
  const resolution = resolved ? rng.weighted(RESOLUTION_WEIGHTS) : null;
  const closedDay = Math.floor(at / 86_400_000);

  ctx.rows.disputes.push({
    id,
    customer_id: customer.id,
    activity_id: activityId,
    reason_code: reason,
    description: `${DISPUTE_REASON_TEXT[reason]} (${docs})`,
    status,
    owner: status === 'escalated' ? ctx.users.leadName : ctx.users.coordinatorName,
    due_date: isoDate(nearDeadline ? asOfDay + rng.int(0, 3) : createdDay + 30),
    currency,
    disputed_minor: disputed,
    resolution,
    root_cause: resolved ? rng.weighted(ROOT_CAUSE_WEIGHTS) : null,
    created_by: ctx.users.me,
    created_at: isoTimestamp(createdAt),
    updated_at: isoTimestamp(at),
    resolved_at: resolvedAt === null || !resolved ? null : isoTimestamp(resolvedAt),
    closed_at: closed ? isoTimestamp(at) : null,
  });
  for (const [k, item] of items.entries()) {
    const amount = amounts[k] ?? 0;
    if (amount <= 0) continue;
    ctx.rows.dispute_items.push({ dispute_id: id, open_item_id: item.row.id, disputed_minor: amount });
    if (status === 'new' || status === 'in_process' || status === 'escalated') {
      item.row.disputed_minor += amount;
      item.disputed = true;
    }
  }
  if (closed) settleClosedDispute(ctx, customer, first, disputed, resolution, closedDay);
}

/** The ERP side of a closed case: a credit memo for what was credited, a payment for the rest. */
function settleClosedDispute(ctx: GenContext, customer: CustomerState, item: ItemState, disputed: number, resolution: DisputeResolution | null, day: number): void {
  const credited = resolution === 'credit_memo_issued' ? disputed : resolution === 'partially_credited' ? Math.round(disputed / 2) : 0;
  item.row.cleared_at = isoDate(day);
  if (credited > 0) {
    const memo = addItem(ctx, customer, {
      kind: 'credit_memo',
      docDay: day,
      dueDay: day,
      currency: item.row.currency,
      originalMinor: -credited,
      openMinor: 0,
      reference: item.row.document_number,
      dunningLevel: 0,
      clearedDay: day,
    });
    addClearing(ctx, null, item.row, credited, day);
    addClearing(ctx, null, memo.row, -credited, day);
  }
  const rest = item.row.original_minor - credited;
  if (rest > 0) {
    const paymentId = addPayment(ctx, customer, {
      amountMinor: rest,
      currency: item.row.currency,
      valueDay: day,
      method: 'bank_transfer',
      reference: item.row.document_number,
    });
    addClearing(ctx, paymentId, item.row, rest, day);
  }
}

export function addDisputes(ctx: GenContext, customer: CustomerState, count: number): void {
  const forcedOpen = customer.index === 5 || customer.index === 6;
  if (forcedOpen) addDispute(ctx, customer, customer.index === 5 ? 'in_process' : 'new', true);
  for (let k = 0; k < count; k++) addDispute(ctx, customer, ctx.rng.weighted(STATUS_WEIGHTS), ctx.rng.chance(0.1));
}

// ---------- notes, follow-ups, escalations, overrides ----------

export function addNotes(ctx: GenContext, customer: CustomerState, count: number): void {
  const { rng, asOfDay } = ctx;
  for (let k = 0; k < count; k++) {
    const versions = rng.chance(0.15) ? rng.int(2, 3) : 1;
    let at = officeTime(ctx, asOfDay - rng.int(5, 500));
    const lineage = ctx.id(at);
    const item = rng.chance(0.2) && customer.items.length > 0 ? rng.pick(customer.items) : null;
    let body = rng.pick(NOTE_TEXTS);
    for (let version = 1; version <= versions; version++) {
      if (version > 1) {
        at = Math.min(at + rng.int(1, 60) * 86_400_000, msOf(asOfDay - 1, 1_000 + version));
        body += rng.pick(NOTE_EDITS);
      }
      ctx.rows.notes.push({
        id: version === 1 ? lineage : ctx.id(at),
        customer_id: customer.id,
        open_item_id: item?.row.id ?? null,
        lineage_id: lineage,
        version,
        is_current: version === versions ? 1 : 0,
        body,
        created_by: rng.chance(0.85) ? ctx.users.me : ctx.users.formerCollector,
        created_at: isoTimestamp(at),
      });
    }
  }
}

export function addFollowUps(ctx: GenContext, customer: CustomerState, forcedToday: boolean): void {
  const { rng, asOfDay } = ctx;
  const past = rng.int(0, 3);
  for (let k = 0; k < past; k++) {
    const due = asOfDay - rng.int(11, 300);
    addFollowUp(ctx, customer, due, rng.pick(FOLLOW_UP_TITLES), officeTime(ctx, due - rng.int(1, 10)), false);
  }
  if (forcedToday || rng.chance(0.08)) addFollowUp(ctx, customer, asOfDay, rng.pick(FOLLOW_UP_TITLES), officeTime(ctx, asOfDay - rng.int(1, 10)), true);
  if (rng.chance(0.08)) {
    const due = asOfDay - rng.int(1, 10);
    addFollowUp(ctx, customer, due, rng.pick(FOLLOW_UP_TITLES), officeTime(ctx, due - rng.int(1, 10)), true);
  }
  if (rng.chance(0.25)) addFollowUp(ctx, customer, asOfDay + rng.int(1, 20), rng.pick(FOLLOW_UP_TITLES), officeTime(ctx, asOfDay - rng.int(1, 10)), true);
}

const ESCALATION_STATUS_WEIGHTS: readonly (readonly [EscalationStatus, number])[] = [
  ['requested', 30],
  ['approved', 40],
  ['rejected', 20],
  ['withdrawn', 10],
];

export function addEscalation(ctx: GenContext, customer: CustomerState, kind: EscalationKind = ctx.rng.pick(ESCALATION_KINDS)): void {
  const { rng, asOfDay } = ctx;
  const status = rng.weighted(ESCALATION_STATUS_WEIGHTS);
  const requestedAt = officeTime(ctx, asOfDay - rng.int(2, 90));
  const decidedAt = Math.min(requestedAt + rng.int(2, 72) * 3_600_000, msOf(asOfDay - 1, 1_200));
  const overdue = customer.items.filter((item) => item.dueDay < asOfDay && item.row.currency === customer.currency).reduce((total, item) => total + item.row.open_minor, 0);
  const amount = kind === 'write_off' ? Math.min(Math.max(overdue, 0), 50_000) : kind === 'credit_hold' ? null : Math.max(overdue, 0);
  const decided = status === 'approved' || status === 'rejected';
  if (kind === 'credit_hold' && status === 'approved') customer.holdApproved = true;
  ctx.rows.escalations.push({
    id: ctx.id(requestedAt),
    customer_id: customer.id,
    kind,
    amount_minor: amount,
    currency: amount === null ? null : customer.currency,
    reason: ESCALATION_REASONS[kind],
    status,
    requested_by: ctx.users.me,
    requested_at: isoTimestamp(requestedAt),
    decided_by: decided ? ctx.users.lead : status === 'withdrawn' ? ctx.users.me : null,
    decided_at: status === 'requested' ? null : isoTimestamp(decidedAt),
    decision_comment: status === 'approved' ? 'Approved.' : status === 'rejected' ? 'Not yet: try a payment plan first.' : status === 'withdrawn' ? 'Customer paid in the meantime.' : null,
  });
}

export function addOverride(ctx: GenContext, customer: CustomerState, kind: 'pin' | 'snooze'): void {
  const createdAt = officeTime(ctx, ctx.asOfDay - ctx.rng.int(1, 5));
  ctx.rows.worklist_overrides.push({
    id: ctx.id(createdAt),
    customer_id: customer.id,
    kind,
    reason: kind === 'pin' ? 'Key account: check every morning until the overdue balance is cleared.' : 'Waiting for the customer’s payment run on Friday.',
    expires_at: kind === 'snooze' ? isoTimestamp(msOf(ctx.asOfDay + ctx.rng.int(2, 7), 0)) : null,
    created_by: ctx.users.me,
    created_at: isoTimestamp(createdAt),
    cleared_at: null,
  });
}
