/**
 * Keeps customer_summary current: a handful of set-based reads grouped by customer in one pass,
 * then one prepared upsert per customer, all in one transaction.
 */
import { LOCAL_OVERRIDE_OWNER } from '../queries/override-owner';
import type BetterSqlite3 from 'better-sqlite3';
import { DEFAULT_PROMISE_RULES, validatePromiseRules, type PromiseRules } from '../../shared/domain/promise';
import { DEFAULT_AGING_CONFIG } from '../../shared/domain/aging';
import { DEFAULT_FX } from '../../shared/domain/fx';
import { windowStart } from '../../shared/domain/payment-behaviour';
import { DEFAULT_PRIORITY_WEIGHTS } from '../../shared/domain/priority';
import type { OverrideKind } from '../../shared/domain/codes';
import type { LocalStore } from '../open';
import { prepared } from '../statements';
import { computeSummary, emptyFacts, type DomainSettings, type SummaryCustomer, type SummaryFacts, type SummaryItem, type SummaryRow } from './compute';

export type { DomainSettings } from './compute';

export const DEFAULT_DOMAIN_SETTINGS: DomainSettings = {
  aging: DEFAULT_AGING_CONFIG,
  weights: DEFAULT_PRIORITY_WEIGHTS,
  fx: DEFAULT_FX,
};

/** Settings come from a file the user can edit: bad promise rules fail loudly with the field named, before any row moves. */
export const promiseRulesOf = (settings: DomainSettings): PromiseRules => validatePromiseRules(settings.promises ?? DEFAULT_PROMISE_RULES);

export const SUMMARY_AS_OF_KEY = 'summary_as_of';
/** The aging, weights and rates the stored summaries were computed with, and the version of the rules. */
export const SUMMARY_SETTINGS_KEY = 'summary_settings';
/**
 * Raised when a release changes how a summary is computed from the same rows (2: unapplied cash kept out
 * of the aging buckets and overdue), so summaries stored by the release before are recomputed on start.
 */
const SUMMARY_RULES_VERSION = 2;
const summaryBasis = (settings: DomainSettings): string => JSON.stringify({ rules: SUMMARY_RULES_VERSION, settings });

const OPEN_DISPUTE = "status IN ('new', 'in_process', 'escalated')";

/** Each source query once for everyone (no filter) and once per customer (`WHERE customer_id = ?`). */
const sources = (where: string) => ({
  customers: `SELECT id, currency, credit_limit_minor, risk_class FROM customers ${where.replace('customer_id', 'id')}`,
  itemsFrom: `FROM open_items ${where ? `${where} AND` : 'WHERE'} open_minor <> 0`,
  // A broken promise stops counting once a newer promise answers it (superseded_by points to that one).
  // What each promise still promises and, when it names items, what of that lies on items already overdue (undisputed).
  promises: `SELECT p.customer_id, p.status, p.promised_date, p.amount_minor, p.paid_minor, p.currency,
               EXISTS (SELECT 1 FROM promise_items pi WHERE pi.promise_id = p.id) AS has_items,
               (SELECT coalesce(sum(max(0, i.open_minor - i.disputed_minor)), 0) FROM promise_items pi JOIN open_items i ON i.id = pi.open_item_id
                 WHERE pi.promise_id = p.id AND i.due_date < @asOf) AS overdue_on_items
             FROM promises p ${where ? `${where.replace('customer_id', 'p.customer_id').replace('?', '@id')} AND` : 'WHERE'} p.status IN ('open', 'broken') AND p.superseded_by IS NULL`,
  disputes: `SELECT customer_id, due_date FROM disputes ${where ? `${where} AND` : 'WHERE'} ${OPEN_DISPUTE}`,
  followUps: `SELECT customer_id, due_date FROM follow_ups ${where ? `${where} AND` : 'WHERE'} status = 'open'`,
  contacts: `SELECT customer_id, max(occurred_at) AS last FROM activities ${where} GROUP BY customer_id`,
  overrides: `SELECT customer_id, kind, reason, expires_at FROM worklist_overrides ${where ? `${where} AND` : 'WHERE'} cleared_at IS NULL
              AND created_by = ${LOCAL_OVERRIDE_OWNER} ORDER BY created_at, id`,
  // The payment tally of shared/domain/payment-behaviour.ts in SQL: invoices settled from @from through @asOf whose
  // three dates are real days (date(x) = x), each counted once. tests/integration/db/payment-behaviour.test.ts holds the two together.
  payments: `SELECT customer_id, count(*) AS paid, sum(cleared_at > due_date) AS paidLate,
               sum(CAST(julianday(cleared_at) - julianday(due_date) AS INTEGER)) AS daysLateSum,
               sum(CAST(julianday(cleared_at) - julianday(document_date) AS INTEGER)) AS daysToPaySum
             FROM open_items ${where ? `${where.replace('?', '@id')} AND` : 'WHERE'} kind = 'invoice' AND cleared_at BETWEEN @from AND @asOf
               AND date(cleared_at) = cleared_at AND date(due_date) = due_date AND date(document_date) = document_date
             GROUP BY customer_id`,
});
const ALL = sources('');
const ONE = sources('WHERE customer_id = ?');

