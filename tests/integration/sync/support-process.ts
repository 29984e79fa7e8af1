/**
 * The real server process (server/main.ts under tsx) on a fresh PostgreSQL database seeded with
 * a demo portfolio (the small one unless told), on a fixed loopback port and secret, so it can be killed (SIGKILL) and started
 * again on the same database and address while clients keep their stored server and tokens.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { connectServerDb, type ServerDb } from '../../../server/db/connect';
import { migrateServerDatabase } from '../../../server/db/migrate';
import { DEMO_PASSWORD } from '../../../server/demo/credentials';
import { seedServerDemo } from '../../../server/demo/seed';
import type { DemoSize } from '../../../server/demo/sizes';
import { POSTGRES_URL } from '../server/support/backends';
import { TEST_SECRET } from '../server/support/harness';
import { makeTempDir } from '../../support/temp-store';
import { AS_OF, NOW } from './support';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const START_TIMEOUT_MS = 60_000;

export async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** POSTGRES_URL with another database name. */
export function urlOfDatabase(name: string): string {
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => {
    probe.close(() => {
      resolve();
    });
  });
  return port;
}

export interface ServerProcess {
  readonly url: string;
  /** The name of the server's PostgreSQL database (its own, dropped by dispose). */
  readonly database: string;
  /** A connection of the test's own to the server's database, to read what the server holds. */
  readonly db: ServerDb['db'];
  /** Starts the process (again) and waits until /v1/health answers. */
  start(): Promise<void>;
  /** SIGKILL: no shutdown, no rollback but the database's own. Resolves when the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM: the graceful shutdown. */
  stop(): Promise<void>;
  /** Whether the process is alive (it has not exited since the last start). */
  running(): boolean;
  /** The last few kilobytes the process wrote (stdout and stderr, log level warn and above). */
  output(): string;
  dispose(): Promise<void>;
}

export interface ServerProcessOptions {
  readonly demo?: DemoSize;
  /** The server reaches PostgreSQL through this loopback port (a proxy the test controls) instead of directly. */
  readonly databasePort?: number;
}

/** How the server process names its connections (the default) and how the test's own are named, to tell them apart. */
export const SERVER_APPLICATION_NAME = 'ledgerline-server';
const TEST_APPLICATION_NAME = 'ledgerline-test';

export async function startServerProcess(options: ServerProcessOptions = {}): Promise<ServerProcess> {
  const database = `t_sync_${uuidv7().replaceAll('-', '')}`;
  await adminQuery(`CREATE DATABASE ${database}`);
  const databaseUrl = urlOfDatabase(database);
  const store = await connectServerDb({ databaseUrl, applicationName: TEST_APPLICATION_NAME });
  const serverDatabaseUrl = new URL(databaseUrl);
  if (options.databasePort !== undefined) {
    serverDatabaseUrl.hostname = '127.0.0.1';
    serverDatabaseUrl.port = String(options.databasePort);
  }
  await migrateServerDatabase(store.db, store.schema);
  await seedServerDemo(store.db, { size: options.demo ?? 'small', seed: 1, asOf: AS_OF, password: DEMO_PASSWORD, now: NOW });
  const port = await freePort();
  const url = `http://127.0.0.1:${String(port)}`;
  const dataDir = makeTempDir();
  let child: ChildProcess | null = null;
  let output = '';

  const exited = (proc: ChildProcess): Promise<void> =>
    proc.exitCode !== null || proc.signalCode !== null
      ? Promise.resolve()
      : new Promise((resolve) => {
          proc.once('exit', () => {
            resolve();
          });
        });

  async function waitForHealth(proc: ChildProcess): Promise<void> {
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (proc.exitCode !== null) throw new Error(`the server process exited with ${String(proc.exitCode)}:\n${output}`);
      const healthy = await fetch(`${url}/v1/health`).then(
        (response) => response.ok,
        () => false,
      );
      if (healthy) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the server process did not answer on ${url} within ${String(START_TIMEOUT_MS)} ms:\n${output}`);
  }

  const handle: ServerProcess = {
    url,
    database,
    db: store.db,
    async start() {
      if (child !== null) throw new Error('the server process is running already');
      output = '';
      const started = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
        cwd: REPO_ROOT,
        env: {
          ...process.env,
          DATABASE_URL: serverDatabaseUrl.toString(),
          LEDGERLINE_SERVER_PORT: String(port),
          LEDGERLINE_SERVER_HOST: '127.0.0.1',
          LEDGERLINE_SERVER_SECRET: TEST_SECRET,
          LEDGERLINE_SERVER_DATA_DIR: dataDir,
          LEDGERLINE_SERVER_LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const collect = (chunk: Buffer): void => {
        output = (output + chunk.toString('utf8')).slice(-4_000);
      };
      started.stdout.on('data', collect);
      started.stderr.on('data', collect);
      child = started;
      started.once('exit', () => {
        if (child === started) child = null;
      });
      await waitForHealth(started);
    },
    async kill() {
      const running = child;
      if (running === null) return;
      running.kill('SIGKILL');
      await exited(running);
    },
    async stop() {
      const running = child;
      if (running === null) return;
      running.kill('SIGTERM');
      await exited(running);
    },
    running: () => child !== null,
    output: () => output,
    async dispose() {
      await handle.kill();
      await store.close();
      await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    },
  };
  await handle.start();
  return handle;
}
