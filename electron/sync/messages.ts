/**
 * What a collector reads when sync cannot do its job: what happened, and that nothing is lost. The
 * English message goes with a refusal's key and values (shared/i18n/refusals), so the status panel
 * words it in the user's language.
 */
import type { ErrorParams } from '../../shared/api/result';
import { isRefusalKey, refusalMessage, type RefusalKey } from '../../shared/i18n/refusals';
import { REFUSAL_PARAM_MAX } from '../../shared/sync/protocol';
import type { FailureKind, FailureWording } from './transport';

/** The sync status's error (SyncStatus['error']): the English message, and the reason and values to word it by. */
export interface SyncFailure {
  readonly code: string;
  readonly message: string;
  readonly reason?: string;
  readonly params?: ErrorParams;
}

/** A failure the client words itself. */
export function syncFailure(code: string, key: RefusalKey, params?: ErrorParams): SyncFailure {
  const message = refusalMessage(params === undefined ? { key } : { key, params });
  if (params === undefined) return { code, message, reason: key };
  const carried = Object.fromEntries(Object.entries(params).map(([name, value]) => [name, typeof value === 'string' ? value.slice(0, REFUSAL_PARAM_MAX) : value]));
  return { code, message, reason: key, params: carried };
}

/**
 * The failure of a sync. `serverMessage` and `serverWording` are the server's (or the transport's)
 * words for an update required or a refusal: its reason and values word it when it gave them, else
 * the English message is carried as `detail` inside a sentence of this client's.
 */
export function describeFailure(kind: FailureKind, serverMessage: string, serverWording: FailureWording | null = null): SyncFailure {
  switch (kind) {
    case 'network':
      return syncFailure('offline', 'syncOffline');
    case 'server':
      return syncFailure('server_unavailable', 'syncServerBusy');
    case 'expired':
    case 'unauthorized':
      return syncFailure('signed_out', 'syncSignedOut');
    case 'update_required':
      return withServerWording(syncFailure('update_required', 'syncUpdateRequired', { detail: serverMessage }), serverWording);
    case 'refused':
      return withServerWording(syncFailure('refused', 'syncRefused', { detail: serverMessage }), serverWording);
  }
}

/**
 * The English sentence around the server's message, worded in another language by the server's own
 * refusal and values; a reason of the input's shape ("too long") says too little without its field,
 * so the message is carried then.
 */
function withServerWording(failure: SyncFailure, wording: FailureWording | null): SyncFailure {
  if (wording === null || !isRefusalKey(wording.reason)) return failure;
  return { code: failure.code, message: failure.message, reason: wording.reason, ...(wording.params === undefined ? {} : { params: wording.params }) };
}
