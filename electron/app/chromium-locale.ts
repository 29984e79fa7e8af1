/**
 * The locale Chromium starts with (`--lang`): it decides the native date fields, spell-checking and
 * `navigator.language`, and Chromium reads it only at start, so a language chosen in the settings
 * reaches them from the next start. Chromium's own locale names, which are not always BCP 47's.
 */
import type { InterfaceLanguage } from '../../shared/i18n/languages';

const CHROMIUM_LOCALES: Readonly<Record<InterfaceLanguage, string>> = { en: 'en-US', de: 'de', es: 'es', 'zh-CN': 'zh-CN', 'en-XA': 'en-US' };

/** The `--lang` for the interface language set in the preferences; null (the computer's) leaves Chromium's own choice. */
export const chromiumLocale = (language: InterfaceLanguage | null): string | null => (language === null ? null : CHROMIUM_LOCALES[language]);
