/**
 * Which server account the local store holds. Signing in as someone else (or to another server)
 * replaces the local portfolio: it belongs to the previous account and the new one gets a
 * snapshot. Unsent changes are never dropped silently.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { refused } from '../../shared/i18n/refusals';
import { SyncUserSchema } from '../../shared/api/sync-contract';
import { prepared } from '../statements';
import { resumeBulkMaintenance } from './bulk-snapshot';
import { pendingCount } from './outbox';
import { readSyncJson, readSyncValue, SYNC_KEYS, writeSyncValue } from './sync-state';

export const SyncServerSchema = z.object({ url: z.string(), embedded: z.boolean() });
export type SyncServer = z.output<typeof SyncServerSchema>;
export type SyncAccount = z.output<typeof SyncUserSchema>;

export function storedServer(sqlite: BetterSqlite3.Database): SyncServer | null {
  const parsed = SyncServerSchema.safeParse(readSyncJson(sqlite, SYNC_KEYS.server));
  return parsed.success ? parsed.data : null;
}

export function storedAccount(sqlite: BetterSqlite3.Database): SyncAccount | null {
  const parsed = SyncUserSchema.safeParse(readSyncJson(sqlite, SYNC_KEYS.account));
  return parsed.success ? parsed.data : null;
}

export function storeServer(sqlite: BetterSqlite3.Database, server: SyncServer | null): void {
  writeSyncValue(sqlite, SYNC_KEYS.server, server === null ? null : JSON.stringify(server));
}

/** The store's client id, created on first use. */
export function clientIdOf(sqlite: BetterSqlite3.Database): string {
  const existing = readSyncValue(sqlite, SYNC_KEYS.clientId);
  if (existing !== null) return existing;
  const created = uuidv7();
  writeSyncValue(sqlite, SYNC_KEYS.clientId, created);
  return created;
}

const sameAccount = (a: SyncAccount | null, b: SyncAccount, serverA: SyncServer | null, urlB: string): boolean => a !== null && a.id === b.id && serverA?.url === urlB;

/**
 * Makes the store belong to `account` on `server`: nothing changes for the same account; for
 * another, the portfolio, cursor, sequence and issues are reset in one transaction, refused while
 * unsent changes exist unless the user chose to discard them.
 */
export function adoptAccount(sqlite: BetterSqlite3.Database, server: SyncServer, account: SyncAccount, discardUnsynced: boolean): void {
  sqlite
    .transaction(() => {
      if (sameAccount(storedAccount(sqlite), account, storedServer(sqlite), server.url)) {
        storeServer(sqlite, server);
        writeSyncValue(sqlite, SYNC_KEYS.account, JSON.stringify(account));
        return;
      }
      const unsent = pendingCount(sqlite);
      if (unsent > 0 && !discardUnsynced) {
        throw refused('conflict', unsent === 1 ? 'unsentChangeOne' : { key: 'unsentChanges', params: { count: unsent } }, 'discardUnsynced');
      }
      sqlite.pragma('defer_foreign_keys = ON');
      // A snapshot of the previous account may have been cut short with indexes and triggers suspended.
      resumeBulkMaintenance(sqlite);
      for (const statement of [
        'DELETE FROM outbox',
        'DELETE FROM sync_issues',
        'DELETE FROM sync_resync',
        'DELETE FROM sync_snapshot_seen',
        // Drafts, pins and snoozes are each user's own (their owner column): they stay for when that user signs in again.
        'DELETE FROM customers',
        'UPDATE users SET is_local_profile = 0',
        "DELETE FROM sync_state WHERE key LIKE 'sync.%'",
      ]) {
        prepared(sqlite, statement).run();
      }
      writeSyncValue(sqlite, SYNC_KEYS.clientId, uuidv7());
      storeServer(sqlite, server);
      writeSyncValue(sqlite, SYNC_KEYS.account, JSON.stringify(account));
    })
    .immediate();
}
