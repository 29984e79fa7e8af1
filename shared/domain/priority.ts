/**
 * Explainable worklist priority: a sum of weighted factors, each returned with a sentence so the
 * collector sees why a customer is where it is. See docs/DOMAIN-RULES.md for the formulas.
 */
import { refused } from '../i18n/refusals';
import type { RiskClass } from './codes';
import { assertCurrency, formatAmount, minorDigits } from './money';
import { RISK_CLASS_LABELS } from './labels';

export interface PriorityInput {
  /** Overdue collectible amount (disputed excluded), in minor units of the base currency. */
  readonly overdueBaseMinor: number;
  readonly baseCurrency: string;
  /**
   * The other currencies the overdue amount was converted from, each with its stated rate (base units
   * per unit, as the FX table holds it): the explanation says so, instead of a bare base-currency sum.
   */
  readonly convertedFrom?: readonly { readonly currency: string; readonly rate: string }[];
  /** Of undisputed overdue items; null when nothing is overdue. */
  readonly oldestDaysPastDue: number | null;
  /** Broken promises not yet superseded or answered. */
  readonly brokenPromises: number;
  /** An open promise falls due today or tomorrow. */
  readonly promiseDueSoon: boolean;
  /** An open follow-up is dated today or earlier. */
  readonly followUpDue: boolean;
  /** Open disputes due within 3 days or past due. */
  readonly disputesNearDeadline: number;
  readonly creditLimitExceeded: boolean;
  readonly riskClass: RiskClass;
  /** null = never contacted. */
  readonly daysSinceLastContact: number | null;
  /**
   * Of the overdue collectible amount, the share that open promises dated after tomorrow cover (0 to 1;
   * 1 when nothing is overdue): the customer said when it pays that much, so it drops down by as much.
   * A promise for £5,000 of £28,782 overdue leaves the other £23,782 to chase.
   */
  readonly promisedNotDueShare: number;
  /** A follow-up in the future and none due: the collector already planned the next step. */
  readonly futureFollowUp: boolean;
}

/** ", converted from GBP at 1 GBP = 1.17 EUR": what the overdue sum is made of when it is not all in the base currency. */
function conversionNote(input: PriorityInput): string {
  const from = (input.convertedFrom ?? []).filter((entry) => entry.currency !== input.baseCurrency);
  if (from.length === 0) return '';
  const rates = from.map((entry) => `1 ${entry.currency} = ${entry.rate} ${input.baseCurrency}`).join(', ');
  return `, converted from ${from.map((entry) => entry.currency).join(' and ')} at the stated ${from.length === 1 ? 'rate' : 'rates'} (${rates})`;
}

/** Points per factor (all >= 0); the dropping factors are subtracted. */
export interface PriorityWeights {
  /** Points at saturation (1,000,000 base units overdue); log scale below. */
  readonly overdueAmount: number;
  /** Points at saturation (120 days past due); linear below. */
  readonly oldestDaysPastDue: number;
  /** Points per broken promise, counting at most 3. */
  readonly brokenPromise: number;
  readonly promiseDueSoon: number;
  readonly followUpDue: number;
  /** Points per dispute near its deadline, counting at most 3. */
  readonly disputeNearDeadline: number;
  readonly creditLimitExceeded: number;
  /** Points for a critical customer; high gets 2/3, medium 1/3, low none. */
  readonly riskClass: number;
  /** Points when not contacted for 30 days or never; linear below. Counts only with an overdue amount. */
  readonly noRecentContact: number;
  /** Subtracted when open promises not yet due cover the whole overdue amount; a part of it for a part. */
  readonly openPromiseNotDue: number;
  /** Subtracted when the next follow-up lies in the future. */
  readonly futureFollowUp: number;
}

export const DEFAULT_PRIORITY_WEIGHTS: PriorityWeights = {
  overdueAmount: 40,
  oldestDaysPastDue: 25,
  brokenPromise: 10,
  promiseDueSoon: 8,
  followUpDue: 12,
  disputeNearDeadline: 6,
  creditLimitExceeded: 8,
  riskClass: 10,
  noRecentContact: 10,
  openPromiseNotDue: 30,
  futureFollowUp: 20,
};

export const PRIORITY_FACTOR_KEYS = Object.keys(DEFAULT_PRIORITY_WEIGHTS) as readonly (keyof PriorityWeights)[];

