/**
 * Payment behaviour of a customer derived from settled invoices: how long they take to pay
 * and how late. Days late are floored at 0 (an early payment is not "negative lateness"), as
 * ERP exports such as the IBM accounts-receivable sample count them.
 */
import { daysBetween } from './dates';

export interface SettledInvoice {
  readonly customerKey: string;
  /** Document (invoice) date, YYYY-MM-DD. */
  readonly invoiceDate: string;
  readonly dueDate: string;
  /** Value date of the payment that cleared the invoice. */
  readonly settledDate: string;
  readonly disputed: boolean;
}

export interface PaymentHistory {
  readonly invoices: number;
  readonly totalDaysToSettle: number;
  readonly totalDaysLate: number;
  readonly disputed: number;
  readonly averageDaysToSettle: number;
  readonly averageDaysLate: number;
  /** Share of invoices that were disputed, 0..1. */
  readonly disputeRate: number;
}

export const daysToSettle = (invoice: SettledInvoice): number => daysBetween(invoice.invoiceDate, invoice.settledDate);

export const daysLate = (invoice: SettledInvoice): number => Math.max(0, daysBetween(invoice.dueDate, invoice.settledDate));

/** Per customer key; averages are plain (unweighted) means over the customer's invoices. */
export function paymentHistoryByCustomer(invoices: readonly SettledInvoice[]): Map<string, PaymentHistory> {
  const totals = new Map<string, { invoices: number; settle: number; late: number; disputed: number }>();
  for (const invoice of invoices) {
    const total = totals.get(invoice.customerKey) ?? { invoices: 0, settle: 0, late: 0, disputed: 0 };
    total.invoices += 1;
    total.settle += daysToSettle(invoice);
    total.late += daysLate(invoice);
    if (invoice.disputed) total.disputed += 1;
    totals.set(invoice.customerKey, total);
  }
  const result = new Map<string, PaymentHistory>();
  for (const [key, total] of totals) {
    result.set(key, {
      invoices: total.invoices,
      totalDaysToSettle: total.settle,
      totalDaysLate: total.late,
      disputed: total.disputed,
      averageDaysToSettle: total.settle / total.invoices,
      averageDaysLate: total.late / total.invoices,
      disputeRate: total.disputed / total.invoices,
    });
  }
  return result;
}
