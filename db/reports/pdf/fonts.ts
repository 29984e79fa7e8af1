/**
 * The fonts every PDF embeds (pdfkit subsets each to the characters used): Noto Sans first, which
 * writes Latin with all its marks (Łódź, Jędrzejewski), Greek, Cyrillic and Vietnamese; then, for the
 * characters it lacks, Noto Sans Arabic, Hebrew and Simplified Chinese (with Japanese kana), Noto Sans
 * Symbols 2 and Noto Emoji. A character no font has is not replaced by a look-alike or "?": it is
 * counted, so the export can say which characters the document could not show. A fallback family is
 * read from disk only when a document uses it (the Chinese one is 10 MB).
 */
import { createRequire } from 'node:module';
import { openSync, type Font } from 'fontkit';

export type PdfFontStyle = 'regular' | 'bold';

interface FontFamilyFiles {
  readonly package: string;
  readonly regular: string;
  /** Absent: the regular face is used for bold text too (symbols and emoji have no weight to speak of). */
  readonly bold?: string;
}

/** In the order a character looks for its font; the installer ships exactly these files (electron-builder.config.mjs). */
export const PDF_FONT_FAMILIES = {
  latin: { package: '@expo-google-fonts/noto-sans', regular: '400Regular/NotoSans_400Regular.ttf', bold: '700Bold/NotoSans_700Bold.ttf' },
  arabic: {
    package: '@expo-google-fonts/noto-sans-arabic',
    regular: '400Regular/NotoSansArabic_400Regular.ttf',
    bold: '700Bold/NotoSansArabic_700Bold.ttf',
  },
  hebrew: {
    package: '@expo-google-fonts/noto-sans-hebrew',
    regular: '400Regular/NotoSansHebrew_400Regular.ttf',
    bold: '700Bold/NotoSansHebrew_700Bold.ttf',
  },
  chinese: { package: '@expo-google-fonts/noto-sans-sc', regular: '400Regular/NotoSansSC_400Regular.ttf', bold: '700Bold/NotoSansSC_700Bold.ttf' },
  symbols: { package: '@expo-google-fonts/noto-sans-symbols-2', regular: '400Regular/NotoSansSymbols2_400Regular.ttf' },
  emoji: { package: '@expo-google-fonts/noto-emoji', regular: '400Regular/NotoEmoji_400Regular.ttf' },
} as const satisfies Record<string, FontFamilyFiles>;

export type PdfFontFamily = keyof typeof PDF_FONT_FAMILIES;
export const PRIMARY_FAMILY: PdfFontFamily = 'latin';
const SEARCH_ORDER = Object.keys(PDF_FONT_FAMILIES) as PdfFontFamily[];

/** The families whose shaping writes right to left (fontkit lays such a run out in visual order itself). */
export const RIGHT_TO_LEFT_FAMILIES: ReadonlySet<PdfFontFamily> = new Set(['arabic', 'hebrew']);

const resolved = new Map<string, string>();

/** Where a font file is: its package's folder in node_modules (inside the app's archive once packaged). */
export function pdfFontPath(family: PdfFontFamily, style: PdfFontStyle): string {
  const files: FontFamilyFiles = PDF_FONT_FAMILIES[family];
  const file = `${files.package}/${style === 'bold' ? (files.bold ?? files.regular) : files.regular}`;
  let path = resolved.get(file);
  if (path === undefined) {
    path = createRequire(import.meta.url).resolve(file);
    resolved.set(file, path);
  }
  return path;
}

/** The name a document registers a face under. */
export const pdfFontName = (family: PdfFontFamily, style: PdfFontStyle): string => `${family}-${style}`;

const opened = new Map<PdfFontFamily, Font>();
const familyOfCodePoint = new Map<number, PdfFontFamily | null>();

/** A family's regular face, read once (a family's weights cover the same characters). */
function regularFace(family: PdfFontFamily): Font {
  let font = opened.get(family);
  if (font === undefined) {
    font = openSync(pdfFontPath(family, 'regular'));
    opened.set(family, font);
  }
  return font;
}

/** Whether a family has a glyph for the character. */
export const familyHasGlyph = (family: PdfFontFamily, codePoint: number): boolean => regularFace(family).hasGlyphForCodePoint(codePoint);

/** The first family with a glyph for the character, or null when none has one. */
export function familyFor(codePoint: number): PdfFontFamily | null {
  let family = familyOfCodePoint.get(codePoint);
  if (family === undefined) {
    family = SEARCH_ORDER.find((candidate) => familyHasGlyph(candidate, codePoint)) ?? null;
    familyOfCodePoint.set(codePoint, family);
  }
  return family;
}

/** Whether the primary font alone can write the character; the common case, checked without the fallbacks. */
export const hasPrimaryGlyph = (codePoint: number): boolean => familyHasGlyph(PRIMARY_FAMILY, codePoint);

/** Text as the PDF writes it: composed (NFC, so "e" + combining accent is the one glyph é), tabs as spaces, no carriage returns. */
export const cleanText = (text: string): string => text.normalize('NFC').replaceAll('\t', ' ').replaceAll('\r', '');

const RIGHT_TO_LEFT_OR_CONTROL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u200E\u200F\u202A-\u202E\u2066-\u2069\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;

/**
 * Whether the text needs the full layout (text-layout.ts): a character Noto Sans lacks, or one that
 * reads right to left. Most text of a European portfolio does not, and is drawn by pdfkit directly.
 */
export function needsLayout(text: string): boolean {
  if (RIGHT_TO_LEFT_OR_CONTROL.test(text)) return true;
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    if (codePoint !== 0x0a && !hasPrimaryGlyph(codePoint)) return true;
  }
  return false;
}

/** The primary font's ascender in thousandths of the size, where pdfkit puts the first baseline below a text's top. */
export function primaryAscender(): number {
  const font = regularFace(PRIMARY_FAMILY);
  return (font.ascent / font.unitsPerEm) * 1000;
}
