/** Dispute cases with their items and event trail; closed cases settled by credit memos and payments. */
import type { DisputeReason, DisputeResolution, DisputeStatus, RootCause } from '../domain/codes';
import { DISPUTE_REASONS } from '../domain/codes';
import { isoDate, isoTimestamp, workday } from './calendar';
import { DISPUTE_EVENT_COMMENTS, DISPUTE_REASON_TEXT, OUTCOME_NOTES } from './catalog';
import {
  addActivity,
  addClearing,
  addItem,
  addPayment,
  fillTemplate,
  money,
  officeTime,
  personOf,
  pickContact,
  type CustomerState,
  type GenContext,
  type ItemState,
} from './context';
import { addClearedInvoice } from './portfolio';

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
