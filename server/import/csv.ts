/** CSV text to rows with the file line each row starts on (1-based, the header is line 1). */
import { CsvError, parse } from 'csv-parse/sync';
import { ImportInputError, type Rejection } from './types';

export interface CsvRow {
  readonly line: number;
  readonly cells: readonly string[];
}

export interface CsvTable {
  readonly header: readonly string[];
  readonly rows: readonly CsvRow[];
  /** Rows whose field count differs from the header's: reported, never guessed at. */
  readonly malformed: readonly Rejection[];
}

interface InfoRecord {
  readonly record: string[];
  readonly info: { readonly lines: number };
}

const newlines = (cell: string): number => cell.split(/\r\n|\r|\n/).length - 1;

export function readCsv(content: string, delimiter = ','): CsvTable {
  let records: InfoRecord[];
  try {
    // With `info: true` each record comes wrapped with its position; the typings only know plain rows.
    records = parse(content, { delimiter, record_delimiter: ['\r\n', '\n', '\r'], info: true, bom: true, skip_empty_lines: true, relax_column_count: true }) as unknown as InfoRecord[];
  } catch (error) {
    if (error instanceof CsvError) throw new ImportInputError(`The CSV cannot be read: ${error.message}`, 'content');
    throw error;
  }
  const [head, ...body] = records;
  if (head === undefined) throw new ImportInputError('The CSV is empty; a header line was expected.', 'content');
  const header = head.record.map((name) => name.trim());
  const rows: CsvRow[] = [];
  const malformed: Rejection[] = [];
  for (const { record, info } of body) {
    // csv-parse counts lines up to the end of the record; a quoted field may span several.
    const line = info.lines - record.reduce((sum, cell) => sum + newlines(cell), 0);
    if (record.length === header.length) rows.push({ line, cells: record });
    else malformed.push({ line, column: '(row)', value: record.join(delimiter), reason: `has ${record.length} fields, the header has ${header.length}` });
  }
  return { header, rows, malformed };
}

/** The index of each named column, or an input error naming every column the file lacks. */
export function columnIndexes(header: readonly string[], columns: readonly string[], what: string): Map<string, number> {
  const missing = columns.filter((column) => !header.includes(column));
  if (missing.length > 0) {
    throw new ImportInputError(`${what} names columns the file does not have: ${missing.join(', ')} (the header has ${header.join(', ')}).`, 'mapping');
  }
  return new Map(columns.map((column) => [column, header.indexOf(column)]));
}
