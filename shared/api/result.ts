/** The one result shape every API operation returns; the renderer never sees a raw exception. */
import type { RefusalKey } from '../i18n/refusals';

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

/**
 * Why an input was refused, in words the client puts in the user's language (with `params`, such
 * as `{ max: 200 }`); the error's English `message` is the fallback for a client that does not know
 * the reason.
 */
export const ERROR_REASONS = [
  'required',
  'tooLong', // { max } characters
  'tooShort', // { min } characters
  'tooLarge', // { max } (inclusive)
  'tooSmall', // { min } (inclusive)
  'notBelow', // { max } (exclusive: must be less than max)
  'notAbove', // { min } (exclusive: must be greater than min)
  'tooMany', // { max } entries
  'tooFew', // { min } entries
  'notOneOf',
  'invalidFormat', // { format }
  'wrongType',
  'unknownField',
] as const;
export type ErrorReason = (typeof ERROR_REASONS)[number];

export const isErrorReason = (value: unknown): value is ErrorReason => (ERROR_REASONS as readonly unknown[]).includes(value);

/** Why an input or a change was refused: a reason of the input's shape, or a refusal of a rule or a store (shared/i18n/refusals). */
export type RefusalReason = ErrorReason | RefusalKey;

/** Values a reason's wording needs; plain JSON so every transport passes them through. */
export type ErrorParams = Readonly<Record<string, string | number>>;

export interface ApiError {
  readonly code: ApiErrorCode;
  /** English, for logs and as the fallback wording; the client words `reason` itself when there is one. */
  readonly message: string;
  /** Dotted path of the offending input field, when one field is to blame. */
  readonly field?: string;
  readonly reason?: RefusalReason;
  readonly params?: ErrorParams;
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
    /** The reason and its values, when the refusal is one the client can word itself. */
    readonly detail?: { readonly reason: RefusalReason; readonly params?: ErrorParams },
  ) {
    super(message);
    this.name = 'DomainError';
  }

  /** The error as an API result carries it. */
  toApiError(): ApiError {
    return {
      code: this.code,
      message: this.message,
      ...(this.field ? { field: this.field } : {}),
      ...(this.detail === undefined ? {} : { reason: this.detail.reason }),
      ...(this.detail?.params === undefined ? {} : { params: this.detail.params }),
    };
  }
}
