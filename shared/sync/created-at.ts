/**
 * How far a mutation's `createdAt` (the client's clock when the user acted) may lie from the
 * server's time at the push. Date rules are checked against the day of `createdAt` (never later
 * than the server's today), so an absurd value must not pass: a client clock set years back would
 * make every "not in the past" rule pass against a day long gone. The window is wide enough for a
 * laptop offline for a year. A clock ahead gains nothing (dates are judged by the day of `createdAt`
 * but never later than the server's today), so the window ahead only catches a clock set absurdly
 * far, and is wide enough that a clock off by days does not cost the user their change.
 */
const DAY_MS = 86_400_000;

/** The oldest a mutation may be when it is pushed. */
export const CREATED_AT_MAX_AGE_DAYS = 400;
/** How far ahead of the server's clock a client's clock may run. */
export const CREATED_AT_MAX_AHEAD_DAYS = 30;

/** Why `createdAt` lies outside the window around `serverNow`, or null when it is inside. */
export function createdAtProblem(createdAt: string, serverNow: Date): string | null {
  const at = Date.parse(createdAt);
  if (Number.isNaN(at)) return 'is not a timestamp';
  const now = serverNow.getTime();
  if (at < now - CREATED_AT_MAX_AGE_DAYS * DAY_MS) return `lies more than ${CREATED_AT_MAX_AGE_DAYS} days before the server's time; a change that old is not applied`;
  if (at > now + CREATED_AT_MAX_AHEAD_DAYS * DAY_MS) return `lies more than ${CREATED_AT_MAX_AHEAD_DAYS} days ahead of the server's time; check this computer's date and time`;
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
