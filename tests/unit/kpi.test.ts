import { describe, expect, it } from 'vitest';
import {
  arPositionAt,
  ceiInputFromInvoices,
  collectionEffectivenessIndex,
  contactsPerCollectorPerDay,
  countbackMonthsFromInvoices,
  creditSalesIn,
  disputeFigures,
  dsoCountback,
  dsoFigures,
  dsoInputFromInvoices,
  invoiceDaysDelinquent,
  percentCurrent,
  promiseFigures,
  type KpiActivity,
  type KpiDispute,
  type KpiInvoice,
  type KpiPromise,
} from '../../shared/domain/kpi';

const EUR = 'EUR';
const MARCH = { from: '2026-03-01', to: '2026-03-31' };

const invoice = (documentDate: string, dueDate: string, paidDate: string | null, amountMinor: number): KpiInvoice => ({
  documentDate,
  dueDate,
  paidDate,
  amountMinor,
  currency: EUR,
});

// The golden data set, March 2026 (31 days), amounts in cents:
//   A issued 01-15 due 02-14 paid 03-10  100,000  open at 02-28 (overdue), paid in March 24 days late (14 + 10)
//   B issued 02-10 due 03-12 open        200,000  open at 02-28 (current) and at 03-31 (overdue)
//   C issued 02-20 due 03-22 paid 03-20   50,000  open at 02-28 (current), paid 2 days early -> 0 days late
//   D issued 03-05 due 04-04 open        300,000  current at 03-31
//   E issued 03-15 due 03-25 paid 03-30  150,000  paid in March 5 days late
//   F issued 03-20 due 04-19 open        100,000  current at 03-31
const INVOICES: readonly KpiInvoice[] = [
  invoice('2026-01-15', '2026-02-14', '2026-03-10', 100_000),
  invoice('2026-02-10', '2026-03-12', null, 200_000),
  invoice('2026-02-20', '2026-03-22', '2026-03-20', 50_000),
  invoice('2026-03-05', '2026-04-04', null, 300_000),
  invoice('2026-03-15', '2026-03-25', '2026-03-30', 150_000),
  invoice('2026-03-20', '2026-04-19', null, 100_000),
];

describe('credit sales, one rule (CREDIT_SALES_KINDS)', () => {
  const item = (kind: KpiInvoice['kind'], documentDate: string, amountMinor: number): KpiInvoice => ({ ...invoice(documentDate, documentDate, null, amountMinor), kind });

  it('nets the credit memos issued in the period off the invoices and debit memos; a payment on account is no sale', () => {
    const book = [item('invoice', '2026-03-02', 100_000), item('debit_memo', '2026-03-03', 5_000), item('credit_memo', '2026-03-04', -10_000), item('payment_on_account', '2026-03-05', -20_000), item('credit_memo', '2026-02-27', -7_000)];
    expect(creditSalesIn(book, MARCH, EUR)).toBe(95_000);
    // Every open item is receivable, the credit balances included.
    expect(arPositionAt(book, '2026-03-31', EUR).totalMinor).toBe(68_000);
  });

  it('gives no DSO, with the reason, for a period whose credit memos exceed its sales', () => {
    const book = [item('invoice', '2026-02-10', 50_000), item('invoice', '2026-03-02', 10_000), item('credit_memo', '2026-03-20', -30_000)];
    expect(dsoFigures(dsoInputFromInvoices(book, MARCH, EUR)).dso).toMatchObject({ value: null, reason: { key: 'creditMemosExceedSales' } });
    // Countback: March took nothing out of AR (30,000), so its 31 days count whole, then 30,000 of February's 50,000 × 28 days.
    expect(dsoCountback(30_000, countbackMonthsFromInvoices(book, '2026-03-31', 2, EUR), EUR).value).toBe(47.8);
  });

  it('gives no DSO, CEI or % current where credit balances exceed what is owed, and leaves credit memos out of days late', () => {
    const book = [item('invoice', '2026-03-02', 10_000), item('credit_memo', '2026-02-10', -40_000), { ...invoice('2026-02-01', '2026-02-20', '2026-03-10', -5_000), kind: 'credit_memo' as const }];
    expect(dsoFigures(dsoInputFromInvoices(book, MARCH, EUR)).dso).toMatchObject({ value: null, reason: { key: 'creditBalancesExceedOwed' } });
    expect(collectionEffectivenessIndex(ceiInputFromInvoices(book, MARCH, EUR))).toMatchObject({ value: null, reason: { key: 'nothingCollectible' } });
    expect(percentCurrent(arPositionAt(book, '2026-03-31', EUR), EUR)).toMatchObject({ value: null, reason: { key: 'creditBalancesExceedOwed' } });
    expect(invoiceDaysDelinquent(book, MARCH, EUR).simple).toMatchObject({ value: null });
  });
});

