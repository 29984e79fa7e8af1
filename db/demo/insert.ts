/** Bulk insert of generated rows: one prepared statement per table, all in one transaction. */
import type BetterSqlite3 from 'better-sqlite3';
import { REBUILD_SEARCH_INDEX_STATEMENTS } from '../migrations/001-initial';
import type { DemoRows } from '../../shared/demo/context';

/** Parents before children, so foreign keys hold after every statement. */
export const TABLE_ORDER: readonly (keyof DemoRows)[] = [
  'users',
  'customers',
  'contact_persons',
  'open_items',
  'payments',
  'clearings',
  'activities',
  'promises',
  'promise_items',
  'disputes',
  'dispute_items',
  'dispute_events',
  'notes',
  'follow_ups',
  'escalations',
  'worklist_overrides',
];

type SqlValue = string | number | null;
type DemoValue = SqlValue | boolean | undefined;

/** The generator's booleans as SQLite keeps them (0 or 1). */
const sqlValue = (value: DemoValue): SqlValue | undefined => (typeof value === 'boolean' ? Number(value) : value);

export function insertRows(sqlite: BetterSqlite3.Database, table: keyof DemoRows, rows: readonly object[]): number {
  const first = rows[0];
  if (first === undefined) return 0;
  const columns = Object.keys(first);
  const statement = sqlite.prepare<[Record<string, SqlValue | undefined>]>(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((column) => `@${column}`).join(', ')})`,
  );
  sqlite.transaction(() => {
    for (const row of rows) {
      const values: Record<string, SqlValue | undefined> = {};
      for (const [column, value] of Object.entries(row as Record<string, DemoValue>)) values[column] = sqlValue(value);
      statement.run(values);
    }
  })();
  return rows.length;
}

const SEARCH_INSERT_TRIGGERS = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name GLOB '*_search_*_insert'";

/**
 * Inserts every table in one transaction. The full-text index is filled in one pass at the end
 * instead of row by row: the per-row insert triggers cost ten times more for 200,000 index rows.
 * They are dropped and re-created inside the same transaction, so a failure leaves them in place.
 * The generator adds a superseding promise before the one it replaces, so table order is enough.
 */
export function insertAll(sqlite: BetterSqlite3.Database, rows: DemoRows): void {
  const triggers = sqlite.prepare<[], { name: string; sql: string }>(SEARCH_INSERT_TRIGGERS).all();
  const cacheSize = sqlite.pragma('cache_size', { simple: true }) as number;
  sqlite.pragma('cache_size = -131072');
  try {
    sqlite.transaction(() => {
      for (const trigger of triggers) sqlite.exec(`DROP TRIGGER "${trigger.name}"`);
      for (const table of TABLE_ORDER) insertRows(sqlite, table, rows[table]);
      for (const statement of REBUILD_SEARCH_INDEX_STATEMENTS) sqlite.exec(statement);
      for (const trigger of triggers) sqlite.exec(trigger.sql);
    })();
  } finally {
    sqlite.pragma(`cache_size = ${cacheSize}`);
  }
}
