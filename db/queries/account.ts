/** Everything the account view shows for one customer: a few indexed reads by customer id. */
import type { ReadDb } from '../read-db';
import type { z } from 'zod';
import { PriorityFactorSchema, type CustomerAccountSchema, type TimelineEntrySchema } from '../../shared/api/schemas';
import { ageItems, bucketFor, daysPastDue, isUnappliedCash, UNAPPLIED_BUCKET_KEY } from '../../shared/domain/aging';
import {
  DISPUTE_STATUSES,
  ESCALATION_STATUSES,
  PROMISE_STATUSES,
  type Channel,
  type Direction,
  type DisputeStatus,
  type EscalationStatus,
  type ItemKind,
  type Outcome,
  type PromiseStatus,
  type RiskClass,
} from '../../shared/domain/codes';
import { behaviourOf, monthlyPace, paceTrend, tallyOf, trendStart, windowStart, type PaidInvoice } from '../../shared/domain/payment-behaviour';
import { CHANNEL_LABELS, DISPUTE_REASON_LABELS, DISPUTE_STATUS_LABELS, ESCALATION_KIND_LABELS, OUTCOME_LABELS } from '../../shared/domain/labels';
import type { DisputeReason, EscalationKind } from '../../shared/domain/codes';
import { prepared } from '../statements';
import { parseStoredArray, storedBp, storedCurrency } from './stored-values';
import type { ReadContext } from './worklist';
import { disputedItemSql } from './disputed-item';

export type CustomerAccount = z.output<typeof CustomerAccountSchema>;
type TimelineEntry = z.output<typeof TimelineEntrySchema>;

interface HeaderRow {
  id: string;
  number: string;
  name: string;
  country: string;
  language: string | null;
  team_language: string | null;
  currency: string;
  payment_terms: string;
  payment_terms_days: number;
  credit_limit_minor: number;
  credit_hold: number;
  risk_class: RiskClass;
  collector_id: string | null;
  collector_name: string | null;
  assigned_at: string | null;
  assigned_by_name: string | null;
  assignment_reason: string | null;
  credit_used_minor: number | null;
  credit_used_bp: number | null;
  oldest_days_past_due: number | null;
  score: number | null;
  factors_json: string | null;
}

interface ItemRow {
  id: string;
  kind: ItemKind;
  document_number: string;
  reference: string | null;
  document_date: string;
  due_date: string;
  currency: string;
  original_minor: number;
  open_minor: number;
  disputed_minor: number;
  dunning_level: number;
  erp_disputed: number;
  promised: number;
}

