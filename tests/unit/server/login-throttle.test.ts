import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../../shared/domain/clock';
import { createLoginThrottle, LOGIN_ADDRESS_MAX_FAILURES, LOGIN_MAX_FAILURES, LOGIN_WINDOW_MS } from '../../../server/auth/login-throttle';

describe('the login throttle', () => {
  it('locks one address after its failures with any usernames, until the oldest counted one leaves the window', () => {
    const clock = manualClock('2026-03-02T09:00:00.000Z');
    const throttle = createLoginThrottle(clock);
    for (let index = 0; index < LOGIN_ADDRESS_MAX_FAILURES; index += 1) {
      expect(throttle.retryAfterSeconds(`user-${String(index)}`, '10.0.0.1')).toBe(0);
      throttle.recordFailure(`user-${String(index)}`, '10.0.0.1');
      clock.set(new Date(clock.now().getTime() + 1_000).toISOString());
    }
    expect(throttle.retryAfterSeconds('anyone', '10.0.0.1')).toBe(LOGIN_WINDOW_MS / 1000 - LOGIN_ADDRESS_MAX_FAILURES);
    expect(throttle.retryAfterSeconds('anyone', '10.0.0.2')).toBe(0);
    throttle.reset('user-0', '10.0.0.1');
    expect(throttle.retryAfterSeconds('anyone', '10.0.0.1')).toBeGreaterThan(0);
    clock.set(new Date(clock.now().getTime() + LOGIN_WINDOW_MS).toISOString());
    expect(throttle.retryAfterSeconds('anyone', '10.0.0.1')).toBe(0);
  });

  it('locks an address exactly when it has the limit of failures within the window, whatever the usernames', () => {
    // Above the per-user limit, so that ten usernames reach it.
    expect(LOGIN_ADDRESS_MAX_FAILURES).toBeGreaterThan(LOGIN_MAX_FAILURES);
    expect(LOGIN_ADDRESS_MAX_FAILURES).toBeLessThan(10 * LOGIN_MAX_FAILURES);
    fc.assert(
      fc.property(fc.array(fc.record({ user: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'), gapMs: fc.integer({ min: 0, max: 120_000 }) }), { maxLength: 80 }), (attempts) => {
        const clock = manualClock('2026-03-02T09:00:00.000Z');
        const throttle = createLoginThrottle(clock);
        const times: number[] = [];
        const perUser = new Map<string, number[]>();
        for (const { user, gapMs } of attempts) {
          clock.set(new Date(clock.now().getTime() + gapMs).toISOString());
          const now = clock.now().getTime();
          const recent = (list: readonly number[]) => list.filter((at) => at > now - LOGIN_WINDOW_MS).length;
          const locked = recent(times) >= LOGIN_ADDRESS_MAX_FAILURES || recent(perUser.get(user) ?? []) >= LOGIN_MAX_FAILURES;
          if ((throttle.retryAfterSeconds(user, 'ip') > 0) !== locked) return false;
          if (locked) continue;
          throttle.recordFailure(user, 'ip');
          times.push(now);
          perUser.set(user, [...(perUser.get(user) ?? []), now]);
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });
});
