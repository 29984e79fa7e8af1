/**
 * Collections KPIs as pure formulas (see ../shared/DOMAIN.md "KPIs" and docs/KPI.md). Every
 * figure carries its formula (as a code) and inputs so the dashboard can show how it was reached. One
 * currency at a time: records in another currency are refused, never converted or mixed.
 * Money sums are exact integers; ratios are rounded once, half away from zero, with BigInt.
 */
import { refused } from '../i18n/refusals';
import type { DisputeReason, ItemKind, PromiseStatus, RootCause } from './codes';
import { addMinorSaturating, clampMinor, sumMinorSaturating } from './money';
import { addDays, compareDates, daysBetween, storedDateOfTimestamp } from './dates';

export type KpiInputs = Record<string, number | string>;

/** The dashboard's figures, in the order it shows them. */
export const KPI_FIGURE_KEYS = [
  'dso',
  'dsoCountback',
  'bestPossibleDso',
  'averageDaysDelinquent',
  'daysDelinquentPerInvoice',
  'daysDelinquentWeighted',
  'cei',
  'percentCurrent',
  'keptRateByCount',
  'keptRateByAmount',
  'brokenPromises',
  'collectedVsPromised',
  'disputesOpened',
  'disputeCycleTime',
] as const;
export type KpiFigureKey = (typeof KPI_FIGURE_KEYS)[number];

/**
 * The formulas, by code: the dashboard words each in the reader's language (its dashboard.json
 * `formulas`; docs/KPI.md has the English). Named after the figure they compute; contacts per day
 * is a figure of the team views, not of the dashboard.
 */
export const KPI_FORMULAS = [...KPI_FIGURE_KEYS, 'contactsPerDay'] as const;
export type KpiFormulaKey = (typeof KPI_FORMULAS)[number];

/** Why a figure has no value, by code (worded like the formulas, dashboard.json `reasons`). */
export const KPI_NO_VALUE_REASONS = [
  'noCreditSales',
  'creditMemosExceedSales',
  'creditBalancesExceedOwed',
  'dsoNotAvailable',
  'endingArNegative',
  'endingArExceedsMonths',
  'nothingCollectible',
  'noOpenReceivables',
  'noInvoicePaid',
  'noAmountPaid',
  'noPromiseResolved',
  'noPromisedAmountResolved',
  'nothingPromised',
  'noDisputeClosed',
] as const;
export type KpiReasonKey = (typeof KPI_NO_VALUE_REASONS)[number];

/** A text by its code and the values it names (`{ key: 'brokenPromises', params: { currency: 'EUR' } }`). */
export interface KpiText<K extends string> {
  readonly key: K;
  readonly params?: Readonly<Record<string, number | string>>;
}

/**
 * `value` is null exactly when the formula has no answer (say a division by zero); `reason` says
 * why. Formula and reason travel as codes, so each reader sees them in their own language.
 */
export interface KpiFigure {
  readonly value: number | null;
  readonly reason: KpiText<KpiReasonKey> | null;
  readonly formula: KpiText<KpiFormulaKey>;
  readonly inputs: KpiInputs;
}

/** Inclusive calendar-date range. */
export interface Period {
  readonly from: string;
  readonly to: string;
}

export interface KpiInvoice {
  /** What the item is (an invoice when not given): decides whether it is a sale (CREDIT_SALES_KINDS). */
  readonly kind?: ItemKind;
  readonly documentDate: string;
  readonly dueDate: string;
  /** Date the invoice was cleared in full; open until then (partial payments are not modelled here). */
  readonly paidDate: string | null;
  readonly amountMinor: number;
  readonly currency: string;
}

export interface ArPosition {
  readonly totalMinor: number;
  /** Not yet due on the date: due date on or after it, as the aging "current" bucket. */
  readonly currentMinor: number;
}

export interface KpiPromise {
  readonly promisedDate: string;
  readonly status: PromiseStatus;
  readonly amountMinor: number;
  readonly paidMinor: number;
  readonly currency: string;
}

export interface KpiDispute {
  readonly openedAt: string;
  readonly closedAt: string | null;
  readonly reasonCode: DisputeReason;
  readonly rootCause: RootCause | null;
}

