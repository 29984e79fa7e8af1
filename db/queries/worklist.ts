/**
 * The worklist: one indexed read of customer_summary joined to customers. Filters and sort are
 * assembled from a fixed set of fragments; list-valued filters are bound as JSON arrays, so the
 * number of distinct statements (each prepared once) stays small.
 */
import type { ReadDb } from '../read-db';
import type { z } from 'zod';
import { CurrencyAgingSchema, PriorityFactorSchema, type WorklistPageSchema, type WorklistQuerySchema, type WorklistRowSchema, type WorklistSortKey } from '../../shared/api/schemas';
import type { OverrideKind, RiskClass } from '../../shared/domain/codes';
import type { DomainSettings } from '../summary/compute';
import { prepared } from '../statements';
import { toFtsQuery } from './fts';
import { jsonEachArray, parseStoredArray, storedBp } from './stored-values';

export type WorklistQuery = z.output<typeof WorklistQuerySchema>;
export type WorklistRow = z.output<typeof WorklistRowSchema>;
export type WorklistPage = z.output<typeof WorklistPageSchema>;

export interface ReadContext {
  readonly asOf: string;
  /** Current UTC timestamp: an override whose expiry has passed no longer counts. */
  readonly now: string;
  readonly settings: DomainSettings;
}

interface SummaryJoinRow {
  customer_id: string;
  number: string;
  name: string;
  country: string;
  currency: string;
  risk_class: RiskClass;
  credit_hold: number;
  open_minor: number;
  overdue_minor: number;
  collectible_minor: number;
  disputed_minor: number;
  aging_json: string;
  mixed_currency: number;
  oldest_days_past_due: number | null;
  next_promise_date: string | null;
  next_follow_up_date: string | null;
  last_contact_at: string | null;
  broken_promises: number;
  open_disputes: number;
  score: number;
  factors_json: string;
  active_override: OverrideKind | null;
  override_reason: string | null;
  override_expires_at: string | null;
  paid_invoices: number;
  avg_days_late: number | null;
  share_late: number | null;
  credit_used_bp: number | null;
}

// The summary's override_kind is free text: a kind this client does not know is no override at all.
const ACTIVE_OVERRIDE = `CASE WHEN s.override_kind IN ('pin', 'snooze') AND (s.override_expires_at IS NULL OR s.override_expires_at > @now)
  THEN s.override_kind END`;

const SELECT = `SELECT s.customer_id, c.number, c.name, c.country, s.currency, c.risk_class, c.credit_hold, s.open_minor,
  s.overdue_minor, s.collectible_minor, s.disputed_minor, s.aging_json, s.mixed_currency, s.oldest_days_past_due,
  s.next_promise_date, s.next_follow_up_date, s.last_contact_at, s.broken_promises, s.open_disputes, s.score,
  s.factors_json, ${ACTIVE_OVERRIDE} AS active_override, s.override_reason, s.override_expires_at, s.paid_invoices, s.avg_days_late,
  s.share_late, s.credit_used_bp
FROM customer_summary s JOIN customers c ON c.id = s.customer_id`;

const jsonList = (name: string) => `(SELECT value FROM json_each(@${name}))`;

/** Each sort key's expression and whether missing values go last whatever the direction. */
const SORT_COLUMNS: Readonly<Record<WorklistSortKey, { expression: string; nullsLast: boolean }>> = {
  score: { expression: 's.score', nullsLast: false },
  name: { expression: 'c.name COLLATE NOCASE', nullsLast: false },
  number: { expression: 'c.number', nullsLast: false },
  overdue: { expression: 's.overdue_base_minor', nullsLast: false },
  open: { expression: 's.open_minor', nullsLast: false },
  oldestDays: { expression: 's.oldest_days_past_due', nullsLast: true },
  nextAction: { expression: 's.next_action_date', nullsLast: true },
  lastContact: { expression: 's.last_contact_at', nullsLast: true },
  daysLate: { expression: 's.avg_days_late', nullsLast: true },
  shareLate: { expression: 's.share_late', nullsLast: true },
  creditUsed: { expression: 's.credit_used_bp', nullsLast: true },
};

function orderBy(sort: WorklistQuery['sort']): string {
  // Pinned customers lead and snoozed ones trail only the default ranking (served by an index); other sorts are literal.
  if (sort.by === 'score' && sort.dir === 'desc') return 'ORDER BY s.rank_group, s.score DESC, s.customer_id';
  const { expression, nullsLast } = SORT_COLUMNS[sort.by];
  const dir = sort.dir === 'asc' ? 'ASC' : 'DESC';
  const parts: string[] = [];
  if (nullsLast) parts.push(`${expression} IS NULL`);
  parts.push(`${expression} ${dir}`, 'c.number ASC', 's.customer_id ASC');
  return `ORDER BY ${parts.join(', ')}`;
}

type Params = Record<string, string | number>;

