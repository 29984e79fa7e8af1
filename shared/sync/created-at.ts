/**
 * How far a mutation's `createdAt` (the client's clock when the user acted) may lie from the
 * server's time at the push. Date rules are checked against the day of `createdAt` (never later
 * than the server's today), so an absurd value must not pass: a client clock set years back would
 * make every "not in the past" rule pass against a day long gone. The window is wide enough for a
 * laptop offline for a year. A clock ahead gains nothing (dates are judged by the day of `createdAt`
 * but never later than the server's today), so the window ahead only catches a clock set absurdly
 * far, and is wide enough that a clock off by days does not cost the user their change.
 */
import { addDays, compareDates, dateOfTimestamp } from '../domain/dates';
import type { Refusal } from '../i18n/refusals';

const DAY_MS = 86_400_000;

/** The oldest a mutation may be when it is pushed. */
export const CREATED_AT_MAX_AGE_DAYS = 400;
/** How far ahead of the server's clock a client's clock may run. */
export const CREATED_AT_MAX_AHEAD_DAYS = 30;

/** Why `createdAt` lies outside the window around `serverNow` (the server refuses the mutation with it), or null when it is inside. */
export function createdAtProblem(createdAt: string, serverNow: Date): Refusal | null {
  const at = Date.parse(createdAt);
  if (Number.isNaN(at)) return { key: 'createdAtNotTimestamp' };
  const now = serverNow.getTime();
  if (at < now - CREATED_AT_MAX_AGE_DAYS * DAY_MS) return { key: 'createdAtTooOld', params: { days: CREATED_AT_MAX_AGE_DAYS } };
  if (at > now + CREATED_AT_MAX_AHEAD_DAYS * DAY_MS) return { key: 'createdAtTooFarAhead', params: { days: CREATED_AT_MAX_AHEAD_DAYS } };
  return null;
}

/**
 * When the user acted, as the server records it on the rows a mutation writes (a call's
 * `occurred_at`, a request's `requested_at`, ...): the mutation's `createdAt`, as the desktop
 * recorded it, but never later than the server's time, so a clock running ahead dates nothing
 * in the future. `createdAt` has passed `createdAtProblem`.
 */
export function actedAt(createdAt: string, serverNow: Date): string {
  return new Date(Math.min(Date.parse(createdAt), serverNow.getTime())).toISOString();
}

/** How far wall clocks run from UTC: UTC−12 (Baker Island) to UTC+14 (Kiritimati). */
const WEST_MS = 12 * 3_600_000;
const EAST_MS = 14 * 3_600_000;

const startOf = (day: string): number => Date.parse(`${day}T00:00:00.000Z`);

/**
 * The calendar day the user acted on, which the mutation's date rules are checked and its promises
 * judged as of: the day the desktop saw (`day`, the user's own, shared/domain/time-zone.ts), so a
 * collector in Los Angeles may at 17:30 on the 29th promise for the 29th although UTC is on the 1st.
 * A claimed day is taken only where some zone (UTC−12 to UTC+14) was on it at `createdAt`;
 * otherwise, and for a client that sends none (protocol 1), the UTC date of `createdAt`. Never later
 * than the day it is now in a zone that was on the claimed day at `createdAt` (without a day: the
 * server's UTC date), so a client clock running ahead gains nothing.
 */
export function actedOnDay(createdAt: string, day: string | undefined, serverNow: Date): string {
  const at = Date.parse(createdAt);
  const utcDay = dateOfTimestamp(createdAt);
  // The zone offsets that put `createdAt` on `day`, within the ones there are.
  const earliest = day === undefined ? 0 : Math.max(-WEST_MS, startOf(day) - at);
  const latest = day === undefined ? 0 : Math.min(EAST_MS, startOf(addDays(day, 1)) - at - 1);
  const plausible = day !== undefined && earliest <= latest;
  const claimed = plausible ? day : utcDay;
  const cap = dateOfTimestamp(new Date(serverNow.getTime() + (plausible ? latest : 0)).toISOString());
  return compareDates(claimed, cap) <= 0 ? claimed : cap;
}