export interface KpiActivity {
  readonly collectorId: string;
  readonly at: string;
}

/** Days are shown with 2 decimals, rates (0..1) with 4, percentages (0..100) with 2. */
export const DAY_DECIMALS = 2;
export const RATE_DECIMALS = 4;
export const PERCENT_DECIMALS = 2;

function figure(value: number, formula: KpiFormulaKey, inputs: KpiInputs): KpiFigure {
  return { value, reason: null, formula: { key: formula }, inputs };
}

function noFigure(reason: KpiReasonKey, formula: KpiFormulaKey, inputs: KpiInputs): KpiFigure {
  return { value: null, reason: { key: reason }, formula: { key: formula }, inputs };
}

/** numerator ÷ denominator rounded half away from zero to `decimals`, exactly; denominator ≠ 0. */
function roundedRatio(numerator: bigint, denominator: bigint, decimals: number): number {
  const scale = 10n ** BigInt(decimals);
  const negative = numerator < 0n !== denominator < 0n;
  const top = (numerator < 0n ? -numerator : numerator) * scale;
  const bottom = denominator < 0n ? -denominator : denominator;
  let quotient = top / bottom;
  if ((top % bottom) * 2n >= bottom) quotient += 1n;
  const rounded = Number(negative ? -quotient : quotient) / Number(scale);
  return rounded === 0 ? 0 : rounded;
}

function requireCurrency(actual: string, expected: string): void {
  if (actual !== expected) {
    throw refused('validation', { key: 'kpiOneCurrency', params: { currency: actual, otherCurrency: expected } }, 'currency');
  }
}

function within(date: string, period: Period): boolean {
  return compareDates(date, period.from) >= 0 && compareDates(date, period.to) <= 0;
}

export function daysInPeriod(period: Period): number {
  const days = daysBetween(period.from, period.to) + 1;
  if (days < 1) throw refused('validation', { key: 'periodEndsBeforeStart', params: { fromDate: period.from, toDate: period.to } }, 'period');
  return days;
}

/** Open receivables at the end of `date`: issued on or before it and not paid by then. */
export function arPositionAt(invoices: readonly KpiInvoice[], date: string, currency: string): ArPosition {
  let totalMinor = 0;
  let currentMinor = 0;
  for (const invoice of invoices) {
    requireCurrency(invoice.currency, currency);
    const amount = clampMinor(invoice.amountMinor);
    const open = compareDates(invoice.documentDate, date) <= 0 && (invoice.paidDate === null || compareDates(invoice.paidDate, date) > 0);
    if (!open) continue;
    totalMinor = addMinorSaturating(totalMinor, amount);
    if (compareDates(invoice.dueDate, date) >= 0) currentMinor = addMinorSaturating(currentMinor, amount);
  }
  return { totalMinor, currentMinor };
}

/**
 * What counts as credit sales, everywhere a KPI needs them (DSO, best possible DSO, countback, CEI):
 * invoices and debit memos, net of the credit memos issued, by document date. A payment on account
 * is money received, not a sale. Receivables (AR) count every open item, credit balances included.
 */
export const CREDIT_SALES_KINDS: readonly ItemKind[] = ['invoice', 'debit_memo', 'credit_memo'];

const isCreditSale = (kind: ItemKind): boolean => CREDIT_SALES_KINDS.includes(kind);

/** Credit sales of the period: the items of CREDIT_SALES_KINDS whose document date falls in it, credit memos subtracting. */
export function creditSalesIn(invoices: readonly KpiInvoice[], period: Period, currency: string): number {
  let total = 0;
  for (const invoice of invoices) {
    requireCurrency(invoice.currency, currency);
    if (within(invoice.documentDate, period) && isCreditSale(invoice.kind ?? 'invoice')) total = addMinorSaturating(total, clampMinor(invoice.amountMinor));
  }
  return total;
}

export interface DsoInput {
  readonly endingArMinor: number;
  readonly currentArMinor: number;
  readonly creditSalesMinor: number;
  readonly days: number;
  readonly currency: string;
}

