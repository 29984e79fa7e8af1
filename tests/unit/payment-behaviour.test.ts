import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates';
import { behaviourOf, monthlyPace, paceTrend, tallyOf, trendStart, windowStart, type PaidInvoice } from '../../shared/domain/payment-behaviour';

const AS_OF = '2026-11-23';
/** An invoice dated `invoice` days before settlement, due 30 days after it, settled `ago` days before AS_OF. */
const paid = (ago: number, daysToPay: number, terms = 30): PaidInvoice => {
  const settledDate = addDays(AS_OF, -ago);
  const invoiceDate = addDays(settledDate, -daysToPay);
  return { invoiceDate, dueDate: addDays(invoiceDate, terms), settledDate };
};

describe('payment behaviour', () => {
  it('averages days to pay and signed days late, and counts the share paid after the due date', () => {
    // 20 days (10 early), 40 days (10 late), 45 days (15 late), 30 days (on the day).
    const behaviour = behaviourOf(tallyOf([paid(5, 20), paid(10, 40), paid(15, 45), paid(20, 30)], AS_OF));
    expect(behaviour).toEqual({ paidInvoices: 4, averageDaysToPay: 33.8, averageDaysLate: 3.8, shareLate: 0.5 });
  });

  it('shows a customer who pays early as early, not as "0 days late"', () => {
    expect(behaviourOf(tallyOf([paid(3, 25), paid(9, 26)], AS_OF))).toMatchObject({ averageDaysLate: -4.5, shareLate: 0 });
  });

  it('counts settlements of the trailing year only, through today, and says nothing without any', () => {
    const window = [paid(0, 40), paid(364, 40)];
    const outside = [paid(365, 10), paid(-1, 10)];
    expect(windowStart(AS_OF)).toBe(addDays(AS_OF, -364));
    expect(behaviourOf(tallyOf([...window, ...outside], AS_OF))).toEqual(behaviourOf(tallyOf(window, AS_OF)));
    expect(behaviourOf(tallyOf(outside, AS_OF))).toBeNull();
    expect(behaviourOf(tallyOf([], AS_OF))).toBeNull();
  });

  it('leaves out an invoice with a date that is no real day, instead of failing', () => {
    const damaged = { invoiceDate: '2026-02-31', dueDate: '2026-03-31', settledDate: '2026-11-01' };
    expect(behaviourOf(tallyOf([damaged, paid(1, 30)], AS_OF))).toMatchObject({ paidInvoices: 1 });
    expect(monthlyPace([damaged], AS_OF).every((month) => month.paidInvoices === 0)).toBe(true);
  });

  it('gives twelve months of days to pay, the current last, and a trend only on enough invoices', () => {
    const months = monthlyPace([paid(0, 60), paid(1, 62), paid(40, 30), paid(300, 30), paid(400, 30)], AS_OF);
    expect(months.map((month) => month.month)).toEqual(['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    expect(months.at(-1)).toEqual({ month: '2026-11', paidInvoices: 2, averageDaysToPay: 61 });
    expect(months[0]).toEqual({ month: '2025-12', paidInvoices: 0, averageDaysToPay: null });
    expect(trendStart(AS_OF)).toBe('2025-12-01');
    expect(paceTrend([paid(0, 60), paid(1, 62), paid(40, 30), paid(300, 30), paid(400, 30)], AS_OF)).toBeNull();
  });

  it('calls a customer slower or faster when the last three months differ from the nine before by five days or more', () => {
    const before = [paid(120, 30), paid(150, 30), paid(200, 30)];
    expect(paceTrend([...before, paid(5, 40), paid(20, 41), paid(50, 36)], AS_OF)).toBe('slower');
    expect(paceTrend([...before, paid(5, 22), paid(20, 24), paid(50, 25)], AS_OF)).toBe('faster');
    expect(paceTrend([...before, paid(5, 33), paid(20, 29), paid(50, 31)], AS_OF)).toBe('steady');
  });

  it('keeps every figure within its range whatever the history', () => {
    const invoice = fc.record({ ago: fc.integer({ min: -30, max: 500 }), daysToPay: fc.integer({ min: 0, max: 400 }), terms: fc.integer({ min: 0, max: 120 }) });
    fc.assert(
      fc.property(fc.array(invoice, { maxLength: 40 }), (list) => {
        const invoices = list.map(({ ago, daysToPay, terms }) => paid(ago, daysToPay, terms));
        const inWindow = list.filter(({ ago }) => ago >= 0 && ago < 365);
        const behaviour = behaviourOf(tallyOf(invoices, AS_OF));
        if (inWindow.length === 0) {
          expect(behaviour).toBeNull();
          return;
        }
        expect(behaviour?.paidInvoices).toBe(inWindow.length);
        expect(behaviour?.shareLate).toBeGreaterThanOrEqual(0);
        expect(behaviour?.shareLate).toBeLessThanOrEqual(1);
        expect(behaviour?.averageDaysToPay).toBeGreaterThanOrEqual(0);
        const late = inWindow.filter(({ daysToPay, terms }) => daysToPay > terms).length;
        expect(behaviour?.shareLate).toBe(late / inWindow.length);
      }),
    );
  });
});
