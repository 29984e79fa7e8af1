/**
 * Kysely builds the statement (typed against db/schema.ts), better-sqlite3 runs it synchronously.
 * Commands run inside a synchronous better-sqlite3 transaction: an `await` in the middle would let
 * another call interleave, so Kysely's async executor is not used on write paths.
 */
import type BetterSqlite3 from 'better-sqlite3';
import {
  sql,
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
} from 'kysely';
import type { Database } from './schema';
import { prepared } from './statements';

/** A compile-only Kysely (Kysely's documented "build, then execute elsewhere" setup): it never touches a connection. */
export const build = new Kysely<Database>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

const statementOf = (sqlite: BetterSqlite3.Database, query: Compilable) => {
  const compiled = query.compile();
  return { statement: prepared(sqlite, compiled.sql), parameters: compiled.parameters as unknown[] };
};

export function execute(sqlite: BetterSqlite3.Database, query: Compilable): BetterSqlite3.RunResult {
  const { statement, parameters } = statementOf(sqlite, query);
  return statement.run(...parameters);
}

export function selectAll<R>(sqlite: BetterSqlite3.Database, query: Compilable<R>): R[] {
  const { statement, parameters } = statementOf(sqlite, query);
  return statement.all(...parameters) as R[];
}

export function selectFirst<R>(sqlite: BetterSqlite3.Database, query: Compilable<R>): R | undefined {
  const { statement, parameters } = statementOf(sqlite, query);
  return statement.get(...parameters) as R | undefined;
}

/**
 * `IN (SELECT value FROM json_each(?))`: one bound JSON array instead of one placeholder per id,
 * so a list of any length reuses one prepared statement.
 */
export const jsonIds = (ids: readonly string[]) => sql<string>`(SELECT value FROM json_each(${JSON.stringify(ids)}))`;