function arDays(arMinor: number, input: DsoInput, formula: KpiFormulaKey, arName: string): KpiFigure {
  if (!Number.isSafeInteger(input.days) || input.days < 1) {
    throw refused('validation', { key: 'notDaysInPeriod', params: { value: String(input.days) } }, 'days');
  }
  const inputs: KpiInputs = {
    [arName]: clampMinor(arMinor),
    creditSalesMinor: clampMinor(input.creditSalesMinor),
    days: input.days,
    currency: input.currency,
  };
  if (input.creditSalesMinor === 0) return noFigure('noCreditSales', formula, inputs);
  // Credit memos can outweigh a quiet month's sales, credit balances what is owed: negative days would mislead.
  if (input.creditSalesMinor < 0) return noFigure('creditMemosExceedSales', formula, inputs);
  if (arMinor < 0) return noFigure('creditBalancesExceedOwed', formula, inputs);
  return figure(roundedRatio(BigInt(arMinor) * BigInt(input.days), BigInt(input.creditSalesMinor), DAY_DECIMALS), formula, inputs);
}

export function dsoSimple(input: DsoInput): KpiFigure {
  return arDays(input.endingArMinor, input, 'dso', 'endingArMinor');
}

export function bestPossibleDso(input: DsoInput): KpiFigure {
  return arDays(input.currentArMinor, input, 'bestPossibleDso', 'currentArMinor');
}

/** ADD = DSO − best possible DSO, taken from the two rounded figures so the three always add up on screen. */
export function averageDaysDelinquent(dso: KpiFigure, best: KpiFigure): KpiFigure {
  const formula = 'averageDaysDelinquent';
  if (dso.value === null || best.value === null) {
    // The reason DSO has none, with its values: ADD has no value for the same reason.
    return { value: null, reason: dso.reason ?? best.reason ?? { key: 'dsoNotAvailable' }, formula: { key: formula }, inputs: {} };
  }
  const scale = 10 ** DAY_DECIMALS;
  const value = (Math.round(dso.value * scale) - Math.round(best.value * scale)) / scale;
  return figure(value, formula, { dso: dso.value, bestPossibleDso: best.value });
}

export interface DsoFigures {
  readonly dso: KpiFigure;
  readonly bestPossibleDso: KpiFigure;
  readonly averageDaysDelinquent: KpiFigure;
}

export function dsoFigures(input: DsoInput): DsoFigures {
  const dso = dsoSimple(input);
  const best = bestPossibleDso(input);
  return { dso, bestPossibleDso: best, averageDaysDelinquent: averageDaysDelinquent(dso, best) };
}

/** The DSO inputs of a period straight from invoice records. */
export function dsoInputFromInvoices(invoices: readonly KpiInvoice[], period: Period, currency: string): DsoInput {
  const position = arPositionAt(invoices, period.to, currency);
  return {
    endingArMinor: position.totalMinor,
    currentArMinor: position.currentMinor,
    creditSalesMinor: creditSalesIn(invoices, period, currency),
    days: daysInPeriod(period),
    currency,
  };
}

export interface CountbackMonth {
  /** Label such as '2026-03'; shown among the inputs. */
  readonly label: string;
  readonly days: number;
  readonly creditSalesMinor: number;
}

/**
 * Countback DSO: walk back from the latest month, taking each month's credit sales out of the
 * ending AR and counting its full days while the AR covers them; the month that exhausts the
 * AR counts the fraction remainder ÷ sales of its days. `months` runs newest first.
 */