/** What a factor's detail says, as values, so each language can word it; `detail` is the English. */
export interface PriorityFactorParams {
  /** The overdue amount in the base currency, and the currencies converted into it at their rates. */
  readonly amountMinor?: number;
  readonly currency?: string;
  readonly convertedFrom?: readonly { readonly currency: string; readonly rate: string }[];
  /** Days (oldest item, last contact) or a count (broken promises, disputes). */
  readonly count?: number;
  /** The share of the overdue amount open promises cover, in whole percent; 100: all of it. */
  readonly percent?: number;
  readonly riskClass?: RiskClass;
  /** No contact was ever logged. */
  readonly never?: boolean;
}

export interface PriorityFactor {
  key: string;
  label: string;
  contribution: number;
  detail: string;
  params?: PriorityFactorParams;
}

export interface PriorityResult {
  score: number;
  factors: PriorityFactor[];
}

/** Base units (e.g. euros) at which the amount factor reaches its full weight. */
export const AMOUNT_SATURATION_UNITS = 1_000_000;
/** Below this many base units the log curve is nearly linear, so small balances stay small. */
const AMOUNT_KNEE_UNITS = 100;
export const AGE_SATURATION_DAYS = 120;
export const CONTACT_SATURATION_DAYS = 30;
export const COUNT_CAP = 3;

const RISK_SHARE: Readonly<Record<RiskClass, number>> = { low: 0, medium: 1 / 3, high: 2 / 3, critical: 1 };

/** Short names of the factors, as shown next to their contributions. */
export const PRIORITY_FACTOR_LABELS: Readonly<Record<keyof PriorityWeights, string>> = {
  overdueAmount: 'Overdue amount',
  oldestDaysPastDue: 'Oldest overdue item',
  brokenPromise: 'Broken promises',
  promiseDueSoon: 'Promise due soon',
  followUpDue: 'Follow-up due',
  disputeNearDeadline: 'Disputes near deadline',
  creditLimitExceeded: 'Credit limit exceeded',
  riskClass: 'Risk class',
  noRecentContact: 'No recent contact',
  openPromiseNotDue: 'Promise not yet due',
  futureFollowUp: 'Follow-up planned',
};

export function validatePriorityWeights(weights: PriorityWeights): PriorityWeights {
  for (const key of PRIORITY_FACTOR_KEYS) {
    const value = weights[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw refused('validation', { key: 'priorityWeightInvalid', params: { factor: key } }, `weights.${key}`);
    }
  }
  return weights;
}

function requireWholeNumber(value: number | null, field: string, allowNull: boolean, min: number): void {
  if (value === null && allowNull) return;
  if (value === null || !Number.isSafeInteger(value) || value < min) {
    throw refused('validation', { key: min === 0 ? 'wholeNumberNotNegative' : 'wholeNumberRequired', params: { field } }, field);
  }
}

export function validatePriorityInput(input: PriorityInput): PriorityInput {
  requireWholeNumber(input.overdueBaseMinor, 'overdueBaseMinor', false, Number.MIN_SAFE_INTEGER);
  requireWholeNumber(input.oldestDaysPastDue, 'oldestDaysPastDue', true, Number.MIN_SAFE_INTEGER);
  requireWholeNumber(input.brokenPromises, 'brokenPromises', false, 0);
  requireWholeNumber(input.disputesNearDeadline, 'disputesNearDeadline', false, 0);
  requireWholeNumber(input.daysSinceLastContact, 'daysSinceLastContact', true, Number.MIN_SAFE_INTEGER);
  if (!Object.hasOwn(RISK_SHARE, input.riskClass)) {
    throw refused('validation', { key: 'riskClassUnknown', params: { value: input.riskClass } }, 'riskClass');
  }
  return input;
}

/** Share (0..1) of the amount weight for an overdue amount in base minor units. */
export function overdueAmountShare(overdueBaseMinor: number, minorPerUnit: number): number {
  if (overdueBaseMinor <= 0) return 0;
  const units = overdueBaseMinor / minorPerUnit;
  const share = Math.log10(1 + units / AMOUNT_KNEE_UNITS) / Math.log10(1 + AMOUNT_SATURATION_UNITS / AMOUNT_KNEE_UNITS);
  return Math.min(1, share);
}

const plural = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;

const toTenths = (value: number): number => Math.round(value * 10);

