/**
 * Opens the local store in a data directory and builds the handler table on it: the start-up
 * both the desktop app and dev:web go through. Runs in plain Node.
 */
import { mkdirSync } from 'node:fs';
import { todayUtc, type Clock } from '../../shared/domain/clock';
import type { ApiHandlers } from '../../shared/api/dispatch';
import { openLocalStore, type LocalStore } from '../../db/open';
import { createHandlers } from '../../db/handlers/create-handlers';
import type { PreferenceStore } from '../../db/handlers/preferences';
import { seedDemo } from '../../db/demo/seed';
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
}

export interface Workspace {
  readonly store: LocalStore;
  readonly handlers: ApiHandlers;
  close(): Promise<void>;
}

async function isEmpty(store: LocalStore): Promise<boolean> {
  const row = await store.db.selectFrom('customers').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

/** Throws NewerDatabaseError / InvalidDatabaseError (db/errors) untouched, for the caller to show. */
export async function openWorkspace(options: WorkspaceOptions): Promise<Workspace> {
  mkdirSync(options.dataDir, { recursive: true });
  const store = await openLocalStore(
    options.nativeBinding ? { path: databasePath(options.dataDir), nativeBinding: options.nativeBinding } : { path: databasePath(options.dataDir) },
  );
  try {
    if (options.seedIfEmpty && (await isEmpty(store))) {
      const asOf = todayUtc(options.clock);
      options.logger.info('empty database: seeding the demo portfolio', { ...FIRST_START_DEMO, asOf });
      await seedDemo(store, { ...FIRST_START_DEMO, asOf });
    }
  } catch (error) {
    await store.close();
    throw error;
  }
  const handlers = createHandlers({
    store,
    preferences: options.preferences,
    clock: options.clock,
    app: { version: options.version, dataDir: options.dataDir, transport: options.transport },
  });
  return { store, handlers, close: () => store.close() };
}