describe('AR position and credit sales from invoices', () => {
  it('counts open items at the end of a day and the not-yet-due part', () => {
    // 03-31: B + D + F = 600,000 open; D + F = 400,000 not yet due. 02-28: A + B + C = 350,000; B + C current.
    expect(arPositionAt(INVOICES, '2026-03-31', EUR)).toEqual({ totalMinor: 600_000, currentMinor: 400_000 });
    expect(arPositionAt(INVOICES, '2026-02-28', EUR)).toEqual({ totalMinor: 350_000, currentMinor: 250_000 });
    // D + E + F issued in March.
    expect(creditSalesIn(INVOICES, MARCH, EUR)).toBe(550_000);
  });

  it('refuses records in another currency instead of mixing them', () => {
    expect(() => arPositionAt([...INVOICES, { ...invoice('2026-03-01', '2026-03-31', null, 1), currency: 'USD' }], '2026-03-31', EUR)).toThrow(
      /one currency at a time/,
    );
  });
});

describe('DSO, best possible DSO and ADD (golden)', () => {
  it('computes the three from the same inputs', () => {
    const figures = dsoFigures(dsoInputFromInvoices(INVOICES, MARCH, EUR));
    // DSO  = 600,000 / 550,000 × 31 = 33.818… -> 33.82
    // Best = 400,000 / 550,000 × 31 = 22.545… -> 22.55
    // ADD  = 33.82 − 22.55 = 11.27
    expect(figures.dso).toEqual({
      value: 33.82,
      reason: null,
      formula: { key: 'dso' },
      inputs: { endingArMinor: 600_000, creditSalesMinor: 550_000, days: 31, currency: EUR },
    });
    expect(figures.bestPossibleDso.value).toBe(22.55);
    expect(figures.bestPossibleDso.inputs).toMatchObject({ currentArMinor: 400_000 });
    expect(figures.averageDaysDelinquent.value).toBe(11.27);
    expect(figures.averageDaysDelinquent.inputs).toEqual({ dso: 33.82, bestPossibleDso: 22.55 });
  });

  it('gives no DSO with a reason when the period had no credit sales', () => {
    const figures = dsoFigures(dsoInputFromInvoices([], MARCH, EUR));
    expect(figures.dso.value).toBeNull();
    expect(figures.dso.reason).toEqual({ key: 'noCreditSales' });
    expect(figures.averageDaysDelinquent.value).toBeNull();
    expect(figures.averageDaysDelinquent.reason).toEqual({ key: 'noCreditSales' });
  });

  it('refuses a period of no days', () => {
    expect(() => dsoFigures({ endingArMinor: 1, currentArMinor: 0, creditSalesMinor: 1, days: 0, currency: EUR })).toThrow(/number of days/);
    expect(() => dsoInputFromInvoices(INVOICES, { from: '2026-03-31', to: '2026-03-01' }, EUR)).toThrow(/ends before it starts/);
  });

  it('has best possible DSO equal to DSO and ADD 0 when everything is current', () => {
    const current = [invoice('2026-03-10', '2026-04-09', null, 70_000), invoice('2026-03-20', '2026-04-19', null, 30_000)];
    // 100,000 / 100,000 × 31 = 31 for both.
    const figures = dsoFigures(dsoInputFromInvoices(current, MARCH, EUR));
    expect([figures.dso.value, figures.bestPossibleDso.value, figures.averageDaysDelinquent.value]).toEqual([31, 31, 0]);
    expect(percentCurrent(arPositionAt(current, MARCH.to, EUR), EUR).value).toBe(100);
  });
});

