/**
 * The record-level inputs of the pure KPI functions, read for a scope and a date range: promises,
 * disputes, invoices paid, and contacts per collector and day. Each is one indexed or small read.
 */
import type { ReadDb } from '../../read-db';
import type { DisputeReason, PromiseStatus, RootCause } from '../../../shared/domain/codes';
import type { KpiActivity, KpiDispute, KpiInvoice, KpiPromise, Period } from '../../../shared/domain/kpi';
import { addDays } from '../../../shared/domain/dates';
import { prepared } from '../../statements';
import { currencyFilter, currencyParams, customerFilter, scopeParams, type KpiScope } from './scope';

type Params = Record<string, string>;

const promisesSql = (scope: KpiScope, currency: string | null): string =>
  `SELECT promised_date AS promisedDate, status, amount_minor AS amountMinor, paid_minor AS paidMinor, currency
   FROM promises WHERE promised_date BETWEEN @from AND @to ${currencyFilter(currency)} ${customerFilter(scope, 'customer_id')}`;

/** Promises due in the range, in one currency (null: in every currency). */
export function queryPromises(sqlite: ReadDb, scope: KpiScope, range: Period, currency: string | null): KpiPromise[] {
  return prepared<[Params], KpiPromise & { status: PromiseStatus }>(sqlite, promisesSql(scope, currency)).all({ ...scopeParams(scope), ...range, ...currencyParams(currency) });
}

// A voided case was raised by mistake: it is neither a dispute opened nor one closed.
const disputesSql = (scope: KpiScope): string =>
  `SELECT created_at AS openedAt, closed_at AS closedAt, reason_code AS reasonCode, root_cause AS rootCause
   FROM disputes
   WHERE status <> 'voided' AND created_at < @until AND (created_at >= @from OR closed_at >= @from) ${customerFilter(scope, 'customer_id')}`;

/** Disputes opened or closed in the range (timestamps compared as text: ISO UTC sorts by time). */
export function queryDisputes(sqlite: ReadDb, scope: KpiScope, range: Period): KpiDispute[] {
  return prepared<[Params], { openedAt: string; closedAt: string | null; reasonCode: DisputeReason; rootCause: RootCause | null }>(sqlite, disputesSql(scope)).all({
    ...scopeParams(scope),
    from: range.from,
    until: addDays(range.to, 1),
  });
}

const paidInvoicesSql = (scope: KpiScope, currency: string | null): string =>
  `SELECT document_date AS documentDate, due_date AS dueDate, cleared_at AS paidDate, original_minor AS amountMinor, currency
   FROM open_items
   WHERE kind = 'invoice' AND cleared_at BETWEEN @from AND @to ${currencyFilter(currency)} ${customerFilter(scope, 'customer_id', 'scan')}`;

/** Invoices cleared in full in the range, in one currency (null: in every currency). */
export function queryPaidInvoices(sqlite: ReadDb, scope: KpiScope, range: Period, currency: string | null): KpiInvoice[] {
  return prepared<[Params], KpiInvoice>(sqlite, paidInvoicesSql(scope, currency)).all({ ...scopeParams(scope), ...range, ...currencyParams(currency) });
}

export interface CollectorContactRecords {
  readonly displayNames: ReadonlyMap<string, string>;
  readonly activities: readonly KpiActivity[];
}

// A contact counts for the user who logged it, on the day it was logged: (user_id, created_at) is indexed,
// so a month of the team's contacts is a range read per user rather than a scan of every activity.
const contactsSql = (scope: KpiScope): string =>
  `SELECT u.id AS collectorId, u.display_name AS displayName, substr(a.created_at, 1, 10) AS day, count(*) AS contacts
   FROM users u JOIN activities a ON a.user_id = u.id
   WHERE a.created_at >= @from AND a.created_at < @until ${scope.collectorId === null ? '' : 'AND u.id = @collectorId'}
   GROUP BY u.id, day`;

/** One activity record per contact logged in the range (team: every user; a collector: their own). */
export function queryContacts(sqlite: ReadDb, scope: KpiScope, range: Period): CollectorContactRecords {
  const rows = prepared<[Params], { collectorId: string; displayName: string; day: string; contacts: number }>(sqlite, contactsSql(scope)).all({
    ...scopeParams(scope),
    from: range.from,
    until: addDays(range.to, 1),
  });
  const displayNames = new Map<string, string>();
  const activities: KpiActivity[] = [];
  for (const row of rows) {
    displayNames.set(row.collectorId, row.displayName);
    const record: KpiActivity = { collectorId: row.collectorId, at: `${row.day}T00:00:00.000Z` };
    for (let k = 0; k < row.contacts; k++) activities.push(record);
  }
  return { displayNames, activities };
}
