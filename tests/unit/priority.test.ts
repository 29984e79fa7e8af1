import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DomainError } from '../../shared/api/result';
import { RISK_CLASSES } from '../../shared/domain/codes';
import {
  DEFAULT_PRIORITY_WEIGHTS,
  PRIORITY_FACTOR_KEYS,
  PRIORITY_FACTOR_LABELS,
  overdueAmountShare,
  scorePriority,
  type PriorityInput,
  type PriorityResult,
  type PriorityWeights,
} from '../../shared/domain/priority';

const QUIET: PriorityInput = {
  overdueBaseMinor: 0,
  baseCurrency: 'EUR',
  oldestDaysPastDue: null,
  brokenPromises: 0,
  promiseDueSoon: false,
  followUpDue: false,
  disputesNearDeadline: 0,
  creditLimitExceeded: false,
  riskClass: 'low',
  daysSinceLastContact: 0,
  promisedNotDueShare: 0,
  futureFollowUp: false,
};

const input = (overrides: Partial<PriorityInput>): PriorityInput => ({ ...QUIET, ...overrides });
const contribution = (result: PriorityResult, key: string): number | undefined => result.factors.find((factor) => factor.key === key)?.contribution;
const tenths = (value: number): number => Math.round(value * 10);

const arbitraryInput: fc.Arbitrary<PriorityInput> = fc.record({
  overdueBaseMinor: fc.integer({ min: -1_000_000, max: 5_000_000_000 }),
  baseCurrency: fc.constantFrom('EUR', 'USD', 'JPY'),
  oldestDaysPastDue: fc.option(fc.integer({ min: 1, max: 2000 })),
  brokenPromises: fc.nat({ max: 6 }),
  promiseDueSoon: fc.boolean(),
  followUpDue: fc.boolean(),
  disputesNearDeadline: fc.nat({ max: 6 }),
  creditLimitExceeded: fc.boolean(),
  riskClass: fc.constantFrom(...RISK_CLASSES),
  daysSinceLastContact: fc.option(fc.nat({ max: 400 })),
  promisedNotDueShare: fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })),
  futureFollowUp: fc.boolean(),
});

const arbitraryWeights: fc.Arbitrary<PriorityWeights> = fc.record(
  Object.fromEntries(PRIORITY_FACTOR_KEYS.map((key) => [key, fc.double({ min: 0, max: 100, noNaN: true })])) as Record<
    keyof PriorityWeights,
    fc.Arbitrary<number>
  >,
);

