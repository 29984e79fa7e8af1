/**
 * Payment plans: a series of instalment promises approved as one. Splitting a total into
 * instalments and judging them against the money received stay in integer minor units, so the
 * instalments always add up to the total and client and server reach the same verdicts.
 */
import { refused, type Refusal } from '../i18n/refusals';
import { requireInstalmentsAddUp } from './amount-limits';
import type { PromiseStatus } from './codes';
import { dateWindowProblem, dateWindowRefusal } from './date-bounds';
import { compareDates } from './dates';
import { DEFAULT_PROMISE_RULES, firstCountingDay, promiseDeadline, requiredAmount, type CountingPayment, type PromiseEvaluation, type PromiseRules } from './promise';

export const MAX_INSTALMENTS = 60;

export interface Instalment {
  readonly promisedDate: string;
  readonly amountMinor: number;
}

/**
 * Splits `totalMinor` over `dates` as evenly as whole minor units allow; the first instalments
 * carry the remainder, one unit each, so the sum is exact.
 */
export function splitInstalments(totalMinor: number, dates: readonly string[]): Instalment[] {
  if (dates.length === 0) throw refused('validation', 'planNeedsDate', 'instalments');
  if (!Number.isSafeInteger(totalMinor) || totalMinor < dates.length) throw refused('validation', { key: 'planTotalTooSmall', params: { min: dates.length } }, 'totalMinor');
  const base = Math.floor(totalMinor / dates.length);
  const remainder = totalMinor - base * dates.length;
  return dates.map((promisedDate, index) => ({ promisedDate, amountMinor: base + (index < remainder ? 1 : 0) }));
}

/** Why an instalment date may not be used: outside the instalments' window from today, or not after the date before it. */
export type InstalmentDateProblem = { readonly kind: 'window'; readonly problem: Refusal } | { readonly kind: 'order'; readonly previous: string };

/**
 * What is wrong with each instalment date, in order, or null: the window (`problem` ends a
 * sentence naming the field, shared/domain/date-bounds.ts), or the order against the last good
 * date before it. The command refuses the first; a form shows them all as the user types.
 */
export function instalmentDateProblems(dates: readonly string[], today: string): (InstalmentDateProblem | null)[] {
  let previous: string | null = null;
  return dates.map((date): InstalmentDateProblem | null => {
    const outside = dateWindowProblem('planInstalment', date, today);
    if (outside !== null) return { kind: 'window', problem: outside };
    const before = previous;
    previous = date;
    return before !== null && compareDates(date, before) <= 0 ? { kind: 'order', previous: before } : null;
  });
}

/**
 * Checks a plan's instalments: 2 to MAX_INSTALMENTS, positive amounts, dates strictly increasing
 * and within the instalments' date window from `today`, amounts adding up to `totalMinor` exactly. Returns the total.
 * `prefix` names where the terms sit in the args (`plan.` inside a logged contact).
 */
export function validateInstalments(instalments: readonly Instalment[], today: string, currency: string, totalMinor?: number, prefix = ''): number {
  if (instalments.length < 2 || instalments.length > MAX_INSTALMENTS) {
    throw refused('validation', { key: 'planInstalmentCount', params: { max: MAX_INSTALMENTS } }, `${prefix}instalments`);
  }
  let sum = 0;
  const dateProblems = instalmentDateProblems(
    instalments.map((instalment) => instalment.promisedDate),
    today,
  );
  instalments.forEach((instalment, index) => {
    const field = `${prefix}instalments.${index}`;
    if (!Number.isSafeInteger(instalment.amountMinor) || instalment.amountMinor <= 0) {
      throw refused('validation', 'instalmentNotPositive', `${field}.amountMinor`);
    }
    const dateProblem = dateProblems[index] ?? null;
    if (dateProblem !== null) {
      const { promisedDate } = instalment;
      const refusal: Refusal =
        dateProblem.kind === 'window'
          ? (dateWindowRefusal('planInstalment', promisedDate, today) ?? dateProblem.problem)
          : { key: 'instalmentDatesNotIncreasing', params: { date: promisedDate, previousDate: dateProblem.previous } };
      throw refused('validation', refusal, `${field}.promisedDate`);
    }
    sum += instalment.amountMinor;
    if (!Number.isSafeInteger(sum)) throw refused('validation', 'instalmentsBeyondSafeRange', `${field}.amountMinor`);
  });
  if (totalMinor !== undefined) requireInstalmentsAddUp(sum, totalMinor, currency, `${prefix}totalMinor`);
  return sum;
}

export interface PlanInstalmentTerms extends Instalment {
  readonly status: PromiseStatus;
}

export interface PlanTerms {
  readonly currency: string;
  /** When the plan was agreed; money received before this day does not count. */
  readonly createdAt: string;
  /** The day the user agreed it on, in their zone (see PromiseTerms.madeOn). */
  readonly madeOn?: string | null;
  readonly instalments: readonly PlanInstalmentTerms[];
}

/**
 * Judges every instalment of a plan as of `asOf`. Money received counts towards the instalments
 * in date order: instalment k is owed the part of what arrived by its deadline that exceeds the
 * earlier instalments, so paying ahead keeps later instalments and one payment never counts twice.
 * Cancelled and superseded instalments keep their status and take no money.
 */
export function evaluatePlan(
  plan: PlanTerms,
  payments: readonly CountingPayment[],
  asOf: string,
  rules: PromiseRules = DEFAULT_PROMISE_RULES,
): PromiseEvaluation[] {
  const from = firstCountingDay(plan);
  const counting = payments.filter(
    (payment) => payment.currency === plan.currency && payment.amountMinor > 0 && compareDates(payment.valueDate, from) >= 0,
  );
  const receivedBy = (until: string): number =>
    counting.reduce((total, payment) => (compareDates(payment.valueDate, until) <= 0 ? total + payment.amountMinor : total), 0);

  let owedBefore = 0;
  return plan.instalments.map((instalment) => {
    const deadline = promiseDeadline(instalment.promisedDate, rules);
    const requiredMinor = requiredAmount(instalment.amountMinor, rules.tolerance);
    if (instalment.status === 'cancelled' || instalment.status === 'superseded') {
      return { status: instalment.status, paidMinor: 0, requiredMinor, deadline };
    }
    const until = compareDates(asOf, deadline) < 0 ? asOf : deadline;
    const paidMinor = Math.min(instalment.amountMinor, Math.max(0, receivedBy(until) - owedBefore));
    owedBefore += instalment.amountMinor;
    const status: PromiseStatus =
      paidMinor >= requiredMinor ? 'kept' : compareDates(asOf, deadline) <= 0 ? 'open' : paidMinor > 0 ? 'partially_kept' : 'broken';
    return { status, paidMinor, requiredMinor, deadline };
  });
}
