import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  collectionEffectivenessIndex,
  dsoCountback,
  dsoFigures,
  invoiceDaysDelinquent,
  percentCurrent,
  promiseFigures,
  type KpiInvoice,
  type KpiPromise,
} from '../../shared/domain/kpi';
import { addDays, daysBetween } from '../../shared/domain/dates';
import { PROMISE_STATUSES } from '../../shared/domain/codes';

const EUR = 'EUR';
const amount = fc.integer({ min: 0, max: 1_000_000_000_000 });
const positive = fc.integer({ min: 1, max: 1_000_000_000_000 });

const isFiniteOrNull = (value: number | null): boolean => value === null || Number.isFinite(value);

describe('KPI properties', () => {
  it('ADD is DSO − best possible DSO to the cent of a day, and no figure is ever NaN or infinite', () => {
    fc.assert(
      fc.property(amount, amount, amount, fc.integer({ min: 1, max: 366 }), (anyEnding, anyCurrent, sales, days) => {
        // Real books: current AR is part of ending AR, and DSO stays within 10,000 periods, so the
        // figures keep far more than two decimals of float precision.
        const ending = sales === 0 ? anyEnding : Math.min(anyEnding, sales * 10_000);
        const current = Math.min(anyCurrent, ending);
        const figures = dsoFigures({ endingArMinor: ending, currentArMinor: current, creditSalesMinor: sales, days, currency: EUR });
        const { dso, bestPossibleDso, averageDaysDelinquent } = figures;
        expect([dso, bestPossibleDso, averageDaysDelinquent].every((figure) => isFiniteOrNull(figure.value))).toBe(true);
        if (dso.value === null || bestPossibleDso.value === null) {
          expect(sales).toBe(0);
          expect(averageDaysDelinquent.value).toBeNull();
          return;
        }
        expect(Math.round((averageDaysDelinquent.value ?? Number.NaN) * 100)).toBe(Math.round(dso.value * 100) - Math.round(bestPossibleDso.value * 100));
      }),
    );
  });

  it('CEI is at most 100 when closing AR is at least closing current AR', () => {
    fc.assert(
      fc.property(amount, amount, amount, amount, (opening, sales, closingCurrent, extra) => {
        const closingTotal = closingCurrent + extra;
        const figure = collectionEffectivenessIndex({
          openingArMinor: opening,
          creditSalesMinor: sales,
          closingTotalArMinor: closingTotal,
          closingCurrentArMinor: closingCurrent,
          currency: EUR,
        });
        expect(isFiniteOrNull(figure.value)).toBe(true);
        if (opening + sales - closingCurrent > 0) expect(figure.value).toBeLessThanOrEqual(100);
        else expect(figure.value === null || opening + sales - closingCurrent < 0).toBe(true);
      }),
    );
  });

  it('% current lies in [0, 100] when current AR is part of total AR', () => {
    fc.assert(
      fc.property(amount, positive, (current, extra) => {
        const value = percentCurrent({ totalMinor: current + extra, currentMinor: current }, EUR).value;
        expect(value).not.toBeNull();
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(100);
      }),
    );
  });

  it('kept rates and collected vs promised lie in [0, 1]', () => {
    const arbitraryPromise = fc
      .record({
        day: fc.integer({ min: 0, max: 40 }),
        status: fc.constantFrom(...PROMISE_STATUSES),
        amountMinor: fc.integer({ min: 0, max: 10_000_000 }),
        paidShare: fc.integer({ min: 0, max: 100 }),
      })
      .map(
        ({ day, status, amountMinor, paidShare }): KpiPromise => ({
          promisedDate: addDays('2026-02-25', day),
          status,
          amountMinor,
          paidMinor: Math.floor((amountMinor * paidShare) / 100),
          currency: EUR,
        }),
      );
    fc.assert(
      fc.property(fc.array(arbitraryPromise, { maxLength: 40 }), (promises) => {
        const figures = promiseFigures(promises, { from: '2026-03-01', to: '2026-03-31' }, EUR);
        for (const figure of [figures.keptRateByCount, figures.keptRateByAmount, figures.collectedVsPromised]) {
          if (figure.value === null) continue;
          expect(figure.value).toBeGreaterThanOrEqual(0);
          expect(figure.value).toBeLessThanOrEqual(1);
        }
        expect(figures.brokenCount).toBe(
          promises.filter((p) => p.status === 'broken' && p.promisedDate >= '2026-03-01' && p.promisedDate <= '2026-03-31').length,
        );
      }),
    );
  });

  it('amount-weighted days delinquent lies between the smallest and largest per-invoice days', () => {
    const arbitraryInvoice = fc
      .record({ due: fc.integer({ min: 0, max: 60 }), late: fc.integer({ min: -20, max: 200 }), amountMinor: positive })
      .map(({ due, late, amountMinor }): KpiInvoice => {
        const dueDate = addDays('2026-01-01', due);
        return { documentDate: addDays(dueDate, -30), dueDate, paidDate: addDays(dueDate, late), amountMinor, currency: EUR };
      });
    fc.assert(
      fc.property(fc.array(arbitraryInvoice, { minLength: 1, maxLength: 30 }), (invoices) => {
        const period = { from: '2025-01-01', to: '2027-12-31' };
        const days = invoices.map((invoice) => Math.max(0, daysBetween(invoice.dueDate, invoice.paidDate ?? invoice.dueDate)));
        const { simple, weighted } = invoiceDaysDelinquent(invoices, period, EUR);
        for (const value of [simple.value, weighted.value]) {
          expect(value).not.toBeNull();
          expect(value).toBeGreaterThanOrEqual(Math.min(...days));
          expect(value).toBeLessThanOrEqual(Math.max(...days));
        }
      }),
    );
  });

  it('countback DSO equals the days of the months whose sales exactly make up the AR', () => {
    const arbitraryMonth = fc.record({ days: fc.integer({ min: 28, max: 31 }), creditSalesMinor: positive });
    fc.assert(
      fc.property(fc.array(arbitraryMonth, { minLength: 1, maxLength: 12 }), fc.nat(), (months, pick) => {
        const labelled = months.map((month, index) => ({ ...month, label: `m${String(index)}` }));
        const covered = labelled.slice(0, (pick % labelled.length) + 1);
        const ending = covered.reduce((total, month) => total + month.creditSalesMinor, 0);
        const days = covered.reduce((total, month) => total + month.days, 0);
        expect(dsoCountback(ending, labelled, EUR).value).toBe(days);
      }),
    );
  });
});
