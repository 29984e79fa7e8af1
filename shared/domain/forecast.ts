/**
 * 13-week collection forecast from an as-of date (issue 6; remodelled by issue 32, point 2). Three
 * parts, shown apart:
 * - promised: open promises weighted by the customer's promise-kept history;
 * - open items: each spread over the weeks by the customer's own distribution of signed days late
 *   (paid − due, early payments negative; an invoice paid in parts counts each part), blended with
 *   the portfolio's, and conditioned on not being paid yet: only delays on or after the as-of date count;
 * - billing: what the customer will invoice in the 13 weeks, at its trailing 26-week run rate, spread
 *   by its distribution of days from invoice to payment, the cash of it that lands within the weeks.
 * One currency at a time, like the KPIs; amounts stay integer minor units, split exactly.
 */
import { refused } from '../i18n/refusals';
import type { PromiseStatus } from './codes';
import { addDays, compareDates, daysBetween, isCalendarDate } from './dates';
import { addMinorSaturating, clampMinor } from './money';

export const FORECAST_WEEKS = 13;
/** The trailing window whose billing sets a customer's run rate. */
export const BILLING_WINDOW_WEEKS = 26;
/**
 * How many settled invoices' worth of portfolio experience a customer's own history is blended with:
 * for days to pay, a customer with 2 settled invoices is mostly the portfolio (2 : 8) and one with 40
 * mostly itself; for days late one invoice's worth, so a customer's own habit dominates soon. Chosen on
 * the IBM backtest (tests/support/forecast-backtest.ts), where 0.5 to 2 (lateness) and 8 to 16 (days to
 * pay) all beat the reference model.
 */
export const LATENESS_PORTFOLIO_WEIGHT = 1;
export const PAY_TIME_PORTFOLIO_WEIGHT = 8;
/**
 * A settled invoice's days late count for the days around them too (a triangular kernel of ± 5
 * days): a customer who paid 12 days late will as likely pay 10 or 14 days late, and a short history
 * then spreads its cash over neighbouring weeks instead of all into one.
 */
export const LATENESS_SPREAD_DAYS = 5;

export interface ForecastPromise {
  readonly customerId: string;
  readonly promisedDate: string;
  readonly amountMinor: number;
  readonly paidMinor: number;
  readonly currency: string;
}

export interface ForecastItem {
  readonly customerId: string;
  readonly dueDate: string;
  /** Signed: a credit memo's negative open amount lowers the weeks it is expected in. */
  readonly openMinor: number;
  readonly currency: string;
  /** Under an open promise: the promise forecasts it, so the item itself is left out. */
  readonly coveredByPromise: boolean;
}

/** A customer's invoicing in the trailing BILLING_WINDOW_WEEKS (net of credit notes), in one currency. */
export interface ForecastBilling {
  readonly customerId: string;
  readonly currency: string;
  readonly billedMinor: number;
}

/**
 * A payment that settled an invoice, or a part of it: the history the timing is learnt from. A
 * customer who pays in instalments has several per invoice, each with its part, so its open items
 * are forecast in parts too.
 */
export interface InvoicePayment {
  readonly customerId: string;
  readonly invoiceDate: string;
  readonly dueDate: string;
  readonly paidOn: string;
  /** The part of the invoice it paid, in basis points (10,000: all of it). */
  readonly shareBp: number;
}

/** Payments more than three years early or late, or so long after their invoice, are damaged rows, not history. */
export const HISTORY_BOUND_DAYS = 3 * 366;

/** An invoice's whole share: what one invoice paid at once adds to a histogram. */
export const WHOLE_SHARE_BP = 10_000;

export interface PastPromise {
  readonly customerId: string;
  readonly status: PromiseStatus;
  readonly amountMinor: number;
}

/** Days → settled invoices with that delay, in parts of WHOLE_SHARE_BP (and of the spread for lateness). */
type Histogram = Map<number, number>;

interface Timing {
  /** Signed days from due date to settlement. */
  readonly lateness: Histogram;
  /** Days from invoice date to settlement. */
  readonly payTime: Histogram;
}

export interface ForecastPatterns {
  /** Kept ÷ (kept + partially kept + broken) by promised amount, 0..1, per customer with resolved promises. */
  readonly keptRates: ReadonlyMap<string, number>;
  readonly timings: ReadonlyMap<string, Timing>;
  readonly portfolio: Timing;
}

