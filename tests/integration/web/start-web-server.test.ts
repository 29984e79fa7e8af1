import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLocalStore } from '../../../db/open';
import { manualClock } from '../../../shared/domain/clock';
import { startWebServer, type WebServer } from '../../../electron/web/dev-web';
import { REPO_ROOT } from '../../../electron/web/start';

const NOW = '2026-11-23T09:00:00Z';
let dataDir: string;
let staticRoot: string;
const running: WebServer[] = [];

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'ledgerline-devweb-'));
  staticRoot = mkdtempSync(join(tmpdir(), 'ledgerline-static-'));
  writeFileSync(join(staticRoot, 'index.html'), '<!doctype html><title>Ledgerline</title>');
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(staticRoot, { recursive: true, force: true });
});

async function start(): Promise<WebServer> {
  const server = await startWebServer({ dataDir, staticRoot, clock: manualClock(NOW), seedIfEmpty: true });
  running.push(server);
  return server;
}

async function call(server: WebServer, operation: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: unknown }> {
  const response = await fetch(new URL(`api/${operation}`, server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: new URL(server.url).origin },
    body: JSON.stringify(input),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { ok: boolean; value?: unknown; error?: unknown };
}

describe('startWebServer', () => {
  it('seeds an empty data dir and serves the real handlers on loopback', async () => {
    const server = await start();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const info = await call(server, 'app.info', {});
    expect(info).toMatchObject({ ok: true, value: { transport: 'http', asOf: '2026-11-23', dataDir } });
    const page = await call(server, 'worklist.query', { limit: 5 });
    expect(page.ok).toBe(true);
    expect((page.value as { rows: unknown[]; total: number }).rows).toHaveLength(5);
    expect((page.value as { total: number }).total).toBeGreaterThan(20);
  });

  it('keeps preferences in the data dir across restarts and does not seed twice', async () => {
    const first = await start();
    expect(await call(first, 'prefs.set', { theme: 'dark' })).toMatchObject({ ok: true });
    const total = ((await call(first, 'worklist.query', {})).value as { total: number }).total;
    await first.close();

    const second = await start();
    expect(await call(second, 'prefs.get', {})).toMatchObject({ ok: true, value: { theme: 'dark' } });
    expect(((await call(second, 'worklist.query', {})).value as { total: number }).total).toBe(total);
  });

  it('releases the database on close', async () => {
    const server = await start();
    await server.close();
    await server.close();
    const store = await openLocalStore({ path: join(dataDir, 'ledgerline.db') });
    expect(store.schemaVersion).toBeGreaterThan(0);
    await store.close();
  });

  it('listens on loopback addresses only', async () => {
    await expect(startWebServer({ dataDir, staticRoot, host: '0.0.0.0' })).rejects.toThrow(/loopback/);
  });

  it('refuses to start on a file that is not a Ledgerline database, leaving it untouched', async () => {
    writeFileSync(join(dataDir, 'ledgerline.db'), 'definitely not sqlite');
    await expect(startWebServer({ dataDir, staticRoot, seedIfEmpty: true })).rejects.toThrow(/not a valid Ledgerline database/);
  });
});

describe('npm run dev:web', () => {
  it('prints its URL, serves the API and shuts down cleanly on SIGTERM', async () => {
    // tsx's loader in the process itself, not its CLI: the CLI relays a signal and, when the child
    // does not acknowledge it within 30 ms (a busy machine), kills it and exits 143.
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'electron', 'web', 'dev-web.ts'), '--no-build'], {
      cwd: REPO_ROOT,
      env: { ...process.env, LEDGERLINE_DATA_DIR: dataDir, LEDGERLINE_PORT: '0', LEDGERLINE_CLOCK: NOW },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const url = await new Promise<string>((resolve, reject) => {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening on (http:\/\/\S+)/.exec(output);
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', (code) => {
        reject(new Error(`dev:web exited with ${String(code)} before listening: ${output}`));
      });
    });
    const response = await fetch(new URL('api/app.info', url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(await response.json()).toMatchObject({ ok: true, value: { asOf: '2026-11-23', transport: 'http' } });
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    // A dev:web process compiled by tsx as it starts, then a shutdown: up to 20 s on two busy cores.
  }, 90_000);
});
