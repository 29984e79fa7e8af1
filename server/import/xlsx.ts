/**
 * An Excel export (.xlsx) read into the same table a CSV gives: the header row, then each row's
 * cells as the text the mapping reads. Typed cells are written the way the mapping says the export
 * writes them, so one mapping reads the CSV and the XLSX of one report alike: a number in the
 * declared number style (to Excel's 15 significant digits), a date in the declared date format, a
 * flag as true or false; a formula by its result, rich text by its characters. An error cell or a
 * formula never calculated refuses its row.
 */
import ExcelJS from 'exceljs';
import type { CsvRow, CsvTable } from './csv';
import { decimalOfNumber, type NumberStyle } from './fields';
import { ImportInputError, type Rejection } from './types';

export interface XlsxReading {
  /** The worksheet to read; the first one when absent. */
  readonly sheet?: string | undefined;
  readonly dateFormat: string;
  readonly numberStyle: NumberStyle;
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/** A date cell in the mapping's format: yyyy, MM / M, dd / d, the rest literal (an Excel date is a UTC calendar day). */
function formatDate(date: Date, format: string): string {
  const parts: Readonly<Record<string, string>> = {
    yyyy: pad(date.getUTCFullYear(), 4),
    MM: pad(date.getUTCMonth() + 1, 2),
    M: String(date.getUTCMonth() + 1),
    dd: pad(date.getUTCDate(), 2),
    d: String(date.getUTCDate()),
  };
  return format.replace(/yyyy|MM|M|dd|d/g, (token) => parts[token] ?? token);
}

/**
 * A number as the export would have written it in text: the declared decimal separator and minus, no
 * grouping. Excel shows and keeps 15 significant digits: a computed 234.55999999999995 is its 234.56.
 */
function formatNumber(value: number, style: NumberStyle): string {
  const canonical = decimalOfNumber(Number(value.toPrecision(15)));
  // An exponent form (1e21) is no amount an ERP writes: left as it is, for the field to refuse.
  if (canonical === null) return String(value);
  const negative = canonical.startsWith('-');
  const digits = (negative ? canonical.slice(1) : canonical).replace('.', style.decimal);
  if (!negative) return digits;
  if (style.negative === 'parentheses') return `(${digits})`;
  return style.negative === 'trailing' ? `${digits}-` : `-${digits}`;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** A cell whose value cannot stand for text: its row is refused, naming the column. */
class CellProblem extends Error {}

function cellText(value: unknown, reading: XlsxReading): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(value, reading.numberStyle);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return formatDate(value, reading.dateFormat);
  if (!isRecord(value)) return '';
  if (Array.isArray(value.richText)) return value.richText.map((run: unknown) => (isRecord(run) && typeof run.text === 'string' ? run.text : '')).join('');
  if (typeof value.error === 'string') throw new CellProblem(`Excel error ${value.error}`);
  if ('formula' in value || 'sharedFormula' in value) {
    // A workbook saved by a program that never calculated it holds formulas without values.
    if (value.result === undefined || value.result === null) throw new CellProblem('a formula without a computed value (open the file in Excel and save it)');
    return cellText(value.result, reading);
  }
  // A hyperlink: its text, itself plain or rich.
  if ('text' in value) return cellText(value.text, reading);
  return '';
}

/** A cell's own text: a merged range holds its value in its first cell only, so the others read as empty. */
function ownValue(cell: ExcelJS.Cell, reading: XlsxReading): string {
  if (cell.isMerged && cell.master !== cell) return '';
  return cellText(cell.value, reading);
}

export async function readXlsx(content: Uint8Array, reading: XlsxReading): Promise<CsvTable> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(content.buffer, content.byteOffset, content.byteLength) as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw new ImportInputError(`The file cannot be read as an Excel workbook (.xlsx): ${error instanceof Error ? error.message : String(error)}`, 'content');
  }
  const names = workbook.worksheets.map((sheet) => sheet.name);
  const sheet = reading.sheet === undefined ? workbook.worksheets[0] : workbook.getWorksheet(reading.sheet);
  if (sheet === undefined) {
    throw new ImportInputError(reading.sheet === undefined ? 'The workbook has no worksheet.' : `The workbook has no sheet "${reading.sheet}" (it has ${names.join(', ')}).`, 'sheet');
  }
  const header: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, column) => {
    header[column - 1] = ownValue(cell, reading).trim();
  });
  while (header.length > 0 && header.at(-1) === '') header.pop();
  if (header.length === 0) throw new ImportInputError(`The sheet "${sheet.name}" is empty; a header row was expected in row 1.`, 'content');

  const rows: CsvRow[] = [];
  const malformed: Rejection[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    if (line === 1) return;
    const cells: string[] = [];
    const problems: Rejection[] = [];
    header.forEach((name, index) => {
      try {
        cells.push(ownValue(row.getCell(index + 1), reading));
      } catch (error) {
        if (!(error instanceof CellProblem)) throw error;
        problems.push({ line, column: name, value: '', reason: error.message });
        cells.push('');
      }
    });
    const beyond: string[] = [];
    row.eachCell((cell, column) => {
      if (column <= header.length) return;
      try {
        const text = ownValue(cell, reading);
        if (text.trim() !== '') beyond.push(text);
      } catch (error) {
        if (!(error instanceof CellProblem)) throw error;
        beyond.push(error.message);
      }
    });
    if (beyond.length > 0) malformed.push({ line, column: '(row)', value: beyond.join(', '), reason: `has values beyond the header's ${String(header.length)} columns` });
    else if (problems.length > 0) malformed.push(...problems);
    else if (cells.some((cell) => cell.trim() !== '')) rows.push({ line, cells });
  });
  return { header, rows, malformed };
}
