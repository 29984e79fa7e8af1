/**
 * The synced tables as both stores' migrations build them, held against their one declaration
 * (shared/sync/tables.ts): a freshly migrated SQLite store and a freshly migrated PostgreSQL and
 * PGlite database must each have every declared column, with the physical type of its kind, its
 * nullability, exactly its code list in a CHECK and a DEFAULT where (and only where) a NOT NULL
 * column is declared `defaulted` (the derived query-builder types make that column optional on
 * insert), and no column the declaration does not name.
 * A drift fails with the table and the column.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_ENTITIES } from '../../../shared/sync/protocol';
import { SYNCED_ITEM_TABLES, SYNCED_TABLES, type ColumnKind, type ColumnSpec, type TableSpec } from '../../../shared/sync/tables';
import { createTempStore, type TempStore } from '../../support/temp-store';
import { BACKENDS, openTestDb, type TestDb } from '../server/support/backends';

/** A column as a store has it: its physical type, whether it may be null, the values a CHECK allows. */
interface PhysicalColumn {
  readonly type: string;
  readonly nullable: boolean;
  readonly codes: readonly string[] | null;
  readonly hasDefault: boolean;
}
type PhysicalTable = ReadonlyMap<string, PhysicalColumn>;

const SQLITE_TYPES: Readonly<Record<ColumnKind, string>> = {
  id: 'TEXT', text: 'TEXT', currency: 'TEXT', code: 'TEXT', date: 'TEXT', timestamp: 'TEXT',
  integer: 'INTEGER', money: 'INTEGER', boolean: 'INTEGER', bytes: 'BLOB',
};
const POSTGRES_TYPES: Readonly<Record<ColumnKind, string>> = {
  id: 'text', text: 'text', currency: 'text', code: 'text', date: 'date', timestamp: 'timestamp with time zone',
  integer: 'integer', money: 'bigint', boolean: 'boolean', bytes: 'bytea',
};

const ALL_TABLES: readonly (readonly [string, TableSpec])[] = [
  ...SYNC_ENTITIES.map((entity) => [entity, SYNCED_TABLES[entity]] as const),
  ...Object.entries(SYNCED_ITEM_TABLES),
];

