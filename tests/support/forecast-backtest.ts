/**
 * Backtest of the 13-week collection forecast on the IBM accounts-receivable sample (issue 32,
 * point 2): at an as-of date, only what was known then (invoices issued before it; settlements
 * before it as the payment history; the rest open), and the actual cash = the amounts settled in
 * each forecast week. The product's forecast is the shared rule the app runs
 * (shared/domain/forecast.ts, as db/queries/kpi/forecast.ts feeds it); the reference is the plain
 * model the issue sets as the bar: each customer's empirical distribution of (settled − due) days
 * for the open items, conditioned on not yet paid, plus its trailing 26-week billing per week spread
 * by its distribution of (settled − invoice date) days.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { addDays, compareDates, daysBetween } from '../../shared/domain/dates';
import { BILLING_WINDOW_WEEKS, collectionForecast, FORECAST_WEEKS, forecastPatterns, type CollectionForecast, type ForecastBilling, type ForecastItem, type InvoicePayment, WHOLE_SHARE_BP } from '../../shared/domain/forecast';

export const IBM_SAMPLE = new URL('../fixtures/import/ibm-accounts-receivable.csv', import.meta.url);
/** The as-of dates of the backtest. */
export const BACKTEST_DATES = ['2012-10-01', '2013-01-01', '2013-04-01'] as const;
/** The reference model's billing window, as the issue defines it. */
const REFERENCE_BILLING_WEEKS = 26;

export interface SampleInvoice {
  readonly customer: string;
  readonly invoiceDate: string;
  readonly dueDate: string;
  readonly settledDate: string;
  readonly amountMinor: number;
}

/** M/D/YYYY → YYYY-MM-DD. */
function isoOf(usDate: string): string {
  const [month = '', day = '', year = ''] = usDate.split('/');
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** "55.94" → 5594, without a float. */
function minorOf(amount: string): number {
  const [units = '0', cents = ''] = amount.split('.');
  return Number(units) * 100 + Number(cents.padEnd(2, '0').slice(0, 2));
}

export function readIbmSample(path: URL = IBM_SAMPLE): SampleInvoice[] {
  const rows = parse<Record<string, string>>(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true });
  return rows.map((row) => ({
    customer: row.customerID ?? '',
    invoiceDate: isoOf(row.InvoiceDate ?? ''),
    dueDate: isoOf(row.DueDate ?? ''),
    settledDate: isoOf(row.SettledDate ?? ''),
    amountMinor: minorOf(row.InvoiceAmount ?? '0'),
  }));
}

const before = (date: string, asOf: string): boolean => compareDates(date, asOf) < 0;
/** 0-based forecast week of a date on or after the as-of date; FORECAST_WEEKS and more: beyond. */
const weekOf = (asOf: string, date: string): number => Math.floor(Math.max(0, daysBetween(asOf, date)) / 7);

/** Cash settled in each of the 13 weeks from `asOf` (week 1 = asOf .. asOf + 6), whenever the invoice was issued. */
export function actualWeeks(invoices: readonly SampleInvoice[], asOf: string): number[] {
  const weeks = new Array<number>(FORECAST_WEEKS).fill(0);
  for (const invoice of invoices) {
    if (before(invoice.settledDate, asOf)) continue;
    const week = weekOf(asOf, invoice.settledDate);
    if (week < FORECAST_WEEKS) weeks[week] = (weeks[week] ?? 0) + invoice.amountMinor;
  }
  return weeks;
}

const known = (invoices: readonly SampleInvoice[], asOf: string) => ({
  history: invoices.filter((invoice) => before(invoice.settledDate, asOf)),
  open: invoices.filter((invoice) => before(invoice.invoiceDate, asOf) && !before(invoice.settledDate, asOf)),
});

/** The product's forecast: the app's shared rule on what was known at `asOf` (no promises in the sample). */
export function productForecast(invoices: readonly SampleInvoice[], asOf: string): CollectionForecast {
  const { history, open } = known(invoices, asOf);
  const payments: InvoicePayment[] = history.map((invoice) => ({ customerId: invoice.customer, invoiceDate: invoice.invoiceDate, dueDate: invoice.dueDate, paidOn: invoice.settledDate, shareBp: WHOLE_SHARE_BP }));
  const items: ForecastItem[] = open.map((invoice) => ({ customerId: invoice.customer, dueDate: invoice.dueDate, openMinor: invoice.amountMinor, currency: 'USD', coveredByPromise: false }));
  const billing: ForecastBilling[] = [...billedInWindow(invoices, asOf, BILLING_WINDOW_WEEKS)].map(([customerId, billedMinor]) => ({ customerId, currency: 'USD', billedMinor }));
  return collectionForecast(asOf, 'USD', [], items, billing, forecastPatterns([], payments, asOf));
}

