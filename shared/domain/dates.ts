/** Calendar dates ('YYYY-MM-DD') with UTC arithmetic only, so no time zone or DST can shift a day. */
import { DomainError } from '../api/result';

const DAY_MS = 86_400_000;
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a valid calendar date, or null. */
function epochDay(value: string): number | null {
  const match = CALENDAR_DATE.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const date = new Date(Date.UTC(2000, month - 1, day));
  // Set the year separately: Date.UTC would read years 0-99 as 1900-1999.
  date.setUTCFullYear(year);
  // Date rolls 2026-02-30 over to March; a real date survives the round trip.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.getTime() / DAY_MS;
}

function requireEpochDay(value: string, field: string): number {
  const day = epochDay(value);
  if (day === null) throw new DomainError('validation', `"${value}" is not a calendar date (YYYY-MM-DD)`, field);
  return day;
}

/** The first and last dates a four-digit year can write, as epoch days. */
export const FIRST_DATE = '0000-01-01';
export const LAST_DATE = '9999-12-31';
const FIRST_DAY = epochDay(FIRST_DATE) ?? 0;
const LAST_DAY = epochDay(LAST_DATE) ?? 0;

/** The date of an epoch day, held to the range a calendar date can write. */
function fromEpochDay(day: number): string {
  const date = new Date(Math.min(LAST_DAY, Math.max(FIRST_DAY, day)) * DAY_MS);
  return date.toISOString().slice(0, 10);
}

export function isCalendarDate(value: string): boolean {
  return epochDay(value) !== null;
}

export function assertCalendarDate(value: string, field = 'date'): string {
  requireEpochDay(value, field);
  return value;
}

export function daysBetween(from: string, to: string): number {
  return requireEpochDay(to, 'to') - requireEpochDay(from, 'from');
}

/**
 * `date` moved by `days`. Total over every calendar date: a result beyond 0000-01-01 or
 * 9999-12-31 stays at that end, so a far-off date that is stored (typed before dates were bounded,
 * or by an older client) still sorts and compares, and never fails a read.
 */
export function addDays(date: string, days: number): string {
  if (!Number.isSafeInteger(days)) throw new DomainError('validation', `${String(days)} is not a whole number of days`, 'days');
  return fromEpochDay(requireEpochDay(date, 'date') + days);
}

export function dateOfTimestamp(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) throw new DomainError('validation', `"${iso}" is not an ISO timestamp`, 'timestamp');
  return new Date(time).toISOString().slice(0, 10);
}

export function compareDates(a: string, b: string): number {
  return Math.sign(requireEpochDay(a, 'a') - requireEpochDay(b, 'b'));
}
