import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REPLACEMENT, toWinAnsi } from '../../shared/domain/report-pdf-text';

const WIN_ANSI_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';

describe('text for the standard PDF fonts', () => {
  it('keeps Latin-1 and the Windows-1252 extras as they are', () => {
    expect(toWinAnsi('Krüger GmbH – 1.234,50 €')).toBe('Krüger GmbH – 1.234,50 €');
  });

  it('drops marks Windows-1252 lacks and maps Polish ł', () => {
    expect(toWinAnsi('Łódź')).toBe('Lódz');
    expect(toWinAnsi('Dvořák, Šťastný')).toBe('Dvorák, Štastný');
  });

  it('shows other scripts visibly as "?" instead of dropping them', () => {
    expect(toWinAnsi('東京 office')).toBe(`${REPLACEMENT}${REPLACEMENT} office`);
  });

  it('anything comes out as Windows-1252 characters and line breaks only', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        for (const char of toWinAnsi(text)) {
          const code = char.codePointAt(0) ?? 0;
          const ok = char === '\n' || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.includes(char);
          expect(ok, `U+${code.toString(16)}`).toBe(true);
        }
      }),
    );
  });
});
