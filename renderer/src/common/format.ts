/** Display formatting for the renderer: money through the shared domain, dates in UTC. */
import { isCalendarDate, storedDateOfTimestamp } from '../../../shared/domain/dates';
import { formatAmount, formatMoney } from '../../../shared/domain/money';

const numberFormat = new Intl.NumberFormat(undefined);
const dateFormat = new Intl.DateTimeFormat(undefined, { day: '2-digit', month: 'short', year: 'numeric', timeZone: 'UTC' });
const shortDateFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  day: '2-digit',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});

export const formatCount = (n: number): string => numberFormat.format(n);

export const money = (amountMinor: number, currency: string): string => formatMoney({ amountMinor, currency });

/** Amount without the currency, for tables whose row or column already names it. */
export const amount = (amountMinor: number, currency: string): string => formatAmount(amountMinor, currency);

const MS_PER_DAY = 86_400_000;
/** The UTC day number of a calendar date or timestamp, or NaN for a stored value that is neither. */
const dayNumber = (isoDateOrTimestamp: string): number => {
  const day = isoDateOrTimestamp.slice(0, 10);
  return isCalendarDate(day) ? Math.floor(Date.parse(day) / MS_PER_DAY) : Number.NaN;
};

/**
 * A stored value that is no real date or instant (the store checks only a date's shape and nothing of
 * a timestamp's text, so a bug or an older client may have written 2026-02-31 or "yesterday") is
 * shown as it is, marked, so the collector can see the record is damaged and correct or cancel it.
 */
export const damagedDate = (value: string): string => `⚠ ${value === '' ? '(empty)' : value}`;
const NOT_A_DATE = 'not a valid date';

/** A calendar date (YYYY-MM-DD) or timestamp shown as a readable date; dates never shift by time zone. */
export const formatDate = (value: string | null | undefined): string => {
  if (value === null || value === undefined) return '—';
  const day = value.slice(0, 10);
  return isCalendarDate(day) ? dateFormat.format(new Date(`${day}T00:00:00Z`)) : damagedDate(value);
};

/** Day and month only, for dense columns where the year is the current one. */
export const formatShortDate = (value: string, asOf: string): string =>
  value.slice(0, 4) === asOf.slice(0, 4) && isCalendarDate(value.slice(0, 10)) ? shortDateFormat.format(new Date(`${value.slice(0, 10)}T00:00:00Z`)) : formatDate(value);

/** A timestamp with its time of day in UTC; one that is no instant in years 0-9999 is shown damaged. */
export const formatDateTime = (value: string): string =>
  storedDateOfTimestamp(value) === null ? damagedDate(value) : `${dateTimeFormat.format(new Date(value))} UTC`;

/** Whole days from `from` to `to` (calendar dates or timestamps, compared by their UTC date); NaN when either is damaged. */
export const daysFrom = (from: string, to: string): number => dayNumber(to) - dayNumber(from);

/** "today", "in 3 d", "5 d ago" relative to the as-of date. */
export function relativeDay(value: string, asOf: string): string {
  const days = daysFrom(asOf, value);
  if (Number.isNaN(days)) return NOT_A_DATE;
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} d` : `${-days} d ago`;
}

export const pluralize = (n: number, one: string, many = `${one}s`): string => `${formatCount(n)} ${n === 1 ? one : many}`;
