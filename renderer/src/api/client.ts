/**
 * The renderer's only door to the application: the typed ApiClient over the Electron preload
 * bridge when present, else over HTTP (dev:web). Every failure, including a lost connection,
 * comes back as a Result error so React code never has to catch.
 */
import type { AppCommand, AppCommandBridge } from '../../../shared/api/app-commands';
import type { ApiBridge, ApiClient, OperationInput, OperationName, OperationOutput } from '../../../shared/api/contract';
import type { Result } from '../../../shared/api/result';
import { localError } from '../i18n/errorText';
import { i18n } from '../i18n/i18n';

declare global {
  interface Window {
    /** The desktop preload's bridge; the menu's commands come only there. */
    api?: ApiBridge & Partial<AppCommandBridge>;
  }
}

const isResult = (value: unknown): value is Result<unknown> =>
  typeof value === 'object' &&
  value !== null &&
  'ok' in value &&
  ((value.ok === true && 'value' in value) ||
    (value.ok === false && 'error' in value && typeof value.error === 'object' && value.error !== null));

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** POST /api/<operation> with the JSON input; the body of every answer is the Result JSON. */
export function httpBridge(baseUrl = '', fetcher: typeof fetch = (...args) => fetch(...args)): ApiBridge {
  return {
    async invoke(operation, input) {
      let response: Response;
      try {
        response = await fetcher(`${baseUrl}/api/${encodeURIComponent(operation)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(input ?? {}),
        });
      } catch (error) {
        return { ok: false, error: localError({ code: 'internal', message: i18n.t('app.api.unreachable', { reason: describe(error) }) }) };
      }
      try {
        const body: unknown = await response.json();
        if (isResult(body)) return body;
      } catch {
        // fall through: a non-JSON answer (proxy page, crash) is reported with its HTTP status
      }
      return { ok: false, error: localError({ code: 'internal', message: i18n.t('app.api.badAnswer', { status: `${response.status} ${response.statusText}`.trim() }) }) };
    },
  };
}

/** Wraps a bridge so that a throwing or malformed bridge still yields a Result. */
function safeInvoke(bridge: ApiBridge) {
  return async <K extends OperationName>(operation: K, input: OperationInput<K>): Promise<Result<OperationOutput<K>>> => {
    try {
      const result = await bridge.invoke(operation, input);
      if (isResult(result)) return result as Result<OperationOutput<K>>;
      return { ok: false, error: localError({ code: 'internal', message: i18n.t('app.api.unexpectedAnswer', { operation }) }) };
    } catch (error) {
      return { ok: false, error: localError({ code: 'internal', message: i18n.t('app.api.failed', { operation, reason: describe(error) }) }) };
    }
  };
}

export type Invoke = ReturnType<typeof safeInvoke>;

/**
 * Operation names all contain a dot ("worklist.query"); anything else read off the client
 * (`then`, `toJSON`, symbols) is not an operation and stays undefined.
 */
const isOperationLike = (name: string | symbol): name is OperationName => typeof name === 'string' && name.includes('.');

/**
 * The client is a Proxy rather than an object built from `apiContract`, so the renderer never loads
 * the zod schemas at run time: zod probes for `eval` on load, which the CSP forbids and reports.
 */
export function createApiClient(bridge: ApiBridge): ApiClient & { call: Invoke } {
  const call = safeInvoke(bridge);
  const methods = new Map<string, (input: never) => Promise<Result<unknown>>>();
  return new Proxy({ call } as ApiClient & { call: Invoke }, {
    get(target, name, receiver) {
      if (name === 'call' || !isOperationLike(name)) return Reflect.get(target, name, receiver) as unknown;
      let method = methods.get(name);
      if (!method) {
        method = (input: never) => call(name, input);
        methods.set(name, method);
      }
      return method;
    },
  });
}

// Guarded so the module also loads where there is no window (unit tests in Node).
const preloadBridge = 'window' in globalThis ? globalThis.window.api : undefined;

export const api = createApiClient(preloadBridge ?? httpBridge());

/** Listens to the desktop menu's commands; in the web build there is no menu and nothing arrives. */
export function onAppCommand(listener: (command: AppCommand) => void): () => void {
  return preloadBridge?.onCommand?.(listener) ?? (() => undefined);
}
