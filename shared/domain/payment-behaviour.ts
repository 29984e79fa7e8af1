/**
 * How a customer pays, as a collector reads it before a call: over the invoices it settled in the
 * trailing year, how many days after the invoice date it paid, how many days after the due date
 * (signed: an invoice paid 4 days early counts −4, so a customer who pays early shows it), the share
 * of invoices paid after their due date, and whether it has been paying faster or slower lately.
 * Plain means over invoices, each invoice counting once whatever its amount. The worklist's
 * columns (db/summary) tally the same invoices in SQL; tests hold the two to this rule.
 */
import { addDays, compareDates, daysBetween, isCalendarDate } from './dates';

/** Settlements older than this many days before today no longer describe how the customer pays. */
export const BEHAVIOUR_WINDOW_DAYS = 365;
/** Months in the account's days-to-pay trend, the current one last. */
export const TREND_MONTHS = 12;
/** The recent months the trend compares with the months before them. */
export const RECENT_MONTHS = 3;
/** A change of the average days to pay smaller than this is no trend. */
export const TREND_THRESHOLD_DAYS = 5;
/** Fewer invoices than this on either side of the comparison tell nothing. */
export const TREND_MIN_INVOICES = 3;

export interface PaidInvoice {
  /** Document (invoice) date, YYYY-MM-DD. */
  readonly invoiceDate: string;
  readonly dueDate: string;
  /** The day the invoice was settled in full. */
  readonly settledDate: string;
}

export interface PaymentTally {
  readonly paid: number;
  /** Settled after the due date. */
  readonly paidLate: number;
  /** Sum of (settled − due) days, signed. */
  readonly daysLateSum: number;
  /** Sum of (settled − invoice date) days. */
  readonly daysToPaySum: number;
}

export const EMPTY_TALLY: PaymentTally = { paid: 0, paidLate: 0, daysLateSum: 0, daysToPaySum: 0 };

/** The first settlement day the window counts, as of `asOf`: settled on it through `asOf`. */
export const windowStart = (asOf: string): string => addDays(asOf, 1 - BEHAVIOUR_WINDOW_DAYS);

/** An invoice with a date that is no real day (a damaged row) tells nothing about how the customer pays. */
const sound = (invoice: PaidInvoice): boolean => isCalendarDate(invoice.invoiceDate) && isCalendarDate(invoice.dueDate) && isCalendarDate(invoice.settledDate);

export const settledInWindow = (invoice: PaidInvoice, asOf: string): boolean =>
  sound(invoice) && compareDates(invoice.settledDate, windowStart(asOf)) >= 0 && compareDates(invoice.settledDate, asOf) <= 0;

export function addToTally(tally: PaymentTally, invoice: PaidInvoice): PaymentTally {
  const late = daysBetween(invoice.dueDate, invoice.settledDate);
  return {
    paid: tally.paid + 1,
    paidLate: tally.paidLate + (late > 0 ? 1 : 0),
    daysLateSum: tally.daysLateSum + late,
    daysToPaySum: tally.daysToPaySum + daysBetween(invoice.invoiceDate, invoice.settledDate),
  };
}

/** The invoices settled in the window as of `asOf`, tallied. */
export const tallyOf = (invoices: readonly PaidInvoice[], asOf: string): PaymentTally =>
  invoices.filter((invoice) => settledInWindow(invoice, asOf)).reduce(addToTally, EMPTY_TALLY);

export interface PaymentBehaviour {
  readonly paidInvoices: number;
  /** Days from invoice to settlement, one decimal. */
  readonly averageDaysToPay: number;
  /** Days from due date to settlement, one decimal; negative: paid early. */
  readonly averageDaysLate: number;
  /** Invoices settled after their due date, 0..1. */
  readonly shareLate: number;
}

const oneDecimal = (value: number): number => Math.round(value * 10) / 10;

/** The figures of a tally; null when nothing was settled (no history, not "0 days late"). */
export function behaviourOf(tally: PaymentTally): PaymentBehaviour | null {
  if (tally.paid === 0) return null;
  return {
    paidInvoices: tally.paid,
    averageDaysToPay: oneDecimal(tally.daysToPaySum / tally.paid),
    averageDaysLate: oneDecimal(tally.daysLateSum / tally.paid),
    shareLate: tally.paidLate / tally.paid,
  };
}

export interface MonthlyPace {
  /** YYYY-MM of the settlements. */
  readonly month: string;
  readonly paidInvoices: number;
  /** null in a month without settlements. */
  readonly averageDaysToPay: number | null;
}

export type PaceTrend = 'faster' | 'slower' | 'steady';

/** The TREND_MONTHS months ending with `asOf`'s, oldest first. */
function trendMonths(asOf: string): string[] {
  const [year = 0, month = 1] = asOf.split('-').map(Number);
  return Array.from({ length: TREND_MONTHS }, (_, index) => {
    const total = year * 12 + (month - 1) - (TREND_MONTHS - 1 - index);
    return `${String(Math.floor(total / 12)).padStart(4, '0')}-${String((total % 12) + 1).padStart(2, '0')}`;
  });
}

/** The first day of the trend's first month. */
export const trendStart = (asOf: string): string => `${trendMonths(asOf)[0] ?? asOf.slice(0, 7)}-01`;

/** Days to pay per settlement month over the last TREND_MONTHS months, settlements after `asOf` left out. */
export function monthlyPace(invoices: readonly PaidInvoice[], asOf: string): MonthlyPace[] {
  const months = trendMonths(asOf);
  const tallies = new Map<string, PaymentTally>(months.map((month) => [month, EMPTY_TALLY]));
  for (const invoice of invoices) {
    const tally = tallies.get(invoice.settledDate.slice(0, 7));
    if (tally !== undefined && sound(invoice) && compareDates(invoice.settledDate, asOf) <= 0) tallies.set(invoice.settledDate.slice(0, 7), addToTally(tally, invoice));
  }
  return months.map((month) => {
    const tally = tallies.get(month) ?? EMPTY_TALLY;
    return { month, paidInvoices: tally.paid, averageDaysToPay: tally.paid === 0 ? null : oneDecimal(tally.daysToPaySum / tally.paid) };
  });
}

/**
 * Paying faster or slower: the average days to pay of the invoices settled in the last
 * RECENT_MONTHS months of the trend against those settled in its months before, by
 * TREND_THRESHOLD_DAYS or more; null when either side has fewer than TREND_MIN_INVOICES invoices.
 */
export function paceTrend(invoices: readonly PaidInvoice[], asOf: string): PaceTrend | null {
  const months = trendMonths(asOf);
  const recentFrom = months[months.length - RECENT_MONTHS] ?? asOf.slice(0, 7);
  let before = EMPTY_TALLY;
  let recent = EMPTY_TALLY;
  for (const invoice of invoices) {
    const month = invoice.settledDate.slice(0, 7);
    if (!sound(invoice) || !months.includes(month) || compareDates(invoice.settledDate, asOf) > 0) continue;
    if (month >= recentFrom) recent = addToTally(recent, invoice);
    else before = addToTally(before, invoice);
  }
  if (before.paid < TREND_MIN_INVOICES || recent.paid < TREND_MIN_INVOICES) return null;
  const change = recent.daysToPaySum / recent.paid - before.daysToPaySum / before.paid;
  if (change <= -TREND_THRESHOLD_DAYS) return 'faster';
  if (change >= TREND_THRESHOLD_DAYS) return 'slower';
  return 'steady';
}
