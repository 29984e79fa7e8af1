import { describe, expect, it } from 'vitest';
import { hasGlyph, printableText } from '../../db/reports/pdf/fonts';

const missingIn = (text: string): string[] => {
  const missing = new Set<string>();
  printableText(text, missing);
  return [...missing];
};

describe('the PDF fonts', () => {
  it.each([
    ['Polish', 'Jędrzejewski, Sylwia Gaweł, Łódź, ŁŚŻ łśż ĄĘ'],
    ['Czech', 'Dvořák, Šťastný, Ostrava'],
    ['German', 'Krüger & Söhne, Straße'],
    ['Turkish', 'İstanbul, Işık, Çağrı'],
    ['Greek', 'Αθήνα, Ελληνικά'],
    ['Cyrillic', 'Москва, Київ, Београд'],
    ['Vietnamese', 'Hồ Chí Minh, Đà Nẵng'],
    ['money and marks', '€ £ ¥ ₺ ₴ – — „quote“ « » ‰'],
  ])('write %s as typed', (_script, text) => {
    expect(missingIn(text)).toEqual([]);
  });

  it('name each character they have no letter for, once, in the order met', () => {
    expect(missingIn('Tokyo 東京 and 東 again, شكرا, 😀')).toEqual(['東', '京', 'ش', 'ك', 'ر', 'ا', '😀']);
  });

  it('write the text composed, with tabs as spaces and no carriage returns, line breaks kept', () => {
    const missing = new Set<string>();
    expect(printableText('Cafe\u0301\tbar\r\nnext', missing)).toBe('Café bar\nnext');
    expect(missing.size).toBe(0);
  });

  it('cover what the old standard font printed as "?"', () => {
    for (const char of 'ŁłĘęŻżŚśŃńĆćŹź') expect(hasGlyph(char.codePointAt(0) ?? 0), char).toBe(true);
  });
});
