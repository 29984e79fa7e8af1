/**
 * Writing pulled server rows into the local tables: the server row carries the stored columns
 * (snake_case) plus its own bookkeeping; the local row takes the columns the local table has.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { RowRun, SyncEntity } from '../../shared/sync/protocol';
import { rowOfRun } from '../../shared/sync/runs';
import { serverColumnNames } from '../../shared/sync/tables';
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


function sqlValue(value: unknown, column: string, entity: SyncEntity): SqlValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'bigint') return Number(value);
  throw new TypeError(`${entity}.${column} came as ${typeof value}, not a column value`);
}

export function toLocalRow(sqlite: BetterSqlite3.Database, entity: SyncEntity, row: Readonly<Record<string, unknown>>): Record<string, SqlValue> {
  const renames = serverColumnNames(entity);
  const local: Record<string, SqlValue> = {};
  for (const column of localColumns(sqlite, entity)) {
    const source = renames[column] ?? column;
    if (Object.hasOwn(row, source)) local[column] = sqlValue(row[source], column, entity);
  }
  return local;
}

const UPSERT_BATCH_ROWS = 64;

function upsertSql(table: string, columns: readonly string[], rows: number): string {
  const updates = columns.filter((column) => column !== 'id');
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  return (
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => tuple).join(', ')} ON CONFLICT (id) DO ` +
    (updates.length === 0 ? 'NOTHING' : `UPDATE SET ${updates.map((column) => `${column} = excluded.${column}`).join(', ')}`)
  );
}

const upsertCache = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement<[SqlValue[]]>>>();

/** INSERT or UPDATE by id of a row with any subset of the table's columns, one cached statement per column set. */
function upsertRow(sqlite: BetterSqlite3.Database, table: SyncEntity, row: Record<string, SqlValue>): void {
  const columns = Object.keys(row);
  const key = `${table}:${columns.join(',')}`;
  let statements = upsertCache.get(sqlite);
  if (!statements) {
    statements = new Map();
    upsertCache.set(sqlite, statements);
  }
  let statement = statements.get(key);
  if (!statement) {
    statement = sqlite.prepare<[SqlValue[]]>(upsertSql(table, columns, 1));
    statements.set(key, statement);
  }
  statement.run(Object.values(row));
}

/** How the server rows of one entity become local rows: every local column and the server key it comes from. */
interface EntityPlan {
  readonly columns: readonly string[];
  readonly sources: readonly string[];
  readonly one: BetterSqlite3.Statement<[SqlValue[]]>;
  readonly batch: BetterSqlite3.Statement<[SqlValue[]]>;
  readonly pending: SqlValue[];
  pendingRows: number;
}

export interface RowWriter {
  /** Upserts a pulled server row; may hold it back until `flush`. */
  write(entity: SyncEntity, row: Readonly<Record<string, unknown>>): void;
  /** Upserts every row of a run (PullResponse.runs); may hold them back until `flush`. */
  writeRun(run: RowRun): void;
  /** Writes every row held back; call before reading or deleting rows of the synced tables. */
  flush(): void;
}

/**
 * Writes pulled rows the way a snapshot needs it, hundreds of thousands of times: a row carrying
 * every local column (what the server sends) goes into a multi-row upsert of its entity with
 * values bound by position, so neither a statement per row nor a lookup per column is paid. A row
 * missing columns is written alone with just the columns it has, so it never blanks the others.
 */
