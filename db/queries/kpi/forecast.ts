/**
 * kpi.forecast: the 13-week collection forecast of shared/domain/forecast.ts, one per currency in
 * scope. Open promises are weighted by each customer's kept rate; other open items are timed by each
 * customer's average days late over the invoices it paid (payment-history.ts).
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { KpiForecastView } from '../../../shared/api/kpi-schemas';
import type { PromiseStatus } from '../../../shared/domain/codes';
import {
  collectionForecast,
  customerPatterns,
  FORECAST_WEEKS,
  type CustomerPattern,
  type ForecastItem,
  type ForecastPromise,
  type PastPromise,
} from '../../../shared/domain/forecast';
import type { SettledInvoice } from '../../../shared/domain/payment-history';
import { addDays } from '../../../shared/domain/dates';
import { addMinor } from '../../../shared/domain/money';
import { prepared } from '../../statements';
import { customerFilter, scopeParams, type KpiScope } from './scope';

type Params = Record<string, string>;

const openPromisesSql = (scope: KpiScope): string =>
  `SELECT customer_id AS customerId, promised_date AS promisedDate, amount_minor AS amountMinor, paid_minor AS paidMinor, currency
   FROM promises WHERE status = 'open' ${customerFilter(scope, 'customer_id')}`;

const pastPromisesSql = (scope: KpiScope): string =>
  `SELECT customer_id AS customerId, status, amount_minor AS amountMinor
   FROM promises WHERE status IN ('kept', 'partially_kept', 'broken') ${customerFilter(scope, 'customer_id')}`;

// Paid invoices are the payment history: how late each customer pays.
const settledSql = (scope: KpiScope): string =>
  `SELECT customer_id AS customerKey, document_date AS invoiceDate, due_date AS dueDate, cleared_at AS settledDate,
     id IN (SELECT open_item_id FROM dispute_items) AS disputed
   FROM open_items WHERE kind = 'invoice' AND cleared_at IS NOT NULL ${customerFilter(scope, 'customer_id')}`;

// Items with the same customer, due date and currency are forecast alike, so they are summed in SQL, in
// the order of the open-items index (no sort). The part under an open promise, which the promise
// forecasts instead, is summed the same way from the (few) items open promises cover.
const openItemsSql = (scope: KpiScope): string =>
  `SELECT customer_id, due_date, currency, sum(open_minor)
   FROM open_items WHERE open_minor <> 0 ${customerFilter(scope, 'customer_id')}
   GROUP BY customer_id, due_date, currency`;

const coveredItemsSql = (scope: KpiScope): string =>
  `SELECT customer_id, due_date, currency, sum(open_minor)
   FROM open_items
   WHERE open_minor <> 0 AND id IN (SELECT pi.open_item_id FROM promise_items pi JOIN promises p ON p.id = pi.promise_id WHERE p.status = 'open')
     ${customerFilter(scope, 'customer_id')}
   GROUP BY customer_id, due_date, currency`;

/** customer_id, due_date, currency, open amount. */
type ItemGroupRow = [string, string, string, number];

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a YYYY-MM-DD the schema's CHECK has already vetted; the hot loop skips re-validating it. */
const epochDayOf = (date: string): number => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;

/**
 * Merges item groups the forecast cannot tell apart. A customer's item is expected on its due date
 * plus the customer's rounded days late; every due date whose expected date falls in the same forecast
 * week (or before the as-of date, or after week 13) ends up in the same place, so those items are
 * summed and handed to the forecast as one item on a representative due date of that week. The weeks,
 * the amounts beyond week 13 and the conservation of every minor unit are unchanged; the forecast
 * then places a few items per customer instead of every distinct due date.
 */
