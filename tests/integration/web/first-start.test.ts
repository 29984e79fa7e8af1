/**
 * The first start's choice, through the same API the window calls: nothing is started or seeded
 * until the user picks the demo; the pick is remembered, so later starts run the demo again.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../shared/domain/clock';
import { startWebServer, type WebServer } from '../../../electron/web/start';

const clock = manualClock('2026-11-23T09:00:00Z');
const dataDir = mkdtempSync(join(tmpdir(), 'ledgerline-first-start-'));

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

async function call(server: WebServer, operation: string, input: unknown = {}): Promise<{ ok: boolean; value?: Record<string, unknown>; error?: { code: string; message: string } }> {
  const response = await fetch(new URL(`api/${operation}`, server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
  return (await response.json()) as { ok: boolean; value?: Record<string, unknown>; error?: { code: string; message: string } };
}

async function settled(server: WebServer): Promise<Record<string, unknown>> {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    const status = await call(server, 'sync.status');
    if (status.value?.state === 'idle') return status.value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the first sync never finished');
}

describe('the first start', { timeout: 120_000 }, () => {
  it('asks before anything exists: no built-in server, no demo users, no portfolio', async () => {
    const server = await startWebServer({ dataDir, clock, staticRoot: null, sync: 'embedded', setup: 'ask' });
    try {
      expect(server.syncServerUrl).toBeNull();
      expect(await call(server, 'sync.setup')).toEqual({ ok: true, value: { needed: true, demoOffered: true } });
      expect(await call(server, 'sync.status')).toMatchObject({ ok: true, value: { state: 'local_only', server: null } });
      expect(await call(server, 'worklist.query', { limit: 5 })).toMatchObject({ ok: true, value: { rows: [] } });
      expect(existsSync(join(dataDir, 'server'))).toBe(false);
    } finally {
      await server.close();
    }
  });

  it('starts the demo when chosen, signs in to it and pulls the portfolio; a second choice is refused', async () => {
    const server = await startWebServer({ dataDir, clock, staticRoot: null, sync: 'embedded', setup: 'ask' });
    try {
      expect(await call(server, 'sync.chooseDemo')).toMatchObject({ ok: true, value: { state: 'syncing' } });
      expect(await settled(server)).toMatchObject({ server: { embedded: true }, user: { username: 'jordan.reyes' } });
      expect(await call(server, 'sync.setup')).toEqual({ ok: true, value: { needed: false, demoOffered: true } });
      const page = await call(server, 'worklist.query', { limit: 5 });
      expect((page.value?.rows as unknown[]).length).toBe(5);
      expect(await call(server, 'sync.chooseDemo')).toMatchObject({ ok: false, error: { code: 'conflict', message: 'This computer is already set up to sync; to use another server, sign in to it from the sync status.' } });
    } finally {
      await server.close();
    }
  });

  it('remembers the choice: the next start runs the demo server again without asking', async () => {
    const server = await startWebServer({ dataDir, clock, staticRoot: null, sync: 'embedded', setup: 'ask' });
    try {
      expect(await call(server, 'sync.setup')).toEqual({ ok: true, value: { needed: false, demoOffered: true } });
      expect(await settled(server)).toMatchObject({ server: { embedded: true }, user: { username: 'jordan.reyes' } });
    } finally {
      await server.close();
    }
  });
});

describe('a demo whose built-in server cannot start', { timeout: 120_000 }, () => {
  const brokenDir = mkdtempSync(join(tmpdir(), 'ledgerline-first-start-broken-'));
  afterAll(() => {
    rmSync(brokenDir, { recursive: true, force: true });
  });

  it('says why in the sync status, offers the choice again, and starts afresh when chosen again', async () => {
    // A file where the server's folder belongs: PGlite cannot open its database there.
    writeFileSync(join(brokenDir, 'server'), 'not a folder');
    const server = await startWebServer({ dataDir: brokenDir, clock, staticRoot: null, sync: 'embedded', setup: 'ask' });
    try {
      expect(await call(server, 'sync.chooseDemo')).toMatchObject({ ok: true, value: { state: 'syncing' } });
      let status: Record<string, unknown> | undefined;
      for (let attempt = 0; attempt < 300 && status?.state !== 'error'; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        status = (await call(server, 'sync.status')).value;
      }
      expect(status).toMatchObject({ state: 'error', server: null, error: { code: 'no_server', reason: 'builtInServerFailed' } });
      expect((status?.error as { message: string }).message).toMatch(/^The built-in server could not start \(/);
      expect(await call(server, 'sync.setup')).toEqual({ ok: true, value: { needed: true, demoOffered: true } });

      rmSync(join(brokenDir, 'server'));
      expect(await call(server, 'sync.chooseDemo')).toMatchObject({ ok: true, value: { state: 'syncing' } });
      expect(await settled(server)).toMatchObject({ server: { embedded: true }, user: { username: 'jordan.reyes' }, error: null });
    } finally {
      await server.close();
    }
  });
});
