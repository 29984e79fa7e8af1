/**
 * The worklist's loaded pages of one query, and how an answer changes them: pure, so the rules are
 * tested without a browser. A key is the query and the attempt that read it (`…#3`); a command or a
 * sync re-reads the same query under a new attempt.
 */
import type { OperationOutput } from '../../../shared/api/contract';
import { PAGE_SIZE } from './pageSize';

export type WorklistRow = OperationOutput<'worklist.query'>['rows'][number];

export interface Loaded {
  readonly key: string;
  readonly total: number;
  readonly asOf: string;
  readonly pages: ReadonlyMap<number, readonly WorklistRow[]>;
  /**
   * Pages kept from an earlier read of the same query (before a command or a sync changed the data):
   * shown, and acted on, until their fresh read replaces them, so the rows past the first page neither
   * flicker to skeletons nor leave a key pressed meanwhile with no row to act on.
   */
  readonly stale: ReadonlySet<number>;
}

export interface PageAnswer {
  readonly rows: readonly WorklistRow[];
  readonly total: number;
  readonly asOf: string;
}

/** The query of a key, without the attempt that read it. */
export const queryOf = (key: string): string => key.slice(0, key.lastIndexOf('#'));

function without(pages: ReadonlySet<number>, page: number): ReadonlySet<number> {
  if (!pages.has(page)) return pages;
  const rest = new Set(pages);
  rest.delete(page);
  return rest;
}

/**
 * The pages once `page` of `key` has answered, none past the total it gives. A first page of a new key
 * starts afresh, except that a re-read of the same query keeps the other pages as stale ones; a later
 * page of a key no longer shown is dropped.
 */
export function withPage(previous: Loaded | undefined, key: string, page: number, answer: PageAnswer): Loaded | undefined {
  const { rows, total, asOf } = answer;
  const within = ([number]: readonly [number, unknown]) => number * PAGE_SIZE < total;
  if (previous?.key === key) return { ...previous, total, asOf, pages: new Map([...previous.pages].filter(within)).set(page, rows), stale: without(previous.stale, page) };
  if (page !== 0) return previous;
  const reread = previous !== undefined && queryOf(previous.key) === queryOf(key);
  const kept = new Map(reread ? [...previous.pages].filter((entry) => entry[0] !== 0 && within(entry)) : []);
  return { key, total, asOf, pages: kept.set(0, rows), stale: new Set([...kept.keys()].filter((number) => number !== 0)) };
}

/** The pages to read for the rows in [start, end] (inclusive, clamped to the list): those missing or stale. */
export function pagesToRead(loaded: Loaded, start: number, end: number): number[] {
  const last = Math.min(end, loaded.total - 1);
  const wanted: number[] = [];
  for (let page = Math.floor(Math.max(0, start) / PAGE_SIZE); page * PAGE_SIZE <= last; page += 1) {
    if (!loaded.pages.has(page) || loaded.stale.has(page)) wanted.push(page);
  }
  return wanted;
}

/** A customer's index among the loaded rows, looked up in the fresh pages before the stale ones (a stale page may still hold a customer since re-ranked). */
export function indexIn(loaded: Loaded, customerId: string): number | undefined {
  const byFreshness = [...loaded.pages].sort(([a], [b]) => Number(loaded.stale.has(a)) - Number(loaded.stale.has(b)));
  for (const [page, rows] of byFreshness) {
    const at = rows.findIndex((row) => row.customerId === customerId);
    if (at >= 0) return page * PAGE_SIZE + at;
  }
  return undefined;
}
