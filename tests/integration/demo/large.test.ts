import { describe, expect, it } from 'vitest';
import { DEMO_SIZES, generateDemo } from '../../../shared/demo/generate';
import { DISPUTE_STATUSES, ESCALATION_KINDS, PROMISE_STATUSES } from '../../../shared/domain/codes';

describe('large demo portfolio (generated in memory)', () => {
  it('has the size the benchmarks promise, with every status represented', () => {
    const rows = generateDemo({ size: 'large', seed: 1, asOf: '2026-11-23' });
    expect(rows.customers).toHaveLength(DEMO_SIZES.large.customers);
    expect(rows.open_items.filter((item) => item.open_minor !== 0)).toHaveLength(100_000);
    expect(rows.activities).toHaveLength(200_000);
    expect(rows.promises.length).toBeGreaterThanOrEqual(2_000);
    expect(rows.promises.length).toBeLessThanOrEqual(6_000);
    expect(rows.disputes.length).toBeGreaterThanOrEqual(1_500);
    expect(rows.disputes.length).toBeLessThanOrEqual(6_000);
    expect(new Set(rows.promises.map((p) => p.status))).toEqual(new Set(PROMISE_STATUSES));
    expect(new Set(rows.disputes.map((d) => d.status))).toEqual(new Set(DISPUTE_STATUSES));
    expect(new Set(rows.escalations.map((e) => e.kind))).toEqual(new Set(ESCALATION_KINDS));
    expect(new Set(rows.customers.map((c) => c.currency))).toEqual(new Set(['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'PLN']));
    expect(new Set(rows.activities.map((a) => a.outcome)).size).toBeGreaterThanOrEqual(11);
    expect(new Set(rows.customers.map((c) => c.name)).size).toBe(DEMO_SIZES.large.customers);
    expect(new Set(rows.open_items.map((item) => item.id)).size).toBe(rows.open_items.length);
  });
});
