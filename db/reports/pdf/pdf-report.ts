/**
 * The frame every PDF report shares: A4, the Noto fonts (fonts.ts; text Noto Sans cannot write alone
 * is laid out by text-layout.ts), on every page a header (title, filters) and a
 * footer (print date, "Page N", in the document's language); tables whose header row repeats on each new page. Pages are
 * numbered as they are added, so the document streams to disk instead of being buffered whole.
 */
import { LineBreaker } from 'linebreak';
import PDFDocument from 'pdfkit';
import type { DocumentStrings } from '../../../shared/i18n/documents';
import {
  PDF_FONT_FAMILIES,
  PRIMARY_FAMILY,
  RIGHT_TO_LEFT_FAMILIES,
  cleanText,
  familyFor,
  familyHasGlyph,
  needsLayout,
  pdfFontName,
  pdfFontPath,
  primaryAscender,
  type PdfFontFamily,
  type PdfFontStyle,
} from './fonts';
import { layoutText, type FontCoverage } from './text-layout';

export interface PdfFrame {
  readonly title: string;
  /** One line under the title on every page: the filters used. */
  readonly filters: string;
  /** Shown in every footer, e.g. "2026-11-23 10:00 Europe/Berlin". */
  readonly printed: string;
  /** The footer's and the continued tables' words, in the document's language. */
  readonly words: DocumentStrings['page'];
  readonly layout: 'portrait' | 'landscape';
}

export interface PdfColumn {
  readonly header: string;
  /** Share of the printable width; the columns of a table add up to 1. */
  readonly share: number;
  readonly align?: 'left' | 'right';
  /** Words the column's cells print (the labels of a code) that should not break inside: see fitColumns. */
  readonly fits?: readonly string[];
}

export type PdfRowStyle = 'normal' | 'bold' | 'total';

const FONT = pdfFontName(PRIMARY_FAMILY, 'regular');
const BOLD = pdfFontName(PRIMARY_FAMILY, 'bold');
const BODY_SIZE = 8.5;
const MARGIN = { top: 62, bottom: 48, left: 40, right: 40 } as const;
const CELL_PAD = 3;
const GREY = '#555555';
const RULE = '#bbbbbb';

const COVERAGE: FontCoverage<PdfFontFamily> = {
  familyFor,
  has: familyHasGlyph,
  primary: PRIMARY_FAMILY,
  shapesRightToLeft: (family) => RIGHT_TO_LEFT_FAMILIES.has(family),
};

/**
 * Naming features (none beyond the script's defaults) makes pdfkit shape a run as one piece; without,
 * it shapes word by word and puts the words of a right-to-left run in left-to-right order.
 */
const WHOLE_RUN: PDFKit.Mixins.OpenTypeFeatures[] = [];

/** The lines a height holds; pdfkit measures n lines a little short of n line heights (no gap after the last). */
const linesIn = (height: number, lineHeight: number): number => Math.max(1, Math.floor(height / lineHeight + 0.25));

interface TextBox {
  readonly width: number;
  readonly align?: 'left' | 'right';
  /** Lines beyond it are cut, the last shown ending in "…"; unbounded when absent. */
  readonly maxLines?: number;
}

export class PdfReport {
  readonly doc: PDFKit.PDFDocument;
  private pageNumber = 0;
  private tableColumns: readonly PdfColumn[] | null = null;
  /** Said above the repeated header row on a new page, so a page read alone still names its customer or collector. */
  private tableCaption: string | null = null;
  private readonly missing = new Set<string>();

  constructor(private readonly frame: PdfFrame) {
    this.doc = new PDFDocument({
      size: 'A4',
      layout: frame.layout,
      margins: MARGIN,
      autoFirstPage: false,
      info: { Title: frame.title, Producer: 'Ledgerline', Creator: 'Ledgerline' },
    });
    // Registering only names the files; pdfkit reads a face when text first uses it.
    for (const family of Object.keys(PDF_FONT_FAMILIES) as PdfFontFamily[]) {
      for (const style of ['regular', 'bold'] as const) this.doc.registerFont(pdfFontName(family, style), pdfFontPath(family, style));
    }
    this.doc.on('pageAdded', () => {
      this.decorate();
    });
    this.doc.addPage();
  }

