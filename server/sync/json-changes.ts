/**
 * Pull changes as JSON text built by the database. A first sync moves hundreds of thousands of
 * rows; turning each into a JS object (the driver's row parsing and our type parsers) and then
 * into JSON again cost several times the query itself. Here PostgreSQL writes every change's JSON
 * (`row_to_json` over the page's rows, the items of promises and disputes attached with `json_agg`)
 * and the route sends the page as one string.
 *
 * The text means exactly what the object path (rows.ts, server/db/connect.ts's parsers) sends:
 * the same keys in the same order, timestamps as `YYYY-MM-DDTHH:MM:SS.sssZ`, dates as
 * `YYYY-MM-DD`, BIGINT as numbers, booleans as booleans. Column types come from the catalog, so a
 * column added by a later migration is sent like the object path would send it.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { SYNC_ENTITIES, type SyncEntity } from '../../shared/sync/protocol';
import { customerScopeFilter } from '../auth/scope';
import type { ServerDatabase } from '../db/schema';
import type { Principal } from '../auth/principal';
import { removal, type ChangeSource, type PullPage, type SnapshotSource } from './change-source';

type Db = Kysely<ServerDatabase>;

interface CatalogColumn {
  readonly entity: string;
  readonly name: string;
  readonly type: string;
}

/** Types whose JSON form PostgreSQL writes just as the driver's parsers return them. */
const AS_JSON = new Set(['bool', 'int2', 'int4', 'int8', 'float4', 'float8', 'text', 'varchar', 'bpchar', 'uuid', 'date', 'json', 'jsonb']);

const ISO_MILLIS = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/**
 * One column as the object path sends it: timestamps in the parsers' ISO form; any other type as
 * its text, which is what pg returns for a type it has no parser for (numeric, for one). No synced
 * column has a type pg parses into something else (an array, an interval): such a column would
 * need its own case here.
 */
function columnJson(column: CatalogColumn): RawBuilder<unknown> {
  const ref = sql.ref(`t.${column.name}`);
  if (column.type === 'timestamptz') return sql`to_char(${ref} AT TIME ZONE 'UTC', ${sql.raw(ISO_MILLIS)})`;
  // Stored without a zone, read as UTC (connect.ts).
  if (column.type === 'timestamp') return sql`to_char(${ref}, ${sql.raw(ISO_MILLIS)})`;
  if (AS_JSON.has(column.type)) return ref;
  return sql`${ref}::text`;
}

/** The `items` of promises and disputes, ordered as rows.ts orders them. */
function itemsJson(entity: SyncEntity): RawBuilder<unknown> | null {
  if (entity === 'promises') {
    return sql`COALESCE((SELECT json_agg(json_build_object('open_item_id', i.open_item_id) ORDER BY i.open_item_id)
      FROM promise_items i WHERE i.promise_id = t.id), '[]'::json)`;
  }
  if (entity === 'disputes') {
    return sql`COALESCE((SELECT json_agg(json_build_object('open_item_id', i.open_item_id, 'disputed_minor', i.disputed_minor) ORDER BY i.open_item_id)
      FROM dispute_items i WHERE i.dispute_id = t.id), '[]'::json)`;
  }
  return null;
}

/** The synced tables' columns in table order, as found on the search path. */
async function readCatalog(db: Db): Promise<Map<string, CatalogColumn[]>> {
  const result = await sql<CatalogColumn>`
    SELECT e.entity, a.attname AS name, ty.typname AS type
    FROM unnest(ARRAY[${sql.join([...SYNC_ENTITIES])}]::text[]) AS e (entity)
    JOIN pg_attribute a ON a.attrelid = to_regclass(e.entity)
    JOIN pg_type ty ON ty.oid = a.atttypid
    WHERE a.attnum > 0 AND NOT a.attisdropped
    ORDER BY e.entity, a.attnum`.execute(db);
  const byEntity = new Map<string, CatalogColumn[]>();
  for (const column of result.rows) byEntity.set(column.entity, [...(byEntity.get(column.entity) ?? []), column]);
  return byEntity;
}

/** The select list of one entity's row: every column under its own name, then `items`. */
function rowSelectList(entity: SyncEntity, columns: readonly CatalogColumn[]): RawBuilder<unknown> {
  if (columns.length === 0) throw new Error(`table ${entity} has no columns on the search path`);
  const items = itemsJson(entity);
  const list = columns.map((column) => sql`${columnJson(column)} AS ${sql.id(column.name)}`);
  return sql.join(items === null ? list : [...list, sql`${items} AS items`]);
}

/** Consecutive changes of one entity as one JSON text (the array's items without brackets); null when there are none. */
interface ChangeRun {
  readonly rows: number;
  readonly lastId: string | null;
  readonly changes: string | null;
}

/** The customer a row belongs to, in the page (`p`) and in its table (`t`); a customer belongs to itself. */
const owner = (entity: SyncEntity, alias: 'p' | 't') => sql.ref(entity === 'customers' ? `${alias}.id` : `${alias}.customer_id`);

