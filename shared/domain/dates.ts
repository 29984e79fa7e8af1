/** Calendar dates ('YYYY-MM-DD') with UTC arithmetic only, so no time zone or DST can shift a day. */
import { refused } from '../i18n/refusals';

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

/**
 * The epoch day a date counts as in arithmetic. A real calendar date is itself; a value shaped like
 * one but no real day (2026-02-31, 0000-00-00: a DATE column only checks the shape, so a bug or an
 * older client could have stored it) counts as the day it rolls over to, held to the writable range,
 * so every date the store can hold sorts, ages and compares instead of failing a whole screen.
 */
function countedEpochDay(value: string, field: string): number {
  const exact = epochDay(value);
  if (exact !== null) return exact;
  const match = CALENDAR_DATE.exec(value);
  if (!match) throw refused('validation', { key: 'notACalendarDate', params: { value } }, field);
  // setUTCFullYear rolls the month and day over within the real year and, unlike Date.UTC, leaves years 0-99 alone.
  const date = new Date(0);
  date.setUTCFullYear(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Math.min(LAST_DAY, Math.max(FIRST_DAY, date.getTime() / DAY_MS));
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
  if (epochDay(value) === null) throw refused('validation', { key: 'notACalendarDate', params: { value } }, field);
  return value;
}

export function daysBetween(from: string, to: string): number {
  return countedEpochDay(to, 'to') - countedEpochDay(from, 'from');
}

/**
 * `date` moved by `days`. Total over every calendar date: a result beyond 0000-01-01 or
 * 9999-12-31 stays at that end, so a far-off date that is stored (typed before dates were bounded,
 * or by an older client) still sorts and compares, and never fails a read.
 */
export function addDays(date: string, days: number): string {
  if (!Number.isSafeInteger(days)) throw refused('validation', { key: 'notWholeDays', params: { value: String(days) } }, 'days');
  return fromEpochDay(countedEpochDay(date, 'date') + days);
}

/** The instant `days` whole days (of 24 hours) before a timestamp, as an ISO timestamp: a window of exactly that length. */
export function timestampDaysBefore(iso: string, days: number): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) throw refused('validation', { key: 'notATimestamp', params: { value: iso } }, 'timestamp');
  return new Date(time - days * DAY_MS).toISOString();
}

export function dateOfTimestamp(iso: string): string {
  const date = storedDateOfTimestamp(iso);
  if (date === null) throw refused('validation', { key: 'notATimestamp', params: { value: iso } }, 'timestamp');
  return date;
}

/**
 * The UTC date of a timestamp as the store holds it, or null when the text is no instant at all
 * (a timestamp column is free text, so a bug or an older client could have written "yesterday"):
 * such a row has no date to count it on, and reads leave it out of every dated figure.
 */
export function storedDateOfTimestamp(value: string): string | null {
  const time = Date.parse(value);
  if (Number.isNaN(time)) return null;
  const date = new Date(time);
  const year = date.getUTCFullYear();
  return year < 0 || year > 9999 ? null : date.toISOString().slice(0, 10);
}

export function compareDates(a: string, b: string): number {
  return Math.sign(countedEpochDay(a, 'a') - countedEpochDay(b, 'b'));
}