export function createRowWriter(sqlite: BetterSqlite3.Database): RowWriter {
  const plans = new Map<SyncEntity, EntityPlan>();

  function planOf(entity: SyncEntity): EntityPlan {
    let plan = plans.get(entity);
    if (plan === undefined) {
      const columns = localColumns(sqlite, entity);
      const renames = serverColumnNames(entity);
      plan = {
        columns,
        sources: columns.map((column) => renames[column] ?? column),
        one: sqlite.prepare<[SqlValue[]]>(upsertSql(entity, columns, 1)),
        batch: sqlite.prepare<[SqlValue[]]>(upsertSql(entity, columns, UPSERT_BATCH_ROWS)),
        pending: [],
        pendingRows: 0,
      };
      plans.set(entity, plan);
    }
    return plan;
  }

  /** Counts the row just pushed onto `pending`, and writes a full batch. */
  function rowAdded(plan: EntityPlan): void {
    plan.pendingRows += 1;
    if (plan.pendingRows === UPSERT_BATCH_ROWS) {
      plan.batch.run(plan.pending);
      plan.pending.length = 0;
      plan.pendingRows = 0;
    }
  }

  function flushPlan(plan: EntityPlan): void {
    const width = plan.columns.length;
    for (let row = 0; row < plan.pendingRows; row++) plan.one.run(plan.pending.slice(row * width, (row + 1) * width));
    plan.pending.length = 0;
    plan.pendingRows = 0;
  }

  const writer: RowWriter = {
    write(entity, row) {
      const plan = planOf(entity);
      const start = plan.pending.length;
      for (let index = 0; index < plan.sources.length; index++) {
        const source = plan.sources[index] ?? '';
        if (!Object.hasOwn(row, source)) {
          plan.pending.length = start;
          flushPlan(plan);
          upsertRow(sqlite, entity, toLocalRow(sqlite, entity, row));
          return;
        }
        plan.pending.push(sqlValue(row[source], plan.columns[index] ?? source, entity));
      }
      rowAdded(plan);
    },
    writeRun(run) {
      const plan = planOf(run.entity);
      const positions = plan.sources.map((source) => run.columns.indexOf(source));
      if (positions.includes(-1)) {
        for (const values of run.rows) writer.write(run.entity, rowOfRun(run.columns, values));
        return;
      }
      for (const values of run.rows) {
        for (let index = 0; index < positions.length; index++) plan.pending.push(sqlValue(values[positions[index] ?? 0], plan.columns[index] ?? '', run.entity));
        rowAdded(plan);
      }
    },
    flush() {
      for (const plan of plans.values()) flushPlan(plan);
    },
  };
  return writer;
}

export interface UserPlaceholders {
  ofRow(entity: SyncEntity, row: Readonly<Record<string, unknown>>): void;
  ofRun(run: RowRun): void;
}

/**
 * Users the rows name that this store does not know yet get placeholders until the directory
 * names them. Knows the store's users from the start, so a known user costs no statement.
 */
export function userPlaceholders(sqlite: BetterSqlite3.Database, now: string): UserPlaceholders {
  const known = new Set(prepared<[], { id: string }>(sqlite, 'SELECT id FROM users').all().map((user) => user.id));
  const insert = prepared<[string, string, string]>(
    sqlite,
    `INSERT INTO users (id, username, display_name, role, created_at) VALUES (?, ?, 'Unknown user', 'collector', ?) ON CONFLICT DO NOTHING`,
  );
  const userColumns = new Map<SyncEntity, readonly string[]>();
  const columnsOf = (entity: SyncEntity): readonly string[] => {
    let columns = userColumns.get(entity);
    if (columns === undefined) {
      columns = localColumns(sqlite, entity).filter((column) => USER_COLUMNS.has(column));
      userColumns.set(entity, columns);
    }
    return columns;
  };
  const placehold = (id: unknown): void => {
    if (typeof id !== 'string' || known.has(id)) return;
    insert.run(id, `user-${id}`, now);
    known.add(id);
  };
  return {
    ofRow(entity, row) {
      for (const column of columnsOf(entity)) placehold(row[column]);
    },
    ofRun(run) {
      const positions = columnsOf(run.entity)
        .map((column) => run.columns.indexOf(column))
        .filter((position) => position >= 0);
      for (const values of run.rows) for (const position of positions) placehold(values[position]);
    },
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