export function scorePriority(input: PriorityInput, weights: PriorityWeights = DEFAULT_PRIORITY_WEIGHTS): PriorityResult {
  validatePriorityWeights(weights);
  validatePriorityInput(input);
  const raw: { key: keyof PriorityWeights; value: number; detail: string; params: PriorityFactorParams }[] = [];
  const add = (key: keyof PriorityWeights, value: number, detail: string, params: PriorityFactorParams = {}): void => {
    raw.push({ key, value, detail, params });
  };
  const convertedFrom = (input.convertedFrom ?? []).filter((entry) => entry.currency !== input.baseCurrency).map(({ currency, rate }) => ({ currency, rate }));

  const minorPerUnit = 10 ** minorDigits(assertCurrency(input.baseCurrency, 'baseCurrency'));
  const overdue = Math.max(0, input.overdueBaseMinor);
  if (overdue > 0) {
    add(
      'overdueAmount',
      weights.overdueAmount * overdueAmountShare(overdue, minorPerUnit),
      `${input.baseCurrency} ${formatAmount(overdue, input.baseCurrency)} overdue${conversionNote(input)}`,
      { amountMinor: overdue, currency: input.baseCurrency, convertedFrom },
    );
  }
  const oldest = input.oldestDaysPastDue ?? 0;
  if (oldest > 0) {
    add(
      'oldestDaysPastDue',
      weights.oldestDaysPastDue * Math.min(1, oldest / AGE_SATURATION_DAYS),
      `oldest item ${plural(oldest, 'day', 'days')} past due`,
      { count: oldest },
    );
  }
  if (input.brokenPromises > 0) {
    add(
      'brokenPromise',
      weights.brokenPromise * Math.min(COUNT_CAP, input.brokenPromises),
      plural(input.brokenPromises, 'broken promise', 'broken promises'),
      { count: input.brokenPromises },
    );
  }
  if (input.promiseDueSoon) add('promiseDueSoon', weights.promiseDueSoon, 'a promised payment is due today or tomorrow');
  if (input.followUpDue) add('followUpDue', weights.followUpDue, 'a follow-up is due');
  if (input.disputesNearDeadline > 0) {
    add(
      'disputeNearDeadline',
      weights.disputeNearDeadline * Math.min(COUNT_CAP, input.disputesNearDeadline),
      `${plural(input.disputesNearDeadline, 'dispute', 'disputes')} due within 3 days or late`,
      { count: input.disputesNearDeadline },
    );
  }
  if (input.creditLimitExceeded) add('creditLimitExceeded', weights.creditLimitExceeded, 'balance above the credit limit');
  const riskShare = RISK_SHARE[input.riskClass];
  if (riskShare > 0) add('riskClass', weights.riskClass * riskShare, `${RISK_CLASS_LABELS[input.riskClass].toLowerCase()} risk`, { riskClass: input.riskClass });
  if (overdue > 0) {
    const since = input.daysSinceLastContact;
    if (since === null) {
      add('noRecentContact', weights.noRecentContact, 'never contacted', { never: true });
    } else if (since > 0) {
      add(
        'noRecentContact',
        weights.noRecentContact * Math.min(1, since / CONTACT_SATURATION_DAYS),
        `last contact ${plural(since, 'day', 'days')} ago`,
        { count: since },
      );
    }
  }
  const promised = Number.isFinite(input.promisedNotDueShare) ? Math.min(1, Math.max(0, input.promisedNotDueShare)) : 0;
  if (promised > 0) {
    const percent = Math.min(99, Math.max(1, Math.round(promised * 100)));
    add(
      'openPromiseNotDue',
      -weights.openPromiseNotDue * promised,
      promised === 1 ? 'an open promise is not yet due' : `open promises not yet due cover ${String(percent)} % of the overdue amount`,
      { percent: promised === 1 ? 100 : percent },
    );
  }
  if (input.futureFollowUp) add('futureFollowUp', -weights.futureFollowUp, 'the next follow-up is scheduled');

  // Work in tenths so the shown contributions add up to the shown score exactly.
  const factors = raw
    .map((factor) => ({ ...factor, tenths: toTenths(factor.value) }))
    .filter((factor) => factor.tenths !== 0)
    .sort((a, b) => Math.abs(b.tenths) - Math.abs(a.tenths) || PRIORITY_FACTOR_KEYS.indexOf(a.key) - PRIORITY_FACTOR_KEYS.indexOf(b.key));
  const scoreTenths = factors.reduce((sum, factor) => sum + factor.tenths, 0);
  return {
    score: scoreTenths / 10,
    factors: factors.map((factor) => ({
      key: factor.key,
      label: PRIORITY_FACTOR_LABELS[factor.key],
      contribution: factor.tenths / 10,
      detail: factor.detail,
      params: factor.params,
    })),
  };
}
