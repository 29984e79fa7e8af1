import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  collectionForecast,
  customerPatterns,
  type CustomerPattern,
  type ForecastItem,
  type ForecastPromise,
} from '../../shared/domain/forecast';
import { addDays } from '../../shared/domain/dates';

const EUR = 'EUR';
const AS_OF = '2026-03-02';

const openPromise = (customerId: string, promisedDate: string, amountMinor: number, paidMinor: number): ForecastPromise => ({
  customerId,
  promisedDate,
  amountMinor,
  paidMinor,
  currency: EUR,
});
const item = (customerId: string, dueDate: string, openMinor: number, coveredByPromise = false): ForecastItem => ({
  customerId,
  dueDate,
  openMinor,
  currency: EUR,
  coveredByPromise,
});

describe('customer patterns', () => {
  it('takes the kept rate by amount from resolved promises and the mean days late from settled invoices', () => {
    const patterns = customerPatterns(
      [
        { customerId: 'C1', status: 'kept', amountMinor: 300 },
        { customerId: 'C1', status: 'broken', amountMinor: 100 },
        { customerId: 'C1', status: 'open', amountMinor: 900 },
        { customerId: 'C2', status: 'cancelled', amountMinor: 500 },
      ],
      [
        // 10 and 20 days late: 15.
        { customerKey: 'C1', invoiceDate: '2026-01-01', dueDate: '2026-01-31', settledDate: '2026-02-10', disputed: false },
        { customerKey: 'C1', invoiceDate: '2026-01-05', dueDate: '2026-02-04', settledDate: '2026-02-24', disputed: false },
      ],
    );
    // C1: 300 / (300 + 100) = 0.75. C2 has neither resolved promises nor payments.
    expect(patterns.get('C1')).toEqual({ keptRate: 0.75, averageDaysLate: 15 });
    expect(patterns.has('C2')).toBe(false);
  });
});

describe('13-week collection forecast (golden)', () => {
  it('weights promises by kept rate and times items by days late, in weekly buckets from the as-of date', () => {
    const patterns = new Map<string, CustomerPattern>([
      ['C1', { keptRate: 0.75, averageDaysLate: 15 }],
      ['C2', { keptRate: null, averageDaysLate: null }],
    ]);
    const forecast = collectionForecast(
      AS_OF,
      EUR,
      [
        // 80,000 left × 0.75 = 60,000 on 03-05, week 1 (03-02..03-08); 20,000 discounted.
        openPromise('C1', '2026-03-05', 100_000, 20_000),
        // No history: default 0.5 -> 25,000 on 03-20, week 3 (03-16..03-22); 25,000 discounted.
        openPromise('C2', '2026-03-20', 50_000, 0),
      ],
      [
        item('C1', '2026-02-20', 40_000), // 02-20 + 15 = 03-07: week 1
        item('C1', '2026-03-01', 99_000, true), // the promise stands for it
        item('C2', '2026-02-01', 30_000), // 0 days late: 02-01 is past, so due now: week 1
        item('C1', '2026-05-20', 70_000), // 06-04, after week 13 (05-25..05-31): beyond
        item('C3', '2026-04-10', 10_000), // unknown customer, 0 days late: 39 days on, week 6 (04-06..04-12)
        item('C1', '2026-05-10', -5_000), // credit memo: 05-25, 84 days on, week 13
      ],
      patterns,
    );
    expect(forecast.weeks).toHaveLength(13);
    expect(forecast.weeks[0]).toEqual({ week: 1, from: '2026-03-02', to: '2026-03-08', promisedMinor: 60_000, itemsMinor: 70_000, totalMinor: 130_000 });
    expect(forecast.weeks[12]).toEqual({ week: 13, from: '2026-05-25', to: '2026-05-31', promisedMinor: 0, itemsMinor: -5_000, totalMinor: -5_000 });
    expect(forecast.weeks.map((week) => week.totalMinor)).toEqual([130_000, 0, 25_000, 0, 0, 10_000, 0, 0, 0, 0, 0, 0, -5_000]);
    expect(forecast.beyondMinor).toBe(70_000);
    expect(forecast.discountedMinor).toBe(45_000);
  });

  it('refuses an item in another currency', () => {
    expect(() => collectionForecast(AS_OF, EUR, [], [{ ...item('C1', AS_OF, 1), currency: 'USD' }], new Map())).toThrow(/one currency at a time/);
  });

  it('accounts for every minor unit: weeks + beyond + discounted = promises left + uncovered items', () => {
    const arbitraryPromise = fc
      .record({ day: fc.integer({ min: -30, max: 120 }), amountMinor: fc.integer({ min: 0, max: 1_000_000 }), paid: fc.integer({ min: 0, max: 100 }) })
      .map(({ day, amountMinor, paid }) => openPromise(`C${String(day % 3)}`, addDays(AS_OF, day), amountMinor, Math.floor((amountMinor * paid) / 100)));
    const arbitraryItem = fc
      .record({ day: fc.integer({ min: -90, max: 120 }), openMinor: fc.integer({ min: -100_000, max: 1_000_000 }), covered: fc.boolean() })
      .map(({ day, openMinor, covered }) => item(`C${String(Math.abs(day) % 3)}`, addDays(AS_OF, day), openMinor, covered));
    const arbitraryPattern = fc.record({
      keptRate: fc.option(fc.integer({ min: 0, max: 10_000 }).map((bp) => bp / 10_000)),
      averageDaysLate: fc.option(fc.double({ min: 0, max: 60, noNaN: true })),
    });
    fc.assert(
      fc.property(
        fc.array(arbitraryPromise, { maxLength: 20 }),
        fc.array(arbitraryItem, { maxLength: 20 }),
        fc.array(arbitraryPattern, { minLength: 3, maxLength: 3 }),
        (promises, items, patternList) => {
          const patterns = new Map(patternList.map((pattern, index) => [`C${String(index)}`, pattern]));
          const forecast = collectionForecast(AS_OF, EUR, promises, items, patterns);
          const placed = forecast.weeks.reduce((total, week) => total + week.totalMinor, 0) + forecast.beyondMinor + forecast.discountedMinor;
          const expected =
            promises.reduce((total, p) => total + p.amountMinor - p.paidMinor, 0) +
            items.filter((i) => !i.coveredByPromise).reduce((total, i) => total + i.openMinor, 0);
          expect(placed).toBe(expected);
        },
      ),
    );
  });
});
