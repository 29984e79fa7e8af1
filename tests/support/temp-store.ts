/** A fresh database file per test, in its own temporary directory, removed afterwards. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLocalStore, type LocalStore, type OpenOptions } from '../../db/open';

export interface TempStore {
  readonly store: LocalStore;
  readonly dir: string;
  readonly path: string;
  cleanup(): Promise<void>;
}

export function makeTempDir(prefix = 'ledgerline-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function createTempStore(options: Partial<Omit<OpenOptions, 'path'>> = {}): Promise<TempStore> {
  const dir = makeTempDir();
  const path = join(dir, 'ledgerline.db');
  const store = await openLocalStore({ ...options, path });
  return {
    store,
    dir,
    path,
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
