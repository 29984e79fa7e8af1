/** A report as a typed table, the shape the CSV and Excel writers share. */

export type Cell =
  | null
  | { readonly t: 'text'; readonly v: string }
  /** Calendar date, YYYY-MM-DD. */
  | { readonly t: 'date'; readonly v: string }
  /** ISO timestamp in UTC. */
  | { readonly t: 'timestamp'; readonly v: string }
  | { readonly t: 'money'; readonly minor: number; readonly currency: string };

export interface Column {
  readonly header: string;
  /** Excel column width, in characters. */
  readonly width: number;
}

/** A run of rows the writers treat as a unit: a customer (notes) or a collector (aging). */
export interface TableGroup {
  /** The worksheet name when each group gets a sheet. */
  readonly name: string;
  /** Called once; iterate synchronously (it may hold an open database cursor). */
  rows(): Iterable<readonly Cell[]>;
}

export interface TableSource {
  readonly sheetName: string;
  readonly columns: readonly Column[];
  readonly groups: Iterable<TableGroup>;
}

/** What every writer gets from the export job. */
export interface WriteContext {
  readonly signal: AbortSignal;
  /** Rows written so far. */
  progress(rows: number): void;
  /** Characters of the data the document's fonts cannot show (a PDF's), so the export can say which. */
  unprintable(characters: readonly string[]): void;
}

export const text = (value: string | null | undefined): Cell => (value === null || value === undefined || value === '' ? null : { t: 'text', v: value });
export const date = (value: string | null): Cell => (value === null ? null : { t: 'date', v: value });
export const timestamp = (value: string | null): Cell => (value === null ? null : { t: 'timestamp', v: value });
export const money = (minor: number | null, currency: string | null): Cell =>
  minor === null || currency === null ? null : { t: 'money', minor, currency };

export const DATE_FORMAT = 'yyyy-mm-dd';
export const TIMESTAMP_FORMAT = 'yyyy-mm-dd hh:mm';

/** Lets queued stream writes and timers run, then stops if the job was cancelled. */
export async function breathe(signal: AbortSignal): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  signal.throwIfAborted();
}
