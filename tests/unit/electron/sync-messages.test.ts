/** The sync status's error: the English as it has always read, with a refusal's key and values for the other languages. */
import { describe, expect, it } from 'vitest';
import { SyncStatusSchema } from '../../../shared/api/sync-contract';
import { refusalMessage, type RefusalKey } from '../../../shared/i18n/refusals';
import { describeFailure, syncFailure } from '../../../electron/sync/messages';

describe('describeFailure', () => {
  it('keeps the English of every failure and names its refusal', () => {
    expect(describeFailure('network', '')).toEqual({
      code: 'offline',
      message: 'No connection to the server. Your changes are kept on this computer and will be sent when the connection is back.',
      reason: 'syncOffline',
    });
    expect(describeFailure('server', '503')).toEqual({
      code: 'server_unavailable',
      message: 'The server is busy or has a problem. Your changes are kept and sync will try again shortly.',
      reason: 'syncServerBusy',
    });
    for (const kind of ['expired', 'unauthorized'] as const) {
      expect(describeFailure(kind, 'The session has ended; sign in again.')).toEqual({
        code: 'signed_out',
        message: 'Your session has ended. Sign in again to sync; your changes are kept until then.',
        reason: 'syncSignedOut',
      });
    }
  });

  it("carries an older server's message as the detail of its own sentence", () => {
    expect(describeFailure('update_required', 'this server needs protocol 2')).toEqual({
      code: 'update_required',
      message: 'This version of Ledgerline cannot sync with the server (this server needs protocol 2). Update the app; your changes are kept until then.',
      reason: 'syncUpdateRequired',
      params: { detail: 'this server needs protocol 2' },
    });
    expect(describeFailure('refused', 'Access is denied.')).toEqual({
      code: 'refused',
      message: 'The server refused to sync: Access is denied. Your changes are kept; ask your administrator if this persists.',
      reason: 'syncRefused',
      params: { detail: 'Access is denied.' },
    });
  });

  it("words an update required or a refusal by the server's own reason and values, the English unchanged", () => {
    const tooOld = 'This app speaks protocol 3; the server needs 4 or later. Update Ledgerline.';
    expect(describeFailure('update_required', tooOld, { reason: 'protocolTooOld', params: { version: 3, minimum: 4 } })).toEqual({
      code: 'update_required',
      message: `This version of Ledgerline cannot sync with the server (${tooOld}). Update the app; your changes are kept until then.`,
      reason: 'protocolTooOld',
      params: { version: 3, minimum: 4 },
    });
    const disabled = 'This account is disabled; ask an administrator.';
    expect(describeFailure('refused', disabled, { reason: 'accountDisabled' })).toEqual({
      code: 'refused',
      message: `The server refused to sync: ${disabled} Your changes are kept; ask your administrator if this persists.`,
      reason: 'accountDisabled',
    });
  });

  it('keeps its own sentence for a reason of the input\'s shape, which says too little without its field', () => {
    expect(describeFailure('refused', 'cursor is not valid', { reason: 'invalidFormat', params: { format: 'cursor' } })).toMatchObject({
      reason: 'syncRefused',
      params: { detail: 'cursor is not valid' },
    });
  });

  it('fits a status even for a very long server message, whose English is kept whole', () => {
    const long = 'x'.repeat(5_000);
    const failure = describeFailure('refused', long);
    expect(failure.message).toContain(long);
    expect(failure.params?.detail).toHaveLength(1_000);
    const status = { state: 'error', server: null, user: null, pending: 0, issues: 0, lastSyncAt: null, nextAttemptAt: null, progress: null, error: failure };
    expect(SyncStatusSchema.safeParse(status).success).toBe(true);
  });
});

describe('syncFailure', () => {
  it("is the refusal's English with its key and values", () => {
    const cases: [RefusalKey, Record<string, string>?][] = [['syncFailedUnexpectedly'], ['builtInServerNotRunning'], ['builtInServerFailed', { failure: 'port 8787 is in use' }]];
    for (const [key, params] of cases) {
      const failure = syncFailure('no_server', key, params);
      expect(failure).toEqual({ code: 'no_server', message: refusalMessage(params === undefined ? { key } : { key, params }), reason: key, ...(params === undefined ? {} : { params }) });
    }
    expect(syncFailure('no_server', 'builtInServerFailed', { failure: 'port 8787 is in use' }).message).toBe(
      'The built-in server could not start (port 8787 is in use); sign in to a server from the sync status.',
    );
  });
});
