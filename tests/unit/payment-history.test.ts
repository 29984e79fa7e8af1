import { describe, expect, it } from 'vitest';
import { daysLate, daysToSettle, paymentHistoryByCustomer, type SettledInvoice } from '../../shared/domain/payment-history';

const invoice = (customerKey: string, invoiceDate: string, settledDate: string, disputed = false): SettledInvoice => ({
  customerKey,
  invoiceDate,
  dueDate: addThirty(invoiceDate),
  settledDate,
  disputed,
});
const addThirty = (date: string): string => new Date(Date.parse(`${date}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);

describe('payment history', () => {
  it('counts days to settle from the invoice date and days late from the due date, floored at 0', () => {
    // Rows 1 and 2 of the IBM sample: settled early (13 days, 0 late) and 6 days late (36 days).
    const early = { customerKey: 'A', invoiceDate: '2013-01-02', dueDate: '2013-02-01', settledDate: '2013-01-15', disputed: false };
    const late = { customerKey: 'B', invoiceDate: '2013-01-26', dueDate: '2013-02-25', settledDate: '2013-03-03', disputed: true };
    expect([daysToSettle(early), daysLate(early)]).toEqual([13, 0]);
    expect([daysToSettle(late), daysLate(late)]).toEqual([36, 6]);
  });

  it('averages per customer and gives the share of disputed invoices', () => {
    const history = paymentHistoryByCustomer([
      invoice('A', '2024-01-01', '2024-01-11'),
      invoice('A', '2024-02-01', '2024-03-12', true),
      invoice('A', '2024-03-01', '2024-04-05'),
      invoice('B', '2024-02-28', '2024-03-01'),
    ]);
    expect(history.get('A')).toEqual({
      invoices: 3,
      totalDaysToSettle: 10 + 40 + 35,
      totalDaysLate: 0 + 10 + 5,
      disputed: 1,
      averageDaysToSettle: 85 / 3,
      averageDaysLate: 5,
      disputeRate: 1 / 3,
    });
    expect(history.get('B')).toMatchObject({ invoices: 1, averageDaysToSettle: 2, averageDaysLate: 0, disputeRate: 0 });
    expect(paymentHistoryByCustomer([]).size).toBe(0);
  });
});
