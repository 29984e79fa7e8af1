/**
 * A first snapshot into an empty store fills hundreds of thousands of rows: the full-text index's
 * per-row insert triggers would cost more than the rows themselves. They are dropped for the
 * snapshot (their SQL kept in sync_state, in the same transaction) and the index is built in one
 * pass when it ends. Whatever ends the snapshot otherwise (another account signs in) puts them
 * back first, so the store is never left without them once no snapshot is under way.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { z } from 'zod';
import { REBUILD_SEARCH_INDEX_STATEMENTS } from '../migrations/001-initial';
import { prepared } from '../statements';

/** Outside the `sync.` keys, which a change of account clears. */
const SUSPENDED_KEY = 'search.suspended_insert_triggers';
const SEARCH_INSERT_TRIGGERS = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name GLOB '*_search_*_insert' ORDER BY name";

const SuspendedSchema = z.array(z.object({ name: z.string(), sql: z.string() }));

export function suspendSearchIndexing(sqlite: BetterSqlite3.Database): void {
  if (prepared<[string], { value: string }>(sqlite, 'SELECT value FROM sync_state WHERE key = ?').get(SUSPENDED_KEY) !== undefined) return;
  const triggers = sqlite.prepare<[], { name: string; sql: string }>(SEARCH_INSERT_TRIGGERS).all();
  prepared<[string, string]>(sqlite, 'INSERT INTO sync_state (key, value) VALUES (?, ?)').run(SUSPENDED_KEY, JSON.stringify(triggers));
  for (const trigger of triggers) sqlite.exec(`DROP TRIGGER "${trigger.name}"`);
}

/** Rebuilds the index and restores the triggers, when they were suspended. */
export function resumeSearchIndexing(sqlite: BetterSqlite3.Database): void {
  const row = prepared<[string], { value: string }>(sqlite, 'SELECT value FROM sync_state WHERE key = ?').get(SUSPENDED_KEY);
  if (row === undefined) return;
  const triggers = SuspendedSchema.parse(JSON.parse(row.value));
  for (const statement of REBUILD_SEARCH_INDEX_STATEMENTS) sqlite.exec(statement);
  for (const trigger of triggers) sqlite.exec(trigger.sql);
  prepared<[string]>(sqlite, 'DELETE FROM sync_state WHERE key = ?').run(SUSPENDED_KEY);
}

export function isStoreEmpty(sqlite: BetterSqlite3.Database): boolean {
  return prepared<[], { id: string }>(sqlite, 'SELECT id FROM customers LIMIT 1').get() === undefined;
}
