/**
 * The languages the product speaks. A user's interface language is a setting (the computer's
 * language when unset); numbers, dates and amounts follow the computer's locale when it is of the
 * same language (an English UI on a British computer writes 05/12/2026), else the language's own.
 * Pure, so the renderer, the desktop's documents and the server agree on the list.
 */

/** The languages with full translations, in the order the settings menu lists them. */
export const UI_LANGUAGES = ['en', 'de', 'es', 'zh-CN'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/**
 * Accented English about 40 % longer than the original, for development and one e2e run: a string
 * left out of the translation files, or a label cut off by a longer language, shows at once.
 */
export const PSEUDO_LANGUAGE = 'en-XA';
export type InterfaceLanguage = UiLanguage | typeof PSEUDO_LANGUAGE;
export const INTERFACE_LANGUAGES: readonly InterfaceLanguage[] = [...UI_LANGUAGES, PSEUDO_LANGUAGE];

/** Each language's name in itself, which is how a reader of only that language finds it. */
export const LANGUAGE_NAMES: Readonly<Record<InterfaceLanguage, string>> = {
  en: 'English',
  de: 'Deutsch',
  es: 'Español',
  'zh-CN': '简体中文',
  'en-XA': '[Ƥşéûδô Éñĝļîşĥ]',
};

/** The locale a language formats with when the computer's locale is of another language. */
const DEFAULT_LOCALES: Readonly<Record<InterfaceLanguage, string>> = {
  en: 'en-US',
  de: 'de-DE',
  es: 'es-ES',
  'zh-CN': 'zh-CN',
  'en-XA': 'en-US',
};

const primary = (tag: string): string => tag.split(/[-_]/)[0]?.toLowerCase() ?? '';

export function isInterfaceLanguage(value: unknown): value is InterfaceLanguage {
  return typeof value === 'string' && (INTERFACE_LANGUAGES as readonly string[]).includes(value);
}

/**
 * The supported language closest to the computer's preferred ones, in their order: "de-AT" is
 * German, "zh-Hans-SG" and "zh-SG" are Simplified Chinese; Traditional Chinese ("zh-TW", "zh-Hant")
 * is not Simplified and falls through to the next preference. English when none matches.
 */
export function matchLanguage(preferred: readonly string[]): UiLanguage {
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    const base = primary(lower);
    if (base === 'zh') {
      if (/-(hant|tw|hk|mo)\b/.test(lower)) continue;
      return 'zh-CN';
    }
    const found = UI_LANGUAGES.find((language) => language === base);
    if (found) return found;
  }
  return 'en';
}

/** The interface language: the user's setting, else the computer's. */
export function interfaceLanguage(setting: InterfaceLanguage | null, preferred: readonly string[]): InterfaceLanguage {
  return setting ?? matchLanguage(preferred);
}

function isValidLocale(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

/**
 * The locale numbers and dates are written in: the first of the computer's locales of the same
 * language (so its region's conventions stay), else the language's own.
 */
export function formattingLocale(language: InterfaceLanguage, preferred: readonly string[]): string {
  if (language !== PSEUDO_LANGUAGE) {
    const base = primary(language);
    const sameLanguage = preferred.find((tag) => primary(tag) === base && isValidLocale(tag) && (base !== 'zh' || !/-(hant|tw|hk|mo)\b/i.test(tag)));
    if (sameLanguage !== undefined) return sameLanguage;
  }
  return DEFAULT_LOCALES[language];
}

/** The longest language tag kept (BCP 47 allows long private-use tags; an ERP's are short). */
export const LANGUAGE_TAG_MAX = 35;

/**
 * A customer's or contact person's language as typed or imported ("DE", "de_DE", "pt-br"), in BCP 47's
 * canonical form ("de", "de-DE", "pt-BR"); null when it is no language tag. Any language is kept, not
 * only the interface's four: documents fall back (addresseeLanguage) where there is no translation.
 */
export function canonicalLanguageTag(value: string): string | null {
  const trimmed = value.trim().replaceAll('_', '-');
  if (trimmed === '' || trimmed.length > LANGUAGE_TAG_MAX || !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(trimmed)) return null;
  try {
    return Intl.getCanonicalLocales(trimmed)[0] ?? null;
  } catch {
    return null;
  }
}

/**
 * The language of a document addressed to a customer: the first of the given tags (the contact
 * person's, the customer's) that has a translation, else the fallback (the user's language).
 */
export function addresseeLanguage(tags: readonly (string | null | undefined)[], fallback: UiLanguage): UiLanguage {
  for (const tag of tags) {
    if (tag === null || tag === undefined || tag === '') continue;
    const matched = matchLanguage([tag]);
    if (matched !== 'en' || primary(tag) === 'en') return matched;
  }
  return fallback;
}

/**
 * The languages a contact person's picker offers (any other stored tag is offered too): the
 * interface's and those most customers of a European and Chinese portfolio write in.
 */
export const CORRESPONDENCE_LANGUAGES: readonly string[] = [
  'en', 'de', 'es', 'zh-CN', 'fr', 'it', 'nl', 'pl', 'pt', 'sv', 'da', 'fi', 'nb', 'cs', 'sk', 'hu', 'ro', 'tr', 'el', 'ru', 'uk', 'ja', 'ko', 'ar', 'he',
];

/** The document language of an interface language: the pseudo-locale's documents are English. */
export const documentLanguageOf = (language: string): UiLanguage => UI_LANGUAGES.find((candidate) => candidate === language) ?? 'en';
