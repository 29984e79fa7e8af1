/**
 * How far ahead a date a user types may lie, one rule per kind of date, run by the form, the local
 * command and the server's applier alike. A promise a year out is plausible; one in 9999 is a typo
 * that would sit on every worklist that syncs the customer.
 */
import { DomainError } from '../api/result';
import { addDays, compareDates } from './dates';

export interface DateWindow {
  /** Days after today the date may lie at most. */
  readonly maxDaysAhead: number;
  /** The limit in words, for messages: "a year". */
  readonly inWords: string;
}

export const DATE_WINDOWS = {
  promise: { maxDaysAhead: 365, inWords: 'a year' },
  /** A plan of up to 60 monthly instalments. */
  planInstalment: { maxDaysAhead: 1_830, inWords: 'five years' },
  followUp: { maxDaysAhead: 730, inWords: 'two years' },
  disputeDue: { maxDaysAhead: 730, inWords: 'two years' },
  snooze: { maxDaysAhead: 730, inWords: 'two years' },
} as const satisfies Readonly<Record<string, DateWindow>>;

export type DateKind = keyof typeof DATE_WINDOWS;

/** The last date a date of `kind` may take when today is `today`. */
export const latestDate = (kind: DateKind, today: string): string => addDays(today, DATE_WINDOWS[kind].maxDaysAhead);

/** Why `date` may not be used, as the end of a sentence that names its field, or null when it may. */
export function dateWindowProblem(kind: DateKind, date: string, today: string): string | null {
  if (compareDates(date, today) < 0) return 'may not lie in the past';
  const latest = latestDate(kind, today);
  if (compareDates(date, latest) > 0) return `must be at most ${DATE_WINDOWS[kind].inWords} ahead (by ${latest})`;
  return null;
}

/** Throws a validation error on `field` when `date` lies outside the window of its kind. */
export function requireDateInWindow(kind: DateKind, date: string, today: string, field: string): void {
  const problem = dateWindowProblem(kind, date, today);
  if (problem !== null) throw new DomainError('validation', `${date} ${problem} (today is ${today})`, field);
}
