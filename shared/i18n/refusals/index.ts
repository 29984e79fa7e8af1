/**
 * Refusals as codes with parameters: a rule or a store refuses with a key of this catalog and the
 * values its words need; the message (English) is written from it here, and the client words the
 * key in the user's language (renderer/src/i18n/errorText.ts). Parameters follow one convention,
 * so each language writes them its own way:
 * - a number is a count ("5,000" in English, "5.000" in German);
 * - `{{x}}` with `xMinor` (integer minor units) and `currency` is an amount of money;
 * - a string named `date` or ending in `Date` holding a calendar date is a date;
 * - any other string (a name, a document number, an id) is written as it is.
 */
import { DomainError, type ApiErrorCode, type ErrorParams } from '../../api/result';
import { formatMoney } from '../../domain/money';
import type { UiLanguage } from '../languages';
import type { RefusalTemplates } from './define';
import { RULE_REFUSALS } from './rules';
import { STORE_REFUSALS } from './stores';

export type RefusalKey = Extract<keyof typeof RULE_REFUSALS.en | keyof typeof STORE_REFUSALS.en, string>;

const catalog = (language: UiLanguage): RefusalTemplates<RefusalKey> => ({ ...RULE_REFUSALS[language], ...STORE_REFUSALS[language] });

const REFUSALS: Readonly<Record<UiLanguage, RefusalTemplates<RefusalKey>>> = {
  en: catalog('en'),
  de: catalog('de'),
  es: catalog('es'),
  'zh-CN': catalog('zh-CN'),
};

export const REFUSAL_KEYS: readonly RefusalKey[] = Object.keys(REFUSALS.en) as RefusalKey[];

export const isRefusalKey = (value: unknown): value is RefusalKey => typeof value === 'string' && Object.hasOwn(REFUSALS.en, value);

/** A refusal before it is thrown or shown: its key and the values its words need. */
export interface Refusal {
  readonly key: RefusalKey;
  readonly params?: ErrorParams;
}

/** How a language writes a refusal's parameters. */
export interface RefusalFormat {
  count(value: number): string;
  amount(amountMinor: number, currency: string): string;
  date(isoDate: string): string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

/** The template with its parameters written in; a parameter that is missing is left as its name, never as "undefined". */
export function fillRefusal(template: string, params: ErrorParams, format: RefusalFormat): string {
  return template.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = params[name];
    if (typeof value === 'number') return format.count(value);
    if (typeof value === 'string') return (name === 'date' || name.endsWith('Date')) && ISO_DATE.test(value) ? format.date(value) : value;
    const minor = params[`${name}Minor`];
    const currency = params.currency;
    if (typeof minor === 'number' && typeof currency === 'string') return format.amount(minor, currency);
    return name;
  });
}

/** English as the messages have always written it: US grouping, ISO dates, "€191,027.75". */
export const ENGLISH_FORMAT: RefusalFormat = {
  count: (value) => value.toLocaleString('en-US'),
  amount: (amountMinor, currency) => formatMoney({ amountMinor, currency }),
  date: (isoDate) => isoDate,
};

export function refusalTemplate(language: UiLanguage, key: RefusalKey): string {
  return REFUSALS[language][key];
}

/** The refusal in English: the message it carries. */
export function refusalMessage(refusal: Refusal): string {
  return fillRefusal(REFUSALS.en[refusal.key], refusal.params ?? {}, ENGLISH_FORMAT);
}

/** A refusal, by its key alone or with values, as every error carries it: the English message, and the reason and values to word it by. */
export function refusalParts(refusal: RefusalKey | Refusal): { readonly message: string; readonly reason: RefusalKey; readonly params?: ErrorParams } {
  const { key, params } = typeof refusal === 'string' ? { key: refusal, params: undefined } : refusal;
  return params === undefined ? { message: refusalMessage({ key }), reason: key } : { message: refusalMessage({ key, params }), reason: key, params };
}

/** The error a rule throws: its English message, and its key and values for the client to word. */
export function refused(code: ApiErrorCode, refusal: RefusalKey | Refusal, field?: string): DomainError {
  const { message, ...wording } = refusalParts(refusal);
  return new DomainError(code, message, field, wording);
}
