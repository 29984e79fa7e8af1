/** Prepared statements cached per connection: hot paths compile their SQL once. */
import type BetterSqlite3 from 'better-sqlite3';

const caches = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

export function prepared<P extends unknown[] = unknown[], R = unknown>(
  sqlite: BetterSqlite3.Database,
  source: string,
): BetterSqlite3.Statement<P, R> {
  let cache = caches.get(sqlite);
  if (!cache) {
    cache = new Map();
    caches.set(sqlite, cache);
  }
  let statement = cache.get(source);
  if (!statement) {
    statement = sqlite.prepare(source);
    cache.set(source, statement);
  }
  return statement as unknown as BetterSqlite3.Statement<P, R>;
}