export const ACCOUNT_QUERIES = {
  header: `SELECT c.id, c.number, c.name, c.country, c.language, t.language AS team_language, c.currency, c.payment_terms, c.payment_terms_days, c.credit_limit_minor,
      c.credit_hold, c.risk_class, c.collector_id, u.display_name AS collector_name, c.assigned_at, a.display_name AS assigned_by_name,
      c.assignment_reason, s.credit_used_minor, s.credit_used_bp, s.oldest_days_past_due, s.score, s.factors_json
    FROM customers c LEFT JOIN users u ON u.id = c.collector_id LEFT JOIN users a ON a.id = c.assigned_by
      LEFT JOIN customer_summary s ON s.customer_id = c.id LEFT JOIN teams t ON t.id = c.team_id
    WHERE c.id = ?`,
  items: `SELECT i.id, i.kind, i.document_number, i.reference, i.document_date, i.due_date, i.currency, i.original_minor,
      i.open_minor, i.disputed_minor, i.dunning_level, i.erp_disputed,
      EXISTS (SELECT 1 FROM promise_items pi JOIN promises p ON p.id = pi.promise_id
              WHERE pi.open_item_id = i.id AND p.status = 'open') AS promised
    FROM open_items i WHERE i.customer_id = ? AND i.open_minor <> 0 ORDER BY i.due_date, i.document_number`,
  contacts: `SELECT id, name, role, phone, email, preferred_channel, language, is_primary FROM contact_persons
    WHERE customer_id = ? ORDER BY is_primary DESC, name COLLATE NOCASE, id`,
  activities: `SELECT a.id, a.occurred_at, a.channel, a.direction, a.outcome, a.note, a.follow_up_date, u.display_name AS by_name,
      cp.name AS contact_name
    FROM activities a LEFT JOIN users u ON u.id = a.user_id LEFT JOIN contact_persons cp ON cp.id = a.contact_person_id
    WHERE a.customer_id = ?`,
  payments: `SELECT id, amount_minor, currency, value_date, method, reference FROM payments WHERE customer_id = ?`,
  promises: `SELECT p.id, p.amount_minor, p.currency, p.promised_date, p.status, p.level, p.note, p.cancel_reason, p.created_at, p.updated_at, u.display_name AS by_name
    FROM promises p LEFT JOIN users u ON u.id = p.created_by WHERE p.customer_id = ?`,
  disputes: `SELECT d.id, d.reason_code, d.description, d.status, d.currency, d.disputed_minor, d.created_at, u.display_name AS by_name
    FROM disputes d LEFT JOIN users u ON u.id = d.created_by WHERE d.customer_id = ?`,
  disputeEvents: `SELECT e.id, e.dispute_id, e.from_status, e.to_status, e.comment, e.at, u.display_name AS by_name
    FROM dispute_events e JOIN disputes d ON d.id = e.dispute_id LEFT JOIN users u ON u.id = e.user_id WHERE d.customer_id = ?`,
  notes: `SELECT n.id, n.body, n.version, n.created_at, u.display_name AS by_name FROM notes n LEFT JOIN users u ON u.id = n.created_by
    WHERE n.customer_id = ? AND n.is_current = 1`,
  followUps: `SELECT f.id, f.due_date, f.title, f.status, f.created_at, f.done_at, f.done_comment, u.display_name AS by_name
    FROM follow_ups f LEFT JOIN users u ON u.id = f.created_by WHERE f.customer_id = ?`,
  escalations: `SELECT e.id, e.kind, e.amount_minor, ${storedCurrency('e.currency')} AS currency, e.reason, e.status, e.requested_at, u.display_name AS by_name
    FROM escalations e LEFT JOIN users u ON u.id = e.requested_by WHERE e.customer_id = ?`,
  promiseCounts: `SELECT status, count(*) AS count FROM promises WHERE customer_id = ? GROUP BY status`,
  // The invoices settled from the earlier of the behaviour window's and the trend's first day (payment-behaviour.ts sorts them out).
  settledInvoices: `SELECT document_date AS invoiceDate, due_date AS dueDate, cleared_at AS settledDate
    FROM open_items WHERE customer_id = ? AND kind = 'invoice' AND cleared_at BETWEEN ? AND ?`,
  disputeHistory: `SELECT count(*) AS invoices, coalesce(sum(${disputedItemSql('i')}), 0) AS disputed
    FROM open_items i WHERE i.customer_id = ? AND i.kind = 'invoice'`,
  disputeCounts: `SELECT status, count(*) AS count FROM disputes WHERE customer_id = ? GROUP BY status`,
  escalationCounts: `SELECT status, count(*) AS count FROM escalations WHERE customer_id = ? GROUP BY status`,
} as const;
const Q = ACCOUNT_QUERIES;

const entry = (partial: Pick<TimelineEntry, 'id' | 'type' | 'at' | 'title'> & Partial<TimelineEntry>): TimelineEntry => ({
  date: null,
  detail: null,
  by: null,
  amount: null,
  status: null,
  channel: null,
  direction: null,
  outcome: null,
  ...partial,
});

/** Calendar dates sort among timestamps as the start of their day; the timeline shows a payment's as the date it is (its value date), in no zone. */
const atStartOfDay = (date: string) => `${date}T00:00:00.000Z`;
const orNull = (text: string | null | undefined) => (text ? text : null);

