/** The one result shape every API operation returns; the renderer never sees a raw exception. */

export const API_ERROR_CODES = [
  'validation',
  'not_found',
  'conflict',
  'forbidden',
  'unknown_operation',
  'newer_database',
  'invalid_database',
  'database',
  'internal',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface ApiError {
  readonly code: ApiErrorCode;
  readonly message: string;
  /** Dotted path of the offending input field, when one field is to blame. */
  readonly field?: string;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: ApiError): Result<never> => ({ ok: false, error });

/** Thrown by domain rules and commands for a failure the user can act on. */
export class DomainError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
