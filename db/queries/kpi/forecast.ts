/**
 * kpi.forecast: the 13-week collection forecast of shared/domain/forecast.ts, one per currency in
 * scope, fed from the local store: open promises and the customers' resolved ones, open items, the
 * invoices the customers paid (their timing) and what they billed in the trailing 26 weeks.
 */
import type { ReadDb } from '../../read-db';
import type { KpiForecastView } from '../../../shared/api/kpi-schemas';
import type { PromiseStatus } from '../../../shared/domain/codes';
import {
  BILLING_WINDOW_WEEKS,
  collectionForecast,
  FORECAST_WEEKS,
  forecastPatterns,
  type ForecastBilling,
  type ForecastItem,
  type ForecastPromise,
  type InvoicePayment,
  type PastPromise,
  WHOLE_SHARE_BP,
} from '../../../shared/domain/forecast';
import { addDays } from '../../../shared/domain/dates';
import { toBaseMinorSaturating, type FxTable } from '../../../shared/domain/fx';
import { addMinorSaturating, clampMinor } from '../../../shared/domain/money';
import { prepared } from '../../statements';
import { customerFilter, scopeParams, type KpiScope } from './scope';

type Params = Record<string, string | number>;

const openPromisesSql = (scope: KpiScope): string =>
  `SELECT customer_id AS customerId, promised_date AS promisedDate, amount_minor AS amountMinor, paid_minor AS paidMinor, currency
   FROM promises WHERE status = 'open' ${customerFilter(scope, 'customer_id')}`;

const pastPromisesSql = (scope: KpiScope): string =>
  `SELECT customer_id AS customerId, status, amount_minor AS amountMinor
   FROM promises WHERE status IN ('kept', 'partially_kept', 'broken') ${customerFilter(scope, 'customer_id')}`;

/**
 * The payments that settled invoices, each with the invoice's dates and amount: how late and how
 * soon after invoicing each customer pays, in parts where it paid in parts. An invoice cleared
 * without any clearing on record (an ERP that sends only the clearing date) counts as paid whole that
 * day; one cleared by credit notes alone is no cash and teaches nothing.
 */
const paymentsSql = (scope: KpiScope): string =>
  `SELECT o.customer_id AS customerId, o.document_date AS invoiceDate, o.due_date AS dueDate, c.cleared_on AS paidOn, c.amount_minor AS paidMinor, o.original_minor AS originalMinor
   FROM open_items o JOIN clearings c ON c.open_item_id = o.id
   WHERE o.kind = 'invoice' AND o.cleared_at IS NOT NULL AND o.original_minor > 0 AND c.payment_id IS NOT NULL AND c.amount_minor > 0 ${customerFilter(scope, 'o.customer_id')}
   UNION ALL
   SELECT o.customer_id, o.document_date, o.due_date, o.cleared_at, o.original_minor, o.original_minor
   FROM open_items o
   WHERE o.kind = 'invoice' AND o.cleared_at IS NOT NULL AND o.original_minor > 0 ${customerFilter(scope, 'o.customer_id')}
     AND NOT EXISTS (SELECT 1 FROM clearings c WHERE c.open_item_id = o.id)`;

interface PaymentRow {
  readonly customerId: string;
  readonly invoiceDate: string;
  readonly dueDate: string;
  readonly paidOn: string;
  readonly paidMinor: number;
  readonly originalMinor: number;
}

/** paid ÷ original in basis points, half up, exactly (both are positive whole amounts): a paid-in-full invoice needs no division. */
function shareBp(row: PaymentRow): number {
  const paid = clampMinor(row.paidMinor);
  const original = clampMinor(row.originalMinor);
  if (paid >= original) return WHOLE_SHARE_BP;
  return Number((BigInt(paid) * BigInt(WHOLE_SHARE_BP) * 2n + BigInt(original)) / (2n * BigInt(original)));
}

/**
 * Open items summed per customer, currency and due date: the forecast spreads all items of a customer
 * due on one day alike, so it receives one item per group (`coveredOnly`: the part under an open
 * promise, which the promise forecasts instead; two queries, as one would lose the covering index).
 */
const itemGroupsSql = (scope: KpiScope, coveredOnly: boolean): string =>
  `SELECT o.customer_id, o.currency, o.due_date, sum(o.open_minor)
   FROM open_items o
   WHERE o.open_minor <> 0 ${customerFilter(scope, 'o.customer_id')}
     ${coveredOnly ? "AND o.id IN (SELECT pi.open_item_id FROM promise_items pi JOIN promises p ON p.id = pi.promise_id WHERE p.status = 'open')" : ''}
   GROUP BY 1, 2, 3`;

/** Each customer's billing per currency in the trailing window, net of credit notes (the run rate of the billing part). */
const billingSql = (scope: KpiScope): string =>
  `SELECT customer_id AS customerId, currency, sum(original_minor) AS billedMinor
   FROM open_items
   WHERE kind IN ('invoice', 'debit_memo', 'credit_memo') AND document_date >= @billedFrom AND document_date < @asOf ${customerFilter(scope, 'customer_id')}
   GROUP BY 1, 2`;

/** customer_id, currency, due date, open amount. */
type ItemGroupRow = [string, string, string, number];

