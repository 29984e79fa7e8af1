/**
 * kpi.dashboard on the hand-built book of fixture.ts, October 2026 (31 days), EUR unless said.
 *
 * AR at the end of 09-30 (opening): I1 100,000 + I7 60,000 + I8 20,000 = 180,000, all current.
 * AR at the end of 10-31 (closing): I2 50,000 + I3 30,000 (its payment came 11-05) + I4 −5,000 +
 * I7 60,000 = 135,000; current (due on or after 10-31): I2 50,000.
 * Credit sales of October, net of credit memos: I2 50,000 + I3 30,000 − I4 5,000 = 75,000.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../support/test-api';
import { dsoFigures, dsoInputFromInvoices, type KpiInvoice } from '../../../shared/domain/kpi';
import { addCustomer, addItem, addPromise } from '../../support/builders';
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

describe('kpi.dashboard, team, October 2026, EUR', () => {
  it('computes the AR figures from the month-end positions', async () => {
    const { figures, period, currency, currencies } = await api.call('kpi.dashboard', { month: '2026-10', currency: 'EUR' });
    expect(period).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(currency).toBe('EUR');
    expect(currencies).toEqual(['EUR', 'USD']);
    // 135,000 ÷ 75,000 × 31 = 55.8
    expect(figures.dso).toMatchObject({ value: 55.8, unit: 'days', inputs: { endingArMinor: 135_000, creditSalesMinor: 75_000, days: 31 } });
    // 50,000 ÷ 75,000 × 31 = 20.666…
    expect(figures.bestPossibleDso.value).toBe(20.67);
    expect(figures.averageDaysDelinquent.value).toBe(35.13);
    // (180,000 + 75,000 − 135,000) ÷ (180,000 + 75,000 − 50,000) × 100 = 58.536…
    expect(figures.cei).toMatchObject({ value: 58.54, unit: 'percent', inputs: { openingArMinor: 180_000, creditSalesMinor: 75_000, closingCurrentArMinor: 50_000 } });
    // 50,000 ÷ 135,000 × 100 = 37.037…
    expect(figures.percentCurrent.value).toBe(37.04);
    // October's 75,000 used up (31 days, 60,000 left), then 60,000 ÷ 180,000 × 30 days of September = 10
    expect(figures.dsoCountback.value).toBe(41);
    expect(figures.dsoCountback.inputs).toMatchObject({ 'creditSalesMinor 2026-10': 75_000, 'creditSalesMinor 2026-09': 180_000, 'days 2026-09': 30 });
  });

  it('computes days delinquent of the invoices paid in the month', async () => {
    const { figures } = await api.call('kpi.dashboard', { month: '2026-10', currency: 'EUR' });
    // I1 paid 10 days late (100,000), I8 on time (20,000): (10 + 0) ÷ 2; 10 × 100,000 ÷ 120,000 = 8.333…
    expect(figures.daysDelinquentPerInvoice).toMatchObject({ value: 5, inputs: { paidInvoices: 2, totalDaysLate: 10 } });
    expect(figures.daysDelinquentWeighted.value).toBe(8.33);
  });

  it('computes the promise figures of promises due in the month', async () => {
    const { figures } = await api.call('kpi.dashboard', { month: '2026-10', currency: 'EUR' });
    // kept 100,000; broken 30,000; partially kept 20,000 (5,000 paid); the cancelled one is left out
    expect(figures.keptRateByCount).toMatchObject({ value: 0.3333, unit: 'rate', inputs: { kept: 1, partiallyKept: 1, broken: 1 } });
    expect(figures.keptRateByAmount.value).toBe(0.6667);
    expect(figures.brokenPromises).toMatchObject({ value: 1, unit: 'count' });
    // (100,000 + 0 + 5,000) ÷ 150,000
    expect(figures.collectedVsPromised).toMatchObject({ value: 0.7, inputs: { paidMinor: 105_000, promisedMinor: 150_000 } });
  });

  it('counts disputes opened and their cycle time by reason and root cause, voided ones left out', async () => {
    const dashboard = await api.call('kpi.dashboard', { month: '2026-10', currency: 'EUR' });
    // opened in October: D1 and D3; closed in October: D1 after 10 days, D2 after 20
    expect(dashboard.figures.disputesOpened.value).toBe(2);
    expect(dashboard.figures.disputeCycleTime).toMatchObject({ value: 15, inputs: { closedDisputes: 2, totalDays: 30 } });
    expect(dashboard.disputesByReason.map((group) => [group.key, group.opened, group.cycleTimeDays.value])).toEqual([
      ['freight', 0, 20],
      ['pricing', 2, 10],
    ]);
    expect(dashboard.disputesByRootCause.map((group) => [group.key, group.opened, group.cycleTimeDays.value])).toEqual([
      ['billing', 1, 10],
      ['shipping', 0, 20],
      ['unassigned', 1, null],
    ]);
    expect(dashboard.disputesByRootCause[2]?.cycleTimeDays.reason).toEqual({ key: 'noDisputeClosed' });
  });

  it('gives contacts per collector per calendar day', async () => {
    const { contacts } = await api.call('kpi.dashboard', { month: '2026-10', currency: 'EUR' });
    const byName = Object.fromEntries(contacts.map((entry) => [entry.displayName, [entry.contacts, entry.perDay.value]]));
    // 3 ÷ 31 = 0.0967…, 1 ÷ 31 = 0.0322…
    expect(byName).toEqual({ 'Alex Collector': [3, 0.1], 'Bea Collector': [1, 0.03] });
  });

  it('draws a 12-month trend ending with the month', async () => {
    const { trend } = await api.call('kpi.dashboard', { month: '2026-10', currency: 'EUR' });
    expect(trend.map((point) => point.month)).toEqual([
      '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10',
    ]);
    // September: opening 40,000 (I5, paid 09-15), closing 180,000 all current, sales 180,000 over 30 days
    expect(trend[10]?.values).toMatchObject({ dso: 30, bestPossibleDso: 30, averageDaysDelinquent: 0, cei: 100, percentCurrent: 100, disputesOpened: 1 });
    expect(trend[11]?.values).toMatchObject({ dso: 55.8, cei: 58.54, keptRateByCount: 0.3333, brokenPromises: 1 });
    // Nothing was sold in 2025: no DSO, and the reason is on the figure of such a month.
    expect(trend[0]?.values.dso).toBeNull();
  });

  it('says why a figure has no value', async () => {
    const { figures } = await api.call('kpi.dashboard', { month: '2026-06', currency: 'EUR' });
    expect(figures.dso).toMatchObject({ value: null, reason: { key: 'noCreditSales' } });
    expect(figures.keptRateByCount.reason).toEqual({ key: 'noPromiseResolved' });
  });
});

describe('kpi.dashboard, other scopes and currencies', () => {
  it('limits a collector to their customers and their own contacts', async () => {
    const { figures, contacts } = await api.call('kpi.dashboard', { month: '2026-10', collectorId: book.collectorA, currency: 'EUR' });
    // C1 only: closing I2 50,000 + I7 60,000; sales I2 50,000 → 110,000 ÷ 50,000 × 31
    expect(figures.dso).toMatchObject({ value: 68.2, inputs: { endingArMinor: 110_000, creditSalesMinor: 50_000 } });
    expect(figures.disputesOpened.value).toBe(1);
    expect(figures.keptRateByCount.value).toBe(1);
    expect(contacts.map((entry) => entry.displayName)).toEqual(['Alex Collector']);
  });

  it('computes the money figures of another currency on its own', async () => {
    const { figures, currency } = await api.call('kpi.dashboard', { month: '2026-10', currency: 'USD' });
    expect(currency).toBe('USD');
    // U1 10,000 sold 10-03, due 11-02: all of it open and current at the end of October
    expect(figures.dso).toMatchObject({ value: 31, inputs: { endingArMinor: 10_000, currency: 'USD' } });
    expect(figures.averageDaysDelinquent.value).toBe(0);
  });

  it('cuts the current month at the as-of date, and says the figures are partial', async () => {
    const { period, partial, trend } = await api.call('kpi.dashboard', { month: '2026-11' });
    expect(period).toEqual({ from: '2026-11-01', to: '2026-11-23' });
    expect(partial).toEqual({ days: 23, ofDays: 30 });
    expect(trend.at(-2)?.month).toBe('2026-10');
    expect((await api.call('kpi.dashboard', { month: '2026-10' })).partial).toBeNull();
  });
});

describe('kpi.dashboard, every currency converted to the base', () => {
  // U1's USD 10,000 at the default 0.92 EUR per USD is EUR 9,200.
  it('adds every currency to the money figures at the settings rates, and shows each currency beside them', async () => {
    const { figures, currency, conversion, byCurrency } = await api.call('kpi.dashboard', { month: '2026-10' });
    expect(currency).toBe('EUR');
    expect(conversion).toEqual({ base: 'EUR', unconverted: [] });
    // (135,000 + 9,200) ÷ (75,000 + 9,200) × 31 = 53.09…
    expect(figures.dso).toMatchObject({ value: 53.09, inputs: { endingArMinor: 144_200, creditSalesMinor: 84_200, currency: 'EUR' } });
    expect(figures.percentCurrent.inputs).toMatchObject({ currentArMinor: 59_200, totalArMinor: 144_200 });
    expect(byCurrency).toEqual([
      { currency: 'EUR', totalMinor: 135_000, currentMinor: 50_000, creditSalesMinor: 75_000, rate: '1', totalBaseMinor: 135_000 },
      { currency: 'USD', totalMinor: 10_000, currentMinor: 10_000, creditSalesMinor: 10_000, rate: '0.92', totalBaseMinor: 9_200 },
    ]);
  });

  it('gives one currency alone, with no conversion and no other currency in the breakdown', async () => {
    const { conversion, byCurrency } = await api.call('kpi.dashboard', { month: '2026-10', currency: 'USD' });
    expect(conversion).toBeNull();
    expect(byCurrency).toEqual([{ currency: 'USD', totalMinor: 10_000, currentMinor: 10_000, creditSalesMinor: 10_000, rate: null, totalBaseMinor: null }]);
  });

  it('leaves a currency without a rate out of the figures and names it, never guessing a rate', async () => {
    const customer = addCustomer(api.store.sqlite, { collector_id: book.collectorA, currency: 'ISK', country: 'IS' }).id;
    addItem(api.store.sqlite, customer, { document_date: '2026-10-05', due_date: '2026-11-05', currency: 'ISK', original_minor: 5_000_000, open_minor: 5_000_000 });
    const { figures, conversion, byCurrency } = await api.call('kpi.dashboard', { month: '2026-10' });
    expect(conversion).toEqual({ base: 'EUR', unconverted: ['ISK'] });
    expect(figures.dso.inputs).toMatchObject({ endingArMinor: 144_200, creditSalesMinor: 84_200 });
    expect(byCurrency.find((row) => row.currency === 'ISK')).toEqual({ currency: 'ISK', totalMinor: 5_000_000, currentMinor: 5_000_000, creditSalesMinor: 5_000_000, rate: null, totalBaseMinor: null });
  });

  it('converts the promises and the invoices paid with the receivables', async () => {
    const customer = addCustomer(api.store.sqlite, { collector_id: book.collectorA, currency: 'USD', country: 'US' }).id;
    addPromise(api.store.sqlite, customer, { status: 'kept', amount_minor: 10_000, paid_minor: 10_000, currency: 'USD', promised_date: '2026-10-22' });
    paidItem(api.store.sqlite, customer, { document: '09-20', due: '10-20', amount: 5_000, payments: [['10-15', 5_000]], currency: 'USD' });
    const all = await api.call('kpi.dashboard', { month: '2026-10' });
    const eur = await api.call('kpi.dashboard', { month: '2026-10', currency: 'EUR' });
    // EUR paid 105,000 of 150,000 promised; the USD promise adds 10,000 of 10,000 at 0.92, 9,200 each.
    expect(eur.figures.collectedVsPromised.inputs).toMatchObject({ paidMinor: 105_000, promisedMinor: 150_000 });
    expect(all.figures.collectedVsPromised.inputs).toMatchObject({ paidMinor: 114_200, promisedMinor: 159_200, currency: 'EUR' });
    expect(all.figures.keptRateByCount.inputs).toMatchObject({ kept: 2, partiallyKept: 1, broken: 1 });
    // Invoices paid in October: EUR 100,000 and 20,000, and USD 5,000 at 0.92, 4,600.
    expect(eur.figures.daysDelinquentWeighted.inputs).toMatchObject({ paidInvoices: 2, paidAmountMinor: 120_000 });
    expect(all.figures.daysDelinquentWeighted.inputs).toMatchObject({ paidInvoices: 3, paidAmountMinor: 124_600 });
    // Disputes and contacts carry no amount: the same in every view.
    expect(all.disputesByReason).toEqual(eur.disputesByReason);
    expect(all.contacts).toEqual(eur.contacts);
  });
});

describe('kpi.dashboard input', () => {
  it.each([
    [{ month: '2026-13' }, 'month'],
    [{ month: 'October' }, 'month'],
    [{ month: '0001-01' }, 'month'],
    [{}, 'month'],
    [{ month: '2026-10', collectorId: 'alex' }, 'collectorId'],
    [{ month: '2026-10', currency: 'eur' }, 'currency'],
    [{ month: '2026-10', extra: 1 }, 'extra'],
  ])('refuses %j naming %s', async (input, field) => {
    const result = await api.raw('kpi.dashboard', input);
    expect(result).toMatchObject({ ok: false, error: { code: 'validation', field } });
  });

  it('refuses a month that has not started', async () => {
    const result = await api.raw('kpi.dashboard', { month: '2026-12' });
    expect(result).toMatchObject({ ok: false, error: { code: 'validation', field: 'month', message: 'month 2026-12 has not started yet (today is 2026-11-23)' } });
  });
});

describe('one DSO for one book', () => {
  it('the dashboard and the KPI library agree on a book with a credit memo: credit sales net of it', async () => {
    const customer = addCustomer(api.store.sqlite, { collector_id: book.collectorA, currency: 'CHF', country: 'CH' }).id;
    const items: readonly KpiInvoice[] = [
      { kind: 'invoice', documentDate: '2026-09-10', dueDate: '2026-10-10', paidDate: null, amountMinor: 40_000, currency: 'CHF' },
      { kind: 'invoice', documentDate: '2026-10-01', dueDate: '2026-11-15', paidDate: null, amountMinor: 100_000, currency: 'CHF' },
      { kind: 'credit_memo', documentDate: '2026-10-20', dueDate: '2026-10-20', paidDate: null, amountMinor: -10_000, currency: 'CHF' },
    ];
    for (const item of items) {
      addItem(api.store.sqlite, customer, { kind: item.kind ?? 'invoice', document_date: item.documentDate, due_date: item.dueDate, currency: 'CHF', original_minor: item.amountMinor, open_minor: item.amountMinor });
    }
    const { figures } = await api.call('kpi.dashboard', { month: '2026-10', currency: 'CHF' });
    const library = dsoFigures(dsoInputFromInvoices(items, { from: '2026-10-01', to: '2026-10-31' }, 'CHF'));
    // 130,000 ÷ (100,000 − 10,000) × 31 = 44.777…
    expect(figures.dso).toMatchObject({ value: 44.78, inputs: { endingArMinor: 130_000, creditSalesMinor: 90_000 } });
    expect([figures.dso.value, figures.bestPossibleDso.value, figures.averageDaysDelinquent.value]).toEqual([library.dso.value, library.bestPossibleDso.value, library.averageDaysDelinquent.value]);
  });
});
