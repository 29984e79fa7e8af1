import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalDecimal, decimalOfNumber, decimalToMinor, isDateFormat, parseDateText, parseFlag } from '../../../server/import/fields';

describe('ERP import field readers', () => {
  it('read dates in the stated pattern only, and only real days', () => {
    expect(parseDateText('1/2/2013', 'M/d/yyyy')).toBe('2013-01-02');
    expect(parseDateText('12/31/2013', 'M/d/yyyy')).toBe('2013-12-31');
    expect(parseDateText('03.01.2026', 'dd.MM.yyyy')).toBe('2026-01-03');
    expect(parseDateText('3.1.2026', 'dd.MM.yyyy')).toBeNull();
    expect(parseDateText('2026-02-28', 'yyyy-MM-dd')).toBe('2026-02-28');
    expect(parseDateText('2026-02-29', 'yyyy-MM-dd')).toBeNull();
    expect(parseDateText('2/30/2026', 'M/d/yyyy')).toBeNull();
    expect(parseDateText('2026-01-05', 'M/d/yyyy')).toBeNull();
    expect(parseDateText('2026-01-05x', 'yyyy-MM-dd')).toBeNull();
    expect(isDateFormat('dd.MM.yyyy')).toBe(true);
    expect(isDateFormat('MM/yyyy')).toBe(false);
    expect(isDateFormat('d/d/yyyy')).toBe(false);
  });

  it('read decimals with the stated separator and no grouping', () => {
    expect(canonicalDecimal('1234,56', ',')).toBe('1234.56');
    expect(canonicalDecimal(' -100,00 ', ',')).toBe('-100.00');
    expect(canonicalDecimal('+7', '.')).toBe('7');
    expect(canonicalDecimal('1,234.56', '.')).toBeNull();
    expect(canonicalDecimal('1.234,56', ',')).toBeNull();
    expect(canonicalDecimal('12.5', ',')).toBeNull();
    expect(canonicalDecimal('1e3', '.')).toBeNull();
    expect(decimalOfNumber(1234.5)).toBe('1234.5');
    expect(decimalOfNumber(1e21)).toBeNull();
    expect(decimalOfNumber(Number.NaN)).toBeNull();
  });

  it('convert decimals to minor units exactly, refusing extra decimals instead of rounding', () => {
    expect(decimalToMinor('55.94', 2)).toBe(5594);
    expect(decimalToMinor('0.1', 2)).toBe(10);
    expect(decimalToMinor('-100.00', 2)).toBe(-10_000);
    expect(decimalToMinor('1.230', 2)).toBe(123);
    expect(decimalToMinor('1.234', 2)).toBeNull();
    expect(decimalToMinor('1500', 0)).toBe(1500);
    expect(decimalToMinor('1500.5', 0)).toBeNull();
    expect(decimalToMinor('90071992547409.92', 2)).toBeNull();
  });

  it('round-trip every cent amount through its decimal text', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (cents) => {
        const sign = cents < 0 ? '-' : '';
        const text = `${sign}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;
        expect(decimalToMinor(canonicalDecimal(text, '.') ?? '', 2)).toBe(cents);
        expect(decimalToMinor(canonicalDecimal(text.replace('.', ','), ',') ?? '', 2)).toBe(cents);
      }),
    );
  });

  it('read yes/no flags in the spellings ERP exports use', () => {
    expect(['Yes', 'true', '1', 'X', 'ja'].map(parseFlag)).toEqual([true, true, true, true, true]);
    expect(['No', 'FALSE', '0', 'n', 'nein'].map(parseFlag)).toEqual([false, false, false, false, false]);
    expect(parseFlag('maybe')).toBeNull();
  });
});