/** Everything that happened on the account, newest first (customer.timeline pages and filters it). */
export function customerTimeline(sqlite: ReadDb, id: string): TimelineEntry[] {
  const all = <R>(source: string) => prepared<[string], R>(sqlite, source).all(id);
  const entries: TimelineEntry[] = [];
  for (const a of all<{ id: string; occurred_at: string; channel: Channel; direction: Direction; outcome: Outcome; note: string; follow_up_date: string | null; by_name: string | null; contact_name: string | null }>(Q.activities)) {
    entries.push(
      entry({
        id: a.id,
        type: 'activity',
        at: a.occurred_at,
        title: `${CHANNEL_LABELS[a.channel]}${a.contact_name ? ` with ${a.contact_name}` : ''}: ${OUTCOME_LABELS[a.outcome]}`,
        titleKey: 'activity',
        titleParams: { channel: a.channel, outcome: a.outcome, ...(a.contact_name ? { contact: a.contact_name } : {}) },
        detail: orNull(a.note),
        by: a.by_name,
        channel: a.channel,
        direction: a.direction,
        outcome: a.outcome,
      }),
    );
  }
  for (const p of all<{ id: string; amount_minor: number; currency: string; value_date: string; reference: string | null }>(Q.payments)) {
    entries.push(entry({ id: p.id, type: 'payment', at: atStartOfDay(p.value_date), title: 'Payment received', titleKey: 'payment', titleParams: {}, detail: p.reference, amount: { amountMinor: p.amount_minor, currency: p.currency } }));
  }
  for (const p of all<{ id: string; amount_minor: number; currency: string; promised_date: string; status: PromiseStatus; level: number; note: string; cancel_reason: string | null; created_at: string; updated_at: string; by_name: string | null }>(Q.promises)) {
    entries.push(entry({ id: p.id, type: 'promise', at: p.created_at, title: `Promise to pay by ${p.promised_date}${p.level > 1 ? ` (level ${p.level})` : ''}`, titleKey: 'promise', titleParams: { date: p.promised_date, level: p.level }, date: p.promised_date, detail: orNull(p.note), by: p.by_name, amount: { amountMinor: p.amount_minor, currency: p.currency }, status: p.status }));
    // Why it was cancelled, when it was (a cancelled promise changes no more).
    if (p.status === 'cancelled' && p.cancel_reason) {
      entries.push(entry({ id: `${p.id}:cancel`, type: 'promise', at: p.updated_at, title: `Promise to pay by ${p.promised_date} cancelled`, titleKey: 'promiseCancelled', titleParams: { date: p.promised_date }, date: p.promised_date, detail: p.cancel_reason, status: p.status }));
    }
  }
  for (const d of all<{ id: string; reason_code: DisputeReason; description: string; status: DisputeStatus; currency: string; disputed_minor: number; created_at: string; by_name: string | null }>(Q.disputes)) {
    entries.push(entry({ id: d.id, type: 'dispute', at: d.created_at, title: `Dispute: ${DISPUTE_REASON_LABELS[d.reason_code]}`, titleKey: 'dispute', titleParams: { reason: d.reason_code }, detail: orNull(d.description), by: d.by_name, amount: { amountMinor: d.disputed_minor, currency: d.currency }, status: d.status }));
  }
  for (const e of all<{ id: string; dispute_id: string; from_status: DisputeStatus | null; to_status: DisputeStatus; comment: string; at: string; by_name: string | null }>(Q.disputeEvents)) {
    // The opening event repeats the dispute entry itself.
    if (e.from_status === null) continue;
    entries.push(entry({ id: e.id, type: 'dispute', at: e.at, title: `Dispute ${DISPUTE_STATUS_LABELS[e.from_status]} → ${DISPUTE_STATUS_LABELS[e.to_status]}`, titleKey: 'disputeMoved', titleParams: { from: e.from_status, to: e.to_status }, detail: orNull(e.comment), by: e.by_name, status: e.to_status }));
  }
  for (const n of all<{ id: string; body: string; version: number; created_at: string; by_name: string | null }>(Q.notes)) {
    entries.push(entry({ id: n.id, type: 'note', at: n.created_at, title: n.version > 1 ? `Note (edited, version ${n.version})` : 'Note', titleKey: n.version > 1 ? 'noteEdited' : 'note', titleParams: n.version > 1 ? { version: n.version } : {}, detail: n.body, by: n.by_name }));
  }
  for (const f of all<{ id: string; due_date: string; title: string; status: string; created_at: string; done_at: string | null; done_comment: string | null; by_name: string | null }>(Q.followUps)) {
    entries.push(entry({ id: f.id, type: 'follow_up', at: f.created_at, title: `Follow-up on ${f.due_date}: ${f.title}`, titleKey: 'followUp', titleParams: { date: f.due_date, title: f.title }, date: f.due_date, by: f.by_name, status: f.status }));
    if (f.done_at !== null && f.done_comment) {
      entries.push(entry({ id: `${f.id}:done`, type: 'follow_up', at: f.done_at, title: `Follow-up ${f.status === 'done' ? 'done' : 'cancelled'}: ${f.title}`, titleKey: f.status === 'done' ? 'followUpDone' : 'followUpCancelled', titleParams: { title: f.title }, detail: f.done_comment, status: f.status }));
    }
  }
  for (const e of all<{ id: string; kind: EscalationKind; amount_minor: number | null; currency: string | null; reason: string; status: EscalationStatus; requested_at: string; by_name: string | null }>(Q.escalations)) {
    entries.push(
      entry({
        id: e.id,
        type: 'escalation',
        at: e.requested_at,
        title: `Escalation: ${ESCALATION_KIND_LABELS[e.kind]}`,
        titleKey: 'escalation',
        titleParams: { kind: e.kind },
        detail: orNull(e.reason),
        by: e.by_name,
        amount: e.amount_minor !== null && e.currency !== null ? { amountMinor: e.amount_minor, currency: e.currency } : null,
        status: e.status,
      }),
    );
  }
  // Newest first; the id breaks ties so the order never flickers between reads.
  return entries.sort((a, b) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1));
}