export interface ForecastWeek {
  /** 1..13 */
  readonly week: number;
  readonly from: string;
  readonly to: string;
  readonly promisedMinor: number;
  readonly itemsMinor: number;
  readonly billingMinor: number;
  readonly totalMinor: number;
}

export interface CollectionForecast {
  readonly asOf: string;
  readonly currency: string;
  readonly weeks: readonly ForecastWeek[];
  /** Open promises and items expected after the 13th week. */
  readonly beyondMinor: number;
  /** The part of open promises not expected, given the customers' kept rates. */
  readonly discountedMinor: number;
  /** The trailing 26-week billing the billing part is built on: of the customers who billed anything net, with a history to time it. */
  readonly billedMinor: number;
}

export interface ForecastOptions {
  /** Kept rate of a customer without resolved promises; 0.5 unless told. */
  readonly defaultKeptRate?: number;
}

const RATE_SCALE = 10_000n;
/** 13 weeks and "beyond". */
const SLOTS = FORECAST_WEEKS + 1;

/** kept ÷ resolved to 4 decimals, rounded half up; both are non-negative and resolved > 0. */
function rate(kept: bigint, resolved: bigint): number {
  return Number((kept * RATE_SCALE * 2n + resolved) / (resolved * 2n)) / Number(RATE_SCALE);
}

function keptRates(pastPromises: readonly PastPromise[]): Map<string, number> {
  const promised = new Map<string, { kept: bigint; resolved: bigint }>();
  for (const promise of pastPromises) {
    if (promise.status !== 'kept' && promise.status !== 'partially_kept' && promise.status !== 'broken') continue;
    const totals = promised.get(promise.customerId) ?? { kept: 0n, resolved: 0n };
    const amount = BigInt(clampMinor(promise.amountMinor));
    totals.resolved += amount;
    if (promise.status === 'kept') totals.kept += amount;
    promised.set(promise.customerId, totals);
  }
  const rates = new Map<string, number>();
  for (const [customerId, totals] of promised) if (totals.resolved > 0n) rates.set(customerId, rate(totals.kept, totals.resolved));
  return rates;
}

const count = (histogram: Histogram, days: number, weight: number): void => {
  histogram.set(days, (histogram.get(days) ?? 0) + weight);
};

/** Adds a payment spread over the days around `days`: its weight × 1, 2, …, 6, …, 2, 1. */
const countSpread = (histogram: Histogram, days: number, weight: number): void => {
  for (let offset = -LATENESS_SPREAD_DAYS; offset <= LATENESS_SPREAD_DAYS; offset++) count(histogram, days + offset, weight * (LATENESS_SPREAD_DAYS + 1 - Math.abs(offset)));
};
/** What one invoice adds to a lateness histogram in all. */
const SPREAD_MASS = (LATENESS_SPREAD_DAYS + 1) ** 2 * WHOLE_SHARE_BP;

/** What the forecast learns from the past: only promises resolved and payments made before `asOf`. */
export function forecastPatterns(pastPromises: readonly PastPromise[], payments: readonly InvoicePayment[], asOf: string): ForecastPatterns {
  const timings = new Map<string, Timing>();
  const portfolio: Timing = { lateness: new Map(), payTime: new Map() };
  // A few hundred distinct dates stand for many thousand payments: each is read once.
  const dayNumbers = new Map<string, number | null>();
  const dayOf = (date: string): number | null => {
    let day = dayNumbers.get(date);
    if (day === undefined) {
      day = dayFrom(asOf, date);
      dayNumbers.set(date, day);
    }
    return day;
  };
  for (const payment of payments) {
    if (compareDates(payment.paidOn, asOf) >= 0) continue;
    const share = Math.min(WHOLE_SHARE_BP, Math.max(0, Math.round(payment.shareBp)));
    if (share === 0) continue;
    const paid = dayOf(payment.paidOn);
    const due = dayOf(payment.dueDate);
    const invoiced = dayOf(payment.invoiceDate);
    // A damaged date (no calendar date, or year 9999) is no history: it would stretch the histograms over millennia.
    if (paid === null || due === null || invoiced === null) continue;
    const late = paid - due;
    const payTime = paid - invoiced;
    if (Math.abs(late) > HISTORY_BOUND_DAYS || Math.abs(payTime) > HISTORY_BOUND_DAYS) continue;
    let own = timings.get(payment.customerId);
    if (own === undefined) {
      own = { lateness: new Map(), payTime: new Map() };
      timings.set(payment.customerId, own);
    }
    countSpread(own.lateness, late, share);
    countSpread(portfolio.lateness, late, share);
    count(own.payTime, payTime, share);
    count(portfolio.payTime, payTime, share);
  }
  return { keptRates: keptRates(pastPromises), timings, portfolio };
}

