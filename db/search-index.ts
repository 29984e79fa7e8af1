/**
 * Refills the FTS5 search index from its source tables. Triggers keep it current on every write;
 * this is for after a VACUUM (which may renumber the rowids the index is keyed by) or a repair.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { REBUILD_SEARCH_INDEX_STATEMENTS } from './migrations/001-initial';

export function rebuildSearchIndex(sqlite: BetterSqlite3.Database): void {
  sqlite.transaction(() => {
    for (const statement of REBUILD_SEARCH_INDEX_STATEMENTS) sqlite.prepare(statement).run();
  })();
}
