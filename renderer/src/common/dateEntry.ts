/**
 * What the date fields (common/DateField.tsx) need besides the picker: the app and its API speak
 * calendar dates as ISO text ('YYYY-MM-DD'), the picker speaks Dates. A calendar date is read and
 * written on the local wall clock (date-fns `parseISO` of a bare date is its local midnight; `format`
 * writes the local day back), never through UTC, so no zone or DST moves it by a day. The field's
 * order of day, month and year follows the formatting locale, as every other date the app shows.
 */
import { format, isValid, parseISO, type Locale } from 'date-fns';
import { de } from 'date-fns/locale/de';
import { enAU } from 'date-fns/locale/en-AU';
import { enCA } from 'date-fns/locale/en-CA';
import { enGB } from 'date-fns/locale/en-GB';
import { enIE } from 'date-fns/locale/en-IE';
import { enIN } from 'date-fns/locale/en-IN';
import { enNZ } from 'date-fns/locale/en-NZ';
import { enUS } from 'date-fns/locale/en-US';
import { enZA } from 'date-fns/locale/en-ZA';
import { es } from 'date-fns/locale/es';
import { zhCN } from 'date-fns/locale/zh-CN';
import { isCalendarDate } from '../../../shared/domain/dates';

/**
 * The value of a field holding a date begun but not finished (12.__.2026) or no real day: no
 * calendar date, so a form's checks refuse it (`collector/validation.ts` dateProblem) instead of
 * taking it for an empty field or some other day.
 */
export const INCOMPLETE_DATE = 'incomplete';

/** The calendar date (YYYY-MM-DD) as a Date at its local midnight; null for '' and anything that is no calendar date. */
export function dateOfIso(value: string): Date | null {
  if (!isCalendarDate(value)) return null;
  const date = parseISO(value);
  return isValid(date) ? date : null;
}

/** The calendar date of a picker's Date, on the local wall clock: '' for none, INCOMPLETE_DATE for an unfinished or impossible one. */
export function isoOfDate(date: Date | null): string {
  if (date === null) return '';
  if (!isValid(date)) return INCOMPLETE_DATE;
  const iso = format(date, 'yyyy-MM-dd');
  return isCalendarDate(iso) ? iso : INCOMPLETE_DATE;
}

/** Any date will do: only the order of the parts and what stands between them are read. */
const SAMPLE = new Date(Date.UTC(2026, 11, 4));
const TOKENS: Readonly<Partial<Record<Intl.DateTimeFormatPartTypes, string>>> = { day: 'dd', month: 'MM', year: 'yyyy' };

/** Text between the parts as date-fns reads it: letters quoted, a quote doubled. */
const literal = (text: string): string => (/[A-Za-z']/.test(text) ? `'${text.replaceAll("'", "''")}'` : text);

/**
 * The field's format (date-fns tokens) in the locale's numeric order, with two-digit day and month
 * and the full year: dd.MM.yyyy in de-DE, MM/dd/yyyy in en-US, dd/MM/yyyy in en-GB and es-ES,
 * yyyy/MM/dd in zh-CN. ISO order for a locale Intl cannot write so.
 */
export function fieldFormatOf(locale: string): string {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC', calendar: 'gregory', numberingSystem: 'latn' }).formatToParts(SAMPLE);
  } catch {
    return 'yyyy-MM-dd';
  }
  let pattern = '';
  const seen: string[] = [];
  for (const part of parts) {
    const token = TOKENS[part.type];
    if (token !== undefined) {
      seen.push(part.type);
      pattern += token;
    } else if (part.type === 'literal') {
      pattern += literal(part.value);
    } else {
      return 'yyyy-MM-dd';
    }
  }
  return seen.length === 3 && new Set(seen).size === 3 ? pattern : 'yyyy-MM-dd';
}

/** English of the regions date-fns has a locale for (week start, month names); any other region reads as British. */
const ENGLISH: Readonly<Record<string, Locale>> = { US: enUS, GB: enGB, AU: enAU, CA: enCA, IE: enIE, IN: enIN, NZ: enNZ, ZA: enZA };

/** The date-fns locale of a formatting locale, for the picker's calendar (month and weekday names, first day of the week). */
export function pickerLocaleOf(locale: string): Locale {
  let parsed: Intl.Locale;
  try {
    parsed = new Intl.Locale(locale).maximize();
  } catch {
    return enUS;
  }
  switch (parsed.language) {
    case 'de':
      return de;
    case 'es':
      return es;
    case 'zh':
      return zhCN;
    default:
      return parsed.region === undefined ? enUS : (ENGLISH[parsed.region] ?? enGB);
  }
}
