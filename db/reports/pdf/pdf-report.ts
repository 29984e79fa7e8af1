/**
 * The frame every PDF report shares: A4, Noto Sans (fonts.ts), on every page a header (title, filters) and a
 * footer (print date, "Page N"); tables whose header row repeats on each new page. Pages are
 * numbered as they are added, so the document streams to disk instead of being buffered whole.
 */
import PDFDocument from 'pdfkit';
import { pdfFontPaths, printableText } from './fonts';

export interface PdfFrame {
  readonly title: string;
  /** One line under the title on every page: the filters used. */
  readonly filters: string;
  /** Shown in every footer, e.g. "2026-11-23 10:00 Europe/Berlin". */
  readonly printed: string;
  readonly layout: 'portrait' | 'landscape';
}

export interface PdfColumn {
  readonly header: string;
  /** Share of the printable width; the columns of a table add up to 1. */
  readonly share: number;
  readonly align?: 'left' | 'right';
}

export type PdfRowStyle = 'normal' | 'bold' | 'total';

const FONT = 'Body';
const BOLD = 'Body-Bold';
const BODY_SIZE = 8.5;
const MARGIN = { top: 62, bottom: 48, left: 40, right: 40 } as const;
const CELL_PAD = 3;
const GREY = '#555555';
const RULE = '#bbbbbb';

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
    const fonts = pdfFontPaths();
    this.doc.registerFont(FONT, fonts.regular);
    this.doc.registerFont(BOLD, fonts.bold);
    this.doc.on('pageAdded', () => {
      this.decorate();
    });
    this.doc.addPage();
  }

  /** Characters of the text the fonts have no glyph for, in the order met: the export names them. */
  get missingCharacters(): readonly string[] {
    return [...this.missing];
  }

  private printable(text: string): string {
    return printableText(text, this.missing);
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
    doc.font(BOLD).fontSize(11).fillColor('black').text(this.printable(this.frame.title), MARGIN.left, 24, { width, lineBreak: false, ellipsis: true });
    doc
      .font(FONT)
      .fontSize(7.5)
      .fillColor(GREY)
      .text(this.printable(this.frame.filters), MARGIN.left, 39, { width, lineBreak: false, ellipsis: true });
    doc.moveTo(MARGIN.left, 52).lineTo(MARGIN.left + width, 52).lineWidth(0.5).strokeColor(RULE).stroke();
    const footerY = pageHeight - 30;
    doc.text(`Printed ${this.printable(this.frame.printed)}`, MARGIN.left, footerY, { width: width / 2, lineBreak: false });
    doc.text(`Page ${this.pageNumber}`, MARGIN.left + width / 2, footerY, { width: width / 2, align: 'right', lineBreak: false });
    doc.page.margins.bottom = MARGIN.bottom;
    doc.fillColor('black').font(FONT).fontSize(BODY_SIZE);
    doc.x = MARGIN.left;
    doc.y = MARGIN.top;
    if (this.tableCaption !== null) {
      doc.font(BOLD).text(`${this.printable(this.tableCaption)} (continued)`, MARGIN.left, doc.y, { width, lineBreak: false, ellipsis: true });
      doc.font(FONT).moveDown(0.3);
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
    doc.font(BOLD).fontSize(size).fillColor('black').text(this.printable(text), MARGIN.left, doc.y, { width: this.width });
    doc.font(FONT).fontSize(BODY_SIZE);
  }

  line(text: string, options: { bold?: boolean; size?: number; color?: string } = {}): void {
    const { doc } = this;
    const size = options.size ?? BODY_SIZE;
    doc.font(options.bold ? BOLD : FONT).fontSize(size).fillColor(options.color ?? 'black');
    const clean = this.printable(text);
    this.ensureSpace(doc.heightOfString(clean, { width: this.width }));
    doc.text(clean, MARGIN.left, doc.y, { width: this.width });
    doc.font(FONT).fontSize(BODY_SIZE).fillColor('black');
  }

  gap(lines = 0.6): void {
    this.doc.moveDown(lines);
  }

  /** Draws the header row and repeats it (after `caption`, when given) on every page until endTable(). */
  beginTable(columns: readonly PdfColumn[], caption: string | null = null): void {
    this.ensureSpace(40);
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
    doc.font(style === 'normal' ? FONT : BOLD).fontSize(BODY_SIZE).fillColor('black');
    const values = rawValues.map((value) => this.printable(value));
    const lineHeight = doc.currentLineHeight(true);
    // Measuring wrapped text is the costly part of a PDF; a value that fits on one line is not measured.
    let height = lineHeight;
    values.forEach((value, index) => {
      const column = columns[index];
      if (!column || value === '') return;
      const width = this.cellWidth(column);
      if (!value.includes('\n') && doc.widthOfString(value) <= width) return;
      height = Math.max(height, doc.heightOfString(value, { width }));
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
        doc.text(value, x + CELL_PAD, top + CELL_PAD, { width: this.cellWidth(column), height, ellipsis: true, align: column.align ?? 'left' });
      }
      x += this.width * column.share;
    });
    const bottom = top + height + 2 * CELL_PAD;
    doc.moveTo(MARGIN.left, bottom).lineTo(MARGIN.left + this.width, bottom).lineWidth(0.3).strokeColor(RULE).stroke();
    doc.x = MARGIN.left;
    doc.y = bottom;
    doc.font(FONT);
  }
}