  /** Characters of the text the fonts have no glyph for, in the order met: the export names them. */
  get missingCharacters(): readonly string[] {
    return [...this.missing];
  }

  private style: PdfFontStyle = 'regular';
  private size = BODY_SIZE;

  /** Sets the primary face of the style at a size; the fallbacks follow the style. */
  private useFont(style: PdfFontStyle, size: number): void {
    this.style = style;
    this.size = size;
    this.doc.font(style === 'bold' ? BOLD : FONT).fontSize(size);
  }

  private readonly measure = (text: string, family: PdfFontFamily): number => {
    this.doc.font(pdfFontName(family, this.style));
    const width = this.doc.widthOfString(text, { features: WHOLE_RUN });
    this.doc.font(pdfFontName(PRIMARY_FAMILY, this.style));
    return width;
  };

  /** The height the text takes in a box of the width, in the current face and size. */
  private textHeight(text: string, width: number): number {
    const { doc } = this;
    if (!needsLayout(text)) return doc.heightOfString(text, { width });
    return layoutText(text, width, Number.POSITIVE_INFINITY, COVERAGE, this.measure).lines.length * doc.currentLineHeight(true);
  }

  /**
   * Draws the text from (x, y) in the current face and size. Text Noto Sans writes alone, left to
   * right, goes to pdfkit as it is; any other is laid out here, run by run in the fonts that have its
   * characters, with baselines on the primary font's, and aligned to the right when it reads right to left.
   */
  private drawText(rawText: string, x: number, y: number, box: TextBox): void {
    const { doc } = this;
    const text = cleanText(rawText);
    if (!needsLayout(text)) {
      const lineHeight = doc.currentLineHeight(true);
      // A hair over the lines' height, so rounding never drops the last line that fits.
      const height = box.maxLines === undefined ? undefined : box.maxLines * lineHeight + 1;
      doc.text(text, x, y, { width: box.width, height, ellipsis: box.maxLines !== undefined, align: box.align ?? 'left', lineBreak: box.maxLines !== 1 });
      return;
    }
    const block = layoutText(text, box.width, box.maxLines ?? Number.POSITIVE_INFINITY, COVERAGE, this.measure);
    for (const char of block.missing) this.missing.add(char);
    const lineHeight = doc.currentLineHeight(true);
    const toRight = box.align === 'right' || block.rightToLeft;
    block.lines.forEach((line, index) => {
      let cursor = toRight ? x + box.width - line.width : x;
      const baseline = y + (primaryAscender() / 1000) * this.size + index * lineHeight;
      for (const run of line.runs) {
        doc.font(pdfFontName(run.family, this.style)).text(run.text, cursor, baseline, { lineBreak: false, baseline: 'alphabetic', features: WHOLE_RUN });
        cursor += run.width;
      }
    });
    doc.font(pdfFontName(PRIMARY_FAMILY, this.style));
    doc.x = x;
    doc.y = y + block.lines.length * lineHeight;
  }

  get pages(): number {
    return this.pageNumber;
  }

  get left(): number {
    return MARGIN.left;
  }

  get width(): number {
    return this.doc.page.width - MARGIN.left - MARGIN.right;
  }

  private get bottomLimit(): number {
    return this.doc.page.height - MARGIN.bottom;
  }

