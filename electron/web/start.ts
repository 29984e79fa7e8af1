/**
 * Starts the dev:web server: opens the store in `dataDir` (seeding the small demo when it is
 * empty), binds the handler table to HTTP and listens on a loopback address only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemClock, type Clock } from '../../shared/domain/clock';
import type { ShellLogger } from '../app/logger';
import { createMemoryLogger } from '../app/memory-logger';
import { openWorkspace } from '../app/workspace';
import { createWebApp } from './server';
import { createFilePreferenceStore } from './settings-file';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEFAULT_STATIC_ROOT = join(REPO_ROOT, 'dist', 'renderer');

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', '::1', 'localhost']);

export interface WebServerOptions {
  readonly dataDir: string;
  /** 0 or absent: any free port. */
  readonly port?: number;
  readonly clock?: Clock;
  readonly seedIfEmpty?: boolean;
  /** Must be a loopback address: this server has no authentication. */
  readonly host?: string;
  readonly staticRoot?: string | null;
  readonly logger?: ShellLogger;
}

export interface WebServer {
  readonly url: string;
  close(): Promise<void>;
}

function appVersion(): string {
  const parsed: unknown = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
  if (typeof parsed === 'object' && parsed !== null && 'version' in parsed && typeof parsed.version === 'string') return parsed.version;
  return '0.0.0';
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK_HOSTS.has(host)) throw new RangeError(`dev:web listens on loopback addresses only, not "${host}"`);
  const logger = options.logger ?? createMemoryLogger();
  const workspace = await openWorkspace({
    dataDir: options.dataDir,
    clock: options.clock ?? systemClock,
    seedIfEmpty: options.seedIfEmpty ?? false,
    preferences: createFilePreferenceStore(options.dataDir),
    transport: 'http',
    version: appVersion(),
    logger,
  });
  try {
    const app = await createWebApp({
      handlers: workspace.handlers,
      staticRoot: options.staticRoot === undefined ? DEFAULT_STATIC_ROOT : options.staticRoot,
      logger,
    });
    await app.listen({ host, port: options.port ?? 0 });
    const address = app.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : options.port ?? 0;
    const urlHost = host === '::1' ? '[::1]' : host;
    let closing: Promise<void> | null = null;
    return {
      url: `http://${urlHost}:${port}/`,
      close: () => {
        closing ??= app.close().then(() => workspace.close());
        return closing;
      },
    };
  } catch (error) {
    await workspace.close();
    throw error;
  }
}
