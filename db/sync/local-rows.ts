/**
 * Writing pulled server rows into the local tables: the server row carries the stored columns
 * (snake_case) plus its own bookkeeping; the local row takes the columns the local table has.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { SyncEntity } from '../../shared/sync/protocol';
import { prepared } from '../statements';
import { USER_COLUMNS } from './entities';

type SqlValue = string | number | null;

const columnCache = new WeakMap<BetterSqlite3.Database, Map<string, readonly string[]>>();

export function localColumns(sqlite: BetterSqlite3.Database, table: string): readonly string[] {
  let tables = columnCache.get(sqlite);
  if (!tables) {
    tables = new Map();
    columnCache.set(sqlite, tables);
  }
  let columns = tables.get(table);
  if (!columns) {
    columns = sqlite
      .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`)
      .all()
      .map((column) => column.name);
    tables.set(table, columns);
  }
  return columns;
}

/** The server names a note's version `note_version`; everything else keeps its name. */
const SERVER_NAMES: Readonly<Partial<Record<SyncEntity, Readonly<Record<string, string>>>>> = { notes: { version: 'note_version' } };

function sqlValue(value: unknown, column: string, entity: SyncEntity): SqlValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'bigint') return Number(value);
  throw new TypeError(`${entity}.${column} came as ${typeof value}, not a column value`);
}

export function toLocalRow(sqlite: BetterSqlite3.Database, entity: SyncEntity, row: Readonly<Record<string, unknown>>): Record<string, SqlValue> {
  const renames = SERVER_NAMES[entity] ?? {};
  const local: Record<string, SqlValue> = {};
  for (const column of localColumns(sqlite, entity)) {
    const source = renames[column] ?? column;
    if (Object.hasOwn(row, source)) local[column] = sqlValue(row[source], column, entity);
  }
  return local;
}

const upsertCache = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement<SqlValue[]>>>();

/**
 * INSERT or UPDATE by id, one cached statement per table and column set. Values are bound by
 * position: binding by name costs a lookup per column, which a snapshot pays hundreds of
 * thousands of times.
 */
export function upsertRow(sqlite: BetterSqlite3.Database, table: SyncEntity, row: Record<string, SqlValue>): void {
  const columns = Object.keys(row);
  const key = `${table}:${columns.join(',')}`;
  let statements = upsertCache.get(sqlite);
  if (!statements) {
    statements = new Map();
    upsertCache.set(sqlite, statements);
  }
  let statement = statements.get(key);
  if (!statement) {
    const updates = columns.filter((column) => column !== 'id');
    statement = sqlite.prepare<SqlValue[]>(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ON CONFLICT (id) DO ` +
        (updates.length === 0 ? 'NOTHING' : `UPDATE SET ${updates.map((column) => `${column} = excluded.${column}`).join(', ')}`),
    );
    statements.set(key, statement);
  }
  statement.run(...Object.values(row));
}

/**
 * Users the rows name that this store does not know yet get placeholders until the directory
 * names them. Knows the store's users from the start, so a known user costs no statement.
 */
export function userPlaceholders(sqlite: BetterSqlite3.Database, now: string): (row: Readonly<Record<string, SqlValue>>) => void {
  const known = new Set(prepared<[], { id: string }>(sqlite, 'SELECT id FROM users').all().map((user) => user.id));
  const insert = prepared<[string, string, string]>(
    sqlite,
    `INSERT INTO users (id, username, display_name, role, created_at) VALUES (?, ?, 'Unknown user', 'collector', ?) ON CONFLICT DO NOTHING`,
  );
  return (row) => {
    for (const column of USER_COLUMNS) {
      const id = row[column];
      if (typeof id !== 'string' || known.has(id)) continue;
      insert.run(id, `user-${id}`, now);
      known.add(id);
    }
  };
}

export function replacePromiseItems(sqlite: BetterSqlite3.Database, promiseId: string, items: unknown): void {
  prepared<[string]>(sqlite, 'DELETE FROM promise_items WHERE promise_id = ?').run(promiseId);
  const insert = prepared<[string, string]>(sqlite, 'INSERT INTO promise_items (promise_id, open_item_id) VALUES (?, ?)');
  for (const item of itemList(items)) insert.run(promiseId, String(item.open_item_id));
}

export function replaceDisputeItems(sqlite: BetterSqlite3.Database, disputeId: string, items: unknown): void {
  prepared<[string]>(sqlite, 'DELETE FROM dispute_items WHERE dispute_id = ?').run(disputeId);
  const insert = prepared<[string, string, number]>(sqlite, 'INSERT INTO dispute_items (dispute_id, open_item_id, disputed_minor) VALUES (?, ?, ?)');
  for (const item of itemList(items)) insert.run(disputeId, String(item.open_item_id), Number(item.disputed_minor));
}

function itemList(items: unknown): readonly Record<string, unknown>[] {
  if (!Array.isArray(items)) return [];
  return items.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null);
}

/** Removes one synced row; the local schema's cascades take its dependants. */
export function deleteRow(sqlite: BetterSqlite3.Database, table: SyncEntity, id: string): void {
  prepared<[string]>(sqlite, `DELETE FROM ${table} WHERE id = ?`).run(id);
}
