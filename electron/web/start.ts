/**
 * Starts the dev:web server: opens the store in `dataDir` (seeding the small demo when it is
 * empty), binds the handler table to HTTP and listens on a loopback address only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemClock, type Clock } from '../../shared/domain/clock';
import { isLoopbackHostname } from '../../shared/net/loopback';
import type { ShellLogger } from '../app/logger';
import { createMemoryLogger } from '../app/memory-logger';
import type { SetupMode, SyncMode } from '../app/sync-mode';
import { demoServer } from '../app/demo-server';
import { builtInServerPath } from '../app/paths';
import { openWorkspace } from '../app/workspace';
import { fileTokenVault, plainCodec } from '../sync/token-vault';
import type { SyncTiming } from '../sync/engine';
import { createWebApp } from './server';
import { createFilePreferenceStore } from './settings-file';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEFAULT_STATIC_ROOT = join(REPO_ROOT, 'dist', 'renderer');

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
  /**
   * Sync: `embedded` starts the built-in server (PGlite in `<dataDir>/server`, the small demo on
   * first start) and signs in to it; `off` (the default) keeps the store standalone, seeded locally.
   */
  readonly sync?: SyncMode;
  /**
   * With sync: `demo` (the default) starts the built-in server at once, as scripts and tests want;
   * `ask` leaves a first start to the user's choice, as the desktop app does.
   */
  readonly setup?: SetupMode;
  readonly syncTiming?: Partial<SyncTiming>;
}

export interface WebServer {
  readonly url: string;
  /** The built-in sync server's address, when it was started with the demo at start. */
  readonly syncServerUrl: string | null;
  /** Its demo users' password (this installation's own). */
  readonly syncServerPassword: string | null;
  close(): Promise<void>;
}

/** dev:web has no keychain: the refresh token sits in a file only the user may read (the desktop app seals it). */
export const SESSION_FILE = 'session.token';

function appVersion(): string {
  const parsed: unknown = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
  if (typeof parsed === 'object' && parsed !== null && 'version' in parsed && typeof parsed.version === 'string') return parsed.version;
  return '0.0.0';
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const host = options.host ?? '127.0.0.1';
  // A listen address is written bare; the bracketed form is a URL's.
  if (!isLoopbackHostname(host) || host.startsWith('[')) throw new RangeError(`dev:web listens on loopback addresses only, not "${host}"`);
  const logger = options.logger ?? createMemoryLogger();
  const clock = options.clock ?? systemClock;
  const demo = demoServer({ dataDir: builtInServerPath(options.dataDir), clock });
  const startDemo = () => demo.start();
  const closeEmbedded = () => demo.close();
  const started = options.sync === 'embedded' && (options.setup ?? 'demo') === 'demo' ? await startDemo() : null;
  try {
    const workspace = await openWorkspace({
      dataDir: options.dataDir,
      clock,
      seedIfEmpty: options.seedIfEmpty ?? false,
      preferences: createFilePreferenceStore(options.dataDir),
      transport: 'http',
      version: appVersion(),
      logger,
      ...(options.sync === 'embedded'
        ? {
            sync: {
              vault: fileTokenVault(join(options.dataDir, SESSION_FILE), plainCodec),
              embedded: started,
              startDemo,
              ...(options.syncTiming === undefined ? {} : { timing: options.syncTiming }),
            },
          }
        : {}),
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
        syncServerUrl: started?.url ?? null,
        syncServerPassword: started?.credentials.password ?? null,
        close: () => {
          closing ??= app
            .close()
            .then(() => workspace.close())
            .then(closeEmbedded);
          return closing;
        },
      };
    } catch (error) {
      await workspace.close();
      throw error;
    }
  } catch (error) {
    await closeEmbedded();
    throw error;
  }
}