/** The items the forecast places: per customer, currency and due date, the part under an open promise and the rest. */
function forecastItems(all: readonly ItemGroupRow[], covered: readonly ItemGroupRow[]): ForecastItem[] {
  const coveredMinor = new Map<string, number>();
  const items: ForecastItem[] = [];
  for (const [customerId, currency, dueDate, openMinor] of covered) {
    coveredMinor.set(`${customerId}|${currency}|${dueDate}`, openMinor);
    items.push({ customerId, currency, dueDate, openMinor, coveredByPromise: true });
  }
  for (const [customerId, currency, dueDate, openMinor] of all) {
    const rest = coveredMinor.size === 0 ? openMinor : addMinorSaturating(openMinor, -(coveredMinor.get(`${customerId}|${currency}|${dueDate}`) ?? 0));
    if (rest !== 0) items.push({ customerId, currency, dueDate, openMinor: rest, coveredByPromise: false });
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

type Amount = KpiForecastView['weeks'][number]['amounts'][number];
type Totals = KpiForecastView['totals'][number];

/** The currencies' amounts summed in the base currency, each part converted on its own (a currency without a rate left out and named). */
function convertedForecast(weeks: readonly (readonly Amount[])[], totals: readonly Totals[], fx: FxTable): KpiForecastView['converted'] {
  const unconverted = new Set<string>();
  const sum = <K extends string>(entries: readonly ({ currency: string } & Record<K, number>)[], key: K): number =>
    entries.reduce((total, entry) => {
      const converted = toBaseMinorSaturating(entry[key], entry.currency, fx);
      if (converted === null) unconverted.add(entry.currency);
      return addMinorSaturating(total, converted ?? 0);
    }, 0);
  const convertedWeeks = weeks.map((amounts): Amount => {
    const promisedMinor = sum(amounts, 'promisedMinor');
    const itemsMinor = sum(amounts, 'itemsMinor');
    const billingMinor = sum(amounts, 'billingMinor');
    return { currency: fx.base, promisedMinor, itemsMinor, billingMinor, totalMinor: addMinorSaturating(addMinorSaturating(promisedMinor, itemsMinor), billingMinor) };
  });
  return {
    weeks: convertedWeeks,
    totals: { currency: fx.base, beyondMinor: sum(totals, 'beyondMinor'), discountedMinor: sum(totals, 'discountedMinor'), billedMinor: sum(totals, 'billedMinor') },
    unconverted: [...unconverted].sort(),
  };
}

export function queryKpiForecast(sqlite: ReadDb, scope: KpiScope, asOf: string, fx: FxTable): KpiForecastView {
  const params = scopeParams(scope);
  const openPromises = prepared<[Params], ForecastPromise>(sqlite, openPromisesSql(scope)).all(params);
  const pastPromises = prepared<[Params], PastPromise & { status: PromiseStatus }>(sqlite, pastPromisesSql(scope)).all(params);
  const payments = prepared<[Params], PaymentRow>(sqlite, paymentsSql(scope))
    .all(params)
    .map((row): InvoicePayment => ({ customerId: row.customerId, invoiceDate: row.invoiceDate, dueDate: row.dueDate, paidOn: row.paidOn, shareBp: shareBp(row) }));
  const patterns = forecastPatterns(pastPromises, payments, asOf);
  const rowsOf = (coveredOnly: boolean): ItemGroupRow[] => prepared<[Params], ItemGroupRow>(sqlite, itemGroupsSql(scope, coveredOnly)).raw().all(params);
  const items = forecastItems(rowsOf(false), rowsOf(true));
  const billing = prepared<[Params], ForecastBilling>(sqlite, billingSql(scope)).all({ ...params, asOf, billedFrom: addDays(asOf, -BILLING_WINDOW_WEEKS * 7) });
  const promisesByCurrency = byCurrency(openPromises);
  const itemsByCurrency = byCurrency(items);
  const billingByCurrency = byCurrency(billing);
  const currencies = [...new Set([...promisesByCurrency.keys(), ...itemsByCurrency.keys(), ...billingByCurrency.keys()])].sort();
  const forecasts = currencies.map((currency) =>
    collectionForecast(asOf, currency, promisesByCurrency.get(currency) ?? [], itemsByCurrency.get(currency) ?? [], billingByCurrency.get(currency) ?? [], patterns),
  );

  const amounts = Array.from({ length: FORECAST_WEEKS }, (_, index) =>
    forecasts.map((forecast): Amount => {
      const week = forecast.weeks[index];
      return { currency: forecast.currency, promisedMinor: week?.promisedMinor ?? 0, itemsMinor: week?.itemsMinor ?? 0, billingMinor: week?.billingMinor ?? 0, totalMinor: week?.totalMinor ?? 0 };
    }),
  );
  const totals = forecasts.map((forecast): Totals => ({ currency: forecast.currency, beyondMinor: forecast.beyondMinor, discountedMinor: forecast.discountedMinor, billedMinor: forecast.billedMinor }));
  return {
    asOf,
    collectorId: scope.collectorId,
    weeks: amounts.map((weekAmounts, index) => ({ week: index + 1, from: addDays(asOf, index * 7), to: addDays(asOf, index * 7 + 6), amounts: weekAmounts })),
    totals,
    converted: convertedForecast(amounts, totals, fx),
  };
}
