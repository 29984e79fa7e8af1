import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  collectionForecast,
  forecastPatterns,
  type ForecastItem,
  type ForecastPromise,
  type InvoicePayment,
  WHOLE_SHARE_BP,
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

/** Paid `late` days after a due date 30 days after the invoice (all of it, unless `shareBp` says which part). */
const settled = (customerId: string, late: number, dueDate = '2026-01-31', shareBp = WHOLE_SHARE_BP): InvoicePayment => ({
  customerId,
  invoiceDate: addDays(dueDate, -30),
  dueDate,
  paidOn: addDays(dueDate, late),
  shareBp,
});

describe('forecast patterns', () => {
  it('takes the kept rate by amount from resolved promises, and learns only from what was settled before the as-of date', () => {
    const patterns = forecastPatterns(
      [
        { customerId: 'C1', status: 'kept', amountMinor: 300 },
        { customerId: 'C1', status: 'broken', amountMinor: 100 },
        { customerId: 'C1', status: 'open', amountMinor: 900 },
        { customerId: 'C2', status: 'cancelled', amountMinor: 500 },
      ],
      [settled('C1', 10), settled('C2', 3, '2026-02-28')],
      AS_OF,
    );
    // C1: 300 / (300 + 100) = 0.75. C2 has no resolved promise, and its payment on 03-03 is after the as-of date.
    expect(patterns.keptRates).toEqual(new Map([['C1', 0.75]]));
    expect([...patterns.timings.keys()]).toEqual(['C1']);
    expect(patterns.timings.get('C1')?.payTime).toEqual(new Map([[40, WHOLE_SHARE_BP]]));
    // 10 days late, spread over 5..15 days: 1, 2, 3, 4, 5, 6, 5, 4, 3, 2, 1.
    expect([...(patterns.timings.get('C1')?.lateness ?? new Map<number, number>())]).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15].map((days) => [days, (6 - Math.abs(days - 10)) * WHOLE_SHARE_BP]));
  });
});

