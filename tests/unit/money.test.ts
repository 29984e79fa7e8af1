import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DomainError } from '../../shared/api/result';
import {
  addMinorSaturating,
  addMoney,
  clampMinor,
  compareMoney,
  formatAmount,
  formatMoney,
  isCurrencyCode,
  minorDigits,
  minorToDecimalString,
  money,
  parseMoney,
  subtractMoney,
  sumMinor,
  sumMinorSaturating,
  totalsByCurrency,
} from '../../shared/domain/money';

/** Runs `fn` and returns the DomainError it throws, failing the test when it does not. */
function domainErrorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

const CURRENCIES = ['EUR', 'USD', 'JPY', 'BHD', 'GBP', 'CHF', 'SEK'] as const;
const safeMinor = fc.integer({ min: -1_000_000_000_000, max: 1_000_000_000_000 });

describe('money', () => {
  it('builds a value from minor units and a code', () => {
    expect(money(123450, 'EUR')).toEqual({ amountMinor: 123450, currency: 'EUR' });
    expect(money(-5, 'JPY')).toEqual({ amountMinor: -5, currency: 'JPY' });
  });

  it.each(['eur', 'EURO', 'E1R', '', 'US'])('refuses the currency code %j and names the field', (code) => {
    const error = domainErrorOf(() => money(1, code));
    expect(error.code).toBe('validation');
    expect(error.field).toBe('currency');
  });

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1])('refuses the amount %d', (amount) => {
    const error = domainErrorOf(() => money(amount, 'EUR'));
    expect(error.field).toBe('amountMinor');
  });
});

describe('addMoney / subtractMoney / compareMoney', () => {
  it('adds and subtracts in one currency', () => {
    expect(addMoney(money(150, 'EUR'), money(-50, 'EUR'))).toEqual(money(100, 'EUR'));
    expect(subtractMoney(money(150, 'EUR'), money(200, 'EUR'))).toEqual(money(-50, 'EUR'));
  });

  it('refuses mixing currencies', () => {
    expect(domainErrorOf(() => addMoney(money(1, 'EUR'), money(1, 'USD'))).field).toBe('currency');
    expect(domainErrorOf(() => subtractMoney(money(1, 'EUR'), money(1, 'USD'))).message).toContain('EUR');
    expect(() => compareMoney(money(1, 'EUR'), money(1, 'GBP'))).toThrow(DomainError);
  });

  it('refuses a result beyond the safe-integer range', () => {
    expect(() => addMoney(money(Number.MAX_SAFE_INTEGER, 'EUR'), money(1, 'EUR'))).toThrow(DomainError);
    expect(() => subtractMoney(money(Number.MIN_SAFE_INTEGER, 'EUR'), money(1, 'EUR'))).toThrow(DomainError);
  });

  it('compares', () => {
    expect(compareMoney(money(1, 'EUR'), money(2, 'EUR'))).toBe(-1);
    expect(compareMoney(money(2, 'EUR'), money(2, 'EUR'))).toBe(0);
    expect(compareMoney(money(3, 'EUR'), money(-2, 'EUR'))).toBe(1);
  });

  it('add and subtract are inverse', () => {
    fc.assert(
      fc.property(safeMinor, safeMinor, fc.constantFrom(...CURRENCIES), (a, b, currency) => {
        const sum = addMoney(money(a, currency), money(b, currency));
        expect(subtractMoney(sum, money(b, currency))).toEqual(money(a, currency));
      }),
    );
  });

  it('comparison is antisymmetric and agrees with subtraction', () => {
    fc.assert(
      fc.property(safeMinor, safeMinor, (a, b) => {
        const x = money(a, 'EUR');
        const y = money(b, 'EUR');
        expect(compareMoney(x, y)).toBe(-compareMoney(y, x) || 0);
        expect(compareMoney(x, y)).toBe(Math.sign(subtractMoney(x, y).amountMinor) || 0);
      }),
    );
  });
});

