/**
 * Display formatting for the renderer: money through the shared domain; calendar dates as they
 * are (a due date is the same day everywhere); instants on the user's wall clock, in the zone of
 * their setting or else the computer's, so a call logged at 10:00 in Berlin reads 10:00, and its
 * day is the user's day.
 */
import { isCalendarDate, storedDateOfTimestamp } from '../../../shared/domain/dates';
import { formatAmount, formatMoney } from '../../../shared/domain/money';
import { calendarDayIn, systemTimeZone } from '../../../shared/domain/time-zone';
import { i18n } from '../i18n/i18n';

// Node before 21 has no navigator: the unit tests load this module there (engines allows Node 20).
let displayLocale = typeof navigator === 'undefined' ? 'en-US' : navigator.language;
const intlCache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

/** The locale numbers and dates are written in now (shared/i18n/languages.ts formattingLocale). */
export const currentLocale = (): string => displayLocale;

/** Set when the interface language is applied; every formatter below follows it from the next render. */
export function setDisplayLocale(locale: string): void {
  displayLocale = locale;
}

/** A number formatter for the current locale; built once per locale and options, since building one costs far more than using it. */
export function numberFormat(options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `n|${displayLocale}|${JSON.stringify(options)}`;
  let format = intlCache.get(key);
  if (!(format instanceof Intl.NumberFormat)) {
    format = new Intl.NumberFormat(displayLocale, options);
    intlCache.set(key, format);
  }
  return format;
}

/** A date formatter for the current locale, cached like numberFormat. */
export function dateTimeFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${displayLocale}|${JSON.stringify(options)}`;
  let format = intlCache.get(key);
  if (!(format instanceof Intl.DateTimeFormat)) {
    format = new Intl.DateTimeFormat(displayLocale, options);
    intlCache.set(key, format);
  }
  return format;
}

// Calendar dates are formatted as the UTC midnight of that day, so no zone can move them.
const dateFormat = () => dateTimeFormat({ day: '2-digit', month: 'short', year: 'numeric', timeZone: 'UTC' });
const shortDateFormat = () => dateTimeFormat({ day: 'numeric', month: 'short', timeZone: 'UTC' });
const instantFormat = () =>
  dateTimeFormat({ day: '2-digit', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short', timeZone: displayZone });

let displayZone = systemTimeZone();

/** The zone instants are shown in now (the user's, else the computer's). */
export const displayTimeZone = (): string => displayZone;

/** The zone instants are shown in: the user's setting, or the computer's (null). Set when the preferences load and change. */
export function setDisplayTimeZone(timeZone: string | null): void {
  const next = timeZone ?? systemTimeZone();
  if (next === displayZone) return;
  displayZone = next;
}

/**
 * A timestamp's day on a zone's wall clock, remembered: the worklist asks it for every row on every
 * render, and each answer takes an Intl formatting pass. Emptied when it holds this many.
 */
const TIMESTAMP_DAYS_CAPACITY = 10_000;
const timestampDays = new Map<string, string | null>();

/** The calendar day of a date, or of a timestamp on the user's wall clock; null when the value is neither. */
function dayOf(value: string): string | null {
  const day = value.slice(0, 10);
  if (value.length === 10) return isCalendarDate(day) ? day : null;
  const key = `${displayZone}|${value}`;
  const known = timestampDays.get(key);
  if (known !== undefined) return known;
  const worked = storedDateOfTimestamp(value) === null ? null : calendarDayIn(new Date(value), displayZone);
  if (timestampDays.size >= TIMESTAMP_DAYS_CAPACITY) timestampDays.clear();
  timestampDays.set(key, worked);
  return worked;
}

export const formatCount = (n: number): string => numberFormat().format(n);

export const money = (amountMinor: number, currency: string): string => formatMoney({ amountMinor, currency }, displayLocale);

/** Amount without the currency, for tables whose row or column already names it. */
export const amount = (amountMinor: number, currency: string): string => formatAmount(amountMinor, currency, displayLocale);

const MS_PER_DAY = 86_400_000;
/** The day number of a calendar date or of a timestamp's day on the user's wall clock, or NaN for a stored value that is neither. */
const dayNumber = (isoDateOrTimestamp: string): number => {
  const day = dayOf(isoDateOrTimestamp);
  return day === null ? Number.NaN : Math.floor(Date.parse(day) / MS_PER_DAY);
};

/**
 * A stored value that is no real date or instant (the store checks only a date's shape and nothing of
 * a timestamp's text, so a bug or an older client may have written 2026-02-31 or "yesterday") is
 * shown as it is, marked, so the collector can see the record is damaged and correct or cancel it.
 */
export const damagedDate = (value: string): string => `⚠ ${value === '' ? i18n.t('common.date.empty') : value}`;

/** A calendar date (YYYY-MM-DD) shown as a readable date, never shifted by a zone; a timestamp as its day on the user's wall clock. */
export const formatDate = (value: string | null | undefined): string => {
  if (value === null || value === undefined) return '—';
  const day = dayOf(value);
  return day === null ? damagedDate(value) : dateFormat().format(new Date(`${day}T00:00:00Z`));
};

/**
 * A title that names a calendar date as ISO text (a timeline entry's), with that date in the user's
 * format; its first occurrence is the one the store wrote, ahead of any text a user typed after it.
 */
export const titleWithDate = (title: string, date: string | null): string => (date === null || !title.includes(date) ? title : title.replace(date, formatDate(date)));

/** Day and month only, for dense columns where the year is the current one. */
export const formatShortDate = (value: string, asOf: string): string => {
  const day = dayOf(value);
  return day !== null && day.slice(0, 4) === asOf.slice(0, 4) ? shortDateFormat().format(new Date(`${day}T00:00:00Z`)) : formatDate(value);
};

/** A timestamp on the user's wall clock, with its zone; one that is no instant in years 0-9999 is shown damaged. */
export const formatDateTime = (value: string): string => (storedDateOfTimestamp(value) === null ? damagedDate(value) : instantFormat().format(new Date(value)));

/** Whole days from `from` to `to` (calendar dates, or timestamps by their day on the user's wall clock); NaN when either is damaged. */
export const daysFrom = (from: string, to: string): number => dayNumber(to) - dayNumber(from);

/** "today", "in 3 d", "5 d ago" relative to the as-of date, in the interface language. */
export function relativeDay(value: string, asOf: string): string {
  const days = daysFrom(asOf, value);
  if (Number.isNaN(days)) return i18n.t('common.relativeDay.invalid');
  if (days === 0) return i18n.t('common.relativeDay.today');
  if (days === 1) return i18n.t('common.relativeDay.tomorrow');
  if (days === -1) return i18n.t('common.relativeDay.yesterday');
  // The count is written as a bare number ({{count}}), as the English always showed it.
  return days > 0 ? i18n.t('common.relativeDay.inDays', { count: days }) : i18n.t('common.relativeDay.daysAgo', { count: -days });
}

/**
 * "3 customers" from English words the caller passes: English only. Translated text counts with
 * t() plurals instead (`t('area.count', { count, n: formatCount(count) })`), whose forms follow
 * each language's grammar.
 */
export const pluralize = (n: number, one: string, many = `${one}s`): string => `${formatCount(n)} ${n === 1 ? one : many}`;

/** A language tag's name in the interface language ("de-CH" is "Swiss High German" in English, "Schweizer Hochdeutsch" in German); the tag itself when unknown. */
export function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames([displayLocale], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}
