/**
 * What a read receives: the store's connection typed so that nothing reachable from it can change
 * the store. A read prepares statements and fetches rows; it cannot run one, execute SQL, open a
 * transaction or set a pragma, and a statement does not lead back to the connection. The full
 * connection (`BetterSqlite3.Database`) is one of these, so a command can call a read; a read
 * cannot call a command. At run time the reads of the handler table are also held by SQLite's
 * `query_only` (db/handlers/read-only.ts).
 */

import type BetterSqlite3 from 'better-sqlite3';

/** A prepared statement a read may use: it fetches rows and never runs a change. */
export interface ReadStatement<P extends unknown[] = unknown[], R = unknown> {
  get(...params: P): R | undefined;
  all(...params: P): R[];
  iterate(...params: P): IterableIterator<R>;
  pluck(toggleState?: boolean): ReadStatement<P, R>;
  raw(toggleState?: boolean): ReadStatement<P, R>;
}

export interface ReadDb {
  prepare<P extends unknown[] | object = unknown[], R = unknown>(source: string): P extends unknown[] ? ReadStatement<P, R> : ReadStatement<[P], R>;
}

/**
 * The read table's connection: the store's, with every statement checked when prepared. SQLite
 * lets a statement that writes fetch rows (`UPDATE … RETURNING`), which the types above cannot tell
 * from a SELECT; `readonly` is SQLite's own verdict on the statement, so such a read fails at once.
 */
export function readerOf(sqlite: BetterSqlite3.Database): ReadDb {
  const prepare = (source: string): ReadStatement => {
    const statement = sqlite.prepare(source);
    if (!statement.readonly) throw new Error(`a read prepared a statement that writes: ${source.slice(0, 120)}`);
    return statement;
  };
  // The generic signature is the caller's promise about parameters and rows, as better-sqlite3's own is.
  return { prepare } as ReadDb;
}