export function dsoCountback(endingArMinor: number, months: readonly CountbackMonth[], currency: string): KpiFigure {
  const formula = 'dsoCountback';
  const inputs: KpiInputs = { endingArMinor: clampMinor(endingArMinor), currency };
  months.forEach((month) => {
    inputs[`creditSalesMinor ${month.label}`] = clampMinor(month.creditSalesMinor);
    inputs[`days ${month.label}`] = month.days;
  });
  if (endingArMinor < 0) return noFigure('endingArNegative', formula, inputs);
  let remaining = BigInt(endingArMinor);
  let fullDays = 0n;
  for (const month of months) {
    // A month whose credit memos outweigh its sales took nothing out of AR: its days count whole.
    const sales = BigInt(Math.max(0, month.creditSalesMinor));
    if (remaining === 0n) break;
    if (sales > 0n && remaining < sales) {
      // fullDays + remaining / sales × days, over one denominator so the rounding happens once.
      return figure(roundedRatio(fullDays * sales + remaining * BigInt(month.days), sales, DAY_DECIMALS), formula, inputs);
    }
    remaining -= sales;
    fullDays += BigInt(month.days);
  }
  if (remaining > 0n) return noFigure('endingArExceedsMonths', formula, inputs);
  return figure(Number(fullDays), formula, inputs);
}

