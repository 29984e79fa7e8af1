/** The part of fontkit (pdfkit's font engine, which ships no types) the PDF reports use. */
declare module 'fontkit' {
  export interface Font {
    hasGlyphForCodePoint(codePoint: number): boolean;
    readonly ascent: number;
    readonly unitsPerEm: number;
  }
  export function openSync(path: string): Font;
}
