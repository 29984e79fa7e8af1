/**
 * kpi.forecast on the hand-built book of fixture.ts as of 2026-11-23 (week 1 = 11-23..11-29).
 *
 * Patterns: C1 paid I1 10 days late and kept its one resolved promise (rate 1); C2 paid I5 15 days
 * late and I8 on time (7.5, rounded to 8 days) and kept nothing (broken 30,000, partially kept
 * 20,000: rate 0); C3 has no history (0 days late, default rate 0.5).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../support/test-api';
import { buildKpiBook, type KpiBook } from './fixture';

let api: TestApi;
let book: KpiBook;

beforeEach(async () => {
  api = await createTestApi();
  book = buildKpiBook(api.store.sqlite);
});
afterEach(async () => {
  await api.cleanup();
});

const amountsOf = (weeks: readonly { amounts: readonly { currency: string; promisedMinor: number; itemsMinor: number }[] }[], currency: string) =>
  weeks.map((week) => {
    const amount = week.amounts.find((entry) => entry.currency === currency);
    return amount ? [amount.promisedMinor, amount.itemsMinor] : null;
  });

describe('kpi.forecast', () => {
  it('weights open promises by kept history and times open items by days late, per currency', async () => {
    const forecast = await api.call('kpi.forecast', {});
    expect(forecast.asOf).toBe('2026-11-23');
    expect(forecast.weeks).toHaveLength(13);
    expect(forecast.weeks[0]).toMatchObject({ week: 1, from: '2026-11-23', to: '2026-11-29' });
    expect(forecast.weeks[12]).toMatchObject({ week: 13, from: '2027-02-15', to: '2027-02-21' });
    const eur = amountsOf(forecast.weeks, 'EUR');
    // Week 1: I3 20,000 (due 10-25 + 8) + I4 −5,000 (10-20 + 8) + I7 60,000 (10-20 + 10), all before today.
    expect(eur[0]).toEqual([0, 75_000]);
    // Week 2: promise P5 50,000 on 11-30 × rate 1 (I2 under it is left out); C2's P6 50,000 × rate 0 is discounted.
    expect(eur[1]).toEqual([50_000, 0]);
    // Week 3: I6 70,000 due 12-02 + 10 days = 12-12.
    expect(eur[2]).toEqual([0, 70_000]);
    expect(eur.slice(3).every((amounts) => amounts?.[0] === 0 && amounts[1] === 0)).toBe(true);
    // I9 is due 2027-03-31, after week 13.
    expect(forecast.totals).toEqual([
      { currency: 'EUR', beyondMinor: 15_000, discountedMinor: 50_000 },
      { currency: 'USD', beyondMinor: 0, discountedMinor: 0 },
    ]);
    expect(amountsOf(forecast.weeks, 'USD')[0]).toEqual([0, 10_000]);
  });

  it('accounts for every minor unit open (conservation)', async () => {
    const forecast = await api.call('kpi.forecast', {});
    const eurTotal = forecast.weeks.reduce((sum, week) => sum + (week.amounts.find((entry) => entry.currency === 'EUR')?.totalMinor ?? 0), 0);
    const totals = forecast.totals.find((entry) => entry.currency === 'EUR');
    // open promises 50,000 + 50,000; uncovered open items 20,000 − 5,000 + 70,000 + 60,000 + 15,000
    expect(eurTotal + (totals?.beyondMinor ?? 0) + (totals?.discountedMinor ?? 0)).toBe(260_000);
  });

  it('limits a collector to their customers', async () => {
    const forecast = await api.call('kpi.forecast', { collectorId: book.collectorB });
    expect(forecast.collectorId).toBe(book.collectorB);
    expect(forecast.totals).toEqual([{ currency: 'EUR', beyondMinor: 15_000, discountedMinor: 50_000 }]);
    expect(amountsOf(forecast.weeks, 'EUR')[0]).toEqual([0, 15_000]);
  });

  it('refuses a collector id that is not a UUID, naming the field', async () => {
    expect(await api.raw('kpi.forecast', { collectorId: 'bea' })).toMatchObject({ ok: false, error: { code: 'validation', field: 'collectorId' } });
  });
});
