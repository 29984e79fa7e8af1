/**
 * The client half of the HTTP protocol (docs/SYNC.md, docs/SERVER.md): every request with the
 * protocol header and a timeout, every answer checked against the shared schemas. Failures come
 * back as SyncRequestError with a kind the engine decides on (retry, refresh, stop).
 */
import { z } from 'zod';
import { isErrorReason, type ErrorParams, type RefusalReason } from '../../shared/api/result';
import { isRefusalKey, refusalParts, type Refusal, type RefusalKey } from '../../shared/i18n/refusals';
import {
  ATTACHMENT_FETCH_BUDGET_BYTES,
  AttachmentFetchResponseSchema,
  DirectoryResponseSchema,
  PullResponseSchema,
  PushResponseSchema,
  refusalWording,
  SequenceGapSchema,
  type AttachmentFetchRequest,
  type AttachmentFetchResponse,
  type DirectoryResponse,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  type SequenceGap,
} from '../../shared/sync/protocol';
import { ROLES } from '../../shared/domain/codes';

/** 3: amounts in ISO 4217 minor units; 4: attachments; 5: follow-up titles in the collector's language (server/version.ts). */
export const CLIENT_PROTOCOL_VERSION = 5;
export const PROTOCOL_HEADER = 'x-ledgerline-protocol';

export const SessionSchema = z.object({
  accessToken: z.string(),
  accessTokenExpiresAt: z.string(),
  refreshToken: z.string(),
  refreshTokenExpiresAt: z.string(),
  user: z.object({ id: z.string(), username: z.string(), displayName: z.string(), role: z.enum(ROLES), teamId: z.string().nullable() }),
});
export type Session = z.output<typeof SessionSchema>;

/**
 * - network: no answer (offline, refused, timed out, cut off): retry later.
 * - server: 5xx or 429: retry later.
 * - expired: the access token expired: refresh and retry.
 * - unauthorized: credentials or session refused: sign in again.
 * - update_required: the server does not speak this client's protocol.
 * - refused: any other 4xx to a whole request (rights revoked, a bug): stop and tell.
 */
export type FailureKind = 'network' | 'server' | 'expired' | 'unauthorized' | 'update_required' | 'refused';

/** Why a request failed, in a form the user's language words (shared/i18n/refusals, or a reason of the input's shape). */
export interface FailureWording {
  readonly reason: RefusalReason;
  readonly params?: ErrorParams;
}

export class SyncRequestError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly status: number | null = null,
    readonly code: string | null = null,
    readonly retryAfterMs: number | null = null,
    /** The input the server named as refused (`error.field`), e.g. `cursor`. */
    readonly field: string | null = null,
    /** The server's reason and values (`error.reason`, `error.params`), or this client's for a failure it words itself. */
    readonly wording: FailureWording | null = null,
  ) {
    super(message);
    this.name = 'SyncRequestError';
  }

  /** A failure this client words itself: the refusal's English as the message, and its key and values. */
  static refused(kind: FailureKind, refusal: RefusalKey | Refusal, status: number | null = null, retryAfterMs: number | null = null): SyncRequestError {
    const { message, ...wording } = refusalParts(refusal);
    return new SyncRequestError(kind, message, status, null, retryAfterMs, null, wording);
  }
}

/** A pull refused for its cursor (docs/SYNC.md): the server does not know the position, so start over from a snapshot. */
export const isRefusedCursor = (error: unknown): boolean =>
  error instanceof SyncRequestError && error.status === 400 && error.code === 'validation' && error.field === 'cursor';

/** `reason` and `params` are read on their own (serverWording): a body with odd ones still gives its message. */
const ErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional(), reason: z.unknown().optional(), params: z.unknown().optional() }),
});

/**
 * The server's reason and values, when this version knows the reason and the values are well
 * formed; otherwise none, and the message words the error (a newer server's reason, an older
 * server that sends none).
 */
function serverWording(reason: unknown, params: unknown): FailureWording | null {
  if (!isErrorReason(reason) && !isRefusalKey(reason)) return null;
  const wording = refusalWording(reason, params);
  return wording.reason === undefined ? null : { reason, ...(wording.params === undefined ? {} : { params: wording.params }) };
}

export type PushAnswer = { readonly status: 200; readonly body: PushResponse } | { readonly status: 409; readonly body: SequenceGap };

export interface SyncClient {
  login(username: string, password: string): Promise<Session>;
  refresh(refreshToken: string): Promise<Session>;
  logout(refreshToken: string): Promise<void>;
  directory(accessToken: string): Promise<DirectoryResponse>;
  push(accessToken: string, request: PushRequest): Promise<PushAnswer>;
  /** `onSent` is called once the request has been handed to the connection (see `sentSignalBody`). */
  pull(
    accessToken: string,
    request: { cursor: string | null; limit: number; resync?: readonly string[]; snapshotRuns?: boolean },
    onSent?: () => void,
  ): Promise<PullResponse>;
  /** The bytes of attachments the pull described (POST /v1/sync/attachments). */
  attachments(accessToken: string, request: AttachmentFetchRequest): Promise<AttachmentFetchResponse>;
}

/**
 * A request body that says when the connection has taken it. fetch writes a request in later
 * ticks of the event loop; a caller about to block it (writing a pulled page to SQLite for tens of
 * milliseconds) waits for this first, so the server already works on the next page meanwhile.
 */