function monthStart(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

function previousMonthEnd(date: string): string {
  return addDays(monthStart(date), -1);
}

/** `count` calendar months ending with the month of `asOf` (that one cut at `asOf`), newest first. */
export function countbackMonthsFromInvoices(invoices: readonly KpiInvoice[], asOf: string, count: number, currency: string): CountbackMonth[] {
  const months: CountbackMonth[] = [];
  let to = asOf;
  for (let index = 0; index < count; index += 1) {
    const period = { from: monthStart(to), to };
    months.push({ label: to.slice(0, 7), days: daysInPeriod(period), creditSalesMinor: creditSalesIn(invoices, period, currency) });
    to = previousMonthEnd(to);
  }
  return months;
}

export interface InvoiceDelinquency {
  readonly simple: KpiFigure;
  readonly weighted: KpiFigure;
}

/** Per invoice paid in the period: paid date − due date, floored at 0; plain mean and mean weighted by amount. */
export function invoiceDaysDelinquent(invoices: readonly KpiInvoice[], period: Period, currency: string): InvoiceDelinquency {
  let count = 0;
  let daysTotal = 0;
  let amountTotal = 0;
  let weightedTotal = 0n;
  for (const invoice of invoices) {
    requireCurrency(invoice.currency, currency);
    // Invoices only, as the dashboard's SQL counts them: a credit memo is not paid late.
    if ((invoice.kind ?? 'invoice') !== 'invoice' || invoice.paidDate === null || !within(invoice.paidDate, period)) continue;
    const late = Math.max(0, daysBetween(invoice.dueDate, invoice.paidDate));
    const amount = clampMinor(invoice.amountMinor);
    count += 1;
    daysTotal += late;
    amountTotal = addMinorSaturating(amountTotal, amount);
    weightedTotal += BigInt(late) * BigInt(amount);
  }
  const simpleInputs: KpiInputs = { paidInvoices: count, totalDaysLate: daysTotal };
  const weightedInputs: KpiInputs = { paidInvoices: count, amountDaysMinor: weightedTotal.toString(), paidAmountMinor: amountTotal, currency };
  const simpleFormula = 'daysDelinquentPerInvoice';
  const weightedFormula = 'daysDelinquentWeighted';
  return {
    simple:
      count === 0
        ? noFigure('noInvoicePaid', simpleFormula, simpleInputs)
        : figure(roundedRatio(BigInt(daysTotal), BigInt(count), DAY_DECIMALS), simpleFormula, simpleInputs),
    weighted:
      amountTotal === 0
        ? noFigure('noAmountPaid', weightedFormula, weightedInputs)
        : figure(roundedRatio(weightedTotal, BigInt(amountTotal), DAY_DECIMALS), weightedFormula, weightedInputs),
  };
}

export interface CeiInput {
  readonly openingArMinor: number;
  readonly creditSalesMinor: number;
  readonly closingTotalArMinor: number;
  readonly closingCurrentArMinor: number;
  readonly currency: string;
}

export function collectionEffectivenessIndex(input: CeiInput): KpiFigure {
  const formula = 'cei';
  const inputs: KpiInputs = {
    openingArMinor: clampMinor(input.openingArMinor),
    creditSalesMinor: clampMinor(input.creditSalesMinor),
    closingTotalArMinor: clampMinor(input.closingTotalArMinor),
    closingCurrentArMinor: clampMinor(input.closingCurrentArMinor),
    currency: input.currency,
  };
  const available = BigInt(input.openingArMinor) + BigInt(input.creditSalesMinor);
  const collected = available - BigInt(input.closingTotalArMinor);
  const collectible = available - BigInt(input.closingCurrentArMinor);
  // Below zero only when credit memos and credit balances outweigh what was owed: no meaningful share.
  if (collectible <= 0n) return noFigure('nothingCollectible', formula, inputs);
  return figure(roundedRatio(collected * 100n, collectible, PERCENT_DECIMALS), formula, inputs);
}

export function ceiInputFromInvoices(invoices: readonly KpiInvoice[], period: Period, currency: string): CeiInput {
  const opening = arPositionAt(invoices, addDays(period.from, -1), currency);
  const closing = arPositionAt(invoices, period.to, currency);
  return {
    openingArMinor: opening.totalMinor,
    creditSalesMinor: creditSalesIn(invoices, period, currency),
    closingTotalArMinor: closing.totalMinor,
    closingCurrentArMinor: closing.currentMinor,
    currency,
  };
}

export function percentCurrent(position: ArPosition, currency: string): KpiFigure {
  const formula = 'percentCurrent';
  const inputs: KpiInputs = { currentArMinor: clampMinor(position.currentMinor), totalArMinor: clampMinor(position.totalMinor), currency: currency };
  if (position.totalMinor === 0) return noFigure('noOpenReceivables', formula, inputs);
  if (position.totalMinor < 0) return noFigure('creditBalancesExceedOwed', formula, inputs);
  return figure(roundedRatio(BigInt(position.currentMinor) * 100n, BigInt(position.totalMinor), PERCENT_DECIMALS), formula, inputs);
}

export interface PromiseFigures {
  readonly keptRateByCount: KpiFigure;
  readonly keptRateByAmount: KpiFigure;
  readonly brokenCount: number;
  /** Σ paid ÷ Σ promised over promises due in the period that still count (not cancelled or superseded). */
  readonly collectedVsPromised: KpiFigure;
}

// Cancelled and superseded promises were withdrawn or replaced, so they promised nothing any more.
const WITHDRAWN: ReadonlySet<PromiseStatus> = new Set(['cancelled', 'superseded']);

/** Promises whose promised date falls in the period. */
export function promiseFigures(promises: readonly KpiPromise[], period: Period, currency: string): PromiseFigures {
  const counts = { kept: 0, partially_kept: 0, broken: 0 };
  const amounts = { kept: 0, partially_kept: 0, broken: 0 };
  const promisedAmounts: number[] = [];
  const paidAmounts: number[] = [];
  for (const promise of promises) {
    requireCurrency(promise.currency, currency);
    if (!within(promise.promisedDate, period)) continue;
    const { status } = promise;
    if (status === 'kept' || status === 'partially_kept' || status === 'broken') {
      counts[status] += 1;
      amounts[status] = addMinorSaturating(amounts[status], clampMinor(promise.amountMinor));
    }
    if (!WITHDRAWN.has(status)) {
      promisedAmounts.push(promise.amountMinor);
      paidAmounts.push(promise.paidMinor);
    }
  }
  const resolvedCount = counts.kept + counts.partially_kept + counts.broken;
  const resolvedAmount = sumMinorSaturating([amounts.kept, amounts.partially_kept, amounts.broken]);
  const countFormula = 'keptRateByCount';
  const amountFormula = 'keptRateByAmount';
  const countInputs: KpiInputs = { kept: counts.kept, partiallyKept: counts.partially_kept, broken: counts.broken };
  const amountInputs: KpiInputs = {
    keptMinor: amounts.kept,
    partiallyKeptMinor: amounts.partially_kept,
    brokenMinor: amounts.broken,
    currency,
  };
  const promisedMinor = sumMinorSaturating(promisedAmounts);
  const paidMinor = sumMinorSaturating(paidAmounts);
  const cvpFormula = 'collectedVsPromised';
  const cvpInputs: KpiInputs = { paidMinor, promisedMinor, currency };
  return {
    keptRateByCount:
      resolvedCount === 0
        ? noFigure('noPromiseResolved', countFormula, countInputs)
        : figure(roundedRatio(BigInt(counts.kept), BigInt(resolvedCount), RATE_DECIMALS), countFormula, countInputs),
    keptRateByAmount:
      resolvedAmount === 0
        ? noFigure('noPromisedAmountResolved', amountFormula, amountInputs)
        : figure(roundedRatio(BigInt(amounts.kept), BigInt(resolvedAmount), RATE_DECIMALS), amountFormula, amountInputs),
    brokenCount: counts.broken,
    collectedVsPromised:
      promisedMinor === 0
        ? noFigure('nothingPromised', cvpFormula, cvpInputs)
        : figure(roundedRatio(BigInt(paidMinor), BigInt(promisedMinor), RATE_DECIMALS), cvpFormula, cvpInputs),
  };
}

export interface DisputeGroup {
  readonly key: string;
  /** Disputes opened in the period. */
  readonly opened: number;
  /** Average calendar days (UTC) from opened to closed, over disputes closed in the period. */
  readonly cycleTimeDays: KpiFigure;
}

export interface DisputeFigures {
  readonly opened: number;
  readonly cycleTimeDays: KpiFigure;
  readonly byReason: readonly DisputeGroup[];
  /** Disputes without a root cause yet are grouped under 'unassigned'. */
  readonly byRootCause: readonly DisputeGroup[];
}

const UNASSIGNED = 'unassigned';

function disputeGroup(key: string, disputes: readonly KpiDispute[], period: Period): DisputeGroup {
  let opened = 0;
  let closed = 0;
  let days = 0;
  for (const dispute of disputes) {
    // A time the store holds as no instant at all (a damaged row) puts the dispute in no period.
    const openedOn = storedDateOfTimestamp(dispute.openedAt);
    if (openedOn === null) continue;
    if (within(openedOn, period)) opened += 1;
    const closedOn = dispute.closedAt === null ? null : storedDateOfTimestamp(dispute.closedAt);
    if (closedOn === null || !within(closedOn, period)) continue;
    closed += 1;
    days += daysBetween(openedOn, closedOn);
  }
  const formula = 'disputeCycleTime';
  const inputs: KpiInputs = { closedDisputes: closed, totalDays: days };
  return {
    key,
    opened,
    cycleTimeDays:
      closed === 0
        ? noFigure('noDisputeClosed', formula, inputs)
        : figure(roundedRatio(BigInt(days), BigInt(closed), DAY_DECIMALS), formula, inputs),
  };
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function groups(disputes: readonly KpiDispute[], period: Period, keyOf: (dispute: KpiDispute) => string): DisputeGroup[] {
  return [...groupBy(disputes, keyOf)]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, members]) => disputeGroup(key, members, period));
}

