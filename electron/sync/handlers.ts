/** The sync operations of the API, answered by the engine and the local store's sync tables. */
import { DomainError, type Result } from '../../shared/api/result';
import type { SyncHandlers } from '../../db/handlers/sync-handlers';
import { discardSyncIssue, getSyncIssue, listSyncIssues, retryInput } from '../../db/sync/issues';
import type { LocalStore } from '../../db/open';
import { discardPendingMutation, resetPushAttempts } from '../../db/sync/outbox';
import type { SyncEngine } from './engine';

/** Runs an API operation through the same dispatch as the UI's calls (validation included). */
export type RunOperation = (name: string, input: unknown) => Promise<Result<unknown>>;

export function createSyncHandlers(engine: SyncEngine, store: LocalStore, runOperation: RunOperation): SyncHandlers {
  return {
    'sync.status': () => engine.status(),
    'sync.now': () => {
      engine.trigger();
      return engine.status();
    },
    'sync.network': ({ online }) => engine.network(online),
    'sync.issues': () => listSyncIssues(store.sqlite),
    'sync.retry': async ({ id }) => {
      const issue = getSyncIssue(store.sqlite, id);
      // A change still waiting is sent again as it is: running it anew would apply it twice here.
      if (issue.failing !== undefined) {
        resetPushAttempts(store.sqlite, id);
        engine.trigger();
        return { retried: true as const };
      }
      const result = await runOperation(issue.name, retryInput(store.sqlite, issue));
      if (!result.ok) {
        // The English says it was the retry; the card the user pressed Retry on says so in any
        // language, so the cause's reason goes with it alone.
        const { code, message, field, reason, params } = result.error;
        throw new DomainError(
          code,
          `The change cannot be made again as it was: ${message}`,
          field === undefined ? undefined : `args.${field}`,
          reason === undefined ? undefined : { reason, ...(params === undefined ? {} : { params }) },
        );
      }
      discardSyncIssue(store.sqlite, id);
      engine.notifyLocalWrite();
      return { retried: true as const };
    },
    'sync.discard': ({ id }) => {
      if (getSyncIssue(store.sqlite, id).failing !== undefined) {
        discardPendingMutation(store.sqlite, id);
        engine.notifyLocalWrite();
        return { discarded: true as const };
      }
      discardSyncIssue(store.sqlite, id);
      return { discarded: true as const };
    },
    'sync.signIn': (input) => engine.signIn(input),
    'sync.signOut': () => engine.signOut(),
    'sync.setup': () => ({ needed: engine.setupNeeded(), demoOffered: engine.demoOffered() }),
    'sync.chooseDemo': () => engine.chooseDemo(),
  };
}
