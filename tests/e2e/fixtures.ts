/**
 * Playwright's `test` with a `server` fixture: a dev:web server on a free port, on a fresh data
 * directory (a copy of the small demo, seeded once per worker) and with the clock frozen, started
 * for each test and removed after it, so tests never see each other's data.
 */
import { copyFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect } from '@playwright/test';
import Database from 'better-sqlite3';
import { manualClock } from '../../shared/domain/clock';
import { builtInServerPath, databasePath } from '../../electron/app/paths';
import { demoServer } from '../../electron/app/demo-server';
import { startWebServer } from '../../electron/web/start';

export const E2E_NOW = '2026-11-23T09:00:00Z';
export const E2E_TODAY = '2026-11-23';

export interface E2eServer {
  readonly url: string;
  readonly dataDir: string;
  /** The server's clock: `clock.set(iso)` moves time for the next request. */
  readonly clock: ReturnType<typeof manualClock>;
  /** Stops the server and starts it again on the same data directory (an app restart); the new URL. */
  readonly restart: () => Promise<string>;
}

/** For a worker fixture: a temporary folder that `fill` prepares, given to `use`, removed after. */
async function withTemplate(prefix: string, fill: (dataDir: string) => Promise<void>, use: (dataDir: string) => Promise<void>): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  try {
    await fill(dataDir);
    await use(dataDir);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The `demoTemplate` worker fixture: the small demo as of E2E_NOW, seeded once. A copy of its database
 * file starts a server in a tenth of the time a seed takes (25 against 250 ms, for every test). The
 * server that seeds it is closed first, so the file is whole and its write-ahead log checkpointed into it.
 */
const withDemoTemplate = (use: (dataDir: string) => Promise<void>): Promise<void> =>
  withTemplate(
    'ledgerline-e2e-template-',
    async (dataDir) => {
      const seeding = await startWebServer({ dataDir, clock: manualClock(E2E_NOW), seedIfEmpty: true });
      await seeding.close();
    },
    use,
  );

/**
 * The `builtInServer` worker fixture: a built-in sync server's folder with the small demo as of E2E_NOW, made
 * once per worker. A desktop whose data folder starts with a copy (`copyBuiltInServer`) starts its
 * server in under a second; making one takes 3–6 s of PGlite, migrations and the demo's seed.
 */
const withBuiltInServerTemplate = (use: (dataDir: string) => Promise<void>): Promise<void> =>
  withTemplate(
    'ledgerline-e2e-server-template-',
    async (dataDir) => {
      const server = demoServer({ dataDir: builtInServerPath(dataDir), clock: manualClock(E2E_NOW) });
      await server.start();
      await server.close();
    },
    use,
  );

/** Gives `dataDir` (a desktop's data folder, before it starts) a copy of the template's built-in server. */
export function copyBuiltInServer(template: string, dataDir: string): void {
  cpSync(builtInServerPath(template), builtInServerPath(dataDir), { recursive: true });
}

/** A server with a fresh data directory, a copy of `template`'s store, for as long as `use` runs. */
async function withServer(template: string, use: (server: E2eServer) => Promise<void>): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledgerline-e2e-'));
  copyFileSync(databasePath(template), databasePath(dataDir));
  const clock = manualClock(E2E_NOW);
  let server = await startWebServer({ dataDir, clock, seedIfEmpty: true });
  const restart = async () => {
    await server.close();
    server = await startWebServer({ dataDir, clock, seedIfEmpty: true });
    return server.url;
  };
  try {
    await use({ url: server.url, dataDir, clock, restart });
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Every spec's `test` extends this one, with test-scoped fixtures only: Playwright runs tests with the
 * same worker fixtures in the same workers, so a spec with worker fixtures of its own would wait for a
 * worker of its own, at the end of the run (a tail of its longest tests on one core).
 */
export const test = base.extend<{ server: E2eServer }, { readOnlyServer: E2eServer; demoTemplate: string; builtInServer: string }>({
  server: async ({ demoTemplate }, use) => withServer(demoTemplate, use),
  /**
   * One server per worker, shared by the tests that only look (accessibility scans, forms opened
   * and closed unsaved): they save the start of a server each. A test that writes takes `server`.
   */
  readOnlyServer: [async ({ demoTemplate }, use) => withServer(demoTemplate, use), { scope: 'worker' }],
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a fixture needs from this pattern; this one needs none.
  demoTemplate: [async ({}, use) => withDemoTemplate(use), { scope: 'worker' }],
  // eslint-disable-next-line no-empty-pattern -- as above.
  builtInServer: [async ({}, use) => withBuiltInServerTemplate(use), { scope: 'worker' }],
});

/** The demo's team lead (its local profile is a collector). */
export const LEAD = 'sabine.krueger';

/**
 * Makes `username` the local profile, straight in the server's database file, inside `also`'s
 * transaction (for rows a test seeds with it; it is given the id of the user who was the profile before).
 */
export function makeLocalProfile(dataDir: string, username: string, also: (sqlite: Database.Database, before: string) => void = () => undefined): void {
  const sqlite = new Database(databasePath(dataDir));
  try {
    sqlite.transaction(() => {
      const before = sqlite.prepare('SELECT id FROM users WHERE is_local_profile = 1').pluck().get() as string;
      sqlite.prepare('UPDATE users SET is_local_profile = 0 WHERE is_local_profile = 1').run();
      sqlite.prepare('UPDATE users SET is_local_profile = 1 WHERE username = ?').run(username);
      also(sqlite, before);
    })();
  } finally {
    sqlite.close();
  }
}

export { expect };
