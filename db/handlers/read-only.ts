/**
 * Reads never write. By type, a read handler receives only a `ReadDb` (read-handlers.ts); at run
 * time, the operations that only show data run with the connection in SQLite's `query_only` mode, so a read that tried to write (a summary refresh, an evaluation, an UPDATE on
 * the way) fails loudly instead of changing the store behind the user's back. What time changes is
 * done before, by the day's rollover (db/day/rollover.ts), which every operation runs first.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { isOperationName, type OperationName } from '../../shared/api/contract';
import type { ApiHandlers } from '../../shared/api/dispatch';
import { READ_OPERATIONS } from './read-handlers';

/** The operations that only read the local store: the read handler table's (read-handlers.ts). */
const READS: ReadonlySet<OperationName> = new Set<OperationName>(READ_OPERATIONS);

/** Judging promises on demand is the rollover's first part itself: run first, it would leave that call nothing to report. */
const ROLLS_OVER_ITSELF: ReadonlySet<OperationName> = new Set<OperationName>(['promises.evaluate']);

function readOnly<T>(sqlite: BetterSqlite3.Database, read: () => T): T {
  sqlite.pragma('query_only = ON');
  try {
    // An asynchronous read is held to it for its synchronous part, which is where these query.
    return read();
  } finally {
    sqlite.pragma('query_only = OFF');
  }
}

/** The handler table with the rollover before every operation and the reads made read-only. */
export function withRolloverAndReadOnlyReads(handlers: ApiHandlers, sqlite: BetterSqlite3.Database, rollover: () => void): ApiHandlers {
  const wrapped = Object.fromEntries(
    Object.entries(handlers).map(([name, handler]: [string, (input: never) => unknown]) => {
      const read = isOperationName(name) && READS.has(name);
      const rolls = !(isOperationName(name) && ROLLS_OVER_ITSELF.has(name));
      return [
        name,
        (input: never) => {
          if (rolls) rollover();
          return read ? readOnly(sqlite, () => handler(input)) : handler(input);
        },
      ];
    }),
  );
  // Each entry keeps its handler's signature: the wrapper passes the input through and returns what it returns.
  return wrapped as unknown as ApiHandlers;
}
