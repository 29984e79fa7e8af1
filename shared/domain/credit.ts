/**
 * How much of its credit limit a customer uses: the open balance of every currency against the limit,
 * both in the base currency, as basis points rounded up, so "over the limit" is exactly
 * `used > limit` (a cent over is 10,001 bp, never 100 %). One rule for the priority score's credit
 * factor, the worklist's Credit column and the account's warning.
 */
import { refused } from '../i18n/refusals';

export const FULL_LIMIT_BP = 10_000;
/** From this share on the limit is close: amber in the worklist and on the account's credit bar. */
export const NEAR_LIMIT_BP = 8_000;

/** null: no limit to measure against (none set, or in a currency without a rate). */
export function creditUsedBp(usedBaseMinor: number, limitBaseMinor: number): number | null {
  if (!Number.isSafeInteger(usedBaseMinor) || !Number.isSafeInteger(limitBaseMinor)) {
    throw refused('validation', 'creditAmountsNotWhole', 'creditLimitMinor');
  }
  if (limitBaseMinor <= 0) return null;
  if (usedBaseMinor <= 0) return 0;
  const bp = (BigInt(usedBaseMinor) * BigInt(FULL_LIMIT_BP) + BigInt(limitBaseMinor) - 1n) / BigInt(limitBaseMinor);
  return bp > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(bp);
}

export const isOverCreditLimit = (bp: number | null): boolean => bp !== null && bp > FULL_LIMIT_BP;

/** The share as people read it: whole per cent, but never "100 %" for a balance over the limit. */
export function creditUsedPercentText(bp: number): string {
  const percent = Math.round(bp / 100);
  return isOverCreditLimit(bp) && percent <= 100 ? '>100 %' : `${String(percent)} %`;
}