/** Days from `asOf` to `date`; null for a stored value that is no calendar date (a damaged row). */
const dayFrom = (asOf: string, date: string): number | null => (isCalendarDate(date) ? daysBetween(asOf, date) : null);

function requireCurrency(actual: string, expected: string): void {
  if (actual !== expected) {
    throw refused('validation', { key: 'forecastOneCurrency', params: { currency: actual, otherCurrency: expected } }, 'currency');
  }
}

/** amount × rate in basis points, rounded half away from zero, without a float touching the amount. */
function weighted(amountMinor: number, rate: number): number {
  const basisPoints = BigInt(Math.round(Math.min(1, Math.max(0, rate)) * Number(RATE_SCALE)));
  const product = BigInt(amountMinor) * basisPoints;
  const magnitude = product < 0n ? -product : product;
  const rounded = (magnitude + RATE_SCALE / 2n) / RATE_SCALE;
  return Number(product < 0n ? -rounded : rounded);
}

/** 0-based slot of a day counted from the as-of date: earlier days are due now (week 0), day 91 on is beyond. */
const slotOf = (day: number): number => Math.min(FORECAST_WEEKS, Math.floor(Math.max(0, day) / 7));

/** A histogram's delays counted into the slots they land in from `start` (days after the as-of date). */
interface SlotCounts {
  readonly total: number;
  readonly slots: readonly number[];
}

/** A histogram as running totals, so the count of any range of days is two lookups. */
interface Cumulative {
  readonly first: number;
  /** running[i]: the count of the days up to first + i. */
  readonly running: readonly number[];
}

function cumulative(histogram: Histogram): Cumulative {
  const days = [...histogram.keys()];
  if (days.length === 0) return { first: 0, running: [] };
  const first = Math.min(...days);
  const running = new Array<number>(Math.max(...days) - first + 1).fill(0);
  for (const [day, times] of histogram) running[day - first] = (running[day - first] ?? 0) + times;
  for (let index = 1; index < running.length; index++) running[index] = (running[index] ?? 0) + (running[index - 1] ?? 0);
  return { first, running };
}

/** The count of the days up to `day`. */
function upTo(histogram: Cumulative, day: number): number {
  if (histogram.running.length === 0 || day < histogram.first) return 0;
  return histogram.running[Math.min(day - histogram.first, histogram.running.length - 1)] ?? 0;
}

/**
 * Counts the histogram's delays from `start` into `slots` and returns the count of those possible:
 * `unpaid` keeps only the delays that land on or after the as-of date (the amount is not paid yet).
 */
function countInto(slots: number[], histogram: Cumulative | undefined, start: number, unpaid: boolean): number {
  if (histogram === undefined || histogram.running.length === 0) {
    slots.fill(0);
    return 0;
  }
  // Counts of the delays before `low` are never possible; the last slot takes all from day 91 on.
  const below = unpaid ? upTo(histogram, -start - 1) : 0;
  const all = histogram.running[histogram.running.length - 1] ?? 0;
  let before = below;
  for (let slot = 0; slot < FORECAST_WEEKS; slot++) {
    const through = Math.max(below, upTo(histogram, slot * 7 + 6 - start));
    slots[slot] = through - before;
    before = through;
  }
  slots[FORECAST_WEEKS] = all - before;
  return all - below;
}

/** The portfolio's slot counts by start day, worked out once per forecast: many items share a due date. */
function portfolioCounts(histogram: Histogram, unpaid: boolean): (start: number) => SlotCounts {
  const running = cumulative(histogram);
  const cache = new Map<number, SlotCounts>();
  return (start) => {
    let counts = cache.get(start);
    if (counts === undefined) {
      const slots = new Array<number>(SLOTS).fill(0);
      counts = { total: countInto(slots, running, start, unpaid), slots };
      cache.set(start, counts);
    }
    return counts;
  };
}

/** Weights beyond this total are scaled down to it: a model's proportions need no more precision, and the split then stays in safe integers. */
const WEIGHT_QUANTUM = 2 ** 20;

