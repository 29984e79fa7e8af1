import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { listBackups } from '../../../db/backup';
import { InvalidDatabaseError, NewerDatabaseError } from '../../../db/errors';
import { MIGRATIONS, MIGRATION_TABLE } from '../../../db/migrations';
import { openLocalStore, type LocalStore } from '../../../db/open';
import { addCustomer } from '../../support/builders';
import { makeTempDir } from '../../support/temp-store';

const opened: LocalStore[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});

const open = async (path: string, extra: Parameters<typeof openLocalStore>[0] extends infer O ? Partial<O> : never = {}) => {
  const store = await openLocalStore({ path, ...extra });
  opened.push(store);
  return store;
};

describe('openLocalStore', () => {
  it('creates a new file in WAL mode with foreign keys and the latest schema', async () => {
    const path = join(makeTempDir(), 'ledgerline.db');
    const store = await open(path);
    expect(store.schemaVersion).toBe(Object.keys(MIGRATIONS).length);
    expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(listBackups(path)).toEqual([]);
  });

  it('reopens an existing current file without a backup', async () => {
    const path = join(makeTempDir(), 'ledgerline.db');
    const first = await open(path);
    addCustomer(first.sqlite);
    await first.close();
    const second = await open(path);
    expect(second.sqlite.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 1 });
    expect(listBackups(path)).toEqual([]);
  });

  it('refuses a file that is not SQLite and leaves it untouched', async () => {
    const path = join(makeTempDir(), 'ledgerline.db');
    writeFileSync(path, 'this is a spreadsheet, not a database\n'.repeat(200));
    await expect(open(path)).rejects.toBeInstanceOf(InvalidDatabaseError);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('refuses a damaged SQLite file', async () => {
    const path = join(makeTempDir(), 'ledgerline.db');
    const header = Buffer.from('SQLite format 3\u0000', 'latin1');
    writeFileSync(path, Buffer.concat([header, Buffer.alloc(4096, 0xab)]));
    await expect(open(path)).rejects.toBeInstanceOf(InvalidDatabaseError);
  });

  it("refuses another program's SQLite database", async () => {
    const path = join(makeTempDir(), 'other.db');
    const other = new BetterSqlite3(path);
    other.exec('CREATE TABLE recipes (id INTEGER PRIMARY KEY, title TEXT)');
    other.close();
    const error: unknown = await open(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidDatabaseError);
    const check = new BetterSqlite3(path, { readonly: true });
    expect(check.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()).toEqual([{ name: 'recipes' }]);
    check.close();
  });

  it('refuses a file written by a newer version and leaves it untouched', async () => {
    const path = join(makeTempDir(), 'ledgerline.db');
    const first = await open(path);
    first.sqlite.prepare(`INSERT INTO ${MIGRATION_TABLE} (name, timestamp) VALUES (?, ?)`).run('999-from-the-future', '2030-01-01T00:00:00.000Z');
    await first.close();
    const error: unknown = await open(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NewerDatabaseError);
    expect((error as NewerDatabaseError).unknownMigrations).toEqual(['999-from-the-future']);
    expect(listBackups(path)).toEqual([]);
  });

  it('backs up an existing file before applying a pending migration and keeps the three newest backups', async () => {
    const path = join(makeTempDir(), 'ledgerline.db');
    const first = await open(path);
    addCustomer(first.sqlite, { name: 'Before Upgrade GmbH' });
    await first.close();

    let migrations: Record<string, (typeof MIGRATIONS)[string]> = { ...MIGRATIONS };
    const base = Object.keys(MIGRATIONS).length;
    for (let step = base + 1; step <= base + 5; step += 1) {
      const name = `9${String(step).padStart(2, '0')}-test-extra`;
      migrations = {
        ...migrations,
        [name]: { up: async (db: Kysely<unknown>) => { await sql.raw(`CREATE TABLE extra_${step} (id TEXT)`).execute(db); } },
      };
      const store = await open(path, { migrations, now: () => new Date(Date.UTC(2026, 10, 23, 9, step)) });
      expect(store.schemaVersion).toBe(step);
      await store.close();
    }
    const backups = listBackups(path);
    expect(backups).toHaveLength(3);
    // Each upgrade to version `step` backs up the file at step - 1, stamped with that step's minute.
    expect(backups.map((file) => file.slice(path.length))).toEqual(
      [base + 2, base + 3, base + 4].map((version) => `.bak-v${version}-2026-11-23T09-${String(version + 1).padStart(2, '0')}-00-000Z`),
    );
    const oldest = backups[0] ?? '';
    const copy = new BetterSqlite3(oldest, { readonly: true });
    expect(copy.prepare('SELECT name FROM customers').all()).toEqual([{ name: 'Before Upgrade GmbH' }]);
    expect(copy.prepare(`SELECT count(*) AS n FROM ${MIGRATION_TABLE}`).get()).toEqual({ n: base + 2 });
    copy.close();
  });
});

describe('openLocalStore on a broken migration list', () => {
  it('refuses a file whose migration table is not a list of migrations', async () => {
    const path = join(makeTempDir(), 'ledgerline.db');
    const odd = new BetterSqlite3(path);
    odd.exec(`CREATE TABLE ${MIGRATION_TABLE} (something_else TEXT)`);
    odd.close();
    await expect(openLocalStore({ path })).rejects.toBeInstanceOf(InvalidDatabaseError);
  });
});
