/** Prepared statements cached per connection: hot paths compile their SQL once. */
import type BetterSqlite3 from 'better-sqlite3';
import type { ReadDb, ReadStatement } from './read-db';

const caches = new WeakMap<ReadDb, Map<string, ReadStatement>>();

function cached(db: ReadDb, source: string): ReadStatement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let statement = cache.get(source);
  if (!statement) {
    statement = db.prepare(source);
    cache.set(source, statement);
  }
  return statement;
}

/** On the full connection the statement can run changes; on a read's connection (db/read-db.ts) it only fetches. */
export function prepared<P extends unknown[] = unknown[], R = unknown>(sqlite: BetterSqlite3.Database, source: string): BetterSqlite3.Statement<P, R>;
export function prepared<P extends unknown[] = unknown[], R = unknown>(reader: ReadDb, source: string): ReadStatement<P, R>;
export function prepared(db: ReadDb, source: string): ReadStatement {
  return cached(db, source);
}
