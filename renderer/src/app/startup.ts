/**
 * What the app reads first, asked for as the script starts instead of after React's first render and
 * its effects: the preferences and, as soon as they are in, the worklist's first page in the filters
 * and sort they hold, so that page is on its way while the screen is still being built. Each answer
 * is taken once, by the first reader asking for exactly it; any other reader asks the API itself.
 */
import type { OperationInput, OperationOutput, Preferences } from '../../../shared/api/contract';
import type { Result } from '../../../shared/api/result';
import { api } from '../api/client';
import { currentDataVersion } from '../collector/dataVersion';
import { PAGE_SIZE } from '../worklist/pageSize';

type PageInput = OperationInput<'worklist.query'>;
type Page = OperationOutput<'worklist.query'>;

let prefs: Promise<Result<Preferences>> | undefined;
let firstPage: { readonly key: string; readonly version: number; readonly answer: Promise<Result<Page>> } | undefined;

/** The worklist's first page as the list will ask for it, from the saved filters and sort. */
export const firstPageInput = (saved: Preferences): PageInput => ({ search: undefined, filters: saved.lastFilters, sort: saved.lastSort, offset: 0, limit: PAGE_SIZE });

export function startReading(): void {
  prefs = api['prefs.get']({});
  void prefs.then((result) => {
    if (!result.ok) return;
    const input = firstPageInput(result.value);
    firstPage = { key: JSON.stringify(input), version: currentDataVersion(), answer: api['worklist.query'](input) };
  });
}

/** The preferences read at start, once; later readers read them anew. */
export function takePrefs(): Promise<Result<Preferences>> {
  const started = prefs;
  prefs = undefined;
  return started ?? api['prefs.get']({});
}

/** The first page read at start when `input` is exactly it and the data has not changed since (taken once), else undefined. */
export function takeFirstPage(input: PageInput): Promise<Result<Page>> | undefined {
  if (firstPage === undefined || firstPage.key !== JSON.stringify(input)) return undefined;
  const started = firstPage;
  firstPage = undefined;
  return started.version === currentDataVersion() ? started.answer : undefined;
}