  /** Header and footer of a new page; pdfkit would start a new page for text below the bottom margin, so it is lifted meanwhile. */
  private decorate(): void {
    const { doc } = this;
    this.pageNumber += 1;
    const width = this.width;
    const pageHeight = doc.page.height;
    doc.page.margins.bottom = 0;
    this.useFont('bold', 11);
    doc.fillColor('black');
    this.drawText(this.frame.title, MARGIN.left, 24, { width, maxLines: 1 });
    this.useFont('regular', 7.5);
    doc.fillColor(GREY);
    this.drawText(this.frame.filters, MARGIN.left, 39, { width, maxLines: 1 });
    doc.moveTo(MARGIN.left, 52).lineTo(MARGIN.left + width, 52).lineWidth(0.5).strokeColor(RULE).stroke();
    const footerY = pageHeight - 30;
    this.drawText(this.frame.words.printed(this.frame.printed), MARGIN.left, footerY, { width: width / 2, maxLines: 1 });
    this.drawText(this.frame.words.pageOf(this.pageNumber), MARGIN.left + width / 2, footerY, { width: width / 2, align: 'right', maxLines: 1 });
    doc.page.margins.bottom = MARGIN.bottom;
    doc.fillColor('black');
    this.useFont('regular', BODY_SIZE);
    doc.x = MARGIN.left;
    doc.y = MARGIN.top;
    if (this.tableCaption !== null) {
      this.useFont('bold', BODY_SIZE);
      this.drawText(this.frame.words.continued(this.tableCaption), MARGIN.left, doc.y, { width, maxLines: 1 });
      this.useFont('regular', BODY_SIZE);
      doc.x = MARGIN.left;
      doc.y = MARGIN.top + doc.currentLineHeight(true);
      doc.moveDown(0.3);
    }
    if (this.tableColumns) this.drawRow(this.tableColumns, this.tableColumns.map((column) => column.header), 'bold');
  }

