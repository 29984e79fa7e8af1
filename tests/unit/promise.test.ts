import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates';
import {
  DEFAULT_PROMISE_RULES,
  evaluatePromise,
  firstCountingDay,
  nextPromiseLevel,
  requiredAmount,
  validatePromiseRules,
  type CountingPayment,
  type PromiseRules,
  type PromiseTerms,
} from '../../shared/domain/promise';

const promise = (overrides: Partial<PromiseTerms> = {}): PromiseTerms => ({
  amountMinor: 100_000,
  currency: 'EUR',
  promisedDate: '2026-11-20',
  createdAt: '2026-11-10T10:00:00.000Z',
  status: 'open',
  ...overrides,
});
const paid = (valueDate: string, amountMinor: number, currency = 'EUR'): CountingPayment => ({ valueDate, amountMinor, currency });
const rules: PromiseRules = { graceDays: 3, tolerance: { kind: 'amount', minor: 500 } };

describe('evaluatePromise', () => {
  it('stays open until the promised date plus grace has passed', () => {
    expect(evaluatePromise(promise(), [], '2026-11-20', rules).status).toBe('open');
    expect(evaluatePromise(promise(), [], '2026-11-23', rules).status).toBe('open');
    expect(evaluatePromise(promise(), [], '2026-11-24', rules).status).toBe('broken');
  });

  it('is kept at once when paid in full before the date', () => {
    const result = evaluatePromise(promise(), [paid('2026-11-12', 100_000)], '2026-11-13', rules);
    expect(result).toEqual({ status: 'kept', paidMinor: 100_000, requiredMinor: 99_500, deadline: '2026-11-23' });
  });

  it('accepts a shortfall within the tolerance', () => {
    expect(evaluatePromise(promise(), [paid('2026-11-21', 99_500)], '2026-11-30', rules).status).toBe('kept');
    expect(evaluatePromise(promise(), [paid('2026-11-21', 99_499)], '2026-11-30', rules).status).toBe('partially_kept');
  });

  it('computes a percentage tolerance in basis points without floats', () => {
    expect(requiredAmount(100_000, { kind: 'percent', basisPoints: 250 })).toBe(97_500);
    expect(requiredAmount(333, { kind: 'percent', basisPoints: 100 })).toBe(330);
    expect(requiredAmount(100, { kind: 'amount', minor: 500 })).toBe(0);
  });

  it('ignores payments in another currency, before the promise or after the deadline', () => {
    const payments = [paid('2026-11-15', 100_000, 'USD'), paid('2026-11-09', 100_000), paid('2026-11-24', 100_000)];
    expect(evaluatePromise(promise(), payments, '2026-11-30', rules)).toMatchObject({ status: 'broken', paidMinor: 0 });
  });

  it('counts a payment on the last day of grace', () => {
    expect(evaluatePromise(promise(), [paid('2026-11-23', 100_000)], '2026-12-01', rules).status).toBe('kept');
  });

  it('never changes a cancelled or superseded promise', () => {
    for (const status of ['cancelled', 'superseded'] as const) {
      expect(evaluatePromise(promise({ status }), [paid('2026-11-12', 100_000)], '2026-12-01', rules).status).toBe(status);
    }
  });

  it('uses the default rules when none are given', () => {
    expect(evaluatePromise(promise(), [], '2026-11-23').deadline).toBe(addDays('2026-11-20', DEFAULT_PROMISE_RULES.graceDays));
  });

  it('is deterministic and monotonic in time and payments (property)', () => {
    const day = fc.integer({ min: 0, max: 60 }).map((n) => addDays('2026-11-01', n));
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.array(fc.record({ valueDate: day, amountMinor: fc.integer({ min: 1, max: 5_000_000 }), currency: fc.constantFrom('EUR', 'USD') }), { maxLength: 8 }),
        day,
        fc.integer({ min: 0, max: 10 }),
        (amountMinor, payments, asOf, graceDays) => {
          const terms = promise({ amountMinor, promisedDate: '2026-11-20', createdAt: '2026-11-05T00:00:00.000Z' });
          const local: PromiseRules = { graceDays, tolerance: { kind: 'percent', basisPoints: 100 } };
          const result = evaluatePromise(terms, payments, asOf, local);
          expect(evaluatePromise(terms, [...payments].reverse(), asOf, local)).toEqual(result);
          const counted = payments
            .filter((p) => p.currency === 'EUR' && p.valueDate >= '2026-11-05' && p.valueDate <= result.deadline && p.valueDate <= asOf)
            .reduce((sum, p) => sum + p.amountMinor, 0);
          expect(result.paidMinor).toBe(counted);
          if (result.status === 'kept') expect(result.paidMinor).toBeGreaterThanOrEqual(result.requiredMinor);
          if (result.status === 'broken') expect(result.paidMinor).toBe(0);
          if (result.status === 'open') expect(asOf <= result.deadline).toBe(true);
          // Once judged, the outcome never changes as time moves on.
          if (result.status !== 'open') expect(evaluatePromise(terms, payments, addDays(asOf, 30), local).status).toBe(result.status);
        },
      ),
    );
  });
});

describe('the first day whose money counts (firstCountingDay)', () => {
  it("is the day the user made the promise on, else the UTC date of its creation, else any day", () => {
    // 17:30 on the 29th in Los Angeles.
    expect(firstCountingDay({ createdAt: '2024-03-01T01:30:00.000Z', madeOn: '2024-02-29' })).toBe('2024-02-29');
    // 09:00 on the 2nd in Sydney is 22:00 UTC on the 1st: the 1st's money no longer counts.
    expect(firstCountingDay({ createdAt: '2024-03-01T22:00:00.000Z', madeOn: '2024-03-02' })).toBe('2024-03-02');
    expect(firstCountingDay({ createdAt: '2024-03-01T22:00:00.000Z', madeOn: null })).toBe('2024-03-01');
    expect(firstCountingDay({ createdAt: '2024-03-01T22:00:00.000Z' })).toBe('2024-03-01');
    // Damaged values fall back, never fail.
    expect(firstCountingDay({ createdAt: '2024-03-01T22:00:00.000Z', madeOn: '2024-02-31' })).toBe('2024-03-01');
    expect(firstCountingDay({ createdAt: 'yesterday', madeOn: null })).toBe('0000-01-01');
  });

  it('decides which payments count towards a promise', () => {
    const evening = promise({ promisedDate: '2024-02-29', createdAt: '2024-03-01T01:30:00.000Z', amountMinor: 10_000 });
    expect(evaluatePromise({ ...evening, madeOn: '2024-02-29' }, [paid('2024-02-29', 10_000)], '2024-03-01', rules).status).toBe('kept');
    expect(evaluatePromise(evening, [paid('2024-02-29', 10_000)], '2024-03-04', rules).status).toBe('broken');
  });
});

describe('promise rules and levels', () => {
  it('rejects bad rules naming the field', () => {
    expect(() => validatePromiseRules({ graceDays: -1, tolerance: { kind: 'amount', minor: 0 } })).toThrow(/grace days/);
    expect(() => validatePromiseRules({ graceDays: 1, tolerance: { kind: 'percent', basisPoints: 9000 } })).toThrow(
      expect.objectContaining({ field: 'tolerance.basisPoints' }) as Error,
    );
    expect(validatePromiseRules(DEFAULT_PROMISE_RULES)).toBe(DEFAULT_PROMISE_RULES);
  });

  it('raises the level above every earlier promise', () => {
    expect(nextPromiseLevel([])).toBe(1);
    expect(nextPromiseLevel([1, 3, 2])).toBe(4);
  });
});