describe('scorePriority', () => {
  it('scores a quiet customer zero with no factors', () => {
    expect(scorePriority(QUIET)).toEqual({ score: 0, factors: [] });
  });

  it('explains a typical overdue customer', () => {
    const result = scorePriority(
      input({
        overdueBaseMinor: 1_234_500,
        oldestDaysPastDue: 94,
        brokenPromises: 2,
        followUpDue: true,
        creditLimitExceeded: true,
        riskClass: 'high',
        daysSinceLastContact: 12,
      }),
    );
    expect(result.factors).toEqual([
      { key: 'overdueAmount', label: 'Overdue amount', contribution: 20.9, detail: 'EUR 12,345.00 overdue', params: { amountMinor: 1_234_500, currency: 'EUR', convertedFrom: [] } },
      { key: 'brokenPromise', label: 'Broken promises', contribution: 20, detail: '2 broken promises', params: { count: 2 } },
      { key: 'oldestDaysPastDue', label: 'Oldest overdue item', contribution: 19.6, detail: 'oldest item 94 days past due', params: { count: 94 } },
      { key: 'followUpDue', label: 'Follow-up due', contribution: 12, detail: 'a follow-up is due', params: {} },
      { key: 'creditLimitExceeded', label: 'Credit limit exceeded', contribution: 8, detail: 'balance above the credit limit', params: {} },
      { key: 'riskClass', label: 'Risk class', contribution: 6.7, detail: 'high risk', params: { riskClass: 'high' } },
      { key: 'noRecentContact', label: 'No recent contact', contribution: 4, detail: 'last contact 12 days ago', params: { count: 12 } },
    ]);
    expect(result.score).toBe(91.2);
  });

  it('grows the amount factor on a log scale and saturates', () => {
    const amount = (overdueBaseMinor: number): number => contribution(scorePriority(input({ overdueBaseMinor })), 'overdueAmount') ?? 0;
    expect(amount(10_000)).toBe(3); // EUR 100
    expect(amount(1_000_000)).toBe(20); // EUR 10,000: log10(101)/log10(10001) ≈ 0.5
    expect(amount(10_000_000)).toBe(30); // EUR 100,000: log10(1001)/log10(10001) ≈ 0.75
    expect(amount(100_000_000)).toBe(40); // EUR 1,000,000: full weight
    expect(amount(100_000_000_000)).toBe(40);
    // Sub-linear: doubling the amount never doubles the points.
    for (const minor of [10_000, 1_000_000, 30_000_000]) expect(amount(minor * 2)).toBeLessThan(amount(minor) * 2);
    expect(overdueAmountShare(-5, 100)).toBe(0);
  });

  it('reads the amount in the base currency digits', () => {
    const yen = scorePriority(input({ overdueBaseMinor: 1_000_000, baseCurrency: 'JPY' }));
    const euro = scorePriority(input({ overdueBaseMinor: 100_000_000, baseCurrency: 'EUR' }));
    expect(contribution(yen, 'overdueAmount')).toBe(contribution(euro, 'overdueAmount'));
    expect(yen.factors[0]?.detail).toBe('JPY 1,000,000 overdue');
  });

  it('caps counted factors at three', () => {
    expect(contribution(scorePriority(input({ brokenPromises: 1 })), 'brokenPromise')).toBe(10);
    expect(scorePriority(input({ brokenPromises: 1 })).factors[0]?.detail).toBe('1 broken promise');
    expect(contribution(scorePriority(input({ brokenPromises: 7 })), 'brokenPromise')).toBe(30);
    expect(contribution(scorePriority(input({ disputesNearDeadline: 5 })), 'disputeNearDeadline')).toBe(18);
  });

  it('counts contact staleness only when something is overdue, and never contacted in full', () => {
    expect(contribution(scorePriority(input({ daysSinceLastContact: null })), 'noRecentContact')).toBeUndefined();
    const neverContacted = scorePriority(input({ overdueBaseMinor: 100, daysSinceLastContact: null }));
    expect(contribution(neverContacted, 'noRecentContact')).toBe(10);
    expect(neverContacted.factors.find((factor) => factor.key === 'noRecentContact')?.detail).toBe('never contacted');
    expect(contribution(scorePriority(input({ overdueBaseMinor: 100, daysSinceLastContact: 90 })), 'noRecentContact')).toBe(10);
    expect(contribution(scorePriority(input({ overdueBaseMinor: 100, daysSinceLastContact: 15 })), 'noRecentContact')).toBe(5);
  });

  it('drops customers with a promise not yet due or a planned follow-up', () => {
    const base = input({ overdueBaseMinor: 500_000, oldestDaysPastDue: 30 });
    const promised = scorePriority({ ...base, promisedNotDueShare: 1 });
    const planned = scorePriority({ ...base, futureFollowUp: true });
    expect(contribution(promised, 'openPromiseNotDue')).toBe(-30);
    expect(promised.factors.find((factor) => factor.key === 'openPromiseNotDue')?.detail).toBe('an open promise is not yet due');
    expect(contribution(planned, 'futureFollowUp')).toBe(-20);
    expect(promised.score).toBeLessThan(scorePriority(base).score);
    expect(scorePriority(input({ promisedNotDueShare: 1, futureFollowUp: true })).score).toBe(-50);
  });

  it('says which currencies the overdue sum was converted from, at which stated rates', () => {
    const detail = (convertedFrom: { currency: string; rate: string }[]) =>
      scorePriority(input({ overdueBaseMinor: 3_367_494, baseCurrency: 'EUR', convertedFrom })).factors.find((factor) => factor.key === 'overdueAmount')?.detail;
    expect(detail([])).toBe('EUR 33,674.94 overdue');
    expect(detail([{ currency: 'GBP', rate: '1.17' }])).toBe('EUR 33,674.94 overdue, converted from GBP at the stated rate (1 GBP = 1.17 EUR)');
    expect(detail([{ currency: 'GBP', rate: '1.17' }, { currency: 'SEK', rate: '0.088' }])).toBe('EUR 33,674.94 overdue, converted from GBP and SEK at the stated rates (1 GBP = 1.17 EUR, 1 SEK = 0.088 EUR)');
    expect(detail([{ currency: 'EUR', rate: '1' }])).toBe('EUR 33,674.94 overdue');
  });

  it('credits a promise for part of the overdue amount by its share only', () => {
    // £5,000 promised of £28,782 overdue: 17 % of the credit, not all of it.
    const base = input({ overdueBaseMinor: 2_878_200, oldestDaysPastDue: 60, baseCurrency: 'EUR' });
    const partial = scorePriority({ ...base, promisedNotDueShare: 500_000 / 2_878_200 });
    expect(contribution(partial, 'openPromiseNotDue')).toBe(-5.2);
    expect(partial.factors.find((factor) => factor.key === 'openPromiseNotDue')?.detail).toBe('open promises not yet due cover 17 % of the overdue amount');
    expect(partial.score).toBeGreaterThan(scorePriority({ ...base, promisedNotDueShare: 1 }).score);
    expect(partial.score).toBeLessThan(scorePriority(base).score);
    // A share is a share: nothing below 0, nothing above the whole credit.
    expect(contribution(scorePriority({ ...base, promisedNotDueShare: 7 }), 'openPromiseNotDue')).toBe(-30);
    expect(scorePriority({ ...base, promisedNotDueShare: -1 }).score).toBe(scorePriority(base).score);
    expect(scorePriority({ ...base, promisedNotDueShare: Number.NaN }).score).toBe(scorePriority(base).score);
  });

  it('gives a larger promised share a lower score, never a higher one', () => {
    fc.assert(
      fc.property(arbitraryInput, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (value, a, b) => {
        const [less, more] = a <= b ? [a, b] : [b, a];
        expect(scorePriority({ ...value, promisedNotDueShare: more }).score).toBeLessThanOrEqual(scorePriority({ ...value, promisedNotDueShare: less }).score);
      }),
    );
  });

  it('labels every factor that has a weight', () => {
    expect(Object.keys(PRIORITY_FACTOR_LABELS).sort()).toEqual([...PRIORITY_FACTOR_KEYS].sort());
    expect(Object.values(PRIORITY_FACTOR_LABELS).every((label) => label.length > 0)).toBe(true);
  });

  it('grades risk classes', () => {
    const risk = RISK_CLASSES.map((riskClass) => contribution(scorePriority(input({ riskClass })), 'riskClass'));
    expect(risk).toEqual([undefined, 3.3, 6.7, 10]);
  });

  it('uses custom weights, and a zero weight removes the factor', () => {
    const weights: PriorityWeights = { ...DEFAULT_PRIORITY_WEIGHTS, followUpDue: 0, creditLimitExceeded: 50 };
    const result = scorePriority(input({ followUpDue: true, creditLimitExceeded: true }), weights);
    expect(result).toEqual({
      score: 50,
      factors: [{ key: 'creditLimitExceeded', label: 'Credit limit exceeded', contribution: 50, detail: 'balance above the credit limit', params: {} }],
    });
  });

  it.each([Number.NaN, -1, Number.POSITIVE_INFINITY])('refuses the weight %d, naming it', (bad) => {
    try {
      scorePriority(QUIET, { ...DEFAULT_PRIORITY_WEIGHTS, brokenPromise: bad });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).field).toBe('weights.brokenPromise');
    }
  });

  it('refuses malformed input, naming the field', () => {
    const fieldOf = (bad: Partial<PriorityInput>): string | undefined => {
      try {
        scorePriority(input(bad));
      } catch (error) {
        if (error instanceof DomainError) return error.field;
      }
      return undefined;
    };
    expect(fieldOf({ brokenPromises: -1 })).toBe('brokenPromises');
    expect(fieldOf({ disputesNearDeadline: 1.5 })).toBe('disputesNearDeadline');
    expect(fieldOf({ overdueBaseMinor: Number.NaN })).toBe('overdueBaseMinor');
    expect(fieldOf({ baseCurrency: 'euro' })).toBe('baseCurrency');
    expect(fieldOf({ riskClass: 'toString' as PriorityInput['riskClass'] })).toBe('riskClass');
  });

  it('score is the exact sum of the shown contributions, which are non-zero, one decimal, largest first', () => {
    fc.assert(
      fc.property(arbitraryInput, arbitraryWeights, (value, weights) => {
        const result = scorePriority(value, weights);
        const sumTenths = result.factors.reduce((sum, factor) => sum + tenths(factor.contribution), 0);
        expect(tenths(result.score)).toBe(sumTenths);
        expect(result.score).toBe(sumTenths / 10);
        for (const factor of result.factors) {
          expect(factor.contribution).not.toBe(0);
          expect(factor.contribution).toBe(tenths(factor.contribution) / 10);
          expect(factor.detail.length).toBeGreaterThan(0);
        }
        const sizes = result.factors.map((factor) => Math.abs(factor.contribution));
        expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
        expect(new Set(result.factors.map((factor) => factor.key)).size).toBe(result.factors.length);
      }),
    );
  });

  it('more overdue, older, or more broken promises never lowers the score', () => {
    fc.assert(
      fc.property(
        arbitraryInput,
        fc.integer({ min: 0, max: 1_000_000_000 }),
        fc.integer({ min: 0, max: 500 }),
        fc.nat({ max: 4 }),
        (value, moreMinor, moreDays, morePromises) => {
          const before = scorePriority(value).score;
          expect(scorePriority({ ...value, overdueBaseMinor: value.overdueBaseMinor + moreMinor }).score).toBeGreaterThanOrEqual(before);
          expect(scorePriority({ ...value, oldestDaysPastDue: (value.oldestDaysPastDue ?? 0) + moreDays }).score).toBeGreaterThanOrEqual(before);
          expect(scorePriority({ ...value, brokenPromises: value.brokenPromises + morePromises }).score).toBeGreaterThanOrEqual(before);
        },
      ),
    );
  });

  it('a dropping factor never raises the score', () => {
    fc.assert(
      fc.property(arbitraryInput, (value) => {
        const free = scorePriority({ ...value, promisedNotDueShare: 0, futureFollowUp: false }).score;
        expect(scorePriority({ ...value, promisedNotDueShare: 1 }).score).toBeLessThanOrEqual(free);
        expect(scorePriority({ ...value, futureFollowUp: true }).score).toBeLessThanOrEqual(free);
      }),
    );
  });
});

describe('the factors’ values, which each language words', () => {
  it('carry what the English detail says: amounts and converted currencies, days, counts, shares, the risk class', () => {
    const result = scorePriority(
      input({
        overdueBaseMinor: 500_000,
        convertedFrom: [
          { currency: 'CHF', rate: '1.05' },
          { currency: 'EUR', rate: '1' },
        ],
        disputesNearDeadline: 1,
        daysSinceLastContact: null,
        promisedNotDueShare: 0.5,
      }),
    );
    const params = Object.fromEntries(result.factors.map((factor) => [factor.key, factor.params]));
    expect(params.overdueAmount).toEqual({ amountMinor: 500_000, currency: 'EUR', convertedFrom: [{ currency: 'CHF', rate: '1.05' }] });
    expect(params.disputeNearDeadline).toEqual({ count: 1 });
    expect(params.noRecentContact).toEqual({ never: true });
    expect(params.openPromiseNotDue).toEqual({ percent: 50 });
  });
});
