/**
 * How each customer pays (issue 32, point 7), as the worklist's columns and the account show it:
 * the summary tallies settled invoices in SQL, the account in the shared rule
 * (shared/domain/payment-behaviour.ts); both must give the rule's figures for any history.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/domain/dates';
import { behaviourOf, tallyOf, type PaidInvoice } from '../../../shared/domain/payment-behaviour';
import { DEFAULT_DOMAIN_SETTINGS, refreshAllSummariesSync } from '../../../db/summary/refresh';
import { addCustomer, addItem, addUser } from '../../support/builders';
import { createTestApi, TEST_AS_OF, type TestApi } from '../../support/test-api';

let api: TestApi;
let customers: string[] = [];
beforeAll(async () => {
  api = await createTestApi();
  const userId = addUser(api.store.sqlite, { is_local_profile: 1 }).id;
  customers = ['Early Bird', 'Late Larry', 'Never Paid'].map((name) => addCustomer(api.store.sqlite, { collector_id: userId, name }).id);
});
afterAll(() => api.cleanup());

function settle(customerId: string, invoice: PaidInvoice): void {
  addItem(api.store.sqlite, customerId, { document_date: invoice.invoiceDate, due_date: invoice.dueDate, cleared_at: invoice.settledDate, open_minor: 0, original_minor: 10_000 });
}

function replaceHistory(histories: readonly (readonly PaidInvoice[])[]): void {
  api.store.sqlite.prepare("DELETE FROM open_items WHERE cleared_at IS NOT NULL").run();
  histories.forEach((history, index) => {
    for (const invoice of history) settle(customers[index] ?? '', invoice);
  });
  refreshAllSummariesSync(api.store.sqlite, TEST_AS_OF, DEFAULT_DOMAIN_SETTINGS, '2026-11-23T09:00:00.000Z');
}

const invoiceArb = fc
  .record({
    ago: fc.integer({ min: -20, max: 420 }),
    daysToPay: fc.integer({ min: 0, max: 200 }),
    terms: fc.integer({ min: 0, max: 90 }),
    damaged: fc.constantFrom(null, 'invoiceDate', 'dueDate', 'settledDate'),
  })
  .map(({ ago, daysToPay, terms, damaged }): PaidInvoice => {
    const settledDate = addDays(TEST_AS_OF, -ago);
    const invoiceDate = addDays(settledDate, -daysToPay);
    const invoice = { invoiceDate, dueDate: addDays(invoiceDate, terms), settledDate };
    // A date the store holds but no calendar has: left out by both the SQL and the rule.
    return damaged === null ? invoice : { ...invoice, [damaged]: '2026-02-31' };
  });

describe('payment behaviour on the worklist and the account', () => {
  it("gives, in the worklist's columns and on the account, the shared rule's figures for any history", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(invoiceArb, { maxLength: 12 }), { minLength: 3, maxLength: 3 }), async (histories) => {
        replaceHistory(histories);
        const rows = (await api.call('worklist.query', { sort: { by: 'name', dir: 'asc' } })).rows;
        for (const [index, customerId] of customers.entries()) {
          const expected = behaviourOf(tallyOf(histories[index] ?? [], TEST_AS_OF));
          const row = rows.find((candidate) => candidate.customerId === customerId);
          expect(row?.payments ?? null).toEqual(expected === null ? null : { paidInvoices: expected.paidInvoices, averageDaysLate: expected.averageDaysLate, shareLate: expected.shareLate });
          expect((await api.call('customer.account', { customerId })).paymentBehaviour.figures).toEqual(expected);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('sorts by average days late and by the share paid late, customers without history last either way', async () => {
    const on = (daysToPay: number, ago: number): PaidInvoice => ({ invoiceDate: addDays(TEST_AS_OF, -ago - daysToPay), dueDate: addDays(TEST_AS_OF, -ago - daysToPay + 30), settledDate: addDays(TEST_AS_OF, -ago) });
    // Early Bird: 5 days early on both; Late Larry: 20 days late on one of two (average 7.5).
    replaceHistory([[on(25, 10), on(25, 40)], [on(50, 10), on(25, 40)], []]);
    const order = async (by: 'daysLate' | 'shareLate', dir: 'asc' | 'desc') =>
      (await api.call('worklist.query', { sort: { by, dir } })).rows.map((row) => [row.name, row.payments?.averageDaysLate ?? null, row.payments?.shareLate ?? null]);
    expect(await order('daysLate', 'desc')).toEqual([['Late Larry', 7.5, 0.5], ['Early Bird', -5, 0], ['Never Paid', null, null]]);
    expect(await order('daysLate', 'asc')).toEqual([['Early Bird', -5, 0], ['Late Larry', 7.5, 0.5], ['Never Paid', null, null]]);
    expect((await order('shareLate', 'desc')).map(([name]) => name)).toEqual(['Late Larry', 'Early Bird', 'Never Paid']);
    expect((await order('shareLate', 'asc')).map(([name]) => name)).toEqual(['Early Bird', 'Late Larry', 'Never Paid']);
  });

  it('shows the account twelve months of days to pay and whether the customer pays slower lately', async () => {
    const on = (daysToPay: number, ago: number): PaidInvoice => ({ invoiceDate: addDays(TEST_AS_OF, -ago - daysToPay), dueDate: addDays(TEST_AS_OF, -ago - daysToPay + 30), settledDate: addDays(TEST_AS_OF, -ago) });
    replaceHistory([[on(30, 150), on(30, 180), on(30, 200), on(45, 5), on(44, 30), on(46, 60)], [], []]);
    const behaviour = (await api.call('customer.account', { customerId: customers[0] ?? '' })).paymentBehaviour;
    expect(behaviour.trend).toBe('slower');
    expect(behaviour.months).toHaveLength(12);
    expect(behaviour.months.at(-1)).toMatchObject({ month: '2026-11', paidInvoices: 1, averageDaysToPay: 45 });
    expect(behaviour.figures).toMatchObject({ paidInvoices: 6, averageDaysToPay: 37.5, averageDaysLate: 7.5, shareLate: 0.5 });
    const none = (await api.call('customer.account', { customerId: customers[2] ?? '' })).paymentBehaviour;
    expect(none).toMatchObject({ figures: null, trend: null });
  });
});
