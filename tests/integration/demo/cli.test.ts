import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';

const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const CLI = join(process.cwd(), 'db', 'demo', 'cli.ts');

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'ledgerline-cli-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(TSX, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, LEDGERLINE_DATA_DIR: '', ...env }, timeout: 60_000 });

describe('npm run demo:seed', () => {
  it('replaces whatever database was in the data directory with the seeded demo', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'ledgerline.db'), 'not a database');
    writeFileSync(join(dir, 'ledgerline.db-wal'), 'stale');
    const result = run(['--seed', '9', '--as-of', '2026-11-23'], { LEDGERLINE_DATA_DIR: dir });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Seeding the small demo portfolio \(seed 9, as of 2026-11-23\)/);
    expect(result.stdout).toMatch(/customers\s+60/);

    const db = new BetterSqlite3(join(dir, 'ledgerline.db'), { readonly: true });
    try {
      expect(db.prepare<[], { n: number }>('SELECT count(*) AS n FROM customers').get()?.n).toBe(60);
      expect(db.prepare<[], { d: string }>('SELECT max(as_of) AS d FROM customer_summary').get()?.d).toBe('2026-11-23');
    } finally {
      db.close();
    }
  });

  it('exits with 2 and names the flag for bad arguments, touching nothing', () => {
    const dir = tempDir();
    const result = run(['--size', 'huge', '--data-dir', dir]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--size must be "small" or "large", not "huge"/);
    expect(result.stderr).toMatch(/Usage: npm run demo:seed/);
    expect(existsSync(join(dir, 'ledgerline.db'))).toBe(false);
  });
});
