/** What a collector reads when sync cannot do its job: what happened, and that nothing is lost. */
import type { FailureKind } from './transport';

export function describeFailure(kind: FailureKind, serverMessage: string): { code: string; message: string } {
  switch (kind) {
    case 'network':
      return { code: 'offline', message: 'No connection to the server. Your changes are kept on this computer and will be sent when the connection is back.' };
    case 'server':
      return { code: 'server_unavailable', message: 'The server is busy or has a problem. Your changes are kept and sync will try again shortly.' };
    case 'expired':
    case 'unauthorized':
      return { code: 'signed_out', message: 'Your session has ended. Sign in again to sync; your changes are kept until then.' };
    case 'update_required':
      return { code: 'update_required', message: `This version of Ledgerline cannot sync with the server (${serverMessage}). Update the app; your changes are kept until then.` };
    case 'refused':
      return { code: 'refused', message: `The server refused to sync: ${serverMessage} Your changes are kept; ask your administrator if this persists.` };
  }
}