/**
 * Whole-number weights of the slots, the delay drawn from the customer's own delays blended with the
 * portfolio's: own ones weigh m ÷ (m + k) in all and the portfolio's k ÷ (m + k), m being the
 * customer's count and k `portfolioWeight`, in the histograms' units. Each own delay counts p (the
 * portfolio's count) and each portfolio delay k, which gives those shares; a large history's weights
 * are then scaled to WEIGHT_QUANTUM in all.
 */
function blendInto(weights: number[], own: SlotCounts, portfolio: SlotCounts, portfolioWeight: number): void {
  const eachOwn = portfolio.total === 0 ? 1 : portfolio.total;
  const eachPortfolio = own.total === 0 ? 1 : portfolioWeight;
  let total = 0;
  for (let slot = 0; slot < SLOTS; slot++) {
    const weight = (own.slots[slot] ?? 0) * eachOwn + (portfolio.slots[slot] ?? 0) * eachPortfolio;
    weights[slot] = weight;
    total += weight;
  }
  if (total > WEIGHT_QUANTUM) for (let slot = 0; slot < SLOTS; slot++) weights[slot] = Math.round(((weights[slot] ?? 0) / total) * WEIGHT_QUANTUM);
}

/**
 * Adds `amountMinor` split over the slots in proportion to `weights` into `totals`, exactly: each
 * slot gets ⌊a × w ÷ total⌋ and the largest remainders the units left over (the first slot wins a
 * tie). In safe integers where the product is one, else in bigint. Without any weight all of it goes
 * to slot `unweighted`. `remainders` is scratch space.
 */
function splitInto(totals: number[], amountMinor: number, weights: readonly number[], remainders: number[], unweighted: number): void {
  let total = 0;
  for (const weight of weights) total += weight;
  if (total === 0) {
    totals[unweighted] = (totals[unweighted] ?? 0) + amountMinor;
    return;
  }
  const magnitude = Math.abs(amountMinor);
  const sign = amountMinor < 0 ? -1 : 1;
  let left = magnitude;
  for (let slot = 0; slot < weights.length; slot++) {
    const weight = weights[slot] ?? 0;
    const product = magnitude * weight;
    let quotient: number;
    if (Number.isSafeInteger(product)) {
      quotient = Math.floor(product / total);
      // The division is a float: step the quotient until the remainder is in range.
      while (product - quotient * total < 0) quotient -= 1;
      while (product - quotient * total >= total) quotient += 1;
      remainders[slot] = product - quotient * total;
    } else {
      const big = BigInt(magnitude) * BigInt(weight);
      quotient = Number(big / BigInt(total));
      remainders[slot] = Number(big % BigInt(total));
    }
    left -= quotient;
    totals[slot] = (totals[slot] ?? 0) + sign * quotient;
  }
  // Fewer units are left over than there are slots: one each to the largest remainders.
  while (left > 0) {
    let best = 0;
    for (let slot = 1; slot < weights.length; slot++) if ((remainders[slot] ?? -1) > (remainders[best] ?? -1)) best = slot;
    totals[best] = (totals[best] ?? 0) + sign;
    remainders[best] = -1;
    left -= 1;
  }
}

/** billed × 13 ÷ 26, rounded half up: what the run rate bills over the forecast's weeks. */
function billedOverForecast(billedMinor: number): number {
  const billed = BigInt(Math.max(0, clampMinor(billedMinor)));
  return Number((billed * BigInt(FORECAST_WEEKS) * 2n + BigInt(BILLING_WINDOW_WEEKS)) / (BigInt(BILLING_WINDOW_WEEKS) * 2n));
}

/** Adds `parts` slot by slot. */
function addInto(totals: number[], parts: readonly number[]): void {
  for (let slot = 0; slot < parts.length; slot++) totals[slot] = (totals[slot] ?? 0) + (parts[slot] ?? 0);
}

/** Invoices of a forecast week are taken as issued mid-week, on its fourth day. */
const ISSUE_DAYS = Array.from({ length: FORECAST_WEEKS }, (_, week) => week * 7 + 3);


