import type { ApiHandlers } from '../../shared/api/dispatch';
import { refused } from '../../shared/i18n/refusals';
import type { syncContract, SyncStatus } from '../../shared/api/sync-contract';

export type SyncHandlers = Pick<ApiHandlers, keyof typeof syncContract>;

/**
 * The sync operations of a store that has no sync engine attached (tests of the local store, the
 * demo CLI): it reports itself local-only and refuses to sign in.
 */
export function detachedSyncHandlers(): SyncHandlers {
  const status = (): SyncStatus => ({
    state: 'local_only',
    server: null,
    user: null,
    pending: 0,
    issues: 0,
    lastSyncAt: null,
    nextAttemptAt: null,
    progress: null,
    error: null,
  });
  const noEngine = (): never => {
    throw refused('conflict', 'syncTurnedOff', 'serverUrl');
  };
  return {
    'sync.status': status,
    'sync.now': status,
    'sync.network': status,
    'sync.issues': () => [],
    'sync.retry': ({ id }) => {
      throw refused('not_found', { key: 'syncIssueNotFound', params: { id } }, 'id');
    },
    'sync.discard': ({ id }) => {
      throw refused('not_found', { key: 'syncIssueNotFound', params: { id } }, 'id');
    },
    'sync.signIn': noEngine,
    'sync.signOut': status,
    // A store without sync has its portfolio already (the local demo): nothing to choose.
    'sync.setup': () => ({ needed: false, demoOffered: false }),
    'sync.chooseDemo': noEngine,
  };
}
