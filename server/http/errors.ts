/**
 * The one error body every endpoint answers with: `{ error: { code, message, field?, reason?, params? } }`.
 * Fastify's own errors (bad JSON, body too large, wrong content type) are mapped to it too.
 * `reason` and `params` (a refusal's key, shared/i18n/refusals, or a reason of the input's shape)
 * let the client word the error in its user's language; `message` stays English, for logs and a
 * client that does not know the reason. Both are optional: an older client ignores them.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { DomainError, type ApiErrorCode, type ErrorParams, type RefusalReason } from '../../shared/api/result';
import { refusalParts, type Refusal, type RefusalKey } from '../../shared/i18n/refusals';
import { DATABASE_RETRY_AFTER_SECONDS, isConnectionError } from '../db/connection-errors';

export const HTTP_ERROR_CODES = [
  'bad_request',
  'validation',
  'unauthorized',
  'token_expired',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'update_required',
  'server_outdated',
  'internal',
  'unavailable',
] as const;
export type HttpErrorCode = (typeof HTTP_ERROR_CODES)[number];

/** Why a request was refused, for the client to word: a refusal's key or a reason of the input's shape, with its values. */
export interface ErrorWording {
  readonly reason: RefusalReason;
  readonly params?: ErrorParams;
}

export interface ErrorBody {
  readonly error: {
    readonly code: HttpErrorCode | ApiErrorCode;
    readonly message: string;
    readonly field?: string;
    readonly reason?: RefusalReason;
    readonly params?: ErrorParams;
  };
}

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: HttpErrorCode,
    message: string,
    readonly field?: string,
    readonly headers: Readonly<Record<string, string>> = {},
    readonly wording?: ErrorWording,
  ) {
    super(message);
    this.name = 'HttpError';
  }

  /** An error worded by a refusal's key: its English message, and the key and values for the client. */
  static refused(
    statusCode: number,
    code: HttpErrorCode,
    refusal: RefusalKey | Refusal,
    options: { readonly field?: string; readonly headers?: Readonly<Record<string, string>> } = {},
  ): HttpError {
    const { message, wording } = worded(refusal);
    return new HttpError(statusCode, code, message, options.field, options.headers, wording);
  }
}

/** A refusal's English message and its wording for the client. */
function worded(refusal: RefusalKey | Refusal): { readonly message: string; readonly wording: ErrorWording } {
  const { message, ...wording } = refusalParts(refusal);
  return { message, wording };
}

export const errorBody = (code: ErrorBody['error']['code'], message: string, field?: string, wording?: ErrorWording): ErrorBody => ({
  error: {
    code,
    message,
    ...(field === undefined ? {} : { field }),
    ...(wording === undefined ? {} : { reason: wording.reason }),
    ...(wording?.params === undefined ? {} : { params: wording.params }),
  },
});

/** The body of an error worded by a refusal's key. */
export function refusalBody(code: ErrorBody['error']['code'], refusal: RefusalKey | Refusal): ErrorBody {
  const { message, wording } = worded(refusal);
  return errorBody(code, message, undefined, wording);
}

const DOMAIN_STATUS: Partial<Record<ApiErrorCode, number>> = { validation: 400, not_found: 404, conflict: 409, forbidden: 403 };

const FASTIFY_ERRORS: Readonly<Record<string, { status: number; code: HttpErrorCode; refusal: RefusalKey }>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'bad_request', refusal: 'requestNotJson' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'bad_request', refusal: 'requestBodyEmpty' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'payload_too_large', refusal: 'requestTooLarge' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported_media_type', refusal: 'requestMediaType' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'bad_request', refusal: 'requestContentLength' },
};

/** The headers of every answer given while the database is away. */
export const databaseRetryHeaders = (): Record<string, string> => ({ 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS) });

export function registerErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send(refusalBody('not_found', { key: 'noEndpoint', params: { method: request.method, path: request.url.split('?')[0] ?? '' } }));
  });

  app.setErrorHandler((error: FastifyError | HttpError | DomainError, request, reply) => {
    if (error instanceof HttpError) {
      void reply.code(error.statusCode).headers(error.headers).send(errorBody(error.code, error.message, error.field, error.wording));
      return;
    }
    if (error instanceof DomainError) {
      void reply.code(DOMAIN_STATUS[error.code] ?? 400).send(errorBody(error.code, error.message, error.field, error.detail));
      return;
    }
    const known = FASTIFY_ERRORS[error.code];
    if (known !== undefined) {
      void reply.code(known.status).send(refusalBody(known.code, known.refusal));
      return;
    }
    if (isConnectionError(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      void reply.code(503).headers(databaseRetryHeaders()).send(refusalBody('unavailable', 'databaseUnavailable'));
      return;
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      void reply.code(status).send(errorBody('bad_request', error.message));
      return;
    }
    request.log.error({ err: error }, 'request failed');
    void reply.code(500).send(refusalBody('internal', 'serverFailed'));
  });
}
