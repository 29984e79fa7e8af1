/**
 * Opens (or creates) the local store: checks that the file is a Ledgerline database this
 * version understands, backs it up, migrates it, and hands out Kysely plus the raw
 * better-sqlite3 handle (prepared statements on hot paths).
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, type Migration } from 'kysely';
import type { Database } from './schema';
import { InvalidDatabaseError, NewerDatabaseError } from './errors';
import { MIGRATIONS, MIGRATION_TABLE, createMigrator } from './migrations';
import { backupDatabase } from './backup';

export interface OpenOptions {
  readonly path: string;
  /** Path to a better_sqlite3.node built for the running runtime (Electron keeps its own). */
  readonly nativeBinding?: string;
  /** Copy an existing file before applying pending migrations (default true). */
  readonly backupBeforeMigrate?: boolean;
  /** The migration set; only tests pass a different one (to simulate an app upgrade). */
  readonly migrations?: Readonly<Record<string, Migration>>;
  /** Clock for backup file names (tests). */
  readonly now?: () => Date;
}

export interface LocalStore {
  readonly db: Kysely<Database>;
  readonly sqlite: BetterSqlite3.Database;
  readonly path: string;
  readonly schemaVersion: number;
  close(): Promise<void>;
}

const SQLITE_HEADER = 'SQLite format 3\u0000';
const BUSY_TIMEOUT_MS = 5000;

function readHeader(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(16);
    const read = readSync(fd, buffer, 0, 16, 0);
    return buffer.subarray(0, read).toString('latin1');
  } finally {
    closeSync(fd);
  }
}

interface FileState {
  readonly appliedMigrations: readonly string[];
  readonly hasUserTables: boolean;
}

/** Reads what is in the file without writing to it. */
function inspect(sqlite: BetterSqlite3.Database, path: string): FileState {
  let tables: string[];
  try {
    tables = sqlite
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all()
      .map((row) => row.name);
  } catch (error) {
    throw new InvalidDatabaseError(path, 'the file is damaged or not an SQLite database', { cause: error });
  }
  if (tables.length === 0) return { appliedMigrations: [], hasUserTables: false };
  if (!tables.includes(MIGRATION_TABLE)) {
    throw new InvalidDatabaseError(path, 'it is an SQLite database of some other program');
  }
  try {
    const applied = sqlite
      .prepare<[], { name: string }>(`SELECT name FROM ${MIGRATION_TABLE} ORDER BY name`)
      .all()
      .map((row) => row.name);
    return { appliedMigrations: applied, hasUserTables: true };
  } catch (error) {
    throw new InvalidDatabaseError(path, 'its list of schema changes cannot be read', { cause: error });
  }
}

export async function openLocalStore(options: OpenOptions): Promise<LocalStore> {
  const { path } = options;
  const migrations = options.migrations ?? MIGRATIONS;
  const existed = existsSync(path) && statSync(path).size > 0;
  if (existed && readHeader(path) !== SQLITE_HEADER) {
    throw new InvalidDatabaseError(path, 'the file is not an SQLite database');
  }

  // The busy timeout is an open option (not a pragma) so that even the first checks wait for a lock.
  const sqlite = new BetterSqlite3(path, { timeout: BUSY_TIMEOUT_MS, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  try {
    const state = existed ? inspect(sqlite, path) : { appliedMigrations: [], hasUserTables: false };
    const unknown = state.appliedMigrations.filter((name) => !Object.hasOwn(migrations, name));
    if (unknown.length > 0) throw new NewerDatabaseError(path, unknown);

    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    // 64 MB of page cache instead of SQLite's 2 MB: a portfolio's indexes (items and activities by
    // customer) then stay in memory, which a first sync writing 300,000 rows needs most.
    sqlite.pragma('cache_size = -65536');

    const pending = Object.keys(migrations).filter((name) => !state.appliedMigrations.includes(name));
    if (pending.length > 0 && state.hasUserTables && options.backupBeforeMigrate !== false) {
      await backupDatabase(sqlite, path, state.appliedMigrations.length, (options.now ?? (() => new Date()))());
    }

    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    if (pending.length > 0) {
      const { error } = await createMigrator(db as unknown as Kysely<unknown>, migrations).migrateToLatest();
      if (error) {
        await db.destroy();
        throw error instanceof Error ? error : new Error('a migration failed', { cause: error });
      }
    }
    const schemaVersion = sqlite.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${MIGRATION_TABLE}`).get()?.n ?? 0;

    let closed = false;
    return {
      db,
      sqlite,
      path,
      schemaVersion,
      async close() {
        if (closed) return;
        closed = true;
        // Kysely's destroy closes the better-sqlite3 handle too.
        await db.destroy();
      },
    };
  } catch (error) {
    if (sqlite.open) sqlite.close();
    throw error;
  }
}