describe('countback DSO (golden)', () => {
  it('walks back month by month', () => {
    // March 31 days, sales 550,000; February 28 days, sales B + C = 250,000; January 31 days, sales A = 100,000.
    const months = countbackMonthsFromInvoices(INVOICES, '2026-03-31', 3, EUR);
    expect(months).toEqual([
      { label: '2026-03', days: 31, creditSalesMinor: 550_000 },
      { label: '2026-02', days: 28, creditSalesMinor: 250_000 },
      { label: '2026-01', days: 31, creditSalesMinor: 100_000 },
    ]);
    // 600,000 − 550,000 = 50,000 left after March (31 days); 50,000 / 250,000 × 28 = 5.6 of February: 36.6.
    const figure = dsoCountback(600_000, months, EUR);
    expect(figure.value).toBe(36.6);
    expect(figure.inputs).toMatchObject({ endingArMinor: 600_000, 'creditSalesMinor 2026-02': 250_000, 'days 2026-02': 28 });
  });

  it('cuts the newest month at the as-of date', () => {
    const months = countbackMonthsFromInvoices(INVOICES, '2026-03-10', 2, EUR);
    // D (03-05) is the only March sale up to the 10th.
    expect(months[0]).toEqual({ label: '2026-03', days: 10, creditSalesMinor: 300_000 });
  });

  it('counts a month with no sales in full and ends exactly when the AR is used up', () => {
    const months = [
      { label: 'm3', days: 31, creditSalesMinor: 0 },
      { label: 'm2', days: 30, creditSalesMinor: 1_000 },
      { label: 'm1', days: 31, creditSalesMinor: 5_000 },
    ];
    // 1,000 of AR: 31 days of an empty month, then February's 1,000 in full: 61.
    expect(dsoCountback(1_000, months, EUR).value).toBe(61);
    expect(dsoCountback(0, months, EUR).value).toBe(0);
  });

  it('gives no figure when the AR is more than all the months given', () => {
    const figure = dsoCountback(10_000, [{ label: 'm1', days: 31, creditSalesMinor: 5_000 }], EUR);
    expect(figure.value).toBeNull();
    expect(figure.reason).toEqual({ key: 'endingArExceedsMonths' });
  });
});

describe('per-invoice days delinquent (golden)', () => {
  it('averages paid − due, floored at 0, plain and weighted by amount', () => {
    // Paid in March: A 24 days × 100,000; C 0 days × 50,000; E 5 days × 150,000.
    // Simple: (24 + 0 + 5) / 3 = 9.666… -> 9.67. Weighted: (2,400,000 + 0 + 750,000) / 300,000 = 10.5.
    const { simple, weighted } = invoiceDaysDelinquent(INVOICES, MARCH, EUR);
    expect(simple.value).toBe(9.67);
    expect(simple.inputs).toEqual({ paidInvoices: 3, totalDaysLate: 29 });
    expect(weighted.value).toBe(10.5);
    expect(weighted.inputs).toEqual({ paidInvoices: 3, amountDaysMinor: '3150000', paidAmountMinor: 300_000, currency: EUR });
  });

  it('has no figure when nothing was paid in the period', () => {
    const { simple, weighted } = invoiceDaysDelinquent(INVOICES, { from: '2026-05-01', to: '2026-05-31' }, EUR);
    expect([simple.value, weighted.value]).toEqual([null, null]);
    expect(simple.reason).toEqual({ key: 'noInvoicePaid' });
  });
});

describe('CEI and % current (golden)', () => {
  it('computes CEI from opening AR, sales and closing AR', () => {
    const input = ceiInputFromInvoices(INVOICES, MARCH, EUR);
    expect(input).toEqual({
      openingArMinor: 350_000,
      creditSalesMinor: 550_000,
      closingTotalArMinor: 600_000,
      closingCurrentArMinor: 400_000,
      currency: EUR,
    });
    // (350,000 + 550,000 − 600,000) / (350,000 + 550,000 − 400,000) × 100 = 300,000 / 500,000 × 100 = 60.
    expect(collectionEffectivenessIndex(input).value).toBe(60);
  });

  it('gives no CEI when nothing was collectible', () => {
    const figure = collectionEffectivenessIndex({
      openingArMinor: 0,
      creditSalesMinor: 0,
      closingTotalArMinor: 0,
      closingCurrentArMinor: 0,
      currency: EUR,
    });
    expect(figure.value).toBeNull();
    expect(figure.reason).toEqual({ key: 'nothingCollectible' });
  });

  it('computes % current and has none without receivables', () => {
    // 400,000 / 600,000 × 100 = 66.666… -> 66.67.
    expect(percentCurrent(arPositionAt(INVOICES, MARCH.to, EUR), EUR).value).toBe(66.67);
    expect(percentCurrent({ totalMinor: 0, currentMinor: 0 }, EUR).reason).toEqual({ key: 'noOpenReceivables' });
  });
});

const promise = (promisedDate: string, status: KpiPromise['status'], amountMinor: number, paidMinor: number): KpiPromise => ({
  promisedDate,
  status,
  amountMinor,
  paidMinor,
  currency: EUR,
});

