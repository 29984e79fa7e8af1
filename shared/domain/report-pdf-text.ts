/**
 * The PDF reports use the standard Helvetica font, which covers Windows-1252 only. Text outside it
 * is made printable: Latin letters with marks lose the mark (Ł -> L, ź -> z), anything else becomes
 * a visible "?" instead of a missing glyph or a crash.
 */

/** The characters Windows-1252 adds in 0x80..0x9F; 0x20..0x7E and 0xA0..0xFF are Latin-1 itself. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/** Latin letters whose mark is not a combining character, so NFD cannot strip it. */
const LATIN_FALLBACKS: Readonly<Record<string, string>> = {
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  Ħ: 'H',
  ħ: 'h',
  ı: 'i',
  Ŧ: 'T',
  ŧ: 't',
  '\u2212': '-',
};

export const REPLACEMENT = '?';

const isWinAnsi = (char: string): boolean => {
  const code = char.codePointAt(0) ?? 0;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(char);
};

function printable(char: string): string {
  if (isWinAnsi(char)) return char;
  if (char === '\n' || char === '\t') return char === '\t' ? ' ' : char;
  if (char === '\r') return '';
  const fallback = LATIN_FALLBACKS[char];
  if (fallback !== undefined) return fallback;
  const stripped = char.normalize('NFD').replace(/\p{M}+/gu, '');
  if (stripped !== '' && Array.from(stripped).every(isWinAnsi)) return stripped;
  return REPLACEMENT;
}

export function toWinAnsi(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC')) out += printable(char);
  return out;
}
