/** The collector's own records besides contacts: notes with versions, follow-ups, escalations, overrides. */
import type { EscalationKind, EscalationStatus } from '../domain/codes';
import { ESCALATION_KINDS } from '../domain/codes';
import { isoDate, isoTimestamp, msOf } from './calendar';
import { ESCALATION_REASONS, FOLLOW_UP_TITLES, NOTE_EDITS, NOTE_TEXTS } from './catalog';
import { officeTime, type CustomerState, type GenContext } from './context';

export function addFollowUp(ctx: GenContext, customer: CustomerState, dueDay: number, title: string, createdAt: number, open: boolean): void {
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
        is_current: version === versions,
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
