import { calendarDayIn } from './time-zone';

/** Injectable time source, so tests (and the demo) can move time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock frozen at `iso`, or advanced by hand with `set`. */
export function manualClock(iso: string): Clock & { set(iso: string): void } {
  let current = new Date(iso);
  if (Number.isNaN(current.getTime())) throw new RangeError(`invalid clock time "${iso}"`);
  return {
    now: () => new Date(current.getTime()),
    set(next: string) {
      const date = new Date(next);
      if (Number.isNaN(date.getTime())) throw new RangeError(`invalid clock time "${next}"`);
      current = date;
    },
  };
}

/** Today's calendar date (YYYY-MM-DD) on the wall clocks of `timeZone`: the user's day, or a team's. */
export const todayIn = (clock: Clock, timeZone: string): string => calendarDayIn(clock.now(), timeZone);