export function disputeFigures(disputes: readonly KpiDispute[], period: Period): DisputeFigures {
  const all = disputeGroup('all', disputes, period);
  return {
    opened: all.opened,
    cycleTimeDays: all.cycleTimeDays,
    byReason: groups(disputes, period, (dispute) => dispute.reasonCode),
    byRootCause: groups(disputes, period, (dispute) => dispute.rootCause ?? UNASSIGNED),
  };
}

export interface CollectorContacts {
  readonly collectorId: string;
  readonly contacts: number;
  readonly perDay: KpiFigure;
}

/** Contacts (activities) per collector ÷ calendar days in the period; collectors without contacts are absent. */
export function contactsPerCollectorPerDay(activities: readonly KpiActivity[], period: Period): CollectorContacts[] {
  const days = daysInPeriod(period);
  const inPeriod = activities.filter((activity) => {
    const on = storedDateOfTimestamp(activity.at);
    return on !== null && within(on, period);
  });
  return [...groupBy(inPeriod, (activity) => activity.collectorId)]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([collectorId, members]) => ({
      collectorId,
      contacts: members.length,
      perDay: figure(roundedRatio(BigInt(members.length), BigInt(days), DAY_DECIMALS), 'contactsPerDay', {
        contacts: members.length,
        days,
      }),
    }));
}
