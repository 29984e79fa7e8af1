/** Binds the handler table to the one IPC channel, refusing calls from frames outside the app. */
import { dispatch, type ApiHandlers } from '../../shared/api/dispatch';
import { fail, type Result } from '../../shared/api/result';
import { describeError, type ShellLogger } from '../app/logger';
import { API_INVOKE_CHANNEL } from './channel';

export interface InvokeEvent {
  readonly senderFrame: { readonly url: string } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
}

export interface ApiBindingOptions {
  readonly isTrustedSender: (frameUrl: string) => boolean;
  readonly logger: ShellLogger;
  readonly validateOutput?: boolean;
}

export function createApiInvokeListener(handlers: ApiHandlers, options: ApiBindingOptions) {
  return async (event: InvokeEvent, operation: unknown, input: unknown): Promise<Result<unknown>> => {
    const frameUrl = event.senderFrame?.url ?? '';
    if (!options.isTrustedSender(frameUrl)) {
      options.logger.warn('refused an API call from an untrusted frame', { frameUrl, operation: String(operation) });
      return fail({ code: 'internal', message: 'this page may not call the Ledgerline API' });
    }
    return dispatch(handlers, typeof operation === 'string' ? operation : String(operation), input, {
      validateOutput: options.validateOutput ?? false,
      onUnexpectedError: (name, error) => {
        options.logger.error(`operation ${name} failed`, describeError(error));
      },
    });
  };
}

export function bindApi(ipcMain: IpcMainLike, handlers: ApiHandlers, options: ApiBindingOptions): void {
  const listener = createApiInvokeListener(handlers, options);
  ipcMain.handle(API_INVOKE_CHANNEL, (event, operation, input) => listener(event, operation, input));
}