describe('13-week collection forecast (golden)', () => {
  // C1 kept 0.75 of its promises and paid one invoice 10 days late, 40 days after its date: the whole portfolio's history.
  const patterns = forecastPatterns(
    [
      { customerId: 'C1', status: 'kept', amountMinor: 300 },
      { customerId: 'C1', status: 'broken', amountMinor: 100 },
    ],
    [settled('C1', 10)],
    AS_OF,
  );

  it('weights promises by kept rate and places them in the week promised', () => {
    const forecast = collectionForecast(
      AS_OF,
      EUR,
      [
        // 80,000 left × 0.75 = 60,000 on 03-05, week 1 (03-02..03-08); 20,000 discounted.
        openPromise('C1', '2026-03-05', 100_000, 20_000),
        // No history: default 0.5 -> 25,000 on 03-20, week 3 (03-16..03-22); 25,000 discounted.
        openPromise('C2', '2026-03-20', 50_000, 0),
        // 0.75 × 4,000 after week 13 (05-25..05-31).
        openPromise('C1', '2026-06-01', 4_000, 0),
      ],
      [item('C1', '2026-03-01', 99_000, true)],
      [],
      patterns,
    );
    expect(forecast.weeks).toHaveLength(13);
    expect(forecast.weeks[0]).toEqual({ week: 1, from: '2026-03-02', to: '2026-03-08', promisedMinor: 60_000, itemsMinor: 0, billingMinor: 0, totalMinor: 60_000 });
    expect(forecast.weeks[12]).toMatchObject({ week: 13, from: '2026-05-25', to: '2026-05-31' });
    expect(forecast.weeks.map((week) => week.promisedMinor)).toEqual([60_000, 0, 25_000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(forecast.beyondMinor).toBe(3_000);
    expect(forecast.discountedMinor).toBe(46_000);
  });

  it("spreads an open item over the weeks by the customer's signed days late, only over delays still possible", () => {
    const forecast = collectionForecast(
      AS_OF,
      EUR,
      [],
      [
        // Due today: paid 5..15 days on, weights 3 (days 5-6), 30 (7-13) and 3 (14-15) of 36.
        item('C1', AS_OF, 36_000),
        // Due 10 days ago: only delays of 10 days and more are left, all landing in week 1.
        item('C1', '2026-02-20', 21_000),
        // Due 60 days ago, later than the customer ever paid: due now.
        item('C1', '2026-01-01', 5_000),
        // A customer without history pays as the portfolio: due in 7 days, so 12..22 days on.
        item('C3', '2026-03-09', 36_000),
        // A credit memo lowers the weeks as its invoice would raise them.
        item('C3', '2026-03-09', -3_600),
        // Under an open promise: left to the promise.
        item('C1', '2026-03-01', 99_000, true),
      ],
      [],
      patterns,
    );
    expect(forecast.weeks.slice(0, 5).map((week) => week.itemsMinor)).toEqual([3_000 + 21_000 + 5_000, 30_000 + 2_700, 3_000 + 27_000, 2_700, 0]);
    expect(forecast.beyondMinor).toBe(0);
  });

  it('forecasts an item of a customer who pays in parts in those parts', () => {
    // C4 pays each invoice half on its due date and half four weeks later.
    const instalments = forecastPatterns([], [settled('C4', 0, '2026-01-31', 5_000), settled('C4', 28, '2026-01-31', 5_000)], AS_OF);
    // Due in 14 days: paid 9..19 days on (weeks 2 and 3) for one half, 37..47 days on (weeks 6 and 7) for the other.
    const forecast = collectionForecast(AS_OF, EUR, [], [item('C4', '2026-03-16', 72_000)], [], instalments);
    const [, second = 0, third = 0, , , sixth = 0, seventh = 0] = forecast.weeks.map((week) => week.itemsMinor);
    expect(second + third).toBe(36_000);
    expect(sixth + seventh).toBe(36_000);
    // 9..13 days on weigh 1+2+3+4+5 = 15 of 36, so week 2 holds 15,000 of the first half.
    expect(second).toBe(15_000);
  });

  it('forecasts what the customers will bill at their 26-week run rate, paid as they pay, within the 13 weeks', () => {
    // 260,000 in 26 weeks: 10,000 a week, issued mid-week (days 3, 10, ..., 87) and paid 40 days later (days 43..127).
    const forecast = collectionForecast(AS_OF, EUR, [], [], [{ customerId: 'C1', currency: EUR, billedMinor: 260_000 }], patterns);
    expect(forecast.weeks.map((week) => week.billingMinor)).toEqual([0, 0, 0, 0, 0, 0, 10_000, 10_000, 10_000, 10_000, 10_000, 10_000, 10_000]);
    expect(forecast.weeks.map((week) => week.totalMinor)).toEqual(forecast.weeks.map((week) => week.billingMinor));
    expect(forecast.billedMinor).toBe(260_000);
    // Cash from invoices not yet written is never "beyond": that part is no receivable.
    expect(forecast.beyondMinor).toBe(0);
  });

  it('has no billing part without any payment history to time it, and expects open items on their due dates', () => {
    const none = forecastPatterns([], [], AS_OF);
    const forecast = collectionForecast(
      AS_OF,
      EUR,
      [],
      // Due in 8 weeks (week 9), overdue (week 1), after week 13.
      [item('C9', '2026-04-27', 1_000), item('C9', '2026-02-01', 200), item('C9', '2026-06-30', 30)],
      [{ customerId: 'C9', currency: EUR, billedMinor: 260_000 }],
      none,
    );
    expect(forecast.weeks.every((week) => week.billingMinor === 0)).toBe(true);
    expect(forecast.billedMinor).toBe(0);
    expect(forecast.weeks.map((week) => week.itemsMinor)).toEqual([200, 0, 0, 0, 0, 0, 0, 0, 1_000, 0, 0, 0, 0]);
    expect(forecast.beyondMinor).toBe(30);
  });

  it('takes a payment with a damaged date for no history, and a customer billing nothing net for no billing', () => {
    const damaged = [{ ...settled('C2', 0), dueDate: '9999-12-31' }, { ...settled('C2', 0), invoiceDate: '0001-01-01' }, { ...settled('C2', 0), dueDate: '2026-19-39' }];
    const patterns = forecastPatterns([], [settled('C1', 10), ...damaged], AS_OF);
    expect([...patterns.timings.keys()]).toEqual(['C1']);
    // A damaged promised date is read as due now, a damaged due date as due today.
    const damagedDates = collectionForecast(AS_OF, EUR, [openPromise('C1', '2026-02-31', 100, 0)], [item('C1', '2026-13-01', 700)], [], patterns);
    const dueToday = collectionForecast(AS_OF, EUR, [], [item('C1', AS_OF, 700)], [], patterns);
    expect(damagedDates.weeks[0]?.promisedMinor).toBe(50);
    expect(damagedDates.weeks.map((week) => week.itemsMinor)).toEqual(dueToday.weeks.map((week) => week.itemsMinor));
    const forecast = collectionForecast(AS_OF, EUR, [], [], [{ customerId: 'C1', currency: EUR, billedMinor: -5_000 }], patterns);
    expect(forecast.billedMinor).toBe(0);
    expect(forecast.weeks.every((week) => week.billingMinor === 0)).toBe(true);
  });

  it('refuses an item or a billing run in another currency', () => {
    expect(() => collectionForecast(AS_OF, EUR, [], [{ ...item('C1', AS_OF, 1), currency: 'USD' }], [], patterns)).toThrow(/one currency at a time/);
    expect(() => collectionForecast(AS_OF, EUR, [], [], [{ customerId: 'C1', currency: 'USD', billedMinor: 1 }], patterns)).toThrow(/one currency at a time/);
  });

  it('accounts for every minor unit: weeks + beyond + discounted = promises left + uncovered items; billing never more than the run rate bills', () => {
    const arbitraryPromise = fc
      .record({ day: fc.integer({ min: -30, max: 120 }), amountMinor: fc.integer({ min: 0, max: 1_000_000 }), paid: fc.integer({ min: 0, max: 100 }) })
      .map(({ day, amountMinor, paid }) => openPromise(`C${String(Math.abs(day) % 3)}`, addDays(AS_OF, day), amountMinor, Math.floor((amountMinor * paid) / 100)));
    const arbitraryItem = fc
      .record({ day: fc.integer({ min: -90, max: 120 }), openMinor: fc.integer({ min: -100_000, max: 1_000_000 }), covered: fc.boolean() })
      .map(({ day, openMinor, covered }) => item(`C${String(Math.abs(day) % 4)}`, addDays(AS_OF, day), openMinor, covered));
    const arbitrarySettled = fc
      .record({ customer: fc.integer({ min: 0, max: 2 }), late: fc.integer({ min: -30, max: 90 }), due: fc.integer({ min: 0, max: 300 }) })
      .map(({ customer, late, due }) => settled(`C${String(customer)}`, late, addDays('2025-04-01', due)));
    const arbitraryBilling = fc.record({ customer: fc.integer({ min: 0, max: 3 }), billedMinor: fc.integer({ min: -50_000, max: 5_000_000 }) }).map(({ customer, billedMinor }) => ({ customerId: `C${String(customer)}`, currency: EUR, billedMinor }));
    fc.assert(
      fc.property(
        fc.array(arbitraryPromise, { maxLength: 20 }),
        fc.array(arbitraryItem, { maxLength: 20 }),
        fc.array(arbitrarySettled, { maxLength: 30 }),
        fc.uniqueArray(arbitraryBilling, { maxLength: 4, selector: (run) => run.customerId }),
        (promises, items, history, billing) => {
          const forecast = collectionForecast(AS_OF, EUR, promises, items, billing, forecastPatterns([], history, AS_OF));
          const placed = forecast.weeks.reduce((total, week) => total + week.promisedMinor + week.itemsMinor, 0) + forecast.beyondMinor + forecast.discountedMinor;
          const expected =
            promises.reduce((total, p) => total + p.amountMinor - p.paidMinor, 0) +
            items.filter((i) => !i.coveredByPromise).reduce((total, i) => total + i.openMinor, 0);
          expect(placed).toBe(expected);
          const billed = forecast.weeks.reduce((total, week) => total + week.billingMinor, 0);
          expect(billed).toBeGreaterThanOrEqual(0);
          expect(billed).toBeLessThanOrEqual(billing.reduce((total, run) => total + Math.round(Math.max(0, run.billedMinor) / 2), 0));
          for (const week of forecast.weeks) expect(week.totalMinor).toBe(week.promisedMinor + week.itemsMinor + week.billingMinor);
        },
      ),
    );
  });
});
