/**
 * The interface's translator: i18next with the English strings bundled and every other language's
 * loaded from its own chunk when chosen (no network: the chunks are part of the app, so a switch works
 * offline). The pseudo-locale is derived from the English strings when first chosen.
 */
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { PSEUDO_LANGUAGE, UI_LANGUAGES, type InterfaceLanguage } from '../../../shared/i18n/languages';
import { pseudoLocalizeTree } from '../../../shared/i18n/pseudo';
import { en, loadTranslation, type Strings } from './resources';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Strings };
  }
}

export const i18n: I18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en } },
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: [...UI_LANGUAGES, PSEUDO_LANGUAGE],
  // React escapes what it renders; escaping here too would show "&amp;" in a customer's name.
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

const loading = new Map<InterfaceLanguage, Promise<boolean>>();

/**
 * Brings a language's strings in, once, so switching to it never shows English first; whether they
 * are in. Never fails: a chunk that cannot load (a damaged install) answers false, and the next
 * switch tries again.
 */
export function loadLanguage(language: InterfaceLanguage): Promise<boolean> {
  if (language === PSEUDO_LANGUAGE || i18n.hasResourceBundle(language, 'translation')) return Promise.resolve(true);
  const pending =
    loading.get(language) ??
    loadTranslation(language).then(
      (translation) => {
        i18n.addResourceBundle(language, 'translation', translation);
        return true;
      },
      () => {
        loading.delete(language);
        return false;
      },
    );
  loading.set(language, pending);
  return pending;
}

/** Switches every `t()` to `language` (its strings loaded first with `loadLanguage`); the caller re-renders the interface. */
export function applyLanguage(language: InterfaceLanguage): void {
  if (language === PSEUDO_LANGUAGE && !i18n.hasResourceBundle(PSEUDO_LANGUAGE, 'translation')) {
    i18n.addResourceBundle(PSEUDO_LANGUAGE, 'translation', pseudoLocalizeTree(en));
  }
  void i18n.changeLanguage(language);
  document.documentElement.lang = language;
}