function mergeIndistinct(
  groups: readonly { readonly rows: readonly ItemGroupRow[]; readonly coveredByPromise: boolean }[],
  patterns: ReadonlyMap<string, CustomerPattern>,
  asOf: string,
): ForecastItem[] {
  const asOfDay = epochDayOf(asOf);
  const lateness = new Map<string, number>();
  const latenessOf = (customerId: string): number => {
    let days = lateness.get(customerId);
    if (days === undefined) {
      days = Math.round(patterns.get(customerId)?.averageDaysLate ?? 0);
      lateness.set(customerId, days);
    }
    return days;
  };
  const representatives = new Map<string, string>();
  /** The due date expected on the first day of week `week` (0-based; FORECAST_WEEKS = beyond) at `late` days late. */
  const representative = (week: number, late: number): string => {
    const key = `${String(week)}|${String(late)}`;
    let date = representatives.get(key);
    if (date === undefined) {
      date = addDays(asOf, week * 7 - late);
      representatives.set(key, date);
    }
    return date;
  };
  const merged = new Map<string, ForecastItem>();
  const add = (customerId: string, currency: string, dueDate: string, coveredByPromise: boolean, openMinor: number): void => {
    if (openMinor === 0) return;
    const key = `${customerId}|${currency}|${dueDate}|${String(coveredByPromise)}`;
    const previous = merged.get(key);
    merged.set(key, { customerId, currency, dueDate, coveredByPromise, openMinor: previous ? addMinor(previous.openMinor, openMinor) : openMinor });
  };
  for (const { rows, coveredByPromise } of groups) {
    // Covered amounts are subtracted from the uncovered total of the same group, hence the sign.
    for (const [customerId, dueDate, currency, openMinor] of rows) {
      const late = latenessOf(customerId);
      const offset = epochDayOf(dueDate) + late - asOfDay;
      const week = offset < 0 ? 0 : Math.min(FORECAST_WEEKS, Math.floor(offset / 7));
      const representativeDue = representative(week, late);
      add(customerId, currency, representativeDue, false, coveredByPromise ? -openMinor : openMinor);
      if (coveredByPromise) add(customerId, currency, representativeDue, true, openMinor);
    }
  }
  return [...merged.values()];
}

function byCurrency<T extends { currency: string }>(records: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const record of records) {
    const group = groups.get(record.currency);
    if (group) group.push(record);
    else groups.set(record.currency, [record]);
  }
  return groups;
}

export function queryKpiForecast(sqlite: BetterSqlite3.Database, scope: KpiScope, asOf: string): KpiForecastView {
  const params = scopeParams(scope);
  const openPromises = prepared<[Params], ForecastPromise>(sqlite, openPromisesSql(scope)).all(params);
  const pastPromises = prepared<[Params], PastPromise & { status: PromiseStatus }>(sqlite, pastPromisesSql(scope)).all(params);
  const settled = prepared<[Params], Omit<SettledInvoice, 'disputed'> & { disputed: number }>(sqlite, settledSql(scope))
    .all(params)
    .map((row): SettledInvoice => ({ ...row, disputed: row.disputed === 1 }));
  const patterns = customerPatterns(pastPromises, settled);
  const rowsOf = (source: string): ItemGroupRow[] => prepared<[Params], ItemGroupRow>(sqlite, source).raw().all(params);
  const items = mergeIndistinct(
    [
      { rows: rowsOf(openItemsSql(scope)), coveredByPromise: false },
      { rows: rowsOf(coveredItemsSql(scope)), coveredByPromise: true },
    ],
    patterns,
    asOf,
  );
  const promisesByCurrency = byCurrency(openPromises);
  const itemsByCurrency = byCurrency(items);
  const currencies = [...new Set([...promisesByCurrency.keys(), ...itemsByCurrency.keys()])].sort();
  const forecasts = currencies.map((currency) =>
    collectionForecast(asOf, currency, promisesByCurrency.get(currency) ?? [], itemsByCurrency.get(currency) ?? [], patterns),
  );

  return {
    asOf,
    collectorId: scope.collectorId,
    weeks: Array.from({ length: FORECAST_WEEKS }, (_, index) => ({
      week: index + 1,
      from: addDays(asOf, index * 7),
      to: addDays(asOf, index * 7 + 6),
      amounts: forecasts.map((forecast) => {
        const week = forecast.weeks[index];
        return { currency: forecast.currency, promisedMinor: week?.promisedMinor ?? 0, itemsMinor: week?.itemsMinor ?? 0, totalMinor: week?.totalMinor ?? 0 };
      }),
    })),
    totals: forecasts.map((forecast) => ({ currency: forecast.currency, beyondMinor: forecast.beyondMinor, discountedMinor: forecast.discountedMinor })),
  };
}
