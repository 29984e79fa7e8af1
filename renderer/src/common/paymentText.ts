/** How a customer pays, in words and short figures, for the worklist's columns and the account. */
import { i18n } from '../i18n/i18n';
import { formatCount, numberFormat } from './format';

/** At most one decimal, in the interface language's digits; built when used, so it follows a change of language. */
export const oneDecimal = { format: (n: number): string => numberFormat({ maximumFractionDigits: 1 }).format(n) } as const;

/** "+7.5 d" late, "−5 d" early, "0 d" on the day. */
export const signedDays = (days: number): string =>
  i18n.t('common.payment.signedDays', { value: `${days > 0 ? '+' : days < 0 ? '−' : ''}${oneDecimal.format(Math.abs(days))}` });

export const shareText = (share: number): string => numberFormat({ style: 'percent', maximumFractionDigits: 0 }).format(share);

/** "7.5 days late on average" / "5 days early on average" / "on the due date on average". */
export function daysLateWords(days: number): string {
  if (days === 0) return i18n.t('common.payment.onDueDate');
  const count = Math.abs(days);
  const n = oneDecimal.format(count);
  return days > 0 ? i18n.t('common.payment.daysLate', { count, n }) : i18n.t('common.payment.daysEarly', { count, n });
}

export interface PaymentFigures {
  readonly paidInvoices: number;
  readonly averageDaysLate: number;
  readonly shareLate: number;
}

/** The sentence a tooltip or a screen reader gives for the figures. */
export const paymentSentence = (figures: PaymentFigures): string =>
  i18n.t('common.payment.sentence', {
    count: figures.paidInvoices,
    invoices: formatCount(figures.paidInvoices),
    timing: daysLateWords(figures.averageDaysLate),
    share: shareText(figures.shareLate),
    late: formatCount(Math.round(figures.shareLate * figures.paidInvoices)),
  });