export const productWeeks = (invoices: readonly SampleInvoice[], asOf: string): number[] => productForecast(invoices, asOf).weeks.map((week) => week.totalMinor);

/** What was open at `asOf`: invoices issued before it and not settled before it. */
export const openAt = (invoices: readonly SampleInvoice[], asOf: string): number => known(invoices, asOf).open.reduce((total, invoice) => total + invoice.amountMinor, 0);

/** Each customer's billing in the `weeks` weeks before `asOf`. */
function billedInWindow(invoices: readonly SampleInvoice[], asOf: string, weeks: number): Map<string, number> {
  const from = addDays(asOf, -weeks * 7);
  const billed = new Map<string, number>();
  for (const invoice of invoices) {
    if (before(invoice.invoiceDate, from) || !before(invoice.invoiceDate, asOf)) continue;
    billed.set(invoice.customer, (billed.get(invoice.customer) ?? 0) + invoice.amountMinor);
  }
  return billed;
}

function byCustomer(history: readonly SampleInvoice[], delay: (invoice: SampleInvoice) => number): Map<string, number[]> {
  const delays = new Map<string, number[]>();
  for (const invoice of history) delays.set(invoice.customer, [...(delays.get(invoice.customer) ?? []), delay(invoice)]);
  return delays;
}

/** The reference model (see the top of this file); fractions of a cent are kept until the weeks are rounded. */
export function referenceWeeks(invoices: readonly SampleInvoice[], asOf: string): number[] {
  const { history, open } = known(invoices, asOf);
  const weeks = new Array<number>(FORECAST_WEEKS).fill(0);
  const add = (date: string, amount: number): void => {
    const week = weekOf(asOf, date);
    if (week < FORECAST_WEEKS) weeks[week] = (weeks[week] ?? 0) + amount;
  };
  const lateness = byCustomer(history, (invoice) => daysBetween(invoice.dueDate, invoice.settledDate));
  const payTimes = byCustomer(history, (invoice) => daysBetween(invoice.invoiceDate, invoice.settledDate));
  const everyLateness = [...lateness.values()].flat();
  const everyPayTime = [...payTimes.values()].flat();

  for (const invoice of open) {
    // Not paid before the as-of date: only the delays that land on or after it remain possible.
    const still = (delays: readonly number[]) => delays.filter((days) => !before(addDays(invoice.dueDate, days), asOf));
    const own = still(lateness.get(invoice.customer) ?? []);
    const candidates = own.length > 0 ? own : still(everyLateness);
    if (candidates.length === 0) add(asOf, invoice.amountMinor);
    for (const days of candidates) add(addDays(invoice.dueDate, days), invoice.amountMinor / candidates.length);
  }

  for (const [customer, total] of billedInWindow(invoices, asOf, REFERENCE_BILLING_WEEKS)) {
    const perWeek = total / REFERENCE_BILLING_WEEKS;
    const own = payTimes.get(customer) ?? [];
    const lags = own.length > 0 ? own : everyPayTime;
    for (let week = 0; week < FORECAST_WEEKS; week++) {
      const issued = addDays(asOf, week * 7 + 3);
      for (const lag of lags) add(addDays(issued, lag), perWeek / lags.length);
    }
  }
  return weeks.map((amount) => Math.round(amount));
}

export interface Accuracy {
  /** Mean over the weeks with cash of |forecast − actual| ÷ actual. */
  readonly weeklyMape: number;
  /** (Σ forecast − Σ actual) ÷ Σ actual over the 13 weeks. */
  readonly totalError: number;
}

export function accuracy(forecast: readonly number[], actual: readonly number[]): Accuracy {
  const errors = actual.flatMap((cash, week) => (cash > 0 ? [Math.abs((forecast[week] ?? 0) - cash) / cash] : []));
  const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
  return { weeklyMape: sum(errors) / errors.length, totalError: (sum(forecast) - sum(actual)) / sum(actual) };
}

export interface BacktestRow {
  readonly asOf: string;
  readonly actualMinor: number;
  readonly product: Accuracy;
  readonly reference: Accuracy;
}

export function backtest(invoices: readonly SampleInvoice[] = readIbmSample()): BacktestRow[] {
  return BACKTEST_DATES.map((asOf) => {
    const actual = actualWeeks(invoices, asOf);
    return {
      asOf,
      actualMinor: actual.reduce((total, cash) => total + cash, 0),
      product: accuracy(productWeeks(invoices, asOf), actual),
      reference: accuracy(referenceWeeks(invoices, asOf), actual),
    };
  });
}