describe('sumMinor', () => {
  it('sums exactly, including the empty list', () => {
    expect(sumMinor([])).toBe(0);
    expect(sumMinor([10, 20, -5])).toBe(25);
    expect(sumMinor([Number.MAX_SAFE_INTEGER - 1, 1])).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('throws when the sum leaves the safe range or a value is not a whole number', () => {
    expect(() => sumMinor([Number.MAX_SAFE_INTEGER, 1])).toThrow(DomainError);
    expect(() => sumMinor([0.1, 0.2])).toThrow(DomainError);
  });

  it('read models saturate at the safe-integer bounds instead of throwing', () => {
    const max = Number.MAX_SAFE_INTEGER;
    expect(addMinorSaturating(max, max)).toBe(max);
    expect(addMinorSaturating(-max, -1)).toBe(-max);
    expect(addMinorSaturating(max, -max)).toBe(0);
    expect(sumMinorSaturating([max, max, -1])).toBe(max - 1);
    expect(clampMinor(2 ** 60)).toBe(max);
    expect(() => clampMinor(Number.NaN)).toThrow(DomainError);
    expect(() => clampMinor(1.5)).toThrow(DomainError);
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.maxSafeInteger(), (a, b) => {
        const total = addMinorSaturating(a, b);
        expect(Number.isSafeInteger(total)).toBe(true);
        if (Number.isSafeInteger(a + b)) expect(total).toBe(a + b);
      }),
    );
  });

  it('a split sums back to the original amount', () => {
    fc.assert(
      fc.property(safeMinor, fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 20 }), (total, weights) => {
        // Split proportionally, putting the rounding remainder on the last part, like an instalment plan.
        const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
        const parts = weights.map((weight) => Math.trunc((total / weightSum) * weight));
        parts[parts.length - 1] = (parts[parts.length - 1] ?? 0) + total - parts.reduce((sum, part) => sum + part, 0);
        expect(sumMinor(parts)).toBe(total);
      }),
    );
  });

  it('does not depend on order', () => {
    fc.assert(
      fc.property(fc.array(safeMinor, { maxLength: 50 }), (values) => {
        expect(sumMinor([...values].reverse())).toBe(sumMinor(values));
      }),
    );
  });
});

describe('totalsByCurrency', () => {
  it('totals per currency, sorted by code', () => {
    const totals = totalsByCurrency([money(100, 'USD'), money(5, 'EUR'), money(-30, 'USD'), money(7, 'CHF')]);
    expect(totals).toEqual([money(7, 'CHF'), money(5, 'EUR'), money(70, 'USD')]);
  });

  it('keeps a currency whose total is zero and returns nothing for no items', () => {
    expect(totalsByCurrency([money(5, 'EUR'), money(-5, 'EUR')])).toEqual([money(0, 'EUR')]);
    expect(totalsByCurrency([])).toEqual([]);
  });

  it('grand totals equal the sum of the items of each currency', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ amountMinor: safeMinor, currency: fc.constantFrom(...CURRENCIES) }), { maxLength: 40 }), (items) => {
        const totals = totalsByCurrency(items);
        expect(totals.map((total) => total.currency)).toEqual([...new Set(items.map((item) => item.currency))].sort());
        for (const total of totals) {
          expect(total.amountMinor).toBe(sumMinor(items.filter((item) => item.currency === total.currency).map((item) => item.amountMinor)));
        }
      }),
    );
  });
});

describe('minorDigits and decimal strings', () => {
  it('knows the minor digits of a currency', () => {
    expect(minorDigits('EUR')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('BHD')).toBe(3);
  });

  it('counts and prints a stored code that is no ISO code with two decimals, never failing', () => {
    for (const code of ['???', '1A2', 'É$€', 'eur', '']) {
      expect(isCurrencyCode(code)).toBe(false);
      expect(minorDigits(code)).toBe(2);
      expect(formatMoney({ amountMinor: 123_456, currency: code })).toBe(`1,234.56 ${code}`);
    }
    expect(() => money(1, '???')).toThrow(DomainError);
  });

  it.each([
    [123450, 'EUR', '1234.50'],
    [-5, 'EUR', '-0.05'],
    [0, 'EUR', '0.00'],
    [7, 'BHD', '0.007'],
    [-1234, 'JPY', '-1234'],
    [Number.MAX_SAFE_INTEGER, 'USD', '90071992547409.91'],
  ] as const)('%d %s -> %s', (amount, currency, expected) => {
    expect(minorToDecimalString(amount, currency)).toBe(expected);
  });

  it('the decimal string holds exactly the minor units', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.constantFrom(...CURRENCIES), (amount, currency) => {
        const text = minorToDecimalString(amount, currency);
        expect(BigInt(text.replace('.', ''))).toBe(BigInt(amount));
        const fraction = text.split('.')[1] ?? '';
        expect(fraction.length).toBe(minorDigits(currency));
      }),
    );
  });
});

