import { describe, expect, it } from 'vitest';
import { percentile, summarize, tableRow } from '../../bench/stats';

describe('benchmark statistics', () => {
  it('takes nearest-rank percentiles', () => {
    const samples = Array.from({ length: 100 }, (_, k) => k + 1);
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 95)).toBe(95);
    expect(percentile([7], 95)).toBe(7);
    expect(() => percentile([], 50)).toThrow(RangeError);
  });

  it('summarises unsorted samples and judges the p95 against the target', () => {
    const samples = [4, 1, 3, 2, ...Array.from({ length: 16 }, () => 2), 40];
    const within = summarize('worklist.first_page', samples, 50);
    expect(within).toEqual({ bench: 'worklist.first_page', n: 21, p50_ms: 2, p95_ms: 4, ops_per_s: 256.1, target_p95_ms: 50, ok: true });
    expect(summarize('x', samples, 3).ok).toBe(false);
    expect(summarize('x', samples, null).ok).toBe(true);
    expect(tableRow(summarize('x', samples, 3))).toMatch(/^x\s+21\s+2\.00\s+4\.00\s+256\.1\s+<= 3\s+NO\n$/);
  });
});
