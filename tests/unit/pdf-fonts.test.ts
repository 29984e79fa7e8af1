import { describe, expect, it } from 'vitest';
import { cleanText, familyFor, hasPrimaryGlyph, needsLayout } from '../../db/reports/pdf/fonts';

const familiesOf = (text: string) => [...new Set(Array.from(text.replaceAll(' ', ''), (char) => familyFor(char.codePointAt(0) ?? 0)))];

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
  ])('write %s in Noto Sans, drawn by pdfkit directly', (_script, text) => {
    expect(familiesOf(text)).toEqual(['latin']);
    expect(needsLayout(text)).toBe(false);
  });

  it.each([
    ['Chinese', '北京科技有限公司', 'chinese'],
    ['Japanese kana', 'ありがとう', 'chinese'],
    ['Arabic', 'مرحبا', 'arabic'],
    ['Hebrew', 'שלום', 'hebrew'],
    ['emoji', '😀🦄', 'emoji'],
    ['symbols', '♞♜', 'symbols'],
  ])('take %s from its fallback font, laid out', (_script, text, family) => {
    expect(familiesOf(text)).toEqual([family]);
    expect(needsLayout(text)).toBe(true);
  });

  it('have no font for Ethiopic, Thai or Hangul (reported by the export, not guessed)', () => {
    for (const char of 'ሰไ한') expect(familyFor(char.codePointAt(0) ?? 0), char).toBeNull();
  });

  it('lay out a right-to-left text even when Noto Sans has its characters (direction marks)', () => {
    expect(needsLayout('abc\u200f')).toBe(true);
  });

  it('cover what the old standard font printed as "?"', () => {
    for (const char of 'ŁłĘęŻżŚśŃńĆćŹź') expect(hasPrimaryGlyph(char.codePointAt(0) ?? 0), char).toBe(true);
  });

  it('write the text composed, with tabs as spaces and no carriage returns, line breaks kept', () => {
    expect(cleanText('Cafe\u0301\tbar\r\nnext')).toBe('Café bar\nnext');
  });
});