/** `col IN ('a', 'b')` in SQLite's DDL; `col = ANY (ARRAY['a'::text, ...])` in PostgreSQL's constraint text. */
const SQLITE_CODE_LIST = /\b(\w+) IN \(((?:'[^']*'(?:, )?)+)\)/g;
const POSTGRES_CODE_LIST = /\((\w+) = ANY \(ARRAY\[((?:'[^']*'::text(?:, )?)+)\]\)\)/g;
const quoted = (list: string): string[] => [...list.matchAll(/'([^']*)'/g)].map((match) => match[1] ?? '');

function codeLists(texts: readonly string[], pattern: RegExp): Map<string, string[]> {
  const lists = new Map<string, string[]>();
  for (const text of texts) for (const match of text.matchAll(pattern)) lists.set(match[1] ?? '', quoted(match[2] ?? ''));
  return lists;
}

function sqliteTable(temp: TempStore, table: string): PhysicalTable {
  const columns = temp.store.sqlite.prepare(`PRAGMA table_xinfo(${table})`).all() as { name: string; type: string; notnull: number; pk: number; dflt_value: string | null }[];
  const ddl = temp.store.sqlite.prepare('SELECT sql FROM sqlite_master WHERE type = ? AND name = ?').pluck().get('table', table) as string;
  const lists = codeLists([ddl], SQLITE_CODE_LIST);
  return new Map(
    columns.map((column) => [
      column.name,
      { type: column.type, nullable: column.notnull === 0 && column.pk === 0, codes: lists.get(column.name) ?? null, hasDefault: column.dflt_value !== null },
    ]),
  );
}

async function postgresTable(server: TestDb, table: string): Promise<PhysicalTable> {
  const columns = await sql<{ column_name: string; data_type: string; is_nullable: string; column_default: string | null }>`
    SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns
    WHERE table_schema = ${server.schema} AND table_name = ${table}`.execute(server.db);
  const checks = await sql<{ def: string }>`
    SELECT pg_get_constraintdef(c.oid) AS def FROM pg_constraint c
    JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = ${server.schema} AND t.relname = ${table} AND c.contype = 'c'`.execute(server.db);
  const lists = codeLists(checks.rows.map((row) => row.def), POSTGRES_CODE_LIST);
  return new Map(
    columns.rows.map((column) => [
      column.column_name,
      { type: column.data_type, nullable: column.is_nullable === 'YES', codes: lists.get(column.column_name) ?? null, hasDefault: column.column_default !== null },
    ]),
  );
}

/** Every way `actual` departs from the declaration, one line per table and column. */
function drift(table: string, declared: Readonly<Record<string, ColumnSpec>>, actual: PhysicalTable, types: Readonly<Record<ColumnKind, string>>): string[] {
  const problems: string[] = [];
  for (const [name, spec] of Object.entries(declared)) {
    const column = actual.get(name);
    if (column === undefined) {
      problems.push(`${table}.${name}: declared, missing`);
      continue;
    }
    if (column.type !== types[spec.kind]) problems.push(`${table}.${name}: ${spec.kind} should be ${types[spec.kind]}, is ${column.type}`);
    if (column.nullable !== spec.nullable) problems.push(`${table}.${name}: should be ${spec.nullable ? 'nullable' : 'NOT NULL'}`);
    // A nullable column may be left out of an insert whatever its default; a NOT NULL one only with one.
    const defaulted = spec.defaulted ?? false;
    if (!spec.nullable && column.hasDefault !== defaulted) problems.push(`${table}.${name}: ${defaulted ? 'declared defaulted, has no DEFAULT' : 'has a DEFAULT the declaration lacks'}`);
    const codes = spec.codes ?? null;
    if (JSON.stringify(column.codes === null ? null : [...column.codes].sort()) !== JSON.stringify(codes === null ? null : [...codes].sort())) {
      problems.push(`${table}.${name}: allows ${JSON.stringify(column.codes)}, declared ${JSON.stringify(codes)}`);
    }
  }
  for (const name of actual.keys()) if (!Object.hasOwn(declared, name)) problems.push(`${table}.${name}: not declared`);
  return problems;
}

/** The columns the server has: the shared ones under the server's names, and its own. */
function serverColumns(spec: TableSpec): Record<string, ColumnSpec> {
  return {
    ...Object.fromEntries(Object.entries(spec.columns).map(([name, column]) => [column.serverName ?? name, column])),
    ...spec.serverOnly,
  };
}

describe('the synced tables of a fresh SQLite store', () => {
  let temp: TempStore;
  beforeAll(async () => {
    temp = await createTempStore();
  });
  afterAll(() => temp.cleanup());

  it('match their declaration column by column', () => {
    expect(ALL_TABLES.flatMap(([table, spec]) => drift(table, spec.columns, sqliteTable(temp, table), SQLITE_TYPES))).toEqual([]);
  });
});

describe.each(BACKENDS)('the synced tables of a fresh %s database', (kind) => {
  let server: TestDb;
  beforeAll(async () => {
    server = await openTestDb(kind);
  });
  afterAll(() => server.dispose());

  it('match their declaration column by column', async () => {
    const problems: string[] = [];
    for (const [table, spec] of ALL_TABLES) problems.push(...drift(table, serverColumns(spec), await postgresTable(server, table), POSTGRES_TYPES));
    expect(problems).toEqual([]);
  });
});

describe('the drift check', () => {
  it('names the table and column of every kind of drift', () => {
    const declared = {
      status: { kind: 'code', nullable: false, codes: ['open', 'done'] },
      note: { kind: 'text', nullable: true },
      level: { kind: 'integer', nullable: false, defaulted: true },
      paid: { kind: 'money', nullable: false },
    } as const;
    const actual: PhysicalTable = new Map([
      ['status', { type: 'TEXT', nullable: true, codes: ['open'], hasDefault: false }],
      ['level', { type: 'INTEGER', nullable: false, codes: null, hasDefault: false }],
      ['paid', { type: 'INTEGER', nullable: false, codes: null, hasDefault: true }],
      ['extra', { type: 'TEXT', nullable: true, codes: null, hasDefault: false }],
    ]);
    expect(drift('t', declared, actual, SQLITE_TYPES)).toEqual([
      't.status: should be NOT NULL',
      't.status: allows ["open"], declared ["open","done"]',
      't.note: declared, missing',
      't.level: declared defaulted, has no DEFAULT',
      't.paid: has a DEFAULT the declaration lacks',
      't.extra: not declared',
    ]);
  });

  it('reads the code lists of both dialects', () => {
    expect(codeLists(["status TEXT NOT NULL CHECK (status IN ('open', 'done')), kind TEXT CHECK (kind IS NULL OR kind IN ('a'))"], SQLITE_CODE_LIST)).toEqual(
      new Map([['status', ['open', 'done']], ['kind', ['a']]]),
    );
    expect(codeLists(["CHECK (((kind IS NULL) OR (kind = ANY (ARRAY['a'::text, 'b'::text]))))"], POSTGRES_CODE_LIST)).toEqual(new Map([['kind', ['a', 'b']]]));
  });
});
