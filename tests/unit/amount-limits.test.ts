import { describe, expect, it } from 'vitest';
import { DomainError } from '../../shared/api/result';
import { requireDisputable, requireInstalmentsAddUp, requireNotAboveOwed, requireWithinBalance } from '../../shared/domain/amount-limits';
import { formatMoney } from '../../shared/domain/money';
import { validateInstalments } from '../../shared/domain/promise-plan';

/** The message of what `rule` throws. */
function messageOf(rule: () => void): string {
  try {
    rule();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).message;
  }
  throw new Error('the rule accepted the amount');
}

const TOO_MUCH = 19_102_775_000;
const OWED = 19_102_775;

describe('every amount rule names amounts as the UI shows them', () => {
  const rules: readonly (readonly [string, string, () => void])[] = [
    ['a promise over what is owed', 'EUR', () => { requireNotAboveOwed('promise', TOO_MUCH, OWED, 'EUR', 'amountMinor'); }],
    ['a plan over what is owed', 'USD', () => { requireNotAboveOwed('plan', TOO_MUCH, OWED, 'USD', 'totalMinor'); }],
    ['a dispute over the open amount', 'EUR', () => { requireDisputable(TOO_MUCH, OWED, 'EUR', 'items.0.disputedMinor'); }],
    ['a write-off over the balance', 'EUR', () => { requireWithinBalance(TOO_MUCH, OWED, 'EUR', 'amountMinor'); }],
    ['instalments that miss the total', 'JPY', () => { requireInstalmentsAddUp(TOO_MUCH, OWED, 'JPY', 'totalMinor'); }],
    ['a plan whose instalments miss the total', 'EUR', () => validateInstalments([{ promisedDate: '2026-12-01', amountMinor: TOO_MUCH }, { promisedDate: '2026-12-02', amountMinor: OWED }], '2026-11-23', 'EUR', OWED)],
  ];

  it.each(rules)('%s', (_label, currency, rule) => {
    const message = messageOf(rule);
    expect(message).toContain(formatMoney({ amountMinor: OWED, currency }));
    // No raw minor units: every run of digits is part of a formatted amount.
    expect(message).not.toMatch(/\d{4,}/);
  });

  it('shows €191,027,750.00 against €191,027.75, as in the report that found it', () => {
    expect(messageOf(() => { requireNotAboveOwed('promise', TOO_MUCH, OWED, 'EUR', 'amountMinor'); })).toBe('the promised €191,027,750.00 exceeds the €191,027.75 still owed and not disputed');
  });

  it('accepts amounts up to the bound', () => {
    expect(() => { requireNotAboveOwed('promise', OWED, OWED, 'EUR', 'amountMinor'); }).not.toThrow();
    expect(() => { requireWithinBalance(OWED, OWED, 'EUR', 'amountMinor'); }).not.toThrow();
    expect(messageOf(() => { requireWithinBalance(1, 0, 'EUR', 'amountMinor'); })).toBe('the customer owes nothing in EUR');
  });
});
