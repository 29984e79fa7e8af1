/**
 * A first snapshot into an empty store fills hundreds of thousands of rows. Keeping the secondary
 * indexes and the full-text index's per-row insert triggers up to date row by row would cost more
 * than writing the rows themselves, while building them once from the finished tables is a sort.
 * So for such a snapshot the synced tables' non-unique indexes and the search insert triggers are
 * dropped (their SQL kept in sync_state, in the same transaction) and rebuilt in one pass when it
 * ends. Unique indexes stay: they are constraints. Whatever ends the snapshot otherwise (another
 * account signs in) puts them back first, so the store is never left without them once no snapshot
 * is under way.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { z } from 'zod';
import { SYNC_ENTITIES } from '../../shared/sync/protocol';
import { REBUILD_SEARCH_INDEX_STATEMENTS } from '../migrations/001-initial';
import { prepared } from '../statements';

/** Outside the `sync.` keys, which a change of account clears. */
const SUSPENDED_KEY = 'bulk.suspended_schema_objects';

/** The tables a snapshot writes: the synced entities and the item links inside promises and disputes. */
const SNAPSHOT_TABLES = [...SYNC_ENTITIES, 'promise_items', 'dispute_items'];

/** Search insert triggers and the snapshot tables' non-unique indexes (autoindexes have no SQL). */
const SUSPENDABLE_OBJECTS = `
  SELECT type, name, sql FROM sqlite_master
  WHERE (type = 'trigger' AND name GLOB '*_search_*_insert')
     OR (type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE %'
         AND tbl_name IN (${SNAPSHOT_TABLES.map((table) => `'${table}'`).join(', ')}))
  ORDER BY type, name`;

const SuspendedSchema = z.array(z.object({ type: z.enum(['index', 'trigger']), name: z.string(), sql: z.string() }));

export function suspendBulkMaintenance(sqlite: BetterSqlite3.Database): void {
  if (prepared<[string], { value: string }>(sqlite, 'SELECT value FROM sync_state WHERE key = ?').get(SUSPENDED_KEY) !== undefined) return;
  const objects = SuspendedSchema.parse(sqlite.prepare(SUSPENDABLE_OBJECTS).all());
  prepared<[string, string]>(sqlite, 'INSERT INTO sync_state (key, value) VALUES (?, ?)').run(SUSPENDED_KEY, JSON.stringify(objects));
  for (const object of objects) sqlite.exec(`DROP ${object.type === 'index' ? 'INDEX' : 'TRIGGER'} "${object.name}"`);
}

/** Rebuilds the indexes and the search index and restores the triggers, when they were suspended. */
export function resumeBulkMaintenance(sqlite: BetterSqlite3.Database): void {
  const row = prepared<[string], { value: string }>(sqlite, 'SELECT value FROM sync_state WHERE key = ?').get(SUSPENDED_KEY);
  if (row === undefined) return;
  const objects = SuspendedSchema.parse(JSON.parse(row.value));
  for (const object of objects) if (object.type === 'index') sqlite.exec(object.sql);
  for (const statement of REBUILD_SEARCH_INDEX_STATEMENTS) sqlite.exec(statement);
  for (const object of objects) if (object.type === 'trigger') sqlite.exec(object.sql);
  prepared<[string]>(sqlite, 'DELETE FROM sync_state WHERE key = ?').run(SUSPENDED_KEY);
}

export function isStoreEmpty(sqlite: BetterSqlite3.Database): boolean {
  return prepared<[], { id: string }>(sqlite, 'SELECT id FROM customers LIMIT 1').get() === undefined;
}
