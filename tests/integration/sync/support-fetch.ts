/**
 * A fetch an engine is given in place of the real one, so a test can step into its requests: see
 * them, send them twice, replay an old one, or let one reach the server and lose the answer.
 */

export interface SentRequest {
  readonly url: string;
  readonly path: string;
  readonly init: RequestInit;
}

/** Decides what happens to one request: `send` forwards it (any number of times). */
export type RequestHook = (request: SentRequest, send: () => Promise<Response>) => Promise<Response>;

export interface HookedFetch {
  readonly fetch: typeof fetch;
  /** The hook for the next requests; null passes everything through. */
  hook: RequestHook | null;
  /** Every request sent so far, in order. */
  readonly sent: SentRequest[];
  /** Sends a recorded request again, as it was (same body, same token). */
  replay(request: SentRequest): Promise<Response>;
}

const urlOf = (input: string | URL | Request): string => (typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url);

/** The body a request was sent with, as text (the engine sends JSON strings). */
export const bodyOf = (request: SentRequest): string => (typeof request.init.body === 'string' ? request.init.body : '');

export function hookedFetch(): HookedFetch {
  const realFetch = globalThis.fetch;
  const state: HookedFetch = {
    hook: null,
    sent: [],
    replay: (request) => realFetch(request.url, { ...request.init, signal: AbortSignal.timeout(60_000) }),
    fetch: async (input: string | URL | Request, init: RequestInit = {}) => {
      const url = urlOf(input);
      const request: SentRequest = { url, path: new URL(url).pathname, init };
      state.sent.push(request);
      const send = (): Promise<Response> => realFetch(url, init);
      const hook = state.hook;
      return hook === null ? send() : hook(request, send);
    },
  };
  return state;
}

export const isPush = (request: SentRequest): boolean => request.path === '/v1/sync/push';
export const isPull = (request: SentRequest): boolean => request.path === '/v1/sync/pull';
