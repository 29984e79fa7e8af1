import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DomainError } from '../../shared/api/result';
import { DEFAULT_FX, hasRate, toBaseMinor, type FxTable } from '../../shared/domain/fx';

const CURRENCIES = ['EUR', 'USD', 'JPY', 'BHD', 'GBP'] as const;
const amount = fc.integer({ min: -1_000_000_000_000, max: 1_000_000_000_000 });

describe('DEFAULT_FX', () => {
  it('has EUR as base and the demo currencies', () => {
    expect(DEFAULT_FX.base).toBe('EUR');
    for (const code of ['USD', 'GBP', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'JPY', 'CAD', 'AUD']) {
      expect(hasRate(code, DEFAULT_FX)).toBe(true);
      expect(Number(DEFAULT_FX.rates[code])).toBeGreaterThan(0);
    }
    expect(hasRate('XYZ', DEFAULT_FX)).toBe(false);
  });
});

describe('toBaseMinor', () => {
  it('converts with the rate, respecting the minor digits of both currencies', () => {
    expect(toBaseMinor(10000, 'USD', DEFAULT_FX)).toBe(9200);
    // 100,000 JPY has no minor digits; 100,000 × 0.0061 EUR = 610.00 EUR.
    expect(toBaseMinor(100000, 'JPY', DEFAULT_FX)).toBe(61000);
    const toYen: FxTable = { base: 'JPY', rates: { EUR: '163.5', BHD: '400.125' } };
    expect(toBaseMinor(1000, 'EUR', toYen)).toBe(1635);
    expect(toBaseMinor(1, 'BHD', toYen)).toBe(0);
    expect(toBaseMinor(2, 'BHD', toYen)).toBe(1);
    const toDinar: FxTable = { base: 'BHD', rates: { USD: '0.376' } };
    expect(toBaseMinor(100, 'USD', toDinar)).toBe(376);
  });

  it('rounds half away from zero', () => {
    const table: FxTable = { base: 'EUR', rates: { USD: '0.5' } };
    expect(toBaseMinor(1, 'USD', table)).toBe(1);
    expect(toBaseMinor(-1, 'USD', table)).toBe(-1);
    expect(toBaseMinor(3, 'USD', table)).toBe(2);
    expect(toBaseMinor(-3, 'USD', table)).toBe(-2);
    const third: FxTable = { base: 'EUR', rates: { USD: '0.25' } };
    expect(toBaseMinor(1, 'USD', third)).toBe(0);
    expect(toBaseMinor(-1, 'USD', third)).toBe(0);
  });

  it('is exact where floats are not', () => {
    // 0.1 + 0.2 style drift would turn 0.7 × 1,000,000,000.01 into a wrong last digit.
    const table: FxTable = { base: 'EUR', rates: { USD: '0.7' } };
    expect(toBaseMinor(100000000001, 'USD', table)).toBe(70000000001);
  });

  it('refuses a currency without a rate, naming the field', () => {
    try {
      toBaseMinor(100, 'XYZ', DEFAULT_FX);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).field).toBe('currency');
      expect((error as DomainError).message).toContain('XYZ');
    }
  });

  it('refuses malformed rates, bad codes and results beyond the safe range', () => {
    expect(() => toBaseMinor(1, 'USD', { base: 'EUR', rates: { USD: '-1' } })).toThrow(DomainError);
    expect(() => toBaseMinor(1, 'USD', { base: 'EUR', rates: { USD: '0' } })).toThrow(DomainError);
    expect(() => toBaseMinor(1, 'USD', { base: 'EUR', rates: { USD: '1e3' } })).toThrow(DomainError);
    expect(() => toBaseMinor(1, 'usd', DEFAULT_FX)).toThrow(DomainError);
    expect(() => toBaseMinor(1.5, 'USD', DEFAULT_FX)).toThrow(DomainError);
    expect(() => toBaseMinor(Number.MAX_SAFE_INTEGER, 'GBP', DEFAULT_FX)).toThrow(DomainError);
  });

  it('the base currency converts to itself', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.constantFrom(...CURRENCIES), (value, base) => {
        expect(toBaseMinor(value, base, { base, rates: {} })).toBe(value);
      }),
    );
  });

  it('a rate of 1 is the identity between currencies with the same digits, and scales across digits', () => {
    fc.assert(
      fc.property(amount, (value) => {
        expect(toBaseMinor(value, 'USD', { base: 'EUR', rates: { USD: '1.000' } })).toBe(value);
        // JPY has no minor digits, EUR two: 1 yen at par is 100 cents.
        expect(toBaseMinor(value, 'JPY', { base: 'EUR', rates: { JPY: '1' } })).toBe(value * 100);
        // BHD has three digits: 1 fils at par is 0.1 cent, rounded half away from zero.
        const cents = toBaseMinor(value, 'BHD', { base: 'EUR', rates: { BHD: '1' } });
        expect(Math.abs(cents - value / 10)).toBeLessThanOrEqual(0.5);
      }),
    );
  });

  it('is monotonic and odd in the amount', () => {
    fc.assert(
      fc.property(amount, amount, fc.constantFrom('USD', 'JPY', 'GBP', 'SEK'), (a, b, currency) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(toBaseMinor(low, currency, DEFAULT_FX)).toBeLessThanOrEqual(toBaseMinor(high, currency, DEFAULT_FX));
        expect(toBaseMinor(-a, currency, DEFAULT_FX)).toBe(-toBaseMinor(a, currency, DEFAULT_FX) || 0);
      }),
    );
  });
});
