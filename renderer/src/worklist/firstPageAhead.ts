/**
 * The worklist's first page, read as soon as its query is known: at start from the saved filters and
 * sort (before React has rendered anything), and at a keystroke in the search box, a filter chip or a
 * sort (before the list has re-rendered for it). One read is kept; it is taken once, by the first
 * reader asking for exactly it in the same data version; any other reader asks the API itself.
 */
import type { OperationInput, OperationOutput, Preferences } from '../../../shared/api/contract';
import type { Result } from '../../../shared/api/result';
import { api } from '../api/client';
import { currentDataVersion } from '../collector/dataVersion';
import type { WorklistFilters } from './filters';
import { PAGE_SIZE } from './pageSize';

type PageInput = OperationInput<'worklist.query'>;
type Page = OperationOutput<'worklist.query'>;
/** What the list asks for, pages aside. */
export type WorklistQuery = Omit<PageInput, 'offset' | 'limit'>;

/** How long a first page read ahead may wait for its reader: one never taken is not served to a later one (a Retry). */
const AHEAD_KEEP_MS = 5_000;

let ahead: { readonly key: string; readonly version: number; readonly at: number; readonly answer: Promise<Result<Page>> } | undefined;

/** The query for the text in the search box, the filters and the sort: a blank search is none. */
export function worklistQuery(search: string, filters: WorklistFilters, sort: Preferences['lastSort']): WorklistQuery {
  const trimmed = search.trim();
  return { search: trimmed === '' ? undefined : trimmed, filters, sort };
}

/** The input of a page of a query: built in one place, so a page read ahead and the list's own ask are the same text. */
export const pageInput = (query: WorklistQuery, page: number): PageInput => ({ search: query.search, filters: query.filters, sort: query.sort, offset: page * PAGE_SIZE, limit: PAGE_SIZE });

export function readFirstPageAhead(query: WorklistQuery): void {
  const input = pageInput(query, 0);
  ahead = { key: JSON.stringify(input), version: currentDataVersion(), at: performance.now(), answer: api['worklist.query'](input) };
}

/** The first page read ahead when `input` is exactly it, the data has not changed since and it is fresh (taken once), else undefined. */
export function takeFirstPage(input: PageInput): Promise<Result<Page>> | undefined {
  if (ahead === undefined || ahead.key !== JSON.stringify(input)) return undefined;
  const started = ahead;
  ahead = undefined;
  return started.version === currentDataVersion() && performance.now() - started.at < AHEAD_KEEP_MS ? started.answer : undefined;
}
