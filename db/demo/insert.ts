/** Bulk insert of generated rows: one prepared statement and one transaction per table. */
import type BetterSqlite3 from 'better-sqlite3';
import type { DemoRows } from './context';

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

export function insertRows(sqlite: BetterSqlite3.Database, table: keyof DemoRows, rows: readonly object[]): number {
  const first = rows[0];
  if (first === undefined) return 0;
  const columns = Object.keys(first);
  const statement = sqlite.prepare<[Record<string, SqlValue>]>(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((column) => `@${column}`).join(', ')})`,
  );
  sqlite.transaction(() => {
    for (const row of rows) statement.run(row as Record<string, SqlValue>);
  })();
  return rows.length;
}

/** The generator adds a superseding promise before the one it replaces, so table order is enough. */
export function insertAll(sqlite: BetterSqlite3.Database, rows: DemoRows): void {
  for (const table of TABLE_ORDER) insertRows(sqlite, table, rows[table]);
}
