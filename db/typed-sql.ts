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
import type { ReadDb } from './read-db';
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

const compiledOf = (query: Compilable) => {
  const compiled = query.compile();
  return { source: compiled.sql, parameters: compiled.parameters as unknown[] };
};

export function execute(sqlite: BetterSqlite3.Database, query: Compilable): BetterSqlite3.RunResult {
  const { source, parameters } = compiledOf(query);
  return prepared(sqlite, source).run(...parameters);
}

export function selectAll<R>(reader: ReadDb, query: Compilable<R>): R[] {
  const { source, parameters } = compiledOf(query);
  return prepared<unknown[], R>(reader, source).all(...parameters);
}

export function selectFirst<R>(reader: ReadDb, query: Compilable<R>): R | undefined {
  const { source, parameters } = compiledOf(query);
  return prepared<unknown[], R>(reader, source).get(...parameters);
}

/**
 * `IN (SELECT value FROM json_each(?))`: one bound JSON array instead of one placeholder per id,
 * so a list of any length reuses one prepared statement.
 */
export const jsonIds = (ids: readonly string[]) => sql<string>`(SELECT value FROM json_each(${JSON.stringify(ids)}))`;
