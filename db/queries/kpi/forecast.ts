/**
 * kpi.forecast: the 13-week collection forecast of shared/domain/forecast.ts, one per currency in
 * scope. Open promises are weighted by each customer's kept rate; other open items are timed by each
 * customer's average days late over the invoices it paid (payment-history.ts).
 */
import type { ReadDb } from '../../read-db';
import type { KpiForecastView } from '../../../shared/api/kpi-schemas';
import type { PromiseStatus } from '../../../shared/domain/codes';
import {
  collectionForecast,
  customerPatterns,
  FORECAST_WEEKS,
  type ForecastItem,
  type ForecastPromise,
  type PastPromise,
} from '../../../shared/domain/forecast';
import type { SettledInvoice } from '../../../shared/domain/payment-history';
import { addDays } from '../../../shared/domain/dates';
import { addMinorSaturating } from '../../../shared/domain/money';
import { prepared } from '../../statements';
import { customerFilter, scopeParams, type KpiScope } from './scope';
import { disputedItemSql } from '../disputed-item';

type Params = Record<string, string | number>;

const openPromisesSql = (scope: KpiScope): string =>
  `SELECT customer_id AS customerId, promised_date AS promisedDate, amount_minor AS amountMinor, paid_minor AS paidMinor, currency
   FROM promises WHERE status = 'open' ${customerFilter(scope, 'customer_id')}`;

const pastPromisesSql = (scope: KpiScope): string =>
  `SELECT customer_id AS customerId, status, amount_minor AS amountMinor
   FROM promises WHERE status IN ('kept', 'partially_kept', 'broken') ${customerFilter(scope, 'customer_id')}`;

// Paid invoices are the payment history: how late each customer pays.
const settledSql = (scope: KpiScope): string =>
  `SELECT customer_id AS customerKey, document_date AS invoiceDate, due_date AS dueDate, cleared_at AS settledDate,
     ${disputedItemSql('o')} AS disputed
   FROM open_items o WHERE kind = 'invoice' AND cleared_at IS NOT NULL ${customerFilter(scope, 'customer_id')}`;

/**
 * Open items summed per customer, currency and forecast week, in SQL. An item is expected on its due
 * date plus its customer's rounded days late (@lateness, a JSON object customer id → days; 0 for a
 * customer without history); every item whose expected date falls in the same forecast week (week 0
 * for before the as-of date, @weeks for after the last week) is placed alike by the forecast, so the
 * forecast receives one item per group, due on the day its customer would pay on the week's first day.
 * Amounts, weeks and the conservation of every minor unit stay exactly as if each item were placed alone.
 */
const itemWeeksSql = (scope: KpiScope, coveredOnly: boolean): string =>
  `WITH late(customer_id, days) AS MATERIALIZED (SELECT key, value FROM json_each(@lateness))
   SELECT o.customer_id, o.currency,
     min(@weeks, max(0, CAST(julianday(o.due_date) - julianday(@asOf) + coalesce(l.days, 0) AS INTEGER) / 7)) AS week,
     coalesce(l.days, 0) AS late, sum(o.open_minor)
   FROM open_items o LEFT JOIN late l ON l.customer_id = o.customer_id
   WHERE o.open_minor <> 0 ${customerFilter(scope, 'o.customer_id')}
     ${coveredOnly ? "AND o.id IN (SELECT pi.open_item_id FROM promise_items pi JOIN promises p ON p.id = pi.promise_id WHERE p.status = 'open')" : ''}
   GROUP BY 1, 2, 3`;

/** customer_id, currency, forecast week (0-based; FORECAST_WEEKS = beyond), days late, open amount. */
type ItemWeekRow = [string, string, number, number, number];

/**
 * The items the forecast places: per customer, currency and week, the part under an open promise
 * (which the promise forecasts instead) and the rest.
 */
function forecastItems(all: readonly ItemWeekRow[], covered: readonly ItemWeekRow[], asOf: string): ForecastItem[] {
  const dueDates = new Map<string, string>();
  const dueDateOf = (week: number, late: number): string => {
    const key = `${String(week)}|${String(late)}`;
    let date = dueDates.get(key);
    if (date === undefined) {
      date = addDays(asOf, week * 7 - late);
      dueDates.set(key, date);
    }
    return date;
  };
  const coveredMinor = new Map<string, number>();
  const items: ForecastItem[] = [];
  for (const [customerId, currency, week, late, openMinor] of covered) {
    coveredMinor.set(`${customerId}|${currency}|${String(week)}`, openMinor);
    items.push({ customerId, currency, dueDate: dueDateOf(week, late), openMinor, coveredByPromise: true });
  }
  for (const [customerId, currency, week, late, openMinor] of all) {
    const rest = addMinorSaturating(openMinor, -(coveredMinor.get(`${customerId}|${currency}|${String(week)}`) ?? 0));
    if (rest !== 0) items.push({ customerId, currency, dueDate: dueDateOf(week, late), openMinor: rest, coveredByPromise: false });
  }
  return items;
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

export function queryKpiForecast(sqlite: ReadDb, scope: KpiScope, asOf: string): KpiForecastView {
  const params = scopeParams(scope);
  const openPromises = prepared<[Params], ForecastPromise>(sqlite, openPromisesSql(scope)).all(params);
  const pastPromises = prepared<[Params], PastPromise & { status: PromiseStatus }>(sqlite, pastPromisesSql(scope)).all(params);
  const settled = prepared<[Params], Omit<SettledInvoice, 'disputed'> & { disputed: number }>(sqlite, settledSql(scope))
    .all(params)
    .map((row): SettledInvoice => ({ ...row, disputed: row.disputed === 1 }));
  const patterns = customerPatterns(pastPromises, settled);
  const lateness: Record<string, number> = {};
  for (const [customerId, pattern] of patterns) {
    if (pattern.averageDaysLate !== null) lateness[customerId] = Math.round(pattern.averageDaysLate);
  }
  const weekParams = { ...params, lateness: JSON.stringify(lateness), asOf, weeks: FORECAST_WEEKS };
  const rowsOf = (coveredOnly: boolean): ItemWeekRow[] =>
    prepared<[Params & { weeks: number }], ItemWeekRow>(sqlite, itemWeeksSql(scope, coveredOnly)).raw().all(weekParams);
  const items = forecastItems(rowsOf(false), rowsOf(true), asOf);
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
