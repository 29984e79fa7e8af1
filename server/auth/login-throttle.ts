/**
 * Failed-login counters. Per username and client address: after LOGIN_MAX_FAILURES failures
 * within WINDOW the pair is locked until the oldest of them leaves the window (guessing one
 * user's password). Per client address alone: after LOGIN_ADDRESS_MAX_FAILURES failures within the
 * window, whatever the usernames, the address is locked the same way (password spraying: a few
 * common passwords tried on many usernames, which the pair counter never sees twice). A successful
 * sign-in clears its pair but not the address: signing in to an account of one's own must not
 * reset a spray. Kept in memory: it guards one server process; a restart forgets it, which costs
 * an attacker a restart we see in the logs.
 */
import type { Clock } from '../../shared/domain/clock';

export const LOGIN_MAX_FAILURES = 5;
/** Well above what the people behind one office address mistype in a quarter of an hour. */
export const LOGIN_ADDRESS_MAX_FAILURES = 30;
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/** Bounds memory under a spray of distinct usernames; the oldest entries are dropped first. */
const MAX_TRACKED = 100_000;

export interface LoginThrottle {
  /** Seconds until another attempt is allowed, or 0 when it is allowed now. */
  retryAfterSeconds(username: string, ip: string): number;
  recordFailure(username: string, ip: string): void;
  reset(username: string, ip: string): void;
}

/** Failure times per key within the window, with the most recently failing keys last. */
function failureWindow(clock: Clock, limit: number) {
  const failures = new Map<string, number[]>();
  const recent = (key: string): number[] => {
    const since = clock.now().getTime() - LOGIN_WINDOW_MS;
    const kept = (failures.get(key) ?? []).filter((at) => at > since);
    if (kept.length === 0) failures.delete(key);
    else failures.set(key, kept);
    return kept;
  };
  return {
    retryAfterSeconds(key: string): number {
      const times = recent(key);
      const oldest = times[times.length - limit];
      if (oldest === undefined) return 0;
      return Math.max(1, Math.ceil((oldest + LOGIN_WINDOW_MS - clock.now().getTime()) / 1000));
    },
    record(key: string): void {
      // Only the last `limit` failures decide when the key unlocks.
      const times = recent(key).slice(-(limit - 1));
      failures.delete(key);
      failures.set(key, [...times, clock.now().getTime()]);
      if (failures.size > MAX_TRACKED) {
        const oldestKey = failures.keys().next().value;
        if (oldestKey !== undefined) failures.delete(oldestKey);
      }
    },
    reset(key: string): void {
      failures.delete(key);
    },
  };
}

export function createLoginThrottle(clock: Clock): LoginThrottle {
  const pairs = failureWindow(clock, LOGIN_MAX_FAILURES);
  const addresses = failureWindow(clock, LOGIN_ADDRESS_MAX_FAILURES);
  const pairOf = (username: string, ip: string) => `${username.toLowerCase()}\u0000${ip}`;
  return {
    retryAfterSeconds(username, ip) {
      return Math.max(pairs.retryAfterSeconds(pairOf(username, ip)), addresses.retryAfterSeconds(ip));
    },
    recordFailure(username, ip) {
      pairs.record(pairOf(username, ip));
      addresses.record(ip);
    },
    reset(username, ip) {
      pairs.reset(pairOf(username, ip));
    },
  };
}