const UPSERT = `INSERT OR REPLACE INTO customer_summary (
  customer_id, as_of, currency, mixed_currency, open_minor, overdue_minor, overdue_base_minor, disputed_minor,
  collectible_minor, aging_json, overdue_bucket_keys, oldest_days_past_due, next_promise_date, next_follow_up_date,
  next_action_date, last_contact_at, broken_promises, open_disputes, follow_up_due, credit_used_minor, override_kind,
  override_reason, override_expires_at, rank_group, score, factors_json, updated_at, paid_invoices, avg_days_late, share_late, credit_used_bp
) VALUES (
  @customer_id, @as_of, @currency, @mixed_currency, @open_minor, @overdue_minor, @overdue_base_minor, @disputed_minor,
  @collectible_minor, @aging_json, @overdue_bucket_keys, @oldest_days_past_due, @next_promise_date, @next_follow_up_date,
  @next_action_date, @last_contact_at, @broken_promises, @open_disputes, @follow_up_due, @credit_used_minor, @override_kind,
  @override_reason, @override_expires_at, @rank_group, @score, @factors_json, @updated_at, @paid_invoices, @avg_days_late, @share_late, @credit_used_bp
)`;

type Customer = SummaryCustomer;
type ItemGroup = SummaryItem & { customer_id: string; oldest: number | null };

/**
 * Open items summed per customer, kind, currency, aging bucket and overdue state in SQL (100,000 rows
 * never cross into JS). Each group carries its members' latest dates, which lie in the same
 * bucket, so ageItems buckets the group exactly as it would each item.
 */
function itemGroupsSql(from: string, settings: DomainSettings): string {
  const days = (column: string) => `CAST(julianday(@asOf) - julianday(${column}) AS INTEGER)`;
  const basisDays = settings.aging.basis === 'due_date' ? 'due_days' : days('document_date');
  const bucket = `CASE ${settings.aging.buckets
    .map((b, index) => (b.toDays === null ? null : `WHEN basis_days <= ${Math.trunc(b.toDays)} THEN ${index}`))
    .filter((branch) => branch !== null)
    .join(' ')} ELSE ${settings.aging.buckets.length} END`;
  return `SELECT customer_id, kind, currency, sum(open_minor) AS openMinor, sum(disputed_minor) AS disputedMinor,
      max(due_date) AS dueDate, max(document_date) AS documentDate,
      max(CASE WHEN due_days > 0 AND open_minor > disputed_minor AND kind <> 'payment_on_account' THEN due_days END) AS oldest
    FROM (SELECT customer_id, kind, currency, open_minor, disputed_minor, due_date, document_date, due_days, ${basisDays} AS basis_days
          FROM (SELECT customer_id, kind, currency, open_minor, disputed_minor, due_date, document_date, ${days('due_date')} AS due_days ${from}))
    GROUP BY customer_id, kind, currency, ${bucket}, due_days > 0`;
}
interface PromiseRow { customer_id: string; status: 'open' | 'broken'; promised_date: string; amount_minor: number; paid_minor: number; currency: string; has_items: number; overdue_on_items: number }
interface DueRow { customer_id: string; due_date: string | null }
interface ContactRow { customer_id: string; last: string | null }
interface OverrideRow { customer_id: string; kind: OverrideKind; reason: string; expires_at: string | null }
interface PaymentRow { customer_id: string; paid: number; paidLate: number; daysLateSum: number; daysToPaySum: number }

function collect(
  sqlite: BetterSqlite3.Database,
  customerId: string | null,
  asOf: string,
  settings: DomainSettings,
): { customers: Customer[]; facts: Map<string, SummaryFacts> } {
  const q = customerId === null ? ALL : ONE;
  const args: string[] = customerId === null ? [] : [customerId];
  const customers = prepared<string[], Customer>(sqlite, q.customers).all(...args);
  const facts = new Map<string, SummaryFacts>();
  for (const customer of customers) facts.set(customer.id, emptyFacts());
  const of = (id: string) => facts.get(id);

  const groups = prepared<[Record<string, string>], ItemGroup>(sqlite, itemGroupsSql(q.itemsFrom.replace('?', '@id'), settings));
  for (const group of groups.all(customerId === null ? { asOf } : { asOf, id: customerId })) {
    const target = of(group.customer_id);
    if (!target) continue;
    target.items.push(group);
    if (group.oldest !== null && (target.oldestDaysPastDue === null || group.oldest > target.oldestDaysPastDue)) target.oldestDaysPastDue = group.oldest;
  }
  for (const row of prepared<[Record<string, string>], PromiseRow>(sqlite, q.promises).all(customerId === null ? { asOf } : { asOf, id: customerId })) {
    const target = of(row.customer_id);
    if (!target) continue;
    // A promise on items covers of the overdue amount only what is overdue on them; one on the account, all it promises.
    const remaining = Math.max(0, row.amount_minor - row.paid_minor);
    const coversOverdueMinor = row.has_items === 1 ? Math.min(remaining, row.overdue_on_items) : remaining;
    if (row.status === 'open') target.openPromises.push({ date: row.promised_date, coversOverdueMinor, currency: row.currency });
    else target.brokenPromises += 1;
  }
  for (const row of prepared<string[], DueRow>(sqlite, q.disputes).all(...args)) of(row.customer_id)?.openDisputeDueDates.push(row.due_date);
  for (const row of prepared<string[], DueRow>(sqlite, q.followUps).all(...args)) {
    if (row.due_date !== null) of(row.customer_id)?.openFollowUpDates.push(row.due_date);
  }
  for (const row of prepared<string[], ContactRow>(sqlite, q.contacts).all(...args)) {
    const target = of(row.customer_id);
    if (target) target.lastContactAt = row.last;
  }
  // Ordered oldest first, so the newest uncleared override wins.
  for (const row of prepared<string[], OverrideRow>(sqlite, q.overrides).all(...args)) {
    const target = of(row.customer_id);
    if (target) target.override = { kind: row.kind, reason: row.reason, expires_at: row.expires_at };
  }
  const window = { asOf, from: windowStart(asOf), ...(customerId === null ? {} : { id: customerId }) };
  for (const { customer_id: id, ...payments } of prepared<[Record<string, string>], PaymentRow>(sqlite, q.payments).all(window)) {
    const target = of(id);
    if (target) target.payments = payments;
  }
  return { customers, facts };
}

