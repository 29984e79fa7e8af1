/** How a customer pays, in words and short figures, for the worklist's columns and the account. */
import { formatCount, pluralize } from './format';

export const oneDecimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });

/** "+7.5 d" late, "−5 d" early, "0 d" on the day. */
export const signedDays = (days: number): string => `${days > 0 ? '+' : days < 0 ? '−' : ''}${oneDecimal.format(Math.abs(days))} d`;

export const shareText = (share: number): string => percent.format(share);

/** "7.5 days late on average" / "5 days early on average" / "on the due date on average". */
export function daysLateWords(days: number): string {
  if (days === 0) return 'on the due date on average';
  return `${oneDecimal.format(Math.abs(days))} ${Math.abs(days) === 1 ? 'day' : 'days'} ${days > 0 ? 'late' : 'early'} on average`;
}

export interface PaymentFigures {
  readonly paidInvoices: number;
  readonly averageDaysLate: number;
  readonly shareLate: number;
}

/** The sentence a tooltip or a screen reader gives for the figures. */
export const paymentSentence = (figures: PaymentFigures): string =>
  `Last 12 months: ${pluralize(figures.paidInvoices, 'invoice')} paid, ${daysLateWords(figures.averageDaysLate)}; ${shareText(figures.shareLate)} (${formatCount(Math.round(figures.shareLate * figures.paidInvoices))}) paid late.`;
