/**
 * `npm run dev:web`: the renderer in a browser, the API over HTTP on 127.0.0.1, against the same
 * handlers, a real local store and the same sync engine as the desktop app, signed in to the
 * built-in server with the demo portfolio. LEDGERLINE_PORT (default 5174), LEDGERLINE_DATA_DIR or
 * --data-dir (default <repo>/.data), LEDGERLINE_CLOCK freezes "today", LEDGERLINE_SYNC=off runs
 * without any server (a standalone store with the local demo).
 */
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { clockFromEnv } from '../app/clock-from-env';
import { createFileLogger, setLogFile } from '../app/file-logger';
import { describeError } from '../app/logger';
import { resolveDataDir } from '../app/paths';
import { SETUP_ENV, setupFromEnv, SYNC_ENV, syncModeFromEnv } from '../app/sync-mode';
import { INSTALL_PASSWORD_FILE } from '../../server/embedded/install-password';
import { buildRenderer, isRendererBuildStale } from './renderer-build';
import { DEFAULT_STATIC_ROOT, REPO_ROOT, startWebServer } from './start';

export { startWebServer, type WebServer, type WebServerOptions } from './start';

export const DEFAULT_PORT = 5174;

export const PORT_ENV = 'LEDGERLINE_PORT';

export function portFromEnv(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new RangeError(`${PORT_ENV} must be a port number, not "${value}"`);
  return port;
}

async function main(): Promise<void> {
  const dataDir = resolve(resolveDataDir(process.env, process.argv.slice(2), join(REPO_ROOT, '.data')));
  setLogFile(join(dataDir, 'logs', 'dev-web.log'));
  const logger = createFileLogger('dev-web');
  if (!process.argv.includes('--no-build') && isRendererBuildStale(REPO_ROOT, DEFAULT_STATIC_ROOT)) {
    logger.info('building the renderer');
    buildRenderer(REPO_ROOT);
  }
  const server = await startWebServer({
    dataDir,
    port: portFromEnv(process.env.LEDGERLINE_PORT),
    clock: clockFromEnv(process.env),
    seedIfEmpty: true,
    logger,
    sync: syncModeFromEnv(process.env[SYNC_ENV]),
    // A developer wants the demo at once; LEDGERLINE_SETUP=ask shows the first start's choice.
    setup: process.env[SETUP_ENV] === undefined ? 'demo' : setupFromEnv(process.env[SETUP_ENV]),
  });
  // Tests and scripts wait for this exact line.
  process.stdout.write(`Ledgerline dev:web listening on ${server.url} (data: ${dataDir})\n`);
  // A developer signs in as the demo's other users (a team lead, say) from a second browser profile.
  if (server.syncServerUrl !== null) process.stdout.write(`Built-in sync server on ${server.syncServerUrl} (demo users, password "${server.syncServerPassword ?? ''}", kept in ${join(dataDir, 'server', INSTALL_PASSWORD_FILE)})\n`);
  const shutdown = (signal: string) => {
    logger.info(`${signal}: closing the server and the store`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('shutdown failed', describeError(error));
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => {
    shutdown('SIGINT');
  });
  process.once('SIGTERM', () => {
    shutdown('SIGTERM');
  });
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(resolve(entry)).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`dev:web could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}

export const DEV_WEB_ENTRY = fileURLToPath(import.meta.url);
