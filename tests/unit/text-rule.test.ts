import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextSchema } from '../../shared/api/text-schema';
import { normalizeLineBreaks, TEXT_PROBLEM_REFUSALS, textProblem, type TextProblem } from '../../shared/domain/text';
import { refusalMessage } from '../../shared/i18n/refusals';

/** The rule written a second way (by code point, from the Unicode ranges), as the oracle for the properties. */
function oracle(text: string): TextProblem | null {
  for (const character of text) {
    const point = character.codePointAt(0) ?? 0;
    if ((point < 0x20 && point !== 0x09 && point !== 0x0a) || (point >= 0x7f && point <= 0x9f)) return 'control_character';
    if ((point >= 0x202a && point <= 0x202e) || (point >= 0x2066 && point <= 0x2069)) return 'bidi_control';
    // Iterating a string by code point yields a lone surrogate as a one-unit "character".
    if (point >= 0xd800 && point <= 0xdfff) return 'lone_surrogate';
  }
  return null;
}

const FORBIDDEN: readonly [TextProblem, string][] = [
  ...['\u0000', '\u0001', '\u0008', '\u000B', '\u000C', '\r', '\u001B', '\u001F', '\u007F', '\u0080', '\u0085', '\u009F'].map((c): [TextProblem, string] => ['control_character', c]),
  ...['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'].map((c): [TextProblem, string] => ['bidi_control', c]),
  ...['\uD800', '\uDBFF', '\uDC00', '\uDFFF'].map((c): [TextProblem, string] => ['lone_surrogate', c]),
];

/** Any code unit sequence: whole code points (surrogate halves included, as lone units) and the forbidden ones often. */
const anyText = fc.string({
  unit: fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 0, max: 0x10ffff }).map((point) => String.fromCodePoint(point)) },
    { weight: 1, arbitrary: fc.constantFrom(...FORBIDDEN.map(([, character]) => character), '\t', '\n', '\u200E', '\u200F', '\u061C', '😀') },
  ),
  maxLength: 40,
});
const safeText = anyText.filter((text) => oracle(text) === null);
const roundTrips = (text: string): boolean => new TextDecoder().decode(new TextEncoder().encode(text)) === text;

describe('the text rule', () => {
  it.each(FORBIDDEN)('refuses %s: %j', (problem, character) => {
    expect(textProblem(`before${character}after`)).toBe(problem);
    expect(textProblem(character)).toBe(problem);
  });

  it.each(['', 'plain', 'tab\there', 'line\nfeed', 'Łódź 東京', '😀 pair', 'right-to-left mark \u200F and \u200E, Arabic letter mark \u061C', 'line separator \u2028'])(
    'takes %j',
    (text) => {
      expect(textProblem(text)).toBeNull();
    },
  );

  it('agrees with the rule written by code point, for any text', () => {
    fc.assert(fc.property(anyText, (text) => textProblem(text) === oracle(text)), { numRuns: 2_000 });
  });

  it('takes, of text without controls, exactly what UTF-8 keeps as it is (so server and client copies are equal)', () => {
    const noControls = fc.string({
      unit: fc.oneof(
        fc.integer({ min: 0, max: 0x10ffff }).map((point) => String.fromCodePoint(point)).filter((unit) => oracle(unit) !== 'control_character' && oracle(unit) !== 'bidi_control'),
        fc.constantFrom('\uD800', '\uDBFF', '\uDC00', '\uDFFF'),
      ),
      maxLength: 40,
    });
    fc.assert(fc.property(noControls, (text) => (textProblem(text) === null) === roundTrips(text)), { numRuns: 2_000 });
  });

  it('refuses any accepted text with one forbidden character put anywhere in it, naming that character’s problem', () => {
    fc.assert(
      fc.property(safeText, safeText, fc.constantFrom(...FORBIDDEN), (before, after, [problem, character]) => {
        // A high surrogate right before a low one would pair up: keep the halves apart.
        const glued = `${before}${character}${after}`;
        fc.pre(oracle(glued) === problem);
        return textProblem(glued) === problem;
      }),
      { numRuns: 2_000 },
    );
  });

  it('is what TextSchema checks, with the problem’s message and its refusal key', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const parsed = TextSchema.safeParse(text);
        const problem = textProblem(text);
        if (problem === null) return parsed.success && parsed.data === text;
        const issue = parsed.error?.issues[0];
        const key = TEXT_PROBLEM_REFUSALS[problem];
        return !parsed.success && issue?.message === refusalMessage({ key }) && issue.code === 'custom' && issue.params?.reason === key;
      }),
      { numRuns: 1_000 },
    );
  });

  it('reads an export’s line breaks as line feeds, leaving no carriage return behind', () => {
    expect(normalizeLineBreaks('a\r\nb\rc\nd')).toBe('a\nb\nc\nd');
    fc.assert(
      fc.property(anyText, (text) => {
        const normalized = normalizeLineBreaks(text);
        return !normalized.includes('\r') && normalizeLineBreaks(normalized) === normalized && (text.includes('\r') || normalized === text);
      }),
      { numRuns: 1_000 },
    );
  });
});
