/**
 * How far ahead a date a user types may lie, one rule per kind of date, run by the form, the local
 * command and the server's applier alike. A promise a year out is plausible; one in 9999 is a typo
 * that would sit on every worklist that syncs the customer.
 */
import { refused, type Refusal, type RefusalKey } from '../i18n/refusals';
import { addDays, compareDates } from './dates';

export interface DateWindow {
  /** Days after today the date may lie at most. */
  readonly maxDaysAhead: number;
  /** The refusals of a date beyond it: the end of a sentence naming the field (the form's), and the command's whole sentence. */
  readonly beyond: { readonly field: RefusalKey; readonly sentence: RefusalKey };
}

const ONE_YEAR = { field: 'dateBeyondOneYear', sentence: 'dateBeyondOneYearToday' } as const;
const TWO_YEARS = { field: 'dateBeyondTwoYears', sentence: 'dateBeyondTwoYearsToday' } as const;
const FIVE_YEARS = { field: 'dateBeyondFiveYears', sentence: 'dateBeyondFiveYearsToday' } as const;

export const DATE_WINDOWS = {
  promise: { maxDaysAhead: 365, beyond: ONE_YEAR },
  /** A plan of up to 60 monthly instalments. */
  planInstalment: { maxDaysAhead: 1_830, beyond: FIVE_YEARS },
  followUp: { maxDaysAhead: 730, beyond: TWO_YEARS },
  disputeDue: { maxDaysAhead: 730, beyond: TWO_YEARS },
  snooze: { maxDaysAhead: 730, beyond: TWO_YEARS },
} as const satisfies Readonly<Record<string, DateWindow>>;

export type DateKind = keyof typeof DATE_WINDOWS;

/** The last date a date of `kind` may take when today is `today`. */
export const latestDate = (kind: DateKind, today: string): string => addDays(today, DATE_WINDOWS[kind].maxDaysAhead);

/** Why `date` may not be used, as the end of a sentence that names its field ("may not lie in the past"), or null when it may. */
export function dateWindowProblem(kind: DateKind, date: string, today: string): Refusal | null {
  if (compareDates(date, today) < 0) return { key: 'dateInPast' };
  const latest = latestDate(kind, today);
  if (compareDates(date, latest) > 0) return { key: DATE_WINDOWS[kind].beyond.field, params: { latestDate: latest } };
  return null;
}

/** The same as the command says it, naming the date and today ("2020-01-01 may not lie in the past (today is …)"), or null. */
export function dateWindowRefusal(kind: DateKind, date: string, today: string): Refusal | null {
  if (compareDates(date, today) < 0) return { key: 'dateInPastToday', params: { date, todayDate: today } };
  const latest = latestDate(kind, today);
  if (compareDates(date, latest) > 0) return { key: DATE_WINDOWS[kind].beyond.sentence, params: { date, latestDate: latest, todayDate: today } };
  return null;
}

/** Throws a validation error on `field` when `date` lies outside the window of its kind. */
export function requireDateInWindow(kind: DateKind, date: string, today: string, field: string): void {
  const problem = dateWindowRefusal(kind, date, today);
  if (problem !== null) throw refused('validation', problem, field);
}
