/**
 * An API error in the user's language. The error's `reason` and `params` (from the server or the
 * desktop) are worded here; the English `message` is shown as it is in English, and in any language
 * for an error without a reason, except for the few codes whose message says nothing specific.
 */
import { isErrorReason, type ApiError, type ApiErrorCode, type ErrorParams, type ErrorReason } from '../../../shared/api/result';
import { UI_LANGUAGES } from '../../../shared/i18n/languages';
import { fillRefusal, isRefusalKey, refusalMessage, refusalTemplate, type Refusal, type RefusalFormat } from '../../../shared/i18n/refusals';
import { formatCount, formatDate, money } from '../common/format';
import { i18n } from './i18n';

/** Any error of the API's shape; sync issues carry the rejection codes instead of ApiErrorCode. */
export interface WordableError {
  readonly code: string;
  readonly message: string;
  readonly field?: string;
  /** A reason of the input's shape or a refusal's key; any other string (a newer server's) is worded by the message. */
  readonly reason?: string;
  readonly params?: ErrorParams;
}

/** A refusal's values as the interface writes them: digits, amounts and dates of the user's locale. */
const INTERFACE_FORMAT: RefusalFormat = { count: formatCount, amount: money, date: formatDate };

/** The reason in words, its numbers in the language's digits and grouping ("5.000" in German). */
function reasonText(reason: ErrorReason, params: ErrorParams): string {
  const value = (name: string): string => {
    const raw = params[name];
    return typeof raw === 'number' ? formatCount(raw) : (raw ?? '');
  };
  switch (reason) {
    case 'required':
      return i18n.t('errors.reason.required');
    case 'tooLong':
      return i18n.t('errors.reason.tooLong', { max: value('max') });
    case 'tooShort':
      return i18n.t('errors.reason.tooShort', { min: value('min') });
    case 'tooLarge':
      return i18n.t('errors.reason.tooLarge', { max: value('max') });
    case 'tooSmall':
      return i18n.t('errors.reason.tooSmall', { min: value('min') });
    case 'notBelow':
      return i18n.t('errors.reason.notBelow', { max: value('max') });
    case 'notAbove':
      return i18n.t('errors.reason.notAbove', { min: value('min') });
    case 'tooMany':
      return i18n.t('errors.reason.tooMany', { max: value('max') });
    case 'tooFew':
      return i18n.t('errors.reason.tooFew', { min: value('min') });
    case 'notOneOf':
      return i18n.t('errors.reason.notOneOf');
    case 'invalidFormat':
      return i18n.t('errors.reason.invalidFormat', { format: value('format') });
    case 'wrongType':
      return i18n.t('errors.reason.wrongType');
    case 'unknownField':
      return i18n.t('errors.reason.unknownField');
  }
}

/** The reason in the interface's language; null for none, or for one this version does not know (a newer server's). */
function reasonWords(reason: string | undefined, params: ErrorParams): string | null {
  if (isErrorReason(reason)) return reasonText(reason, params);
  if (!isRefusalKey(reason)) return null;
  const language = UI_LANGUAGES.find((known) => known === i18n.language) ?? 'en';
  return fillRefusal(refusalTemplate(language, reason), params, INTERFACE_FORMAT);
}

/** The codes whose message is generic ("… failed unexpectedly; the details are in the log"). */
const CODE_KEYS = {
  internal: 'errors.code.internal',
  unknown_operation: 'errors.code.unknown_operation',
  database: 'errors.code.database',
  newer_database: 'errors.code.newer_database',
  invalid_database: 'errors.code.invalid_database',
} as const satisfies Partial<Readonly<Record<ApiErrorCode, string>>>;

const hasKey = <K extends string>(keys: Readonly<Record<K, string>>, key: string): key is K => Object.hasOwn(keys, key);

/** Errors the renderer made itself, already in the user's language (a lost connection): shown as they are. */
const wordedHere = new WeakSet<object>();

/** Marks an error whose message the renderer wrote in the user's language. */
export function localError(error: ApiError): ApiError {
  wordedHere.add(error);
  return error;
}

export interface ErrorTextOptions {
  /** Name the field before the reason: for an error shown at the top of a form rather than under its field. */
  readonly showField?: boolean;
}

export function errorText(error: WordableError, options: ErrorTextOptions = {}): string {
  if (i18n.language.startsWith('en') || wordedHere.has(error)) return error.message;
  // A reason this version does not know (a newer server's) is worded by its message.
  const text = reasonWords(error.reason, error.params ?? {});
  if (text !== null) {
    return options.showField === true && error.field !== undefined ? i18n.t('errors.withField', { field: error.field, text }) : text;
  }
  if (hasKey(CODE_KEYS, error.code)) return i18n.t(CODE_KEYS[error.code]);
  return error.message;
}

/**
 * A rule's refusal that the renderer meets itself (a form checking what is typed with the rule of
 * shared/domain) in the user's language; in English exactly its message, as the command would say it.
 */
export function refusalText(refusal: Refusal): string {
  if (i18n.language.startsWith('en')) return refusalMessage(refusal);
  return reasonWords(refusal.key, refusal.params ?? {}) ?? refusalMessage(refusal);
}

/** errorText of an error that may be absent. */
export const maybeErrorText = (error: WordableError | null | undefined, options: ErrorTextOptions = {}): string | undefined =>
  error === null || error === undefined ? undefined : errorText(error, options);