export function collectionForecast(
  asOf: string,
  currency: string,
  promises: readonly ForecastPromise[],
  items: readonly ForecastItem[],
  billing: readonly ForecastBilling[],
  patterns: ForecastPatterns,
  options: ForecastOptions = {},
): CollectionForecast {
  const defaultKeptRate = options.defaultKeptRate ?? 0.5;
  const promised = new Array<number>(FORECAST_WEEKS).fill(0);
  // Plain sums: only damaged amounts leave the safe range, and the weeks are held to it (clampMinor) when read.
  const fromItems = new Array<number>(SLOTS).fill(0);
  const fromBilling = new Array<number>(SLOTS).fill(0);
  let beyondMinor = 0;
  let discountedMinor = 0;
  let billedMinor = 0;

  for (const promise of promises) {
    requireCurrency(promise.currency, currency);
    const remaining = Math.max(0, addMinorSaturating(clampMinor(promise.amountMinor), -clampMinor(promise.paidMinor)));
    const expected = weighted(remaining, patterns.keptRates.get(promise.customerId) ?? defaultKeptRate);
    discountedMinor = addMinorSaturating(discountedMinor, remaining - expected);
    // A damaged date is read as due now.
    const slot = slotOf(dayFrom(asOf, promise.promisedDate) ?? 0);
    if (slot === FORECAST_WEEKS) beyondMinor = addMinorSaturating(beyondMinor, expected);
    else promised[slot] = addMinorSaturating(promised[slot] ?? 0, expected);
  }

  // Scratch space, reused for every item: a forecast spreads tens of thousands.
  const own: { total: number; slots: number[] } = { total: 0, slots: new Array<number>(SLOTS).fill(0) };
  const weights = new Array<number>(SLOTS).fill(0);
  const remainders = new Array<number>(SLOTS).fill(0);
  const cumulatives = new Map<Histogram, Cumulative>();
  const history = (histogram: Histogram | undefined): Cumulative | undefined => {
    if (histogram === undefined) return undefined;
    let running = cumulatives.get(histogram);
    if (running === undefined) {
      running = cumulative(histogram);
      cumulatives.set(histogram, running);
    }
    return running;
  };

  const portfolioLateness = portfolioCounts(patterns.portfolio.lateness, true);
  const starts = new Map<string, number>();
  for (const item of items) {
    requireCurrency(item.currency, currency);
    if (item.coveredByPromise) continue;
    let start = starts.get(item.dueDate);
    if (start === undefined) {
      // A damaged due date is read as due today.
      start = dayFrom(asOf, item.dueDate) ?? 0;
      starts.set(item.dueDate, start);
    }
    own.total = countInto(own.slots, history(patterns.timings.get(item.customerId)?.lateness), start, true);
    const portfolio = portfolioLateness(start);
    blendInto(weights, own, portfolio, LATENESS_PORTFOLIO_WEIGHT * SPREAD_MASS);
    // No history in scope at all: the item is expected on its due date. History, but none this late:
    // it is later than anyone ever paid, so due now (week 1).
    const unweighted = patterns.portfolio.lateness.size === 0 ? slotOf(start) : 0;
    splitInto(fromItems, clampMinor(item.openMinor), weights, remainders, unweighted);
  }

  const portfolioPayTime = portfolioCounts(patterns.portfolio.payTime, false);
  const billingWeights = new Array<number>(SLOTS).fill(0);
  for (const run of billing) {
    requireCurrency(run.currency, currency);
    const payTimes = history(patterns.timings.get(run.customerId)?.payTime);
    billingWeights.fill(0);
    for (const start of ISSUE_DAYS) {
      own.total = countInto(own.slots, payTimes, start, false);
      blendInto(weights, own, portfolioPayTime(start), PAY_TIME_PORTFOLIO_WEIGHT * WHOLE_SHARE_BP);
      addInto(billingWeights, weights);
    }
    // Without any payment history there is no telling when new invoices are paid: no billing part.
    if (billingWeights.every((weight) => weight === 0)) continue;
    billedMinor = addMinorSaturating(billedMinor, Math.max(0, clampMinor(run.billedMinor)));
    splitInto(fromBilling, billedOverForecast(run.billedMinor), billingWeights, remainders, 0);
  }
  beyondMinor = addMinorSaturating(beyondMinor, clampMinor(fromItems[FORECAST_WEEKS] ?? 0));

  const weeks = promised.map((promisedMinor, index): ForecastWeek => {
    const itemsMinor = clampMinor(fromItems[index] ?? 0);
    const billingMinor = clampMinor(fromBilling[index] ?? 0);
    return {
      week: index + 1,
      from: addDays(asOf, index * 7),
      to: addDays(asOf, index * 7 + 6),
      promisedMinor,
      itemsMinor,
      billingMinor,
      totalMinor: addMinorSaturating(addMinorSaturating(promisedMinor, itemsMinor), billingMinor),
    };
  });
  return { asOf, currency, weeks, beyondMinor, discountedMinor, billedMinor };
}
