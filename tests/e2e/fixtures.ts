/**
 * Playwright's `test` with a `server` fixture: a dev:web server on a free port, on a fresh data
 * directory (seeded with the small demo) and with the clock frozen, started for each test and
 * removed after it, so tests never see each other's data.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect } from '@playwright/test';
import Database from 'better-sqlite3';
import { manualClock } from '../../shared/domain/clock';
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

/** A server with a fresh data directory for as long as `use` runs. */
async function withServer(use: (server: E2eServer) => Promise<void>): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledgerline-e2e-'));
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

export const test = base.extend<{ server: E2eServer }, { readOnlyServer: E2eServer }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a fixture needs from this pattern; this one needs none.
  server: async ({}, use) => withServer(use),
  /**
   * One server per worker, shared by the tests that only look (accessibility scans, forms opened
   * and closed unsaved): they save the start of a server each. A test that writes takes `server`.
   */
  // eslint-disable-next-line no-empty-pattern -- as above.
  readOnlyServer: [async ({}, use) => withServer(use), { scope: 'worker' }],
});

/** The demo's team lead (its local profile is a collector). */
export const LEAD = 'sabine.krueger';

/**
 * Makes `username` the local profile, straight in the server's database file, inside `also`'s
 * transaction (for rows a test seeds with it; it is given the id of the user who was the profile before).
 */
export function makeLocalProfile(dataDir: string, username: string, also: (sqlite: Database.Database, before: string) => void = () => undefined): void {
  const sqlite = new Database(join(dataDir, 'ledgerline.db'));
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