function write(sqlite: BetterSqlite3.Database, customerId: string | null, asOf: string, settings: DomainSettings, updatedAt: string): number {
  const { customers, facts } = collect(sqlite, customerId, asOf, settings);
  const upsert = prepared<[SummaryRow]>(sqlite, UPSERT);
  for (const customer of customers) {
    upsert.run(computeSummary(customer, facts.get(customer.id) ?? emptyFacts(), asOf, settings, updatedAt));
  }
  return customers.length;
}

/**
 * Recomputes the summary of the given customers inside the caller's transaction (commands use
 * this so the summary moves with the rows they wrote).
 */
export function refreshCustomerSummaries(
  sqlite: BetterSqlite3.Database,
  customerIds: Iterable<string>,
  asOf: string,
  settings: DomainSettings = DEFAULT_DOMAIN_SETTINGS,
  updatedAt: string = new Date().toISOString(),
): void {
  for (const id of new Set(customerIds)) write(sqlite, id, asOf, settings, updatedAt);
}

/**
 * Recomputes every customer's summary for `asOf` with one query per source (a transaction of its
 * own, or a savepoint inside the caller's); returns how many customers were summarised.
 */
export function refreshAllSummariesSync(
  sqlite: BetterSqlite3.Database,
  asOf: string,
  settings: DomainSettings = DEFAULT_DOMAIN_SETTINGS,
  updatedAt: string = new Date().toISOString(),
): number {
  return sqlite.transaction(() => {
    prepared(sqlite, 'DELETE FROM customer_summary').run();
    const count = write(sqlite, null, asOf, settings, updatedAt);
    const remember = prepared<[string, string]>(sqlite, 'INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)');
    remember.run(SUMMARY_AS_OF_KEY, asOf);
    remember.run(SUMMARY_SETTINGS_KEY, summaryBasis(settings));
    return count;
  })();
}

export function refreshAllSummaries(store: LocalStore, asOf: string, settings: DomainSettings = DEFAULT_DOMAIN_SETTINGS): Promise<number> {
  return Promise.resolve(refreshAllSummariesSync(store.sqlite, asOf, settings));
}

/** Moves customers whose pin or snooze has expired back among the others in the default order. */
export function expireOverrides(sqlite: BetterSqlite3.Database, now: string): number {
  return prepared<[string]>(
    sqlite,
    'UPDATE customer_summary SET rank_group = 1 WHERE rank_group IN (0, 2) AND override_expires_at IS NOT NULL AND override_expires_at <= ?',
  ).run(now).changes;
}

/** True when the summaries were recomputed: the date moved on, the settings changed, or customers lack one. */
export function ensureSummariesCurrentSync(
  sqlite: BetterSqlite3.Database,
  asOf: string,
  settings: DomainSettings = DEFAULT_DOMAIN_SETTINGS,
): boolean {
  const state = prepared<[string, string], { asOf: string | null; settings: string | null; customers: number; summaries: number }>(
    sqlite,
    `SELECT (SELECT value FROM sync_state WHERE key = ?) AS asOf, (SELECT value FROM sync_state WHERE key = ?) AS settings,
       (SELECT count(*) FROM customers) AS customers, (SELECT count(*) FROM customer_summary) AS summaries`,
  ).get(SUMMARY_AS_OF_KEY, SUMMARY_SETTINGS_KEY);
  const current = state?.asOf === asOf && state.settings === summaryBasis(settings) && state.customers === state.summaries;
  if (current) return false;
  refreshAllSummariesSync(sqlite, asOf, settings);
  return true;
}

export function ensureSummariesCurrent(store: LocalStore, asOf: string, settings: DomainSettings = DEFAULT_DOMAIN_SETTINGS): Promise<boolean> {
  return Promise.resolve(ensureSummariesCurrentSync(store.sqlite, asOf, settings));
}
