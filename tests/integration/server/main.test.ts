import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_PORT, SECRET_FILE, loadOrCreateSecret, readServerConfig } from '../../../server/config';
import { systemTimeZone } from '../../../shared/domain/time-zone';
import { SERVER_MIGRATIONS } from '../../../server/db/migrations';

const dirs: string[] = [];
const children: ChildProcess[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledgerline-server-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  // A failed assertion must not leave a server running.
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('server configuration', () => {
  it('defaults to PGlite in .data/server on 127.0.0.1:8787', () => {
    expect(readServerConfig({}, '/srv/app')).toEqual({
      databaseUrl: undefined,
      dataDir: '/srv/app/.data/server',
      host: '127.0.0.1',
      port: DEFAULT_PORT,
      trustProxy: [],
      logLevel: 'info',
      timeZone: systemTimeZone(),
      importFolder: undefined,
    });
    // The drop folder: off unless named; its timings and size limit bounded, each a named error.
    expect(readServerConfig({ LEDGERLINE_IMPORT_DIR: 'erp-drop' }, '/srv/app').importFolder).toEqual({ dir: '/srv/app/erp-drop', pollMs: 10_000, settleMs: 10_000, maxBytes: 100 * 1024 * 1024 });
    expect(readServerConfig({ LEDGERLINE_IMPORT_DIR: '/in', LEDGERLINE_IMPORT_POLL_SECONDS: '2', LEDGERLINE_IMPORT_SETTLE_SECONDS: '30', LEDGERLINE_IMPORT_MAX_MB: '500' }).importFolder).toEqual({ dir: '/in', pollMs: 2000, settleMs: 30_000, maxBytes: 500 * 1024 * 1024 });
    expect(() => readServerConfig({ LEDGERLINE_IMPORT_DIR: '/in', LEDGERLINE_IMPORT_POLL_SECONDS: '0' })).toThrow('LEDGERLINE_IMPORT_POLL_SECONDS must be a whole number of seconds from 1 to 86400, not "0".');
    expect(() => readServerConfig({ LEDGERLINE_IMPORT_DIR: '/in', LEDGERLINE_IMPORT_MAX_MB: '1.5' })).toThrow(/LEDGERLINE_IMPORT_MAX_MB must be a whole number of megabytes/);
    expect(readServerConfig({ LEDGERLINE_SERVER_TIME_ZONE: 'america/los_angeles' }).timeZone).toBe('America/Los_Angeles');
    expect(readServerConfig({ DATABASE_URL: 'postgres://x/y', LEDGERLINE_SERVER_PORT: '0', LEDGERLINE_SERVER_DATA_DIR: '/d' }, '/srv')).toMatchObject({
      databaseUrl: 'postgres://x/y',
      port: 0,
      dataDir: '/d',
    });
  });

  it('rejects unusable settings with a named error', () => {
    expect(() => readServerConfig({ LEDGERLINE_SERVER_PORT: 'http' })).toThrow(ConfigError);
    expect(() => readServerConfig({ LEDGERLINE_SERVER_PORT: '70000' })).toThrow(/LEDGERLINE_SERVER_PORT/);
    expect(() => readServerConfig({ LEDGERLINE_SERVER_LOG_LEVEL: 'loud' })).toThrow(ConfigError);
    expect(() => readServerConfig({ LEDGERLINE_SERVER_TIME_ZONE: 'Mars/Olympus_Mons' })).toThrow(/LEDGERLINE_SERVER_TIME_ZONE must be a time zone/);
    expect(() => readServerConfig({ LEDGERLINE_SERVER_TRUST_PROXY: 'yes' })).toThrow(ConfigError);
    expect(() => readServerConfig({ LEDGERLINE_SERVER_TRUST_PROXY: 'true' })).toThrow(/LEDGERLINE_SERVER_TRUST_PROXY must name the proxy addresses/);
    expect(readServerConfig({ LEDGERLINE_SERVER_TRUST_PROXY: '10.0.0.5,loopback' }).trustProxy).toEqual(['10.0.0.5', 'loopback']);
    expect(() => loadOrCreateSecret({ LEDGERLINE_SERVER_SECRET: 'short' }, tempDir())).toThrow(ConfigError);
  });

  it('generates the secret once, owner-readable only, unless the environment provides one', () => {
    const dir = tempDir();
    const secret = loadOrCreateSecret({}, dir);
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(statSync(join(dir, SECRET_FILE)).mode & 0o777).toBe(0o600);
    expect(loadOrCreateSecret({}, dir)).toBe(secret);
    const fromEnv = 'e'.repeat(40);
    expect(loadOrCreateSecret({ LEDGERLINE_SERVER_SECRET: fromEnv }, dir)).toBe(fromEnv);
    expect(readFileSync(join(dir, SECRET_FILE), 'utf8')).toBe(secret);
  });
});

interface LogLine {
  msg?: string;
  applied?: string[];
}

/** Starts `server/main.ts` on embedded PGlite and resolves with its URL once it listens. */
function startServer(dataDir: string): { child: ChildProcess; lines: LogLine[]; url: Promise<string> } {
  const env: NodeJS.ProcessEnv = { ...process.env, LEDGERLINE_SERVER_DATA_DIR: dataDir, LEDGERLINE_SERVER_PORT: '0' };
  delete env.DATABASE_URL;
  delete env.LEDGERLINE_SERVER_SECRET;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const lines: LogLine[] = [];
  const url = new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => {
      reject(new Error(`server exited early with ${String(code)}`));
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      const entry = JSON.parse(line) as LogLine;
      lines.push(entry);
      const match = /listening at (http:\/\/\S+)/.exec(entry.msg ?? '');
      if (match?.[1] !== undefined) resolve(match[1]);
    });
  });
  return { child, lines, url };
}

const exitOf = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      resolve(code);
    });
  });

describe('server process', () => {
  it('serves, shuts down cleanly on SIGTERM, and restarts on the same embedded database', async () => {
    const dataDir = tempDir();
    const first = startServer(dataDir);
    const url = await first.url;
    const health = await fetch(`${url}/v1/health`);
    expect(health.status).toBe(200);
    expect(first.lines.find((l) => l.msg === 'database ready')?.applied).toEqual(Object.keys(SERVER_MIGRATIONS));

    const exited = exitOf(first.child);
    first.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(first.lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['shutting down', 'stopped']));
    const secret = readFileSync(join(dataDir, SECRET_FILE), 'utf8');

    const second = startServer(dataDir);
    const again = await second.url;
    expect((await fetch(`${again}/v1/health`)).status).toBe(200);
    expect(second.lines.find((l) => l.msg === 'database ready')?.applied).toEqual([]);
    expect(readFileSync(join(dataDir, SECRET_FILE), 'utf8')).toBe(secret);
    const stopped = exitOf(second.child);
    second.child.kill('SIGINT');
    expect(await stopped).toBe(0);
    // Two server processes, each compiled by tsx as it starts: about 15 s apiece on two busy cores.
  }, 120_000);
});
