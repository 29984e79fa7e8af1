/**
 * The layout of text Noto Sans cannot write alone, on a made-up coverage and a width of one unit per
 * character, so each rule shows in plain strings: fonts per cluster, line breaks, bidi order, cuts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layoutText, type FontCoverage, type TextBlock } from '../../db/reports/pdf/text-layout';

type Family = 'latin' | 'arabic' | 'cjk' | 'emoji';

const ARABIC = /[\u0600-\u06ff]/u;
const CJK = /[\u3000-\u9fff\uff00-\uffef]/u;
const EMOJI = /\p{Extended_Pictographic}|\u200d|\ufe0f/u;

const coverage: FontCoverage<Family> = {
  primary: 'latin',
  familyFor: (codePoint) => {
    const char = String.fromCodePoint(codePoint);
    if (ARABIC.test(char)) return 'arabic';
    if (CJK.test(char)) return 'cjk';
    if (EMOJI.test(char)) return 'emoji';
    if (/[\u1200-\u137f]/u.test(char)) return null;
    return 'latin';
  },
  has: (family, codePoint) => {
    const char = String.fromCodePoint(codePoint);
    if (family === 'arabic') return ARABIC.test(char) || /[\s\d()]/u.test(char);
    if (family === 'emoji') return EMOJI.test(char);
    if (family === 'cjk') return CJK.test(char) || /\d/u.test(char);
    return !ARABIC.test(char) && !CJK.test(char) && !EMOJI.test(char) && !/[\ufe00-\ufe0f]/u.test(char);
  },
  shapesRightToLeft: (family) => family === 'arabic',
};

const measure = (text: string): number => Array.from(text).length;
const layout = (text: string, width = 100, maxLines = Number.POSITIVE_INFINITY): TextBlock<Family> => layoutText(text, width, maxLines, coverage, measure);
const runs = (block: TextBlock<Family>, line = 0) => (block.lines[line]?.runs ?? []).map((run) => [run.text, run.family]);
const lineTexts = (block: TextBlock<Family>) => block.lines.map((line) => line.runs.map((run) => run.text).join(''));

describe('layoutText', () => {
  it('gives each cluster the first font that has it, and Latin spaces and digits to the primary font', () => {
    expect(runs(layout('Tokyo 東京 12 ok'))).toEqual([
      ['Tokyo ', 'latin'],
      ['東京', 'cjk'],
      [' 12 ok', 'latin'],
    ]);
  });

  it('keeps an emoji sequence with its joiners and selectors in one cluster of the emoji font', () => {
    expect(runs(layout('hi 👨\u200d👩\u200d👧 ❤\ufe0f'))).toEqual([
      ['hi ', 'latin'],
      ['👨\u200d👩\u200d👧', 'emoji'],
      [' ', 'latin'],
      ['❤\ufe0f', 'emoji'],
    ]);
  });

  it('drops a variation selector the font lacks instead of reporting it', () => {
    const block = layout('A\ufe0e');
    expect(lineTexts(block)).toEqual(['A']);
    expect(block.missing).toEqual([]);
  });

  it('names each character no font has, once, and still lays out the rest', () => {
    const block = layout('ሰ ok ሰ');
    expect(block.missing).toEqual(['ሰ']);
    expect(lineTexts(block)).toEqual(['ሰ ok ሰ']);
  });

  it('hands an Arabic run over in reading order for the font to shape, inside a left-to-right line', () => {
    const block = layout('Note: مرحبا بالعالم ok');
    expect(block.rightToLeft).toBe(false);
    expect(runs(block)).toEqual([
      ['Note: ', 'latin'],
      ['مرحبا بالعالم', 'arabic'],
      // The space reads left to right (it sits between Arabic and Latin in a left-to-right line), in the font it follows.
      [' ', 'arabic'],
      ['ok', 'latin'],
    ]);
  });

  it('orders an Arabic paragraph right to left, numbers left to right, and aligns it right', () => {
    const block = layout('العميل يدفع 500 يورو');
    expect(block.rightToLeft).toBe(true);
    // Visual, left to right: the last words first; the number as written; the font reverses each Arabic run.
    expect(runs(block)).toEqual([
      [' يورو', 'arabic'],
      ['500', 'arabic'],
      ['العميل يدفع ', 'arabic'],
    ]);
  });

  it('mirrors brackets in right-to-left text: drawn left to right, "(ok)" stays "(ok)" left of the Arabic', () => {
    // Logical ")" (mirrored to "("), then "ok", then the Arabic run with its "(" mirrored, which the font reverses.
    expect(runs(layout('مرحبا (ok)'))).toEqual([
      ['(', 'latin'],
      ['ok', 'latin'],
      ['مرحبا )', 'arabic'],
    ]);
  });

  it('breaks lines between words, and between ideographs where Chinese has no spaces', () => {
    expect(lineTexts(layout('one two three four', 9))).toEqual(['one two', 'three', 'four']);
    expect(lineTexts(layout('客户承诺下周五付款', 4))).toEqual(['客户承诺', '下周五付', '款']);
  });

  it('cuts a word longer than a line between clusters', () => {
    expect(lineTexts(layout('abcdefghij', 4))).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('keeps line breaks of the text and an empty line for an empty paragraph', () => {
    expect(lineTexts(layout('东京\n\nok'))).toEqual(['东京', '', 'ok']);
  });

  it('ends the last line that fits with an ellipsis when lines are left over', () => {
    expect(lineTexts(layout('one two three four', 9, 2))).toEqual(['one two', 'three…']);
    expect(lineTexts(layout('东京\nok', 10, 1))).toEqual(['东京…']);
  });

  it('never loses a character, never returns more lines than asked, never overfills a line it could break', () => {
    const alphabet = fc.constantFrom('a', 'b', ' ', '東', 'م', 'ر', '1', '\n', '👍', '(', ')');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 60 }).map((chars) => chars.join('')), fc.integer({ min: 2, max: 30 }), (text, width) => {
        const block = layout(text, width);
        const drawn = lineTexts(block).join('');
        const letters = (value: string) => Array.from(value.replace(/[\s()]/g, '')).sort().join('');
        expect(letters(drawn)).toBe(letters(text));
        for (const line of block.lines) expect(line.width).toBeLessThanOrEqual(width);
        const capped = layout(text, width, 2);
        expect(capped.lines.length).toBeLessThanOrEqual(2);
      }),
    );
  });
});
