/**
 * Promise-to-pay evaluation: a pure function of the promise, the payments that can count
 * towards it and a date, so the desktop and the server always agree on kept or broken.
 */
import { refused } from '../i18n/refusals';
import type { PromiseStatus } from './codes';
import { addDays, compareDates, FIRST_DATE, isCalendarDate, storedDateOfTimestamp } from './dates';

export type PromiseTolerance =
  | { readonly kind: 'amount'; readonly minor: number }
  /** Basis points of the promised amount (250 = 2.5 %), so no float ever touches money. */
  | { readonly kind: 'percent'; readonly basisPoints: number };

export interface PromiseRules {
  /** Days after the promised date a payment still counts before the promise is judged. */
  readonly graceDays: number;
  readonly tolerance: PromiseTolerance;
}

export const DEFAULT_PROMISE_RULES: PromiseRules = {
  graceDays: 3,
  tolerance: { kind: 'percent', basisPoints: 100 },
};

export interface PromiseTerms {
  readonly amountMinor: number;
  readonly currency: string;
  readonly promisedDate: string;
  /** When the promise was taken; payments before this day do not count. */
  readonly createdAt: string;
  /** The day the user made it on, in their zone (a promise at 17:30 in Los Angeles on the 29th is the 29th's); wins over createdAt's UTC date. */
  readonly madeOn?: string | null;
  readonly status: PromiseStatus;
}

/** Money received for the promise: a payment's value date and the part that counts. */
export interface CountingPayment {
  readonly valueDate: string;
  readonly amountMinor: number;
  readonly currency: string;
}

export interface PromiseEvaluation {
  readonly status: PromiseStatus;
  readonly paidMinor: number;
  /** The least amount that counts as kept (the promised amount less the tolerance). */
  readonly requiredMinor: number;
  /** Last day a payment counts: promised date plus grace. */
  readonly deadline: string;
}

/** Terminal states are decided by people (cancel) or by a newer promise (supersede), never by payments. */
const FINAL_BY_DECISION: ReadonlySet<PromiseStatus> = new Set(['cancelled', 'superseded']);

export function validatePromiseRules(rules: PromiseRules): PromiseRules {
  if (!Number.isInteger(rules.graceDays) || rules.graceDays < 0 || rules.graceDays > 60) {
    throw refused('validation', 'graceDaysRange', 'graceDays');
  }
  const { tolerance } = rules;
  if (tolerance.kind === 'amount' && (!Number.isSafeInteger(tolerance.minor) || tolerance.minor < 0)) {
    throw refused('validation', 'toleranceAmountNegative', 'tolerance.minor');
  }
  if (tolerance.kind === 'percent' && (!Number.isInteger(tolerance.basisPoints) || tolerance.basisPoints < 0 || tolerance.basisPoints > 5000)) {
    throw refused('validation', 'tolerancePercentRange', 'tolerance.basisPoints');
  }
  return rules;
}

export function requiredAmount(amountMinor: number, tolerance: PromiseTolerance): number {
  const allowance =
    tolerance.kind === 'amount'
      ? tolerance.minor
      : Number((BigInt(amountMinor) * BigInt(tolerance.basisPoints)) / 10_000n);
  return Math.max(0, amountMinor - allowance);
}

export const promiseDeadline = (promisedDate: string, rules: PromiseRules): string => addDays(promisedDate, rules.graceDays);

/**
 * Judges a promise as of `asOf`. Payments in another currency, before the promise was made or
 * after the deadline do not count. A promise paid in full early is kept at once; otherwise it
 * stays open until the deadline has passed.
 */
/**
 * The first day whose money counts: the day the user made the promise on; for a promise from before
 * that was kept, the UTC date of its creation. A date or time the store holds as no real one (a
 * damaged row) bounds nothing.
 */
export function firstCountingDay(made: { readonly createdAt: string; readonly madeOn?: string | null | undefined }): string {
  if (made.madeOn !== undefined && made.madeOn !== null && isCalendarDate(made.madeOn)) return made.madeOn;
  return storedDateOfTimestamp(made.createdAt) ?? FIRST_DATE;
}

export function evaluatePromise(
  promise: PromiseTerms,
  payments: readonly CountingPayment[],
  asOf: string,
  rules: PromiseRules = DEFAULT_PROMISE_RULES,
): PromiseEvaluation {
  const deadline = promiseDeadline(promise.promisedDate, rules);
  const requiredMinor = requiredAmount(promise.amountMinor, rules.tolerance);
  const from = firstCountingDay(promise);
  const until = compareDates(asOf, deadline) < 0 ? asOf : deadline;
  let paidMinor = 0;
  for (const payment of payments) {
    if (payment.currency !== promise.currency || payment.amountMinor <= 0) continue;
    if (compareDates(payment.valueDate, from) < 0 || compareDates(payment.valueDate, until) > 0) continue;
    paidMinor += payment.amountMinor;
  }
  if (FINAL_BY_DECISION.has(promise.status)) return { status: promise.status, paidMinor, requiredMinor, deadline };
  const status: PromiseStatus =
    paidMinor >= requiredMinor
      ? 'kept'
      : compareDates(asOf, deadline) <= 0
        ? 'open'
        : paidMinor > 0
          ? 'partially_kept'
          : 'broken';
  return { status, paidMinor, requiredMinor, deadline };
}

/** The level of a new promise: one above the highest earlier promise on the same items (SAP's escalation of repeated promises). */
export const nextPromiseLevel = (earlierLevels: readonly number[]): number =>
  earlierLevels.reduce((highest, level) => Math.max(highest, level), 0) + 1;
