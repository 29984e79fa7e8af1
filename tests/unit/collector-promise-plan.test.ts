import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates';
import { evaluatePlan, splitInstalments, validateInstalments, type PlanInstalmentTerms } from '../../shared/domain/promise-plan';

const START = '2026-11-23';
const datesFrom = (gaps: readonly number[]): string[] => {
  let date = START;
  return gaps.map((gap) => (date = addDays(date, gap)));
};
const gapsArb = fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 2, maxLength: 24 });

describe('splitInstalments', () => {
  it('adds up to the total exactly, with instalments at most one minor unit apart', () => {
    fc.assert(
      fc.property(gapsArb, fc.integer({ min: 24, max: Number.MAX_SAFE_INTEGER }), (gaps, total) => {
        const instalments = splitInstalments(total, datesFrom(gaps));
        const amounts = instalments.map((instalment) => BigInt(instalment.amountMinor));
        expect(amounts.reduce((sum, amount) => sum + amount, 0n)).toBe(BigInt(total));
        const min = instalments.reduce((m, i) => Math.min(m, i.amountMinor), Infinity);
        const max = instalments.reduce((m, i) => Math.max(m, i.amountMinor), 0);
        expect(max - min).toBeLessThanOrEqual(1);
        expect(validateInstalments(instalments, START, 'EUR', total)).toBe(total);
      }),
    );
  });

  it('refuses a total smaller than one unit per instalment', () => {
    expect(() => splitInstalments(2, datesFrom([1, 1, 1]))).toThrow(/at least 3/);
  });
});

describe('validateInstalments', () => {
  it('names the first instalment out of order or in the past, and a missed total', () => {
    expect(() => validateInstalments([{ promisedDate: '2026-11-30', amountMinor: 1 }, { promisedDate: '2026-11-30', amountMinor: 1 }], START, 'EUR')).toThrow(
      expect.objectContaining({ field: 'instalments.1.promisedDate' }),
    );
    expect(() => validateInstalments([{ promisedDate: '2026-11-22', amountMinor: 1 }, { promisedDate: '2026-11-30', amountMinor: 1 }], START, 'EUR')).toThrow(
      expect.objectContaining({ field: 'instalments.0.promisedDate' }),
    );
    expect(() => validateInstalments([{ promisedDate: '2026-11-24', amountMinor: 1 }, { promisedDate: '2026-11-30', amountMinor: 1 }], START, 'EUR', 3)).toThrow(
      expect.objectContaining({ field: 'totalMinor' }),
    );
  });
});

describe('evaluatePlan', () => {
  const plan = (gaps: readonly number[], amounts: readonly number[]): PlanInstalmentTerms[] =>
    datesFrom(gaps).map((promisedDate, index) => ({ promisedDate, amountMinor: amounts[index] ?? 1, status: 'open' }));

  it('never credits more than was received, nor more than an instalment, and a full early payment keeps every instalment', () => {
    fc.assert(
      fc.property(
        gapsArb,
        fc.array(fc.integer({ min: 1, max: 50_000 }), { minLength: 24, maxLength: 24 }),
        fc.array(fc.record({ day: fc.integer({ min: 0, max: 400 }), amountMinor: fc.integer({ min: 1, max: 80_000 }) }), { maxLength: 10 }),
        fc.integer({ min: 0, max: 500 }),
        (gaps, amounts, paid, asOfIn) => {
          const instalments = plan(gaps, amounts);
          const payments = paid.map((p) => ({ valueDate: addDays(START, p.day), amountMinor: p.amountMinor, currency: 'EUR' }));
          const results = evaluatePlan({ currency: 'EUR', createdAt: `${START}T09:00:00.000Z`, instalments }, payments, addDays(START, asOfIn));
          const credited = results.reduce((sum, result) => sum + result.paidMinor, 0);
          expect(credited).toBeLessThanOrEqual(payments.reduce((sum, p) => sum + p.amountMinor, 0));
          results.forEach((result, index) => { expect(result.paidMinor).toBeLessThanOrEqual(instalments[index]?.amountMinor ?? 0); });

          const total = instalments.reduce((sum, i) => sum + i.amountMinor, 0);
          const upFront = evaluatePlan({ currency: 'EUR', createdAt: `${START}T09:00:00.000Z`, instalments }, [{ valueDate: START, amountMinor: total, currency: 'EUR' }], addDays(START, asOfIn));
          expect(upFront.every((result) => result.status === 'kept')).toBe(true);
        },
      ),
    );
  });

  it('breaks only the instalment the money ran out for, and ignores other currencies', () => {
    const instalments = plan([2, 10, 10], [10_000, 10_000, 10_000]);
    const results = evaluatePlan(
      { currency: 'EUR', createdAt: `${START}T09:00:00.000Z`, instalments },
      [
        { valueDate: '2026-11-24', amountMinor: 15_000, currency: 'EUR' },
        { valueDate: '2026-11-24', amountMinor: 99_000, currency: 'USD' },
      ],
      '2027-01-31',
    );
    expect(results.map((result) => [result.status, result.paidMinor])).toEqual([
      ['kept', 10_000],
      ['partially_kept', 5_000],
      ['broken', 0],
    ]);
  });
});
