/**
 * 13-week collection forecast from an as-of date (issue 6): open promises weighted by the
 * customer's promise-kept history, other open items timed by the customer's days-late history.
 * One currency at a time, like the KPIs; amounts stay integer minor units.
 */
import { DomainError } from '../api/result';
import type { PromiseStatus } from './codes';
import { addDays, daysBetween } from './dates';
import { addMinorSaturating, clampMinor } from './money';
import { paymentHistoryByCustomer, type SettledInvoice } from './payment-history';

export const FORECAST_WEEKS = 13;

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
  /** Signed: a credit memo's negative open amount lowers the week it is expected in. */
  readonly openMinor: number;
  readonly currency: string;
  /** Under an open promise: the promise forecasts it, so the item itself is left out. */
  readonly coveredByPromise: boolean;
}

export interface CustomerPattern {
  /** Kept ÷ (kept + partially kept + broken) by promised amount, 0..1; null without history. */
  readonly keptRate: number | null;
  /** Mean days late (floored at 0 per invoice); null without payment history. */
  readonly averageDaysLate: number | null;
}

export interface PastPromise {
  readonly customerId: string;
  readonly status: PromiseStatus;
  readonly amountMinor: number;
}

export interface ForecastWeek {
  /** 1..13 */
  readonly week: number;
  readonly from: string;
  readonly to: string;
  readonly promisedMinor: number;
  readonly itemsMinor: number;
  readonly totalMinor: number;
}

export interface CollectionForecast {
  readonly asOf: string;
  readonly currency: string;
  readonly weeks: readonly ForecastWeek[];
  /** Expected after the 13th week. */
  readonly beyondMinor: number;
  /** The part of open promises not expected, given the customers' kept rates. */
  readonly discountedMinor: number;
}

export interface ForecastOptions {
  /** Kept rate of a customer without resolved promises; 0.5 unless told. */
  readonly defaultKeptRate?: number;
}

const RATE_SCALE = 10_000n;

/** kept ÷ resolved to 4 decimals, rounded half up; both are non-negative and resolved > 0. */
function rate(kept: bigint, resolved: bigint): number {
  return Number((kept * RATE_SCALE * 2n + resolved) / (resolved * 2n)) / Number(RATE_SCALE);
}

export function customerPatterns(pastPromises: readonly PastPromise[], settled: readonly SettledInvoice[]): Map<string, CustomerPattern> {
  const promised = new Map<string, { kept: bigint; resolved: bigint }>();
  for (const promise of pastPromises) {
    if (promise.status !== 'kept' && promise.status !== 'partially_kept' && promise.status !== 'broken') continue;
    const totals = promised.get(promise.customerId) ?? { kept: 0n, resolved: 0n };
    const amount = BigInt(clampMinor(promise.amountMinor));
    totals.resolved += amount;
    if (promise.status === 'kept') totals.kept += amount;
    promised.set(promise.customerId, totals);
  }
  const history = paymentHistoryByCustomer(settled);
  const patterns = new Map<string, CustomerPattern>();
  for (const customerId of new Set([...promised.keys(), ...history.keys()])) {
    const totals = promised.get(customerId);
    patterns.set(customerId, {
      keptRate: totals && totals.resolved > 0n ? rate(totals.kept, totals.resolved) : null,
      averageDaysLate: history.get(customerId)?.averageDaysLate ?? null,
    });
  }
  return patterns;
}

function requireCurrency(actual: string, expected: string): void {
  if (actual !== expected) {
    throw new DomainError('validation', `the forecast is one currency at a time: got ${actual} among ${expected}`, 'currency');
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

/** 0-based week of an expected date; dates before the as-of date are due now, so week 0. */
function weekIndex(asOf: string, expected: string): number {
  return Math.floor(Math.max(0, daysBetween(asOf, expected)) / 7);
}

export function collectionForecast(
  asOf: string,
  currency: string,
  promises: readonly ForecastPromise[],
  items: readonly ForecastItem[],
  patterns: ReadonlyMap<string, CustomerPattern>,
  options: ForecastOptions = {},
): CollectionForecast {
  const defaultKeptRate = options.defaultKeptRate ?? 0.5;
  const promised = new Array<number>(FORECAST_WEEKS).fill(0);
  const fromItems = new Array<number>(FORECAST_WEEKS).fill(0);
  let beyondMinor = 0;
  let discountedMinor = 0;

  const place = (buckets: number[], expected: string, amountMinor: number): void => {
    const index = weekIndex(asOf, expected);
    if (index >= FORECAST_WEEKS) beyondMinor = addMinorSaturating(beyondMinor, amountMinor);
    else buckets[index] = addMinorSaturating(buckets[index] ?? 0, amountMinor);
  };

  for (const promise of promises) {
    requireCurrency(promise.currency, currency);
    const remaining = Math.max(0, addMinorSaturating(clampMinor(promise.amountMinor), -clampMinor(promise.paidMinor)));
    const expected = weighted(remaining, patterns.get(promise.customerId)?.keptRate ?? defaultKeptRate);
    discountedMinor = addMinorSaturating(discountedMinor, remaining - expected);
    place(promised, promise.promisedDate, expected);
  }
  for (const item of items) {
    requireCurrency(item.currency, currency);
    if (item.coveredByPromise) continue;
    const daysLate = Math.round(patterns.get(item.customerId)?.averageDaysLate ?? 0);
    place(fromItems, addDays(item.dueDate, daysLate), clampMinor(item.openMinor));
  }

  const weeks = promised.map((promisedMinor, index): ForecastWeek => {
    const itemsMinor = fromItems[index] ?? 0;
    return {
      week: index + 1,
      from: addDays(asOf, index * 7),
      to: addDays(asOf, index * 7 + 6),
      promisedMinor,
      itemsMinor,
      totalMinor: addMinorSaturating(promisedMinor, itemsMinor),
    };
  });
  return { asOf, currency, weeks, beyondMinor, discountedMinor };
}
