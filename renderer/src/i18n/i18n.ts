/**
 * The interface's translator: i18next with every language's strings bundled (a few hundred KB of
 * text; no request, so a switch is instant and works offline). The pseudo-locale is derived from the
 * English strings when first chosen.
 */
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { PSEUDO_LANGUAGE, UI_LANGUAGES, type InterfaceLanguage } from '../../../shared/i18n/languages';
import { pseudoLocalizeTree } from '../../../shared/i18n/pseudo';
import { en, translations, type Strings } from './resources';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Strings };
  }
}

export const i18n: I18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: Object.fromEntries(UI_LANGUAGES.map((language) => [language, { translation: translations[language] }])),
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: [...UI_LANGUAGES, PSEUDO_LANGUAGE],
  // React escapes what it renders; escaping here too would show "&amp;" in a customer's name.
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

/** Switches every `t()` to `language`; the caller re-renders the interface. */
export function applyLanguage(language: InterfaceLanguage): void {
  if (language === PSEUDO_LANGUAGE && !i18n.hasResourceBundle(PSEUDO_LANGUAGE, 'translation')) {
    i18n.addResourceBundle(PSEUDO_LANGUAGE, 'translation', pseudoLocalizeTree(en));
  }
  void i18n.changeLanguage(language);
  document.documentElement.lang = language;
}
