/**
 * Bulk inserts for seeding a whole portfolio: one statement per batch of rows, each column passed
 * as one typed array and spread by unnest(). A statement then has one parameter per column
 * whatever the batch size, far from PostgreSQL's 65,535 parameters per statement, and the server
 * parses one short statement instead of a VALUES list of thousands of placeholders.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { SyncEntity } from '../../shared/sync/protocol';
import type { ServerDatabase } from '../db/schema';

type Db = Kysely<ServerDatabase>;
type Row = Readonly<Record<string, unknown>>;

/** Rows per statement: large enough that round trips do not count, small enough to keep each array modest. */
export const SEED_BATCH_ROWS = 5_000;

/** A PostgreSQL type name as information_schema spells it (int8, timestamptz...): safe to splice into SQL. */
const TYPE_NAME = /^[a-z][a-z0-9_]*$/;

/** Column name → element type, read from the catalog so the arrays get exactly the columns' types. */
async function columnTypes(db: Db, table: string): Promise<ReadonlyMap<string, string>> {
  const result = await sql<{ column_name: string; udt_name: string }>`
    SELECT column_name, udt_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ${table}`.execute(db);
  return new Map(result.rows.map((row) => [row.column_name, row.udt_name]));
}

/** `SELECT * FROM unnest($1::text[], $2::int8[], ...) AS v(a, b, ...)` over the rows' columns. */
function unnestRows(table: string, types: ReadonlyMap<string, string>, columns: readonly string[], rows: readonly Row[]): RawBuilder<unknown> {
  const arrays = columns.map((column) => {
    const type = types.get(column);
    if (type === undefined || !TYPE_NAME.test(type)) throw new Error(`table ${table} has no column ${column}`);
    return sql`${rows.map((row) => row[column] ?? null)}::${sql.raw(type)}[]`;
  });
  return sql`SELECT * FROM unnest(${sql.join(arrays)}) AS v(${sql.join(columns.map((column) => sql.ref(column)))})`;
}

function batches<T>(rows: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < rows.length; start += SEED_BATCH_ROWS) result.push(rows.slice(start, start + SEED_BATCH_ROWS));
  return result;
}

const columnsOf = (rows: readonly Row[]): string[] => Object.keys(rows[0] ?? {});

/** Rows of a table that has no change_log entries (users, item links). */
export async function insertRows(db: Db, table: keyof ServerDatabase, rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  const types = await columnTypes(db, table);
  const columns = columnsOf(rows);
  const refs = sql.join(columns.map((column) => sql.ref(column)));
  for (const batch of batches(rows)) {
    await sql`INSERT INTO ${sql.table(table)} (${refs}) ${unnestRows(table, types, columns, batch)}`.execute(db);
  }
}

/**
 * Rows of a synced table, each with its change_log `upsert` entry, the row taking the entry's seq
 * as `updated_seq` (`version` keeps its default, 1): the entries in a data-modifying CTE, the rows
 * joined to them by id, one statement per batch. The ordering trigger of migration 003 draws the
 * seqs as for any other writer.
 */
export async function insertLoggedRows(db: Db, entity: SyncEntity, rows: readonly (Row & { readonly id: string })[], at: string): Promise<void> {
  if (rows.length === 0) return;
  const types = await columnTypes(db, entity);
  const columns = columnsOf(rows);
  const owner = sql.ref(entity === 'customers' ? 'v.id' : 'v.customer_id');
  const refs = sql.join(columns.map((column) => sql.ref(column)));
  const values = sql.join(columns.map((column) => sql.ref(`v.${column}`)));
  for (const batch of batches(rows)) {
    await sql`WITH v AS (${unnestRows(entity, types, columns, batch)}),
      logged AS (
        INSERT INTO change_log (entity, entity_id, customer_id, op, at)
        SELECT ${entity}, v.id, ${owner}, 'upsert', ${at}::timestamptz FROM v
        RETURNING seq, entity_id
      )
      INSERT INTO ${sql.table(entity)} (${refs}, updated_seq)
      SELECT ${values}, logged.seq FROM v JOIN logged ON logged.entity_id = v.id`.execute(db);
  }
}
