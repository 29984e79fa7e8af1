/**
 * Failed-login counter per username and client address: after MAX_FAILURES failures within
 * WINDOW the pair is locked until the oldest failure leaves the window. Kept in memory: it
 * guards one server process; a restart forgets it, which costs an attacker a restart we see
 * in the logs.
 */
import type { Clock } from '../../shared/domain/clock';

export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/** Bounds memory under a spray of distinct usernames; the oldest entries are dropped first. */
const MAX_TRACKED = 100_000;

export interface LoginThrottle {
  /** Seconds until another attempt is allowed, or 0 when it is allowed now. */
  retryAfterSeconds(username: string, ip: string): number;
  recordFailure(username: string, ip: string): void;
  reset(username: string, ip: string): void;
}

export function createLoginThrottle(clock: Clock): LoginThrottle {
  const failures = new Map<string, number[]>();
  const keyOf = (username: string, ip: string) => `${username.toLowerCase()}\u0000${ip}`;
  const recent = (key: string): number[] => {
    const since = clock.now().getTime() - LOGIN_WINDOW_MS;
    const kept = (failures.get(key) ?? []).filter((at) => at > since);
    if (kept.length === 0) failures.delete(key);
    else failures.set(key, kept);
    return kept;
  };
  return {
    retryAfterSeconds(username, ip) {
      const times = recent(keyOf(username, ip));
      const oldest = times[times.length - LOGIN_MAX_FAILURES];
      if (oldest === undefined) return 0;
      return Math.max(1, Math.ceil((oldest + LOGIN_WINDOW_MS - clock.now().getTime()) / 1000));
    },
    recordFailure(username, ip) {
      const key = keyOf(username, ip);
      const times = recent(key);
      failures.delete(key);
      failures.set(key, [...times, clock.now().getTime()]);
      if (failures.size > MAX_TRACKED) {
        const oldestKey = failures.keys().next().value;
        if (oldestKey !== undefined) failures.delete(oldestKey);
      }
    },
    reset(username, ip) {
      failures.delete(keyOf(username, ip));
    },
  };
}
