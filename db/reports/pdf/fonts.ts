/**
 * The fonts every PDF embeds (subset to the characters used): Noto Sans, which writes Latin with all
 * its marks (Łódź, Dvořák, Jędrzejewski), Greek, Cyrillic and Vietnamese as typed. A character it
 * has no glyph for is not replaced by a look-alike or "?": it is counted, so the export can say
 * which characters the document could not show.
 */
import { createRequire } from 'node:module';
import { openSync, type Font } from 'fontkit';

export const PDF_FONT_PACKAGE = '@expo-google-fonts/noto-sans';
/** The files of the package the PDFs use, which the installer ships (electron-builder.config.mjs). */
export const PDF_FONT_FILES = { regular: '400Regular/NotoSans_400Regular.ttf', bold: '700Bold/NotoSans_700Bold.ttf' } as const;

export type PdfFontStyle = keyof typeof PDF_FONT_FILES;

let paths: Readonly<Record<PdfFontStyle, string>> | null = null;

/** Where the font files are: the package's folder in node_modules (inside the app's archive once packaged). */
export function pdfFontPaths(): Readonly<Record<PdfFontStyle, string>> {
  if (paths === null) {
    const resolve = (file: string): string => createRequire(import.meta.url).resolve(`${PDF_FONT_PACKAGE}/${file}`);
    paths = { regular: resolve(PDF_FONT_FILES.regular), bold: resolve(PDF_FONT_FILES.bold) };
  }
  return paths;
}

let coverage: Font | null = null;

/** Whether the fonts have a glyph for the character (both styles cover the same characters). */
export function hasGlyph(codePoint: number): boolean {
  coverage ??= openSync(pdfFontPaths().regular);
  return coverage.hasGlyphForCodePoint(codePoint);
}

/**
 * Text as the PDF writes it: composed (NFC, so "e" + combining accent is the one glyph é), tabs as
 * spaces, no carriage returns; each character the fonts cannot show is added to `missing`.
 */
export function printableText(text: string, missing: Set<string>): string {
  const composed = text.normalize('NFC').replaceAll('\t', ' ').replaceAll('\r', '');
  for (const char of composed) {
    const codePoint = char.codePointAt(0) ?? 0;
    if (codePoint !== 0x0a && !hasGlyph(codePoint)) missing.add(char);
  }
  return composed;
}