  /** Starts a new page unless `height` more points fit on this one. */
  ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottomLimit) this.doc.addPage();
  }

  heading(text: string, size = 12): void {
    const { doc } = this;
    this.ensureSpace(size * 3);
    doc.moveDown(0.4);
    this.useFont('bold', size);
    doc.fillColor('black');
    this.drawText(text, MARGIN.left, doc.y, { width: this.width });
    this.useFont('regular', BODY_SIZE);
  }

  line(text: string, options: { bold?: boolean; size?: number; color?: string } = {}): void {
    const { doc } = this;
    const size = options.size ?? BODY_SIZE;
    this.useFont(options.bold ? 'bold' : 'regular', size);
    doc.fillColor(options.color ?? 'black');
    const clean = cleanText(text);
    this.ensureSpace(this.textHeight(clean, this.width));
    this.drawText(clean, MARGIN.left, doc.y, { width: this.width });
    this.useFont('regular', BODY_SIZE);
    doc.fillColor('black');
  }

  gap(lines = 0.6): void {
    this.doc.moveDown(lines);
  }

  /** The width of the text on one line, in the current face and size. */
  private lineWidth(text: string): number {
    if (!needsLayout(text)) return this.doc.widthOfString(text);
    return layoutText(text, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, COVERAGE, this.measure).lines[0]?.width ?? 0;
  }

  /** The widest piece of the text no line may break (UAX #14): a word, or one character of Chinese. */
  private widestUnbreakable(rawText: string): number {
    const text = cleanText(rawText);
    const breaker = new LineBreaker(text);
    let widest = 0;
    let start = 0;
    for (let found = breaker.nextBreak(); found !== null; found = breaker.nextBreak()) {
      widest = Math.max(widest, this.lineWidth(text.slice(start, found.position).trimEnd()));
      start = found.position;
    }
    return widest;
  }

  /**
   * The columns, with any whose header (or one of the labels it `fits`) has a word wider than the
   * column (a long German compound, say) widened to fit it, the room taken from columns with some
   * to spare; so those break between words, never inside one. Columns whose words all fit are left
   * as they are.
   */
  private fitColumns(columns: readonly PdfColumn[]): readonly PdfColumn[] {
    const widths = columns.map((column) => this.width * column.share);
    const needed = columns.map((column) => {
      this.useFont('bold', BODY_SIZE);
      const header = this.widestUnbreakable(column.header);
      this.useFont('regular', BODY_SIZE);
      const cells = Math.max(0, ...(column.fits ?? []).map((text) => this.widestUnbreakable(text)));
      // A hair over the word, so rounding never wraps it.
      return Math.max(header, cells) + 2 * CELL_PAD + 0.5;
    });
    const short = widths.map((width, index) => Math.max(0, (needed[index] ?? 0) - width));
    const spare = widths.map((width, index) => Math.max(0, width - (needed[index] ?? 0)));
    const deficit = short.reduce((sum, value) => sum + value, 0);
    const available = spare.reduce((sum, value) => sum + value, 0);
    if (deficit === 0 || available === 0) return columns;
    // When the spare room is not enough, each short column gets its part of it.
    const moved = Math.min(deficit, available);
    return columns.map((column, index) => {
      const width = (widths[index] ?? 0) + ((short[index] ?? 0) / deficit) * moved - ((spare[index] ?? 0) / available) * moved;
      return { ...column, share: width / this.width };
    });
  }

  /** Draws the header row and repeats it (after `caption`, when given) on every page until endTable(). */
  beginTable(rawColumns: readonly PdfColumn[], caption: string | null = null): void {
    this.ensureSpace(40);
    const columns = this.fitColumns(rawColumns);
    this.tableColumns = columns;
    this.tableCaption = caption;
    this.drawRow(columns, columns.map((column) => column.header), 'bold');
  }

  endTable(): void {
    this.tableColumns = null;
    this.tableCaption = null;
    this.doc.moveDown(0.3);
  }

  row(values: readonly string[], style: PdfRowStyle = 'normal'): void {
    if (!this.tableColumns) throw new Error('row() outside a table');
    this.drawRow(this.tableColumns, values, style);
  }

  private cellWidth(column: PdfColumn): number {
    return this.width * column.share - 2 * CELL_PAD;
  }

  private drawRow(columns: readonly PdfColumn[], rawValues: readonly string[], style: PdfRowStyle): void {
    const { doc } = this;
    this.useFont(style === 'normal' ? 'regular' : 'bold', BODY_SIZE);
    doc.fillColor('black');
    const values = rawValues.map(cleanText);
    const lineHeight = doc.currentLineHeight(true);
    // Measuring wrapped text is the costly part of a PDF; a value that fits on one line is not measured.
    let height = lineHeight;
    values.forEach((value, index) => {
      const column = columns[index];
      if (!column || value === '') return;
      const width = this.cellWidth(column);
      if (!value.includes('\n') && !needsLayout(value) && doc.widthOfString(value) <= width) return;
      height = Math.max(height, this.textHeight(value, width));
    });
    const maxHeight = this.bottomLimit - MARGIN.top - 3 * lineHeight;
    height = Math.min(height, maxHeight);
    if (doc.y + height + 2 * CELL_PAD > this.bottomLimit) doc.addPage();
    const top = doc.y;
    if (style === 'bold' || style === 'total') {
      doc.rect(MARGIN.left, top, this.width, height + 2 * CELL_PAD).fillColor(style === 'bold' ? '#e8e8e8' : '#f4f4f4').fill();
      doc.fillColor('black');
    }
    let x = MARGIN.left;
    values.forEach((value, index) => {
      const column = columns[index];
      if (!column) return;
      if (value !== '') {
        this.drawText(value, x + CELL_PAD, top + CELL_PAD, { width: this.cellWidth(column), maxLines: linesIn(height, lineHeight), align: column.align ?? 'left' });
      }
      x += this.width * column.share;
    });
    const bottom = top + height + 2 * CELL_PAD;
    doc.moveTo(MARGIN.left, bottom).lineTo(MARGIN.left + this.width, bottom).lineWidth(0.3).strokeColor(RULE).stroke();
    doc.x = MARGIN.left;
    doc.y = bottom;
    this.useFont('regular', BODY_SIZE);
  }
}
