import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SHEET_NAME_MAX_LENGTH, uniqueSheetName } from '../../shared/domain/report-sheet-names';

describe('worksheet names', () => {
  it('drops the characters Excel forbids and keeps at most 31', () => {
    const taken = new Set<string>();
    expect(uniqueSheetName('1010001 A/B [Holding]: *?\\', taken)).toBe('1010001 A B Holding');
    expect(uniqueSheetName('1010002 Schwab, Roos und Schmidt Handelsgesellschaft', taken)).toBe('1010002 Schwab, Roos und Schmid');
  });

  it('makes repeated names unique, ignoring case, within the length limit', () => {
    const taken = new Set<string>();
    const long = 'X'.repeat(40);
    expect(uniqueSheetName('Notes', taken)).toBe('Notes');
    expect(uniqueSheetName('notes', taken)).toBe('notes (2)');
    expect(uniqueSheetName(long, taken)).toBe('X'.repeat(31));
    expect(uniqueSheetName(long, taken)).toBe(`${'X'.repeat(27)} (2)`);
  });

  it('never returns an empty, reserved or apostrophe-wrapped name', () => {
    const taken = new Set<string>();
    expect(uniqueSheetName('[]:*', taken)).toBe('Sheet');
    expect(uniqueSheetName('History', taken)).toBe('Sheet (2)');
    expect(uniqueSheetName("'quoted'", taken)).toBe('quoted');
  });

  it('any names give valid, distinct sheet names', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 50 }), { maxLength: 30 }), (names) => {
        const taken = new Set<string>();
        const sheets = names.map((name) => uniqueSheetName(name, taken));
        for (const sheet of sheets) {
          expect(sheet.length).toBeGreaterThan(0);
          expect(sheet.length).toBeLessThanOrEqual(SHEET_NAME_MAX_LENGTH);
          expect(sheet).not.toMatch(/[[\]:*?/\\]/);
        }
        expect(new Set(sheets.map((sheet) => sheet.toLowerCase())).size).toBe(sheets.length);
      }),
    );
  });
});
