import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ISO_4217_MINOR_UNITS } from '../../shared/domain/iso4217';
import { formatAmount, formatMoney, minorDigits, minorToDecimalString, parseMoney } from '../../shared/domain/money';

const LIST = [...ISO_4217_MINOR_UNITS.entries()];
const codesWith = (unit: number | null): string[] => LIST.filter(([, value]) => value === unit).map(([code]) => code).sort();

describe('the ISO 4217 table', () => {
  it('lists each current code once, three capital letters, with a minor unit ISO uses', () => {
    expect(LIST.length).toBeGreaterThanOrEqual(179);
    for (const [code, unit] of LIST) {
      expect(code).toMatch(/^[A-Z]{3}$/);
      expect([0, 2, 3, 4, null]).toContain(unit);
    }
  });

  it('has exactly the currencies ISO gives no, three or four decimals', () => {
    expect(codesWith(0)).toEqual(['BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND', 'VUV', 'XAF', 'XOF', 'XPF']);
    expect(codesWith(3)).toEqual(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']);
    expect(codesWith(4)).toEqual(['CLF', 'UYW']);
    expect(codesWith(null)).toEqual(['XAG', 'XAU', 'XBA', 'XBB', 'XBC', 'XBD', 'XDR', 'XPD', 'XPT', 'XSU', 'XTS', 'XUA', 'XXX']);
  });

  it('stores the currencies the locale data rounds to whole units at their ISO decimals', () => {
    for (const code of ['HUF', 'IDR', 'COP', 'PKR', 'AFN', 'ALL', 'IRR', 'KPW', 'LAK', 'LBP', 'MGA', 'MMK', 'SOS', 'SYP', 'YER']) expect(minorDigits(code), code).toBe(2);
    expect(minorDigits('IQD')).toBe(3);
    expect(parseMoney('1234.50', 'HUF')).toEqual({ amountMinor: 123_450, currency: 'HUF' });
    expect(parseMoney('1,234.567', 'IQD')).toEqual({ amountMinor: 1_234_567, currency: 'IQD' });
  });

  it('counts a code without a minor unit, a withdrawn one and an unknown one with two decimals', () => {
    for (const code of ['XAU', 'XDR', 'HRK', 'ESP', 'ZZZ']) expect(minorDigits(code), code).toBe(2);
  });

  it('reads back every amount of every listed currency exactly, and prints each with all its stored decimals', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LIST.map(([code]) => code)), fc.integer({ min: -1e12, max: 1e12 }), (currency, amountMinor) => {
        const digits = minorDigits(currency);
        expect(parseMoney(minorToDecimalString(amountMinor, currency), currency).amountMinor).toBe(amountMinor);
        expect(parseMoney(formatAmount(amountMinor, currency), currency).amountMinor).toBe(amountMinor);
        const fraction = amountMinor % 10 ** digits;
        if (fraction !== 0) expect(formatAmount(amountMinor, currency).split('.')[1]).toHaveLength(digits);
        expect(formatMoney({ amountMinor, currency })).toContain(formatAmount(Math.abs(amountMinor), currency));
      }),
      { numRuns: 3000 },
    );
  });

  it('shows a whole amount with the decimals its currency customarily goes without, and a fraction in full', () => {
    expect(formatMoney({ amountMinor: 123_400, currency: 'HUF' })).toBe('HUF\u00a01,234');
    expect(formatMoney({ amountMinor: 123_450, currency: 'HUF' })).toBe('HUF\u00a01,234.50');
    expect(formatAmount(1_234_000, 'IQD')).toBe('1,234');
    expect(formatAmount(1_234_500, 'IQD')).toBe('1,234.500');
    expect(formatMoney({ amountMinor: 123_400, currency: 'EUR' })).toBe('€1,234.00');
    expect(formatMoney({ amountMinor: 1_234, currency: 'JPY' })).toBe('¥1,234');
  });
});
