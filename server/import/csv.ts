/** CSV text to rows with the file line each row starts on (1-based, the header is line 1). */
import { Readable } from 'node:stream';
import { CsvError as StreamCsvError, parse as parseStream } from 'csv-parse';
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

const parseOptions = (delimiter: string) => ({ delimiter, record_delimiter: ['\r\n', '\n', '\r'], info: true, bom: true, skip_empty_lines: true, relax_column_count: true });

const unreadable = (error: Error): ImportInputError => new ImportInputError(`The CSV cannot be read: ${error.message}`, 'content');
const EMPTY = 'The CSV is empty; a header line was expected.';

/** Sorts one record into the rows or the malformed rows of `into`, by the header's field count. */
function place(into: { rows: CsvRow[]; malformed: Rejection[] }, { record, info }: InfoRecord, header: readonly string[], delimiter: string): void {
  // csv-parse counts lines up to the end of the record; a quoted field may span several.
  const line = info.lines - record.reduce((sum, cell) => sum + newlines(cell), 0);
  if (record.length === header.length) into.rows.push({ line, cells: record });
  else into.malformed.push({ line, column: '(row)', value: record.join(delimiter), reason: `has ${record.length} fields, the header has ${header.length}` });
}

export function readCsv(content: string, delimiter = ','): CsvTable {
  let records: InfoRecord[];
  try {
    // With `info: true` each record comes wrapped with its position; the typings only know plain rows.
    records = parse(content, parseOptions(delimiter)) as unknown as InfoRecord[];
  } catch (error) {
    if (error instanceof CsvError) throw unreadable(error);
    throw error;
  }
  const [head, ...body] = records;
  if (head === undefined) throw new ImportInputError(EMPTY, 'content');
  const header = head.record.map((name) => name.trim());
  const table = { header, rows: [] as CsvRow[], malformed: [] as Rejection[] };
  for (const record of body) place(table, record, header, delimiter);
  return table;
}

/** Rows per part of a CSV read as it comes: enough for few statements per part, few enough to keep memory flat. */
export const CSV_PART_ROWS = 5000;

/**
 * `readCsv` for text that arrives in chunks (a file read as it comes): the table in parts of
 * `partRows` rows, each with the header, so no part of the import ever holds the whole file.
 */
export async function* readCsvParts(text: string | AsyncIterable<string>, delimiter = ',', partRows = CSV_PART_ROWS): AsyncGenerator<CsvTable> {
  const source = Readable.from(typeof text === 'string' ? [text] : text);
  const parser = parseStream(parseOptions(delimiter));
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);
  let header: readonly string[] | null = null;
  let part = { rows: [] as CsvRow[], malformed: [] as Rejection[] };
  try {
    for await (const item of parser as AsyncIterable<InfoRecord>) {
      if (header === null) {
        header = item.record.map((name) => name.trim());
        continue;
      }
      place(part, item, header, delimiter);
      if (part.rows.length + part.malformed.length >= partRows) {
        yield { header, ...part };
        part = { rows: [], malformed: [] };
      }
    }
  } catch (error) {
    if (error instanceof StreamCsvError) throw unreadable(error);
    throw error;
  } finally {
    source.destroy();
  }
  if (header === null) throw new ImportInputError(EMPTY, 'content');
  yield { header, ...part };
}

/** The index of each named column, or an input error naming every column the file lacks. */
export function columnIndexes(header: readonly string[], columns: readonly string[], what: string): Map<string, number> {
  const missing = columns.filter((column) => !header.includes(column));
  if (missing.length > 0) {
    throw new ImportInputError(`${what} names columns the file does not have: ${missing.join(', ')} (the header has ${header.join(', ')}).`, 'mapping');
  }
  return new Map(columns.map((column) => [column, header.indexOf(column)]));
}
