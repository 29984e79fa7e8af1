/**
 * The sync status the top bar, the status panel and the sync-issues screen share: polled every
 * 2 s while something shows it, published again right after every sync action, and handed to
 * React only when it really changed (an unchanged answer re-renders nothing).
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { SyncStatus } from '../../../shared/api/sync-contract';
import { api } from '../api/client';
import { dataChanged } from '../collector/dataVersion';

export const SYNC_POLL_MS = 2_000;

let current: SyncStatus | undefined;
let currentJson = '';
const listeners = new Set<() => void>();
/** The pending poll; null while a request is in flight or nothing listens. */
let timer: ReturnType<typeof setTimeout> | null = null;
let polling = false;

/** A finished sync may have brought rows from the server: the screens re-read what they show. */
const syncFinished = (previous: SyncStatus, next: SyncStatus): boolean =>
  previous.lastSyncAt !== next.lastSyncAt || (previous.state === 'syncing' && next.state !== 'syncing');

/** Takes a status the API answered (a poll or an action's answer). */
export function publishSyncStatus(next: SyncStatus): void {
  const json = JSON.stringify(next);
  if (json === currentJson) return;
  const previous = current;
  current = next;
  currentJson = json;
  if (previous !== undefined && syncFinished(previous, next)) dataChanged();
  for (const listener of listeners) listener();
}

export async function refreshSyncStatus(): Promise<void> {
  const result = await api['sync.status']({});
  if (result.ok) publishSyncStatus(result.value);
}

function poll(): void {
  timer = null;
  void refreshSyncStatus().finally(() => {
    if (listeners.size > 0) timer = setTimeout(poll, SYNC_POLL_MS);
    else polling = false;
  });
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  if (!polling) {
    polling = true;
    poll();
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearTimeout(timer);
      timer = null;
      polling = false;
    }
  };
};

/** The latest sync status, or undefined until the first answer. */
export const useSyncStatus = (): SyncStatus | undefined => useSyncExternalStore(subscribe, () => current);

/** Tells the sync engine what the window knows about the network: once at start and on every change. */
export function useNetworkReporting(): void {
  useEffect(() => {
    const report = () => {
      void api['sync.network']({ online: navigator.onLine }).then((result) => {
        if (result.ok) publishSyncStatus(result.value);
      });
    };
    report();
    window.addEventListener('online', report);
    window.addEventListener('offline', report);
    return () => {
      window.removeEventListener('online', report);
      window.removeEventListener('offline', report);
    };
  }, []);
}

/**
 * Who is signed in to sync and when they last synced: signing in as someone else names the new
 * user in the status before the first sync has written their profile, so what is keyed on this
 * (app.info) is read again after every sync as well.
 */
export const useSyncUserKey = (): string => useSyncExternalStore(subscribe, () => `${current?.user?.id ?? ''}|${current?.lastSyncAt ?? ''}`);

/** The id of the user signed in to sync, '' when nobody is. */
export const useSyncUserId = (): string => useSyncExternalStore(subscribe, () => current?.user?.id ?? '');
