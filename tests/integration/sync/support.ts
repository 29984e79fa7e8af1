/**
 * A sync server on loopback (real HTTP: the engine uses fetch) seeded with the small demo, and
 * desktop clients, each a local store in its own folder with a sync engine signed in to it.
 */
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { dispatch } from '../../../shared/api/dispatch';
import type { OperationInput, OperationName, OperationOutput } from '../../../shared/api/contract';
import { manualClock, type Clock } from '../../../shared/domain/clock';
import { DEMO_PASSWORD, DEMO_USERNAMES } from '../../../server/demo/credentials';
import { seedServerDemo } from '../../../server/demo/seed';
import type { DatabaseKind } from '../../../server/db/connect';
import { openWorkspace, type Workspace } from '../../../electron/app/workspace';
import { createMemoryLogger } from '../../../electron/app/memory-logger';
import { memoryTokenVault, type TokenVault } from '../../../electron/sync/token-vault';
import type { SyncTiming } from '../../../electron/sync/engine';
import { createFilePreferenceStore } from '../../../electron/web/settings-file';
import { startHarness, type Harness } from '../server/support/harness';
import { makeTempDir } from '../../support/temp-store';

export const NOW = '2026-03-02T09:00:00.000Z';
export const AS_OF = '2026-03-02';

export interface SyncServer {
  readonly h: Harness;
  readonly url: string;
  dispose(): Promise<void>;
}

export async function startSyncServer(kind: DatabaseKind): Promise<SyncServer> {
  const h = await startHarness(kind);
  h.clock.set(NOW);
  await seedServerDemo(h.testDb.db, { size: 'small', seed: 1, asOf: AS_OF, password: DEMO_PASSWORD, now: NOW });
  await h.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = h.app.server.address() as AddressInfo;
  return { h, url: `http://127.0.0.1:${String(port)}`, dispose: () => h.dispose() };
}

/** Timers that never fire by themselves: the tests run sync cycles explicitly with syncOnce. */
export const STILL_TIMING: Partial<SyncTiming> = { debounceMs: 3_600_000, periodMs: 3_600_000, backoffBaseMs: 3_600_000, backoffMaxMs: 3_600_000 };

export interface TestClient {
  readonly workspace: Workspace;
  readonly dir: string;
  readonly vault: TokenVault;
  readonly clock: Clock & { set(iso: string): void };
  call<K extends OperationName>(name: K, input: OperationInput<K>): Promise<OperationOutput<K>>;
  close(): Promise<void>;
}

export interface ClientOptions {
  readonly dir?: string;
  readonly vault?: TokenVault;
  readonly timing?: Partial<SyncTiming>;
  readonly fetch?: typeof fetch;
  readonly clock?: string;
}

export async function openClient(options: ClientOptions = {}): Promise<TestClient> {
  const dir = options.dir ?? makeTempDir();
  const clock = manualClock(options.clock ?? NOW);
  const vault = options.vault ?? memoryTokenVault();
  const workspace = await openWorkspace({
    dataDir: dir,
    clock,
    seedIfEmpty: false,
    preferences: createFilePreferenceStore(dir),
    transport: 'http',
    version: '0.0.0-test',
    logger: createMemoryLogger(),
    sync: { vault, embedded: null, timing: options.timing ?? STILL_TIMING, ...(options.fetch === undefined ? {} : { fetch: options.fetch }) },
  });
  return {
    workspace,
    dir,
    vault,
    clock,
    async call(name, input) {
      const result = await dispatch(workspace.handlers, name, input, { validateOutput: true });
      if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message} (${result.error.field ?? ''})`);
      return result.value as never;
    },
    close: () => workspace.close(),
  };
}

export async function signedInClient(server: Pick<SyncServer, 'url'>, username: string = DEMO_USERNAMES.collector, options: ClientOptions = {}): Promise<TestClient> {
  const client = await openClient(options);
  await client.call('sync.signIn', { serverUrl: server.url, username, password: DEMO_PASSWORD });
  return client;
}

export const databaseFile = (client: TestClient): string => join(client.dir, 'ledgerline.db');