function sentSignalBody(text: string, onSent: () => void): { body: ReadableStream<Uint8Array>; duplex: 'half' } {
  const bytes = new TextEncoder().encode(text);
  return {
    body: new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(bytes);
        controller.close();
        onSent();
      },
    }),
    duplex: 'half',
  };
}

/** The slowest line a request is given time for: about 256 kbit/s (a train, a hotel at night). */
const SLOWEST_BYTES_PER_SECOND = 32 * 1024;

/**
 * How long a request may take: the usual limit, or longer for one that moves many bytes (a push
 * with a file, a fetch of files), so a slow line still carries it instead of failing at the limit.
 */
export const requestTimeoutMs = (baseMs: number, bytes: number): number => Math.max(baseMs, Math.ceil((bytes / SLOWEST_BYTES_PER_SECOND) * 1000));

export interface SyncClientOptions {
  readonly baseUrl: string;
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
}

function kindOf(status: number, code: string | null): FailureKind {
  if (status === 426) return 'update_required';
  if (status === 401) return code === 'token_expired' ? 'expired' : 'unauthorized';
  if (status === 429 || status >= 500) return 'server';
  return 'refused';
}

function retryAfterMs(response: Response): number | null {
  const header = response.headers.get('retry-after');
  const seconds = header === null ? Number.NaN : Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : null;
}

export function createSyncClient(options: SyncClientOptions): SyncClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const fetcher = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 60_000;

  async function request(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    token?: string,
    alsoAccept: readonly number[] = [],
    onSent?: () => void,
    /** Bytes the answer may carry beyond the usual (files), for the time allowed. */
    answerBytes = 0,
  ): Promise<{ status: number; json: unknown }> {
    const headers: Record<string, string> = { [PROTOCOL_HEADER]: String(CLIENT_PROTOCOL_VERSION), accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    let response: Response;
    let text: string;
    const sent = body === undefined ? undefined : JSON.stringify(body);
    try {
      response = await fetcher(`${base}${path}`, {
        method,
        headers,
        ...(sent === undefined ? {} : onSent === undefined ? { body: sent } : sentSignalBody(sent, onSent)),
        signal: AbortSignal.timeout(requestTimeoutMs(timeoutMs, (sent?.length ?? 0) + answerBytes)),
      });
      text = await response.text();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new SyncRequestError('network', `The server at ${base} cannot be reached (${reason}).`);
    }
    let json: unknown;
    try {
      json = text === '' ? null : (JSON.parse(text) as unknown);
    } catch {
      throw SyncRequestError.refused(response.status >= 500 ? 'server' : 'refused', { key: 'answerNotJson', params: { status: response.status } }, response.status);
    }
    if (!response.ok && !alsoAccept.includes(response.status)) {
      const parsed = ErrorBodySchema.safeParse(json);
      if (!parsed.success) {
        throw SyncRequestError.refused(kindOf(response.status, null), { key: 'answerStatus', params: { status: response.status } }, response.status, retryAfterMs(response));
      }
      const { code, message, field, reason, params } = parsed.data.error;
      throw new SyncRequestError(kindOf(response.status, code), message, response.status, code, retryAfterMs(response), field ?? null, serverWording(reason, params));
    }
    return { status: response.status, json };
  }

  function parse<S extends z.ZodType>(schema: S, path: string, json: unknown): z.output<S> {
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw SyncRequestError.refused('refused', { key: 'answerUnexpected', params: { path } });
    return parsed.data;
  }

  const post = async <S extends z.ZodType>(path: string, schema: S, body: unknown, token?: string): Promise<z.output<S>> =>
    parse(schema, path, (await request('POST', path, body, token)).json);

  return {
    login: (username, password) => post('/v1/auth/login', SessionSchema, { username, password }),
    refresh: (refreshToken) => post('/v1/auth/refresh', SessionSchema, { refreshToken }),
    logout: async (refreshToken) => {
      await request('POST', '/v1/auth/logout', { refreshToken });
    },
    directory: async (token) => parse(DirectoryResponseSchema, '/v1/directory', (await request('GET', '/v1/directory', undefined, token)).json),
    push: async (token, body) => {
      const { status, json } = await request('POST', '/v1/sync/push', body, token, [409]);
      if (status === 409) return { status: 409, body: parse(SequenceGapSchema, '/v1/sync/push', json) };
      return { status: 200, body: parse(PushResponseSchema, '/v1/sync/push', json) };
    },
    pull: async (token, body, onSent) => {
      const sent = {
        cursor: body.cursor,
        limit: body.limit,
        ...(body.resync === undefined || body.resync.length === 0 ? {} : { resync: body.resync }),
        ...(body.snapshotRuns === true ? { snapshotRuns: true } : {}),
      };
      return parse(PullResponseSchema, '/v1/sync/pull', (await request('POST', '/v1/sync/pull', sent, token, [], onSent)).json);
    },
    // The answer carries up to a budget of files, as base64 (4 characters for 3 bytes).
    attachments: async (token, body) =>
      parse(AttachmentFetchResponseSchema, '/v1/sync/attachments', (await request('POST', '/v1/sync/attachments', body, token, [], undefined, Math.ceil((ATTACHMENT_FETCH_BUDGET_BYTES * 4) / 3))).json),
  };
}
