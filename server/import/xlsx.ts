/**
 * An Excel export (.xlsx) read into the same tables a CSV gives: the header row, then each row's
 * cells as the text the mapping reads, in parts as the workbook is read. Typed cells are written the way the mapping says the export
 * writes them, so one mapping reads the CSV and the XLSX of one report alike: a number in the
 * declared number style (to Excel's 15 significant digits), a date in the declared date format, a
 * flag as true or false; a formula by its result, rich text by its characters. An error cell or a
 * formula never calculated refuses its row.
 */
import { PassThrough, Readable } from 'node:stream';
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

/** The text of a header cell. */
const headerText = (value: unknown, reading: XlsxReading): string => {
  try {
    return cellText(value, reading).trim();
  } catch {
    return '';
  }
};

/** Rows per part of a workbook read as it comes, as for a CSV. */
export const XLSX_PART_ROWS = 5000;

/** One worksheet in parts: row 1 is the header, each later row with a value a row of cells under it. */
async function* sheetParts(rows: AsyncIterable<ExcelJS.Row>, name: string, reading: XlsxReading, partRows: number): AsyncGenerator<CsvTable> {
  let header: string[] | null = null;
  let part = { rows: [] as CsvRow[], malformed: [] as Rejection[] };
  const empty = () => new ImportInputError(`The sheet "${name}" is empty; a header row was expected in row 1.`, 'content');
  for await (const row of rows) {
    const line = row.number;
    if (header === null) {
      if (line !== 1) throw empty();
      const names: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, column) => {
        names[column - 1] = headerText(cell.value, reading);
      });
      header = Array.from(names, (text) => text);
      while (header.length > 0 && header.at(-1) === '') header.pop();
      if (header.length === 0) throw empty();
      continue;
    }
    const columns: readonly string[] = header;
    const cells: string[] = [];
    const problems: Rejection[] = [];
    columns.forEach((column, index) => {
      try {
        cells.push(cellText(row.getCell(index + 1).value, reading));
      } catch (error) {
        if (!(error instanceof CellProblem)) throw error;
        problems.push({ line, column, value: '', reason: error.message });
        cells.push('');
      }
    });
    const beyond: string[] = [];
    row.eachCell((cell, column) => {
      if (column <= columns.length) return;
      try {
        const text = cellText(cell.value, reading);
        if (text.trim() !== '') beyond.push(text);
      } catch (error) {
        if (!(error instanceof CellProblem)) throw error;
        beyond.push(error.message);
      }
    });
    if (beyond.length > 0) part.malformed.push({ line, column: '(row)', value: beyond.join(', '), reason: `has values beyond the header's ${String(columns.length)} columns` });
    else if (problems.length > 0) part.malformed.push(...problems);
    else if (cells.some((cell) => cell.trim() !== '')) part.rows.push({ line, cells });
    if (part.rows.length + part.malformed.length >= partRows) {
      yield { header: columns, ...part };
      part = { rows: [], malformed: [] };
    }
  }
  if (header === null) throw empty();
  yield { header, ...part };
}

const sheetName = (worksheet: object): string => ('name' in worksheet && typeof worksheet.name === 'string' ? worksheet.name : '');

const notAWorkbook = (error: unknown): ImportInputError =>
  new ImportInputError(`The file cannot be read as an Excel workbook (.xlsx): ${error instanceof Error ? error.message : String(error)}`, 'content');
const unreadable = (error: unknown): ImportInputError => new ImportInputError(`The file could not be read to its end: ${error instanceof Error ? error.message : String(error)}`, 'content');

/** The first tab of the workbook (workbook.xml's first sheet), once the reader has read it; the reader keeps it untyped. */
function firstTab(workbook: object): string | null {
  const model: unknown = Reflect.get(workbook, 'model');
  if (typeof model !== 'object' || model === null || !('sheets' in model) || !Array.isArray(model.sheets)) return null;
  const first: unknown = model.sheets[0];
  return typeof first === 'object' && first !== null && 'name' in first && typeof first.name === 'string' ? first.name : null;
}

/**
 * The sheet `reading.sheet` (the first tab when absent) in parts of `partRows` rows, read from the
 * workbook as it comes (exceljs's streaming reader): a workbook of a million rows is never held
 * whole. The other sheets are read through and dropped, so the reader cleans up after each. Excel
 * keeps a merged range's value in its first cell only, so the others read as empty. A source that
 * fails part way (a network share gone) refuses the file instead of ending the process.
 */
export async function* readXlsxParts(content: Uint8Array | AsyncIterable<Uint8Array>, reading: XlsxReading, partRows = XLSX_PART_ROWS): AsyncGenerator<CsvTable> {
  let failure: unknown = null;
  const source = Readable.from(content instanceof Uint8Array ? [Buffer.from(content.buffer, content.byteOffset, content.byteLength)] : content);
  // exceljs pipes its input, and a pipe passes no error on: the source's is kept, and the input ended so the reader stops.
  const input = new PassThrough();
  source.on('error', (error) => {
    failure = error;
    input.end();
  });
  source.pipe(input);
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  const names: string[] = [];
  let found = false;
  const sheets = workbook[Symbol.asyncIterator]();
  try {
    for (;;) {
      let next: IteratorResult<ExcelJS.stream.xlsx.WorksheetReader>;
      try {
        next = await sheets.next();
      } catch (error) {
        throw failure === null ? notAWorkbook(error) : unreadable(failure);
      }
      if (next.done === true) break;
      const name = sheetName(next.value);
      names.push(name);
      if (found || name !== (reading.sheet ?? firstTab(workbook) ?? name)) {
        await next.value.read();
        continue;
      }
      found = true;
      yield* sheetParts(next.value, name, reading, partRows);
    }
  } finally {
    await sheets.return(undefined);
    source.destroy();
    input.destroy();
  }
  if (failure !== null) throw unreadable(failure);
  if (!found) throw new ImportInputError(reading.sheet === undefined ? 'The workbook has no worksheet.' : `The workbook has no sheet "${reading.sheet}" (it has ${names.join(', ')}).`, 'sheet');
}
