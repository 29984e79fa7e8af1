/**
 * The one error body every endpoint answers with: `{ error: { code, message, field? } }`.
 * Fastify's own errors (bad JSON, body too large, wrong content type) are mapped to it too.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { DomainError, type ApiErrorCode } from '../../shared/api/result';
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

export interface ErrorBody {
  readonly error: { readonly code: HttpErrorCode | ApiErrorCode; readonly message: string; readonly field?: string };
}

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: HttpErrorCode,
    message: string,
    readonly field?: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const errorBody = (code: ErrorBody['error']['code'], message: string, field?: string): ErrorBody => ({
  error: field === undefined ? { code, message } : { code, message, field },
});

const DOMAIN_STATUS: Partial<Record<ApiErrorCode, number>> = { validation: 400, not_found: 404, conflict: 409, forbidden: 403 };

const FASTIFY_ERRORS: Readonly<Record<string, { status: number; code: HttpErrorCode; message: string }>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'bad_request', message: 'The request body is not valid JSON.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'bad_request', message: 'The request body is empty; JSON was expected.' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'payload_too_large', message: 'The request body is too large.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported_media_type', message: 'Send the body as application/json.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'bad_request', message: 'The Content-Length header does not match the body.' },
};

export const DATABASE_UNAVAILABLE_MESSAGE = 'The database is unavailable; try again shortly.';

/** The headers of every answer given while the database is away. */
export const databaseRetryHeaders = (): Record<string, string> => ({ 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS) });

export function registerErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send(errorBody('not_found', `No endpoint ${request.method} ${request.url.split('?')[0] ?? ''}.`));
  });

  app.setErrorHandler((error: FastifyError | HttpError | DomainError, request, reply) => {
    if (error instanceof HttpError) {
      void reply.code(error.statusCode).headers(error.headers).send(errorBody(error.code, error.message, error.field));
      return;
    }
    if (error instanceof DomainError) {
      void reply.code(DOMAIN_STATUS[error.code] ?? 400).send(errorBody(error.code, error.message, error.field));
      return;
    }
    const known = FASTIFY_ERRORS[error.code];
    if (known !== undefined) {
      void reply.code(known.status).send(errorBody(known.code, known.message));
      return;
    }
    if (isConnectionError(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      void reply.code(503).headers(databaseRetryHeaders()).send(errorBody('unavailable', DATABASE_UNAVAILABLE_MESSAGE));
      return;
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      void reply.code(status).send(errorBody('bad_request', error.message));
      return;
    }
    request.log.error({ err: error }, 'request failed');
    void reply.code(500).send(errorBody('internal', 'The server could not complete the request.'));
  });
}