describe('formatMoney', () => {
  it('formats with the currency of the amount, en-US by default', () => {
    expect(formatMoney(money(123450, 'EUR'))).toBe('€1,234.50');
    expect(formatMoney(money(-5, 'USD'))).toBe('-$0.05');
    expect(formatMoney(money(1234, 'JPY'))).toBe('¥1,234');
    expect(formatMoney(money(1234567, 'BHD'))).toContain('1,234.567');
  });

  it('follows the locale', () => {
    expect(formatMoney(money(123450, 'EUR'), 'de-DE')).toBe('1.234,50\u00a0€');
  });

  it('falls back to en-US for a malformed locale', () => {
    expect(formatMoney(money(123450, 'EUR'), 'not a locale')).toBe('€1,234.50');
    expect(parseMoney('1,234.50', 'EUR', 'not a locale').amountMinor).toBe(123450);
  });

  it('prints every digit of amounts beyond float precision', () => {
    expect(formatMoney(money(Number.MAX_SAFE_INTEGER, 'USD'))).toBe('$90,071,992,547,409.91');
  });

  it('formatAmount leaves out the symbol', () => {
    expect(formatAmount(1234550, 'EUR')).toBe('12,345.50');
    expect(formatAmount(-7, 'JPY')).toBe('-7');
  });
});

describe('parseMoney', () => {
  it.each([
    ['1,234.5', 'EUR', 'en-US', 123450],
    ['1234.56', 'EUR', 'en-US', 123456],
    ['€1,234.56', 'EUR', 'en-US', 123456],
    ['-1,234.56 EUR', 'EUR', 'en-US', -123456],
    ['  12  ', 'USD', 'en-US', 1200],
    ['.5', 'EUR', 'en-US', 50],
    ['-€5', 'EUR', 'en-US', -500],
    ['\u22123.10', 'EUR', 'en-US', -310],
    ['1,234', 'JPY', 'en-US', 1234],
    ['1.234', 'BHD', 'en-US', 1234],
    ['1.234,56', 'EUR', 'de-DE', 123456],
    ['1 234,56 €', 'EUR', 'fr-FR', 123456],
    ['1\u202f234,56', 'EUR', 'fr-FR', 123456],
    ['1’234.56', 'CHF', 'de-CH', 123456],
    ['1,23,456.00', 'INR', 'en-IN', 12345600],
    ['-0', 'EUR', 'en-US', 0],
    ['EUR -12.30', 'EUR', 'en-US', -1230],
    ['€ 7', 'EUR', 'en-US', 700],
  ] as const)('%j %s %s -> %d', (text, currency, locale, expected) => {
    expect(parseMoney(text, currency, locale)).toEqual({ amountMinor: expected, currency });
  });

  it.each([['abc'], [''], ['.'], ['1,2,3'], ['12,34'], ['1.2.3'], ['(5)'], ['5 USD'], ['1e3'], ['1EUR2'], ['1234,56']])('refuses %j', (text) => {
    const error = domainErrorOf(() => parseMoney(text, 'EUR'));
    expect(error.code).toBe('validation');
    expect(error.field).toBe('amount');
    expect(error.message).toContain('not an amount');
  });

  it('refuses more decimals than the currency has, without rounding', () => {
    expect(domainErrorOf(() => parseMoney('1.234', 'EUR')).message).toBe('EUR amounts have at most 2 decimals');
    expect(domainErrorOf(() => parseMoney('1.5', 'JPY')).message).toBe('JPY amounts have no decimals');
    expect(domainErrorOf(() => parseMoney('x', 'JPY')).message).toBe('"x" is not an amount (expected e.g. 1,234)');
    expect(domainErrorOf(() => parseMoney('x', 'EUR', 'de-DE')).message).toBe('"x" is not an amount (expected e.g. 1.234,00)');
  });

  it('refuses amounts beyond the safe range and bad currency codes', () => {
    expect(domainErrorOf(() => parseMoney('90071992547409.92', 'EUR')).message).toContain('too large');
    expect(parseMoney('90071992547409.91', 'EUR').amountMinor).toBe(Number.MAX_SAFE_INTEGER);
    expect(domainErrorOf(() => parseMoney('1', 'euro')).field).toBe('currency');
  });

  it('round-trips decimal strings and formatted amounts', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.constantFrom(...CURRENCIES), fc.constantFrom('en-US', 'de-DE', 'fr-FR', 'de-CH'), (amount, currency, locale) => {
        expect(parseMoney(minorToDecimalString(amount, currency), currency).amountMinor).toBe(amount);
        expect(parseMoney(formatMoney(money(amount, currency), locale), currency, locale).amountMinor).toBe(amount);
      }),
    );
  });
});
