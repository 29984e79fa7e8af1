/**
 * What the app reads first, asked for as the script starts instead of after React's first render and
 * its effects: the preferences and, as soon as they are in, the worklist's first page in the filters
 * and sort they hold, so that page is on its way while the screen is still being built.
 */
import type { Preferences } from '../../../shared/api/contract';
import type { Result } from '../../../shared/api/result';
import { api } from '../api/client';
import { readFirstPageAhead, worklistQuery } from '../worklist/firstPageAhead';

let prefs: Promise<Result<Preferences>> | undefined;

export function startReading(): void {
  prefs = api['prefs.get']({});
  void prefs.then((result) => {
    if (result.ok) readFirstPageAhead(worklistQuery('', result.value.lastFilters, result.value.lastSort));
  });
}

/** The preferences read at start, once; later readers read them anew. */
export function takePrefs(): Promise<Result<Preferences>> {
  const started = prefs;
  prefs = undefined;
  return started ?? api['prefs.get']({});
}