function whereClause(query: WorklistQuery, params: Params): string | null {
  const conditions: string[] = [];
  const { filters } = query;
  if (filters.buckets?.length) {
    params.buckets = JSON.stringify(filters.buckets.map((key) => `,${key},`));
    conditions.push(`EXISTS (SELECT 1 FROM json_each(@buckets) b WHERE instr(s.overdue_bucket_keys, b.value) > 0)`);
  }
  if (filters.currencies?.length) {
    params.currencies = JSON.stringify(filters.currencies);
    conditions.push(`(s.currency IN ${jsonList('currencies')} OR (s.mixed_currency = 1 AND EXISTS (
      SELECT 1 FROM ${jsonEachArray('s.aging_json')} a WHERE a.value ->> 'currency' IN ${jsonList('currencies')})))`);
  }
  if (filters.countries?.length) {
    params.countries = JSON.stringify(filters.countries);
    conditions.push(`c.country IN ${jsonList('countries')}`);
  }
  if (filters.riskClasses?.length) {
    params.risks = JSON.stringify(filters.riskClasses);
    conditions.push(`c.risk_class IN ${jsonList('risks')}`);
  }
  if (filters.collectorIds?.length) {
    params.collectors = JSON.stringify(filters.collectorIds);
    conditions.push(`c.collector_id IN ${jsonList('collectors')}`);
  }
  if (filters.hasBrokenPromise !== undefined) conditions.push(`s.broken_promises ${filters.hasBrokenPromise ? '>' : '='} 0`);
  if (filters.hasDispute !== undefined) conditions.push(`s.open_disputes ${filters.hasDispute ? '>' : '='} 0`);
  if (filters.followUpDue !== undefined) conditions.push(`s.follow_up_due = ${filters.followUpDue ? 1 : 0}`);
  // next_promise_date is the earliest open promise on or after the summary's date.
  if (filters.promiseDueSoon !== undefined) {
    const dueSoon = "s.next_promise_date IS NOT NULL AND s.next_promise_date <= date(s.as_of, '+1 day')";
    conditions.push(filters.promiseDueSoon ? `(${dueSoon})` : `NOT (${dueSoon})`);
  }
  if (query.search !== undefined) {
    const match = toFtsQuery(query.search);
    if (match === null && query.search.trim() !== '') return null;
    if (match !== null) {
      params.match = match;
      conditions.push('s.customer_id IN (SELECT customer_id FROM search_index WHERE search_index MATCH @match)');
    }
  }
  return conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
}

export function toWorklistRow(row: SummaryJoinRow, settings: DomainSettings): WorklistRow {
  const aging = parseStoredArray(row.aging_json, CurrencyAgingSchema);
  const own = aging.find((entry) => entry.currency === row.currency);
  return {
    customerId: row.customer_id,
    number: row.number,
    name: row.name,
    country: row.country,
    currency: row.currency,
    riskClass: row.risk_class,
    creditHold: row.credit_hold === 1,
    openMinor: row.open_minor,
    overdueMinor: row.overdue_minor,
    collectibleMinor: row.collectible_minor,
    disputedMinor: row.disputed_minor,
    aging: own?.buckets ?? settings.aging.buckets.map((bucket) => ({ key: bucket.key, label: bucket.label, amountMinor: 0 })),
    mixedCurrency: row.mixed_currency === 1,
    oldestDaysPastDue: row.oldest_days_past_due,
    nextPromiseDate: row.next_promise_date,
    nextFollowUpDate: row.next_follow_up_date,
    lastContactAt: row.last_contact_at,
    brokenPromises: row.broken_promises,
    openDisputes: row.open_disputes,
    score: row.score,
    factors: parseStoredArray(row.factors_json, PriorityFactorSchema),
    override:
      row.active_override === null
        ? null
        : { kind: row.active_override, reason: row.override_reason ?? '', expiresAt: row.override_expires_at },
    payments:
      row.avg_days_late === null || row.share_late === null
        ? null
        : { paidInvoices: row.paid_invoices, averageDaysLate: row.avg_days_late, shareLate: row.share_late },
    creditUsedBp: storedBp(row.credit_used_bp),
  };
}

const FROM = 'FROM customer_summary s JOIN customers c ON c.id = s.customer_id';

export function queryWorklist(sqlite: ReadDb, query: WorklistQuery, ctx: ReadContext): WorklistPage {
  const params: Params = {};
  const where = whereClause(query, params);
  if (where === null) return { rows: [], total: 0, asOf: ctx.asOf };
  const order = orderBy(query.sort);
  // Sorting narrow id rows and fetching the wide ones for the page only keeps the sorter small.
  const ids = prepared<[Params], { id: string }>(sqlite, `SELECT s.customer_id AS id ${FROM} ${where} ${order} LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: query.limit, offset: query.offset })
    .map((row) => row.id);
  const position = new Map(ids.map((id, index) => [id, index]));
  const rows = prepared<[Params], SummaryJoinRow>(sqlite, `${SELECT} WHERE s.customer_id IN (SELECT value FROM json_each(@ids))`)
    .all({ now: ctx.now, ids: JSON.stringify(ids) })
    .sort((a, b) => (position.get(a.customer_id) ?? 0) - (position.get(b.customer_id) ?? 0));
  // A page that ends short of its limit ends the list, so it knows the total without counting it again
  // (a count visits every matching row: most of a page's time on a large portfolio).
  const endsTheList = ids.length < query.limit && (ids.length > 0 || query.offset === 0);
  const total = endsTheList ? query.offset + ids.length : (prepared<[Params], { n: number }>(sqlite, `SELECT count(*) AS n ${FROM} ${where}`).get(params)?.n ?? 0);
  return { rows: rows.map((row) => toWorklistRow(row, ctx.settings)), total, asOf: ctx.asOf };
}

/** One customer's worklist row (what the override commands answer with). */
export function worklistRowOf(sqlite: ReadDb, customerId: string, ctx: ReadContext): WorklistRow | null {
  const row = prepared<[Params], SummaryJoinRow>(sqlite, `${SELECT} WHERE s.customer_id = @id`).get({ now: ctx.now, id: customerId });
  return row ? toWorklistRow(row, ctx.settings) : null;
}
