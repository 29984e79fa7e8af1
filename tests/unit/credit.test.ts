import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creditUsedBp, creditUsedPercentText, FULL_LIMIT_BP, isOverCreditLimit } from '../../shared/domain/credit';
import { DomainError } from '../../shared/api/result';

describe('creditUsedBp', () => {
  it('measures the open balance against the limit in basis points, rounded up', () => {
    expect(creditUsedBp(118_000, 100_000)).toBe(11_800);
    expect(creditUsedBp(100_000, 100_000)).toBe(FULL_LIMIT_BP);
    // One cent over is over: 10,001 bp, not a rounded 100 %.
    expect(creditUsedBp(100_001, 100_000)).toBe(10_001);
    expect(creditUsedBp(1, 300)).toBe(34);
  });

  it('has nothing to measure without a limit, and counts a credit balance as none used', () => {
    expect(creditUsedBp(50_000, 0)).toBeNull();
    expect(creditUsedBp(50_000, -1)).toBeNull();
    expect(creditUsedBp(-5_000, 100_000)).toBe(0);
  });

  it('stays in the safe range for the largest amounts and refuses fractions', () => {
    expect(creditUsedBp(Number.MAX_SAFE_INTEGER, 1)).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => creditUsedBp(0.5, 100)).toThrow(DomainError);
  });

  it('is over the limit exactly when the balance is above it', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000_000 }), fc.integer({ min: 1, max: 1_000_000_000 }), (used, limit) => {
        expect(isOverCreditLimit(creditUsedBp(used, limit))).toBe(used > limit);
      }),
    );
  });

  it('grows with the balance', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 1_000_000_000 }), (used, more, limit) => {
        expect(creditUsedBp(used + more, limit) ?? 0).toBeGreaterThanOrEqual(creditUsedBp(used, limit) ?? 0);
      }),
    );
  });
});

describe('creditUsedPercentText', () => {
  it('reads as whole per cent, never 100 % for a balance over the limit', () => {
    expect(creditUsedPercentText(11_800)).toBe('118 %');
    expect(creditUsedPercentText(10_000)).toBe('100 %');
    expect(creditUsedPercentText(10_001)).toBe('>100 %');
    expect(creditUsedPercentText(4_250)).toBe('43 %');
  });
});
