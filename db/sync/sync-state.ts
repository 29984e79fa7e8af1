/** The client's sync bookkeeping in the local store's key/value table, one key per fact. */
import type BetterSqlite3 from 'better-sqlite3';
import { prepared } from '../statements';

export const SYNC_KEYS = {
  /** One per installation and server account; the server knows the client's sequence by it. */
  clientId: 'sync.client_id',
  cursor: 'sync.cursor',
  lastSyncAt: 'sync.last_sync_at',
  /** The highest protocol sequence handed to an outbox mutation. */
  lastPushSeq: 'sync.last_push_seq',
  /** JSON { url, embedded }: the server this store syncs with. */
  server: 'sync.server',
  /** JSON of the signed-in account, whose portfolio the store holds. */
  account: 'sync.account',
  /** Set while a snapshot is being received: its first page cleared sync_snapshot_seen. */
  snapshotActive: 'sync.snapshot_active',
  /** JSON { rows, total }: changes of the snapshot under way received so far, and how many it holds (null: not told). */
  snapshotProgress: 'sync.snapshot_progress',
  /** JSON [[promiseId, supersededBy]]: links whose target has not arrived yet. */
  danglingSupersedes: 'sync.dangling_supersedes',
} as const;

export type SyncKey = (typeof SYNC_KEYS)[keyof typeof SYNC_KEYS];

export function readSyncValue(sqlite: BetterSqlite3.Database, key: SyncKey): string | null {
  return prepared<[string], { value: string }>(sqlite, 'SELECT value FROM sync_state WHERE key = ?').get(key)?.value ?? null;
}

export function writeSyncValue(sqlite: BetterSqlite3.Database, key: SyncKey, value: string | null): void {
  if (value === null) prepared<[string]>(sqlite, 'DELETE FROM sync_state WHERE key = ?').run(key);
  else prepared<[string, string]>(sqlite, 'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function readSyncJson(sqlite: BetterSqlite3.Database, key: SyncKey): unknown {
  const value = readSyncValue(sqlite, key);
  return value === null ? null : (JSON.parse(value) as unknown);
}