describe('promises (golden)', () => {
  it('computes kept rates, broken count and collected vs promised for promises due in the period', () => {
    const promises = [
      promise('2026-03-05', 'kept', 100_000, 100_000),
      promise('2026-03-10', 'partially_kept', 50_000, 20_000),
      promise('2026-03-15', 'broken', 30_000, 0),
      promise('2026-03-20', 'kept', 20_000, 20_000),
      promise('2026-03-25', 'cancelled', 40_000, 0),
      promise('2026-03-28', 'open', 10_000, 0),
      promise('2026-04-02', 'kept', 99_000, 99_000),
    ];
    const figures = promiseFigures(promises, MARCH, EUR);
    // By count: 2 kept / (2 + 1 + 1) = 0.5. By amount: 120,000 / (120,000 + 50,000 + 30,000) = 0.6.
    expect(figures.keptRateByCount.value).toBe(0.5);
    expect(figures.keptRateByCount.inputs).toEqual({ kept: 2, partiallyKept: 1, broken: 1 });
    expect(figures.keptRateByAmount.value).toBe(0.6);
    expect(figures.brokenCount).toBe(1);
    // Collected vs promised, cancelled left out: paid 140,000 / promised 210,000 = 0.6666… -> 0.6667.
    expect(figures.collectedVsPromised.value).toBe(0.6667);
    expect(figures.collectedVsPromised.inputs).toEqual({ paidMinor: 140_000, promisedMinor: 210_000, currency: EUR });
  });

  it('has no kept rate when no promise was due in the period', () => {
    const figures = promiseFigures([promise('2026-03-28', 'open', 10_000, 0)], MARCH, EUR);
    expect(figures.keptRateByCount.value).toBeNull();
    expect(figures.keptRateByAmount.value).toBeNull();
    expect(figures.brokenCount).toBe(0);
    expect(figures.collectedVsPromised.value).toBe(0);
  });
});

describe('disputes (golden)', () => {
  const dispute = (openedAt: string, closedAt: string | null, reasonCode: KpiDispute['reasonCode'], rootCause: KpiDispute['rootCause']): KpiDispute => ({
    openedAt,
    closedAt,
    reasonCode,
    rootCause,
  });
  const disputes = [
    dispute('2026-02-25T10:00:00Z', '2026-03-05T09:00:00Z', 'pricing', 'billing'), // closed in March after 8 days
    dispute('2026-03-02T23:30:00Z', '2026-03-12T01:00:00Z', 'pricing', 'billing'), // opened and closed in March, 10 days
    dispute('2026-03-10T08:00:00Z', null, 'freight', null), // opened, still open
    dispute('2026-03-15T08:00:00Z', '2026-03-18T16:00:00Z', 'freight', 'shipping'), // 3 days
    dispute('2026-03-20T08:00:00Z', '2026-04-03T08:00:00Z', 'quantity_short', 'shipping'), // closed after March
  ];

  it('counts disputes opened and averages cycle time of those closed, overall, by reason and by root cause', () => {
    const figures = disputeFigures(disputes, MARCH);
    expect(figures.opened).toBe(4);
    // (8 + 10 + 3) / 3 = 7.
    expect(figures.cycleTimeDays.value).toBe(7);
    expect(figures.byReason.map((group) => [group.key, group.opened, group.cycleTimeDays.value])).toEqual([
      ['freight', 2, 3],
      ['pricing', 1, 9],
      ['quantity_short', 1, null],
    ]);
    expect(figures.byRootCause.map((group) => [group.key, group.opened, group.cycleTimeDays.value])).toEqual([
      ['billing', 1, 9],
      ['shipping', 2, 3],
      ['unassigned', 1, null],
    ]);
  });

  it('has nothing for an empty period', () => {
    const figures = disputeFigures([], MARCH);
    expect(figures.opened).toBe(0);
    expect(figures.cycleTimeDays.reason).toEqual({ key: 'noDisputeClosed' });
    expect(figures.byReason).toEqual([]);
  });
});

describe('contacts per collector per day (golden)', () => {
  it('divides each collector\u2019s contacts in the period by its calendar days', () => {
    const week = { from: '2026-03-02', to: '2026-03-06' };
    const activities: KpiActivity[] = [
      ...Array.from({ length: 12 }, (_, index) => ({ collectorId: 'u1', at: `2026-03-0${String(2 + (index % 5))}T09:00:00Z` })),
      { collectorId: 'u2', at: '2026-03-06T23:59:59Z' },
      { collectorId: 'u2', at: '2026-03-07T00:00:00Z' },
    ];
    // u1: 12 / 5 = 2.4; u2: 1 / 5 = 0.2 (the Saturday contact is outside).
    expect(contactsPerCollectorPerDay(activities, week).map((row) => [row.collectorId, row.contacts, row.perDay.value])).toEqual([
      ['u1', 12, 2.4],
      ['u2', 1, 0.2],
    ]);
  });
});
