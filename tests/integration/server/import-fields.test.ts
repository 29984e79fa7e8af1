import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalDecimal, decimalOfNumber, decimalToMinor, exampleIn, isDateFormat, parseDateText, parseFlag, PLAIN_NUMBERS, type NumberStyle } from '../../../server/import/fields';

const COMMA: NumberStyle = { decimal: ',', group: null, negative: 'leading' };
const SAP_DE: NumberStyle = { decimal: ',', group: '.', negative: 'trailing' };

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
    expect(canonicalDecimal('1234,56', COMMA)).toBe('1234.56');
    expect(canonicalDecimal(' -100,00 ', COMMA)).toBe('-100.00');
    expect(canonicalDecimal('+7', PLAIN_NUMBERS)).toBe('7');
    expect(canonicalDecimal('1,234.56', PLAIN_NUMBERS)).toBeNull();
    expect(canonicalDecimal('1.234,56', COMMA)).toBeNull();
    expect(canonicalDecimal('12.5', COMMA)).toBeNull();
    expect(canonicalDecimal('1e3', PLAIN_NUMBERS)).toBeNull();
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

  it('read amounts in the declared number style: grouping, and the minus where the export puts it', () => {
    // SAP with German settings: 12.345,67 and credits with a trailing minus.
    expect(canonicalDecimal('12.345,67', SAP_DE)).toBe('12345.67');
    expect(canonicalDecimal('250,00-', SAP_DE)).toBe('-250.00');
    expect(canonicalDecimal('1.234.567,00-', SAP_DE)).toBe('-1234567.00');
    expect(canonicalDecimal('50.000', SAP_DE)).toBe('50000');
    expect(canonicalDecimal('-250,00', SAP_DE)).toBeNull();
    expect(canonicalDecimal('1.2.3,00', SAP_DE)).toBeNull();
    expect(canonicalDecimal('12345,67', SAP_DE)).toBe('12345.67');
    // Accounting reports: (1,234.56); Swiss 1'234.50 with either apostrophe; French with any space.
    const accounting: NumberStyle = { decimal: '.', group: ',', negative: 'parentheses' };
    expect(canonicalDecimal('(1,234.56)', accounting)).toBe('-1234.56');
    expect(canonicalDecimal('1,234.56', accounting)).toBe('1234.56');
    expect(canonicalDecimal('-1,234.56', accounting)).toBeNull();
    expect(canonicalDecimal('(1,234.56', accounting)).toBeNull();
    const swiss: NumberStyle = { decimal: '.', group: "'", negative: 'leading' };
    expect(canonicalDecimal("1'234.50", swiss)).toBe('1234.50');
    expect(canonicalDecimal('1\u2019234.50', swiss)).toBe('1234.50');
    const french: NumberStyle = { decimal: ',', group: ' ', negative: 'leading' };
    for (const space of [' ', '\u00a0', '\u202f']) expect(canonicalDecimal(`-1${space}234${space}567,89`, french)).toBe('-1234567.89');
    // Indian grouping: 1,23,456.00.
    expect(canonicalDecimal('1,23,456.00', { decimal: '.', group: ',', negative: 'leading' })).toBe('123456.00');
    // SAP's list writes 250,00-, its spreadsheet export -250,00: a preset for both reads either, never both at once.
    const either: NumberStyle = { ...SAP_DE, negative: 'leading_or_trailing' };
    expect(canonicalDecimal('250,00-', either)).toBe('-250.00');
    expect(canonicalDecimal('-1.250,00', either)).toBe('-1250.00');
    expect(canonicalDecimal('\u22121.250,00', either)).toBe('-1250.00');
    expect(canonicalDecimal('1.250,00', either)).toBe('1250.00');
    expect(canonicalDecimal('-250,00-', either)).toBeNull();
    expect(canonicalDecimal('(250,00)', either)).toBeNull();
    expect(exampleIn(either)).toBe('-1.234,56 or 1.234,56-');
    expect(exampleIn(SAP_DE)).toBe('1.234,56-');
    expect(exampleIn(accounting)).toBe('(1,234.56)');
    expect(exampleIn(PLAIN_NUMBERS)).toBe('-1234.56');
  });

  it('read back every amount written in any declared style', () => {
    const styles: NumberStyle[] = [PLAIN_NUMBERS, COMMA, SAP_DE, { decimal: '.', group: ',', negative: 'parentheses' }, { decimal: ',', group: '\u202f', negative: 'leading' }, { decimal: '.', group: "'", negative: 'trailing' }, { decimal: ',', group: '.', negative: 'leading_or_trailing' }];
    const write = (cents: number, style: NumberStyle): string => {
      const whole = String(Math.floor(Math.abs(cents) / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, style.group ?? '');
      const digits = `${whole}${style.decimal}${String(Math.abs(cents) % 100).padStart(2, '0')}`;
      if (cents >= 0) return digits;
      return style.negative === 'parentheses' ? `(${digits})` : style.negative === 'trailing' ? `${digits}-` : `-${digits}`;
    };
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.constantFrom(...styles), (cents, style) => {
        expect(decimalToMinor(canonicalDecimal(write(cents, style), style) ?? '', 2)).toBe(cents);
      }),
    );
  });

  it('round-trip every cent amount through its decimal text', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (cents) => {
        const sign = cents < 0 ? '-' : '';
        const text = `${sign}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;
        expect(decimalToMinor(canonicalDecimal(text, PLAIN_NUMBERS) ?? '', 2)).toBe(cents);
        expect(decimalToMinor(canonicalDecimal(text.replace('.', ','), COMMA) ?? '', 2)).toBe(cents);
      }),
    );
  });

  it('read yes/no flags in the spellings ERP exports use', () => {
    expect(['Yes', 'true', '1', 'X', 'ja'].map(parseFlag)).toEqual([true, true, true, true, true]);
    expect(['No', 'FALSE', '0', 'n', 'nein'].map(parseFlag)).toEqual([false, false, false, false, false]);
    expect(parseFlag('maybe')).toBeNull();
  });
});
