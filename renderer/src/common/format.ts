/** Display formatting for the renderer: money through the shared domain, dates in UTC. */
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
const dayNumber = (isoDateOrTimestamp: string): number => Math.floor(Date.parse(isoDateOrTimestamp.slice(0, 10)) / MS_PER_DAY);

/** A calendar date (YYYY-MM-DD) or timestamp shown as a readable date; dates never shift by time zone. */
export const formatDate = (value: string | null | undefined): string =>
  value ? dateFormat.format(new Date(`${value.slice(0, 10)}T00:00:00Z`)) : '—';

/** Day and month only, for dense columns where the year is the current one. */
export const formatShortDate = (value: string, asOf: string): string =>
  value.slice(0, 4) === asOf.slice(0, 4) ? shortDateFormat.format(new Date(`${value.slice(0, 10)}T00:00:00Z`)) : formatDate(value);

export const formatDateTime = (value: string): string => `${dateTimeFormat.format(new Date(value))} UTC`;

/** Whole days from `from` to `to` (calendar dates or timestamps, compared by their UTC date). */
export const daysFrom = (from: string, to: string): number => dayNumber(to) - dayNumber(from);

/** "today", "in 3 d", "5 d ago" relative to the as-of date. */
export function relativeDay(value: string, asOf: string): string {
  const days = daysFrom(asOf, value);
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} d` : `${-days} d ago`;
}

export const pluralize = (n: number, one: string, many = `${one}s`): string => `${formatCount(n)} ${n === 1 ? one : many}`;