/** The select list and column names of each entity, read from the catalog once per source. */
function entityColumns(db: Db): (entity: SyncEntity) => Promise<{ readonly list: RawBuilder<unknown>; readonly names: readonly string[] }> {
  let catalog: Promise<Map<string, CatalogColumn[]>> | undefined;
  const known = new Map<SyncEntity, { list: RawBuilder<unknown>; names: readonly string[] }>();
  return async (entity) => {
    const found = known.get(entity);
    if (found !== undefined) return found;
    catalog ??= readCatalog(db);
    const columns = (await catalog).get(entity) ?? [];
    const entry = { list: rowSelectList(entity, columns), names: [...columns.map((column) => column.name), ...(itemsJson(entity) === null ? [] : ['items'])] };
    known.set(entity, entry);
    return entry;
  };
}

/** The rows of `entity` within the principal's scope after `afterId`, as the page subquery's WHERE. */
function scopedWhere(db: Db, entity: SyncEntity, principal: Principal, afterId: string | null): RawBuilder<unknown> {
  const scoped = db.selectFrom('customers').select('customers.id').where(customerScopeFilter(principal));
  const after = afterId === null ? sql`TRUE` : sql`t.id > ${afterId}`;
  return sql`${owner(entity, 't')} IN (${scoped}) AND ${after}`;
}

/** Changes as JSON text built by the database in id order, each query's changes in one text. */
export function jsonChangeSource(db: Db): ChangeSource<string> {
  const columnsOf = entityColumns(db);
  const selectList = async (entity: SyncEntity) => (await columnsOf(entity)).list;

  // The page's rows are chosen first and only then turned into JSON: an expression in the same
  // SELECT as the ORDER BY ... LIMIT would be computed for every candidate row before the sort.
  // The change's own keys are concatenated around row_to_json, which writes compact JSON, and the
  // changes are joined into one text: the driver then reads one value instead of thousands of rows.
  async function select(entity: SyncEntity, where: RawBuilder<unknown>, limit?: number): Promise<ChangeRun> {
    const limitClause = limit === undefined ? sql`` : sql` LIMIT ${limit}`;
    const prefix = `{"op":"upsert","entity":${JSON.stringify(entity)},"id":`;
    const result = await sql<ChangeRun>`
      SELECT count(*)::int4 AS rows, max(p.id) AS "lastId",
        string_agg(${sql.lit(prefix)} || to_json(p.id)::text || ',"customerId":' || to_json(${owner(entity, 'p')})::text
          || ',"row":' || row_to_json(p)::text || '}', ',' ORDER BY p.id) AS changes
      FROM (SELECT ${await selectList(entity)} FROM (SELECT * FROM ${sql.table(entity)} AS t WHERE ${where} ORDER BY t.id${limitClause}) AS t) AS p`.execute(db);
    return result.rows[0] ?? { rows: 0, lastId: null, changes: null };
  }

  const changesOf = (run: ChangeRun): string[] => (run.changes === null ? [] : [run.changes]);

  return {
    scopedPage: async (entity, principal, afterId, limit) => {
      const run = await select(entity, scopedWhere(db, entity, principal, afterId), limit);
      return { changes: changesOf(run), rows: run.rows, lastId: run.lastId };
    },
    byIds: async (entity, ids) => (ids.length === 0 ? [] : changesOf(await select(entity, sql`t.id IN (${sql.join([...ids])})`))),
    byCustomers: async (entity, customerIds) =>
      customerIds.length === 0 ? [] : changesOf(await select(entity, sql`${owner(entity, 't')} IN (${sql.join([...customerIds])})`)),
    remove: (entity, id, customerId) => JSON.stringify(removal(entity, id, customerId)),
  };
}

/**
 * Snapshot upserts as the JSON text of runs (shared/sync/protocol.ts RowRunSchema): the column
 * names once, each row as `json_build_array` of the same values `row_to_json` would write.
 */
export function jsonRunSource(db: Db): SnapshotSource<string> {
  const columnsOf = entityColumns(db);
  return {
    scopedPage: async (entity, principal, afterId, limit) => {
      const { list, names } = await columnsOf(entity);
      const values = sql.join(names.map((name) => sql.ref(`p.${name}`)));
      const result = await sql<ChangeRun>`
        SELECT count(*)::int4 AS rows, max(p.id) AS "lastId", string_agg(json_build_array(${values})::text, ',' ORDER BY p.id) AS changes
        FROM (SELECT ${list} FROM (SELECT * FROM ${sql.table(entity)} AS t WHERE ${scopedWhere(db, entity, principal, afterId)}
          ORDER BY t.id LIMIT ${limit}) AS t) AS p`.execute(db);
      const run = result.rows[0] ?? { rows: 0, lastId: null, changes: null };
      const text = run.changes === null ? [] : [`{"entity":${JSON.stringify(entity)},"columns":${JSON.stringify(names)},"rows":[${run.changes}]}`];
      return { changes: text, rows: run.rows, lastId: run.lastId };
    },
  };
}

/** The PullResponse JSON of a page whose changes are JSON text already. */
export function pullPageJson(page: PullPage<string, string>): string {
  const runs = page.runs === undefined ? '' : `,"runs":[${page.runs.join(',')}]`;
  const total = page.snapshotTotal === undefined ? '' : `,"snapshotTotal":${String(page.snapshotTotal)}`;
  return `{"changes":[${page.changes.join(',')}]${runs},"cursor":${JSON.stringify(page.cursor)},"hasMore":${String(page.hasMore)},"snapshot":${String(page.snapshot)}${total}}`;
}