function counts<S extends string>(sqlite: ReadDb, source: string, id: string, order: readonly S[]): { status: S; count: number }[] {
  const found = new Map(prepared<[string], { status: S; count: number }>(sqlite, source).all(id).map((row) => [row.status, row.count]));
  return order.filter((status) => found.has(status)).map((status) => ({ status, count: found.get(status) ?? 0 }));
}

export function queryAccount(sqlite: ReadDb, customerId: string, ctx: ReadContext): CustomerAccount | null {
  const header = prepared<[string], HeaderRow>(sqlite, Q.header).get(customerId);
  if (!header) return null;
  const items = prepared<[string], ItemRow>(sqlite, Q.items).all(customerId);
  const { aging: config } = ctx.settings;
  const aging = ageItems(
    items.map((item) => ({ kind: item.kind, currency: item.currency, openMinor: item.open_minor, disputedMinor: item.disputed_minor, dueDate: item.due_date, documentDate: item.document_date })),
    ctx.asOf,
    config,
  );
  return {
    customer: {
      id: header.id,
      number: header.number,
      name: header.name,
      country: header.country,
      language: header.language,
      teamLanguage: header.team_language,
      currency: header.currency,
      paymentTerms: header.payment_terms,
      paymentTermsDays: header.payment_terms_days,
      creditLimitMinor: header.credit_limit_minor,
      creditUsedMinor: header.credit_used_minor ?? 0,
      creditUsedBp: storedBp(header.credit_used_bp),
      creditHold: header.credit_hold === 1,
      riskClass: header.risk_class,
      collector: header.collector_id !== null ? { id: header.collector_id, displayName: header.collector_name ?? '' } : null,
      assignment: header.assigned_at === null ? null : { byName: header.assigned_by_name, at: header.assigned_at, reason: header.assignment_reason },
    },
    asOf: ctx.asOf,
    aging,
    oldestDaysPastDue: header.oldest_days_past_due,
    score: header.score ?? 0,
    factors: parseStoredArray(header.factors_json, PriorityFactorSchema),
    openItems: items.map((item) => {
      const days = daysPastDue({ dueDate: item.due_date, documentDate: item.document_date }, ctx.asOf, 'due_date');
      const agingDays = config.basis === 'due_date' ? days : daysPastDue({ dueDate: item.due_date, documentDate: item.document_date }, ctx.asOf, config.basis);
      return {
        id: item.id,
        kind: item.kind,
        documentNumber: item.document_number,
        reference: item.reference,
        documentDate: item.document_date,
        dueDate: item.due_date,
        currency: item.currency,
        originalMinor: item.original_minor,
        openMinor: item.open_minor,
        disputedMinor: item.disputed_minor,
        dunningLevel: item.dunning_level,
        erpDisputed: item.erp_disputed === 1,
        daysPastDue: days,
        bucketKey: isUnappliedCash(item) ? UNAPPLIED_BUCKET_KEY : bucketFor(agingDays, config.buckets).key,
        promised: item.promised === 1,
      };
    }),
    contacts: prepared<[string], { id: string; name: string; role: string | null; phone: string | null; email: string | null; preferred_channel: Channel | null; language: string | null; is_primary: number }>(sqlite, Q.contacts)
      .all(customerId)
      .map((c) => ({ id: c.id, name: c.name, role: c.role, phone: c.phone, email: c.email, preferredChannel: c.preferred_channel, language: c.language, isPrimary: c.is_primary === 1 })),
    promiseStatuses: counts(sqlite, Q.promiseCounts, customerId, PROMISE_STATUSES),
    disputeStatuses: counts(sqlite, Q.disputeCounts, customerId, DISPUTE_STATUSES),
    escalationStatuses: counts(sqlite, Q.escalationCounts, customerId, ESCALATION_STATUSES),
    disputeHistory: prepared<[string], { invoices: number; disputed: number }>(sqlite, Q.disputeHistory).get(customerId) ?? { invoices: 0, disputed: 0 },
    paymentBehaviour: paymentBehaviourOf(sqlite, customerId, ctx.asOf),
  };
}

function paymentBehaviourOf(sqlite: ReadDb, customerId: string, asOf: string): CustomerAccount['paymentBehaviour'] {
  const from = [windowStart(asOf), trendStart(asOf)].sort()[0] ?? asOf;
  const invoices = prepared<[string, string, string], PaidInvoice>(sqlite, Q.settledInvoices).all(customerId, from, asOf);
  const months = monthlyPace(invoices, asOf);
  return { figures: behaviourOf(tallyOf(invoices, asOf)), months, trend: paceTrend(invoices, asOf) };
}
