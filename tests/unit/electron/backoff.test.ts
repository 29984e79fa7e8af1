import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../electron/sync/backoff';

const policy = { baseMs: 1_000, maxMs: 300_000 };

describe('sync backoff', () => {
  it('doubles from the base, between half and all of the step, and never beyond the cap', () => {
    expect(backoffDelay(policy, 1, () => 0)).toBe(500);
    expect(backoffDelay(policy, 1, () => 1)).toBe(1_000);
    expect(backoffDelay(policy, 4, () => 0.5)).toBe(6_000);
    expect(backoffDelay(policy, 40, () => 1)).toBe(300_000);
    expect(backoffDelay(policy, 40, () => 0)).toBe(150_000);
  });

  it('takes a server Retry-After as the least wait', () => {
    expect(backoffDelay(policy, 1, () => 0, 30_000)).toBe(30_000);
    expect(backoffDelay(policy, 10, () => 1, 30_000)).toBe(300_000);
  });

  it('stays within [step/2, step] for any failure count and random draw', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.double({ min: 0, max: 1, noNaN: true }), (failures, draw) => {
        const step = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(failures - 1, 30));
        const delay = backoffDelay(policy, failures, () => draw);
        expect(delay).toBeGreaterThanOrEqual(Math.floor(step / 2));
        expect(delay).toBeLessThanOrEqual(step);
      }),
    );
  });
});
