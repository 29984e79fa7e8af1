/**
 * kpi.forecast on the hand-built book of fixture.ts as of 2026-11-23 (week 1 = 11-23..11-29),
 * computed by hand.
 *
 * History (invoices settled before the as-of date): C1 paid I1 10 days late, 40 days after its date;
 * C2 paid I5 15 days late (45 days) and I8 on its due date (30 days). Kept rates: C1 1 (kept 20,000),
 * C2 0 (broken 30,000, partially kept 20,000), C3 none (default 0.5).
 *
 * Days late count for ± 5 days around them (weights 1..6..1, 36 per invoice); C1's own lateness
 * weighs 108 (the portfolio's count) per unit, the portfolio's 36 (one invoice's worth). Days to pay
 * are counted as they are; a customer's own weigh the portfolio's count (3), the portfolio's 8 each.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../support/test-api';
import { addCustomer, addItem, addUser } from '../../support/builders';
import { buildKpiBook, paidItem, type KpiBook } from './fixture';

let api: TestApi;
let book: KpiBook;

beforeEach(async () => {
  api = await createTestApi();
  book = buildKpiBook(api.store.sqlite);
});
afterEach(async () => {
  await api.cleanup();
});

type Part = 'promisedMinor' | 'itemsMinor' | 'billingMinor';
const parts = (weeks: readonly { amounts: readonly ({ currency: string } & Record<Part, number>)[] }[], currency: string, part: Part): number[] =>
  weeks.map((week) => week.amounts.find((entry) => entry.currency === currency)?.[part] ?? 0);
const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

describe('kpi.forecast', () => {
  it('converts every currency to the base part by part, at the settings rates', async () => {
    const forecast = await api.call('kpi.forecast', {});
    const { converted } = forecast;
    expect(converted.unconverted).toEqual([]);
    // Week 1: EUR 76,945 of items, plus U1's USD 10,000 at 0.92.
    expect(converted.weeks[0]).toEqual({ currency: 'EUR', promisedMinor: 0, itemsMinor: 76_945 + 9_200, billingMinor: 0, totalMinor: 86_145 });
    // Week 5: EUR 4,602 of billing plus USD 128 at 0.92 (117.76, so 118).
    expect(converted.weeks[4]?.billingMinor).toBe(4_602 + 118);
    for (const week of converted.weeks) expect(week.totalMinor).toBe(week.promisedMinor + week.itemsMinor + week.billingMinor);
    expect(converted.totals).toEqual({ currency: 'EUR', beyondMinor: 15_000, discountedMinor: 50_000, billedMinor: 380_000 + 9_200 });
  });

  it('leaves a currency without a rate out of the converted forecast and names it', async () => {
    const before = await api.call('kpi.forecast', {});
    const customer = addCustomer(api.store.sqlite, { collector_id: book.collectorA, currency: 'ISK', country: 'IS' }).id;
    addItem(api.store.sqlite, customer, { document_date: '2026-11-01', due_date: '2026-11-20', currency: 'ISK', original_minor: 5_000_000, open_minor: 5_000_000 });
    const forecast = await api.call('kpi.forecast', {});
    expect(forecast.converted.unconverted).toEqual(['ISK']);
    expect(forecast.converted.weeks).toEqual(before.converted.weeks);
    expect(forecast.converted.totals).toEqual(before.converted.totals);
    // As booked, the ISK forecast is there in full.
    expect(sum(parts(forecast.weeks, 'ISK', 'itemsMinor'))).toBe(5_000_000);
  });

  it('weights open promises by kept history, spreads open items by signed days late, and adds what will be billed, per currency', async () => {
    const forecast = await api.call('kpi.forecast', {});
    expect(forecast.asOf).toBe('2026-11-23');
    expect(forecast.weeks).toHaveLength(13);
    expect(forecast.weeks[0]).toMatchObject({ week: 1, from: '2026-11-23', to: '2026-11-29' });
    expect(forecast.weeks[12]).toMatchObject({ week: 13, from: '2027-02-15', to: '2027-02-21' });

    // Promise P5 50,000 on 11-30 × rate 1 (I2 under it is left out); C2's P6 50,000 × rate 0 is discounted.
    expect(parts(forecast.weeks, 'EUR', 'promisedMinor')).toEqual([0, 50_000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    // Week 1: I7 60,000 (34 days overdue), I3 20,000 (29) and I4 −5,000 (34): later than anyone ever paid, so due now.
    // I6 70,000, due 12-02 (9 days on), lands 4 to 34 days on: weights 216, 1,044, 3,888, 2,520 and 108 of 7,776
    // (C1's own 10 days late, and the portfolio's 10, 15 and 0), split exactly: 1,945 | 9,398 | 35,000 | 22,685 | 972.
    expect(parts(forecast.weeks, 'EUR', 'itemsMinor')).toEqual([76_945, 9_398, 35_000, 22_685, 972, 0, 0, 0, 0, 0, 0, 0, 0]);
    // Billed in the 26 weeks before: C1 280,000 and C2 100,000 (net of I4), so 140,000 and 50,000 in 13 weeks,
    // issued mid-week and paid 30, 40 or 45 days later: from week 5 on; what lands after week 13 is left out.
    expect(parts(forecast.weeks, 'EUR', 'billingMinor')).toEqual([0, 0, 0, 0, 4_602, 4_601, 14_616, 14_615, 14_615, 14_615, 14_615, 14_615, 14_615]);
    // I9 is due 2027-03-31, after week 13.
    expect(forecast.totals).toEqual([
      { currency: 'EUR', beyondMinor: 15_000, discountedMinor: 50_000, billedMinor: 380_000 },
      { currency: 'USD', beyondMinor: 0, discountedMinor: 0, billedMinor: 10_000 },
    ]);
    // C3 has no history of its own: U1 (21 days overdue) is due now, and its billing is timed as the portfolio pays.
    expect(parts(forecast.weeks, 'USD', 'itemsMinor')[0]).toBe(10_000);
    expect(parts(forecast.weeks, 'USD', 'billingMinor')).toEqual([0, 0, 0, 0, 128, 128, 385, 385, 385, 385, 385, 384, 384]);
  });

  it('accounts for every minor unit open (conservation)', async () => {
    const forecast = await api.call('kpi.forecast', {});
    const placed = sum(parts(forecast.weeks, 'EUR', 'promisedMinor')) + sum(parts(forecast.weeks, 'EUR', 'itemsMinor'));
    const totals = forecast.totals.find((entry) => entry.currency === 'EUR');
    // open promises 50,000 + 50,000; uncovered open items 20,000 − 5,000 + 70,000 + 60,000 + 15,000
    expect(placed + (totals?.beyondMinor ?? 0) + (totals?.discountedMinor ?? 0)).toBe(260_000);
    for (const week of forecast.weeks) for (const amount of week.amounts) expect(amount.totalMinor).toBe(amount.promisedMinor + amount.itemsMinor + amount.billingMinor);
  });

  it('limits a collector to their customers, and learns only from them', async () => {
    const forecast = await api.call('kpi.forecast', { collectorId: book.collectorB });
    expect(forecast.collectorId).toBe(book.collectorB);
    expect(forecast.totals).toEqual([{ currency: 'EUR', beyondMinor: 15_000, discountedMinor: 50_000, billedMinor: 100_000 }]);
    expect(parts(forecast.weeks, 'EUR', 'itemsMinor')[0]).toBe(15_000);
    // C2 alone is the portfolio: its 30 and 45 days to pay weigh 2 (the portfolio's count) as its own and 8 as the
    // portfolio's; 50,000 over weights 10, 10, then 20 a week of 260 (the rest after week 13).
    expect(parts(forecast.weeks, 'EUR', 'billingMinor')).toEqual([0, 0, 0, 0, 1_923, 1_923, 3_847, 3_846, 3_846, 3_846, 3_846, 3_846, 3_846]);
  });

  it('learns instalments from the clearings, and takes an invoice cleared without a payment on record as paid whole that day', async () => {
    const sqlite = api.store.sqlite;
    // D pays each invoice half on its due date and half four weeks later; an open invoice is due in 14 days.
    const instalmentPayer = addUser(sqlite).id;
    const d = addCustomer(sqlite, { collector_id: instalmentPayer }).id;
    paidItem(sqlite, d, { document: '08-01', due: '08-31', amount: 100_000, payments: [['08-31', 50_000], ['09-28', 50_000]] });
    addItem(sqlite, d, { document_date: '2026-11-07', due_date: '2026-12-07', original_minor: 72_000, open_minor: 72_000 });
    const halves = await api.call('kpi.forecast', { collectorId: instalmentPayer });
    // 9..19 days on for the first half (weights 15 and 21 of 36), 37..47 for the second (the same weights in weeks 6 and 7).
    expect(parts(halves.weeks, 'EUR', 'itemsMinor')).toEqual([0, 15_000, 21_000, 0, 0, 15_000, 21_000, 0, 0, 0, 0, 0, 0]);

    // E's ERP sent only the day its invoice was cleared, 10 days late; an open one is due today.
    const clearedOnly = addUser(sqlite).id;
    const e = addCustomer(sqlite, { collector_id: clearedOnly }).id;
    addItem(sqlite, e, { document_date: '2026-08-01', due_date: '2026-08-31', original_minor: 50_000, open_minor: 0, cleared_at: '2026-09-10' });
    addItem(sqlite, e, { document_date: '2026-10-24', due_date: '2026-11-23', original_minor: 36_000, open_minor: 36_000 });
    const whole = await api.call('kpi.forecast', { collectorId: clearedOnly });
    expect(parts(whole.weeks, 'EUR', 'itemsMinor').slice(0, 4)).toEqual([3_000, 30_000, 3_000, 0]);
  });

  it('refuses a collector id that is not a UUID, naming the field', async () => {
    expect(await api.raw('kpi.forecast', { collectorId: 'bea' })).toMatchObject({ ok: false, error: { code: 'validation', field: 'collectorId' } });
  });
});
