/**
 * Opens the local store in a data directory and builds the handler table on it: the start-up
 * both the desktop app and dev:web go through. Runs in plain Node.
 */
import { mkdirSync } from 'node:fs';
import type { Clock } from '../../shared/domain/clock';
import { userToday } from '../../db/day/user-day';
import { dispatch, type ApiHandlers } from '../../shared/api/dispatch';
import { openLocalStore, type LocalStore } from '../../db/open';
import { clearOpenedCopies } from '../../db/handlers/attachment-handlers';
import { createHandlers } from '../../db/handlers/create-handlers';
import type { PreferenceStore } from '../../db/handlers/preferences';
import { seedDemo } from '../../db/demo/seed';
import { outboxHighWater } from '../../db/sync/outbox';
import { SyncEngine, type EmbeddedServer, type SyncTiming } from '../sync/engine';
import { createSyncHandlers } from '../sync/handlers';
import type { TokenVault } from '../sync/token-vault';
import type { ShellLogger } from './logger';
import { databasePath } from './paths';

/** The demo portfolio a fresh installation starts with; fixed so every first start looks the same. */
export const FIRST_START_DEMO = { size: 'small', seed: 1 } as const;

export interface WorkspaceOptions {
  readonly dataDir: string;
  /** better_sqlite3.node built for the running runtime (Electron ships its own). */
  readonly nativeBinding?: string;
  readonly clock: Clock;
  readonly seedIfEmpty: boolean;
  readonly preferences: PreferenceStore;
  readonly transport: 'ipc' | 'http';
  readonly version: string;
  readonly logger: ShellLogger;
  /** Sync with a server; without it the store stands alone (tests, the standalone demo). */
  readonly sync?: WorkspaceSyncOptions;
  /** Shows a file in the system's file manager: the desktop app's export "Show in folder". */
  readonly revealFile?: (path: string) => void;
  /** Opens a file in the system's viewer: the desktop app's attachment "Open". */
  readonly openFile?: (path: string) => Promise<string>;
}

export interface WorkspaceSyncOptions {
  readonly vault: TokenVault;
  /** The server started with the app, if any (or its start under way): a fresh store signs in to it with its demo account. */
  readonly embedded: EmbeddedServer | null | Promise<EmbeddedServer | null>;
  /** Starts the built-in demo server on demand (the first start's choice, and later starts of a store that chose it). */
  readonly startDemo?: () => Promise<EmbeddedServer | null>;
  readonly timing?: Partial<SyncTiming>;
  readonly fetch?: typeof fetch;
}

export interface Workspace {
  readonly store: LocalStore;
  readonly handlers: ApiHandlers;
  readonly engine: SyncEngine | null;
  close(): Promise<void>;
}

/** Tells the engine when an operation wrote to the outbox, whichever operation it was. */
function watchingWrites(handlers: ApiHandlers, store: LocalStore, onWrite: () => void): ApiHandlers {
  const watched: Record<string, (input: never) => unknown> = {};
  for (const [name, handler] of Object.entries(handlers) as [string, (input: never) => unknown][]) {
    watched[name] = async (input: never) => {
      const before = outboxHighWater(store.sqlite);
      const result = await handler(input);
      if (outboxHighWater(store.sqlite) !== before) onWrite();
      return result;
    };
  }
  return watched as unknown as ApiHandlers;
}

async function isEmpty(store: LocalStore): Promise<boolean> {
  const row = await store.db.selectFrom('customers').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

/** Throws NewerDatabaseError / InvalidDatabaseError (db/errors) untouched, for the caller to show. */
export async function openWorkspace(options: WorkspaceOptions): Promise<Workspace> {
  mkdirSync(options.dataDir, { recursive: true });
  clearOpenedCopies(options.dataDir, (message, detail) => {
    options.logger.warn(message, detail);
  });
  const store = await openLocalStore(
    options.nativeBinding ? { path: databasePath(options.dataDir), nativeBinding: options.nativeBinding } : { path: databasePath(options.dataDir) },
  );
  try {
    // A syncing store gets its portfolio from the server, never from the local demo.
    if (options.seedIfEmpty && options.sync === undefined && (await isEmpty(store))) {
      const asOf = userToday(options);
      options.logger.info('empty database: seeding the demo portfolio', { ...FIRST_START_DEMO, asOf });
      await seedDemo(store, { ...FIRST_START_DEMO, asOf });
    }
  } catch (error) {
    await store.close();
    throw error;
  }
  const base = {
    store,
    preferences: options.preferences,
    clock: options.clock,
    app: { version: options.version, dataDir: options.dataDir, transport: options.transport },
    ...(options.revealFile === undefined ? {} : { revealFile: options.revealFile }),
    ...(options.openFile === undefined ? {} : { openFile: options.openFile }),
  };
  const sync = options.sync;
  if (sync === undefined) {
    return { store, handlers: createHandlers(base), engine: null, close: () => store.close() };
  }
  const engine = new SyncEngine({
    store,
    clock: options.clock,
    today: () => userToday(options),
    vault: sync.vault,
    logger: options.logger,
    embedded: sync.embedded,
    ...(sync.startDemo === undefined ? {} : { startDemo: sync.startDemo }),
    ...(sync.timing === undefined ? {} : { timing: sync.timing }),
    ...(sync.fetch === undefined ? {} : { fetch: sync.fetch }),
  });
  let handlers: ApiHandlers | null = null;
  const runOperation = (name: string, input: unknown) => (handlers === null ? Promise.reject(new Error('handlers not ready')) : dispatch(handlers, name, input));
  handlers = watchingWrites(createHandlers({ ...base, sync: createSyncHandlers(engine, store, runOperation) }), store, () => {
    engine.notifyLocalWrite();
  });
  engine.start();
  return {
    store,
    handlers,
    engine,
    close: async () => {
      await engine.close();
      await store.close();
    },
  };
}
