/**
 * The language of the desktop shell (menu and native dialogs): the interface language of the
 * preferences, the computer's when none is set, as the page's. The page saves preferences through
 * the API (`prefs.set`), which writes through the store handed out here: a save that changes the
 * language calls `onChange`, and the main process builds the menu again in it. Dialogs read
 * `current()` when they open. Plain Node, so a test drives it without Electron.
 */
import type { PreferenceStore } from '../../db/handlers/preferences';
import type { Preferences } from '../../shared/api/contract';
import { interfaceLanguage, type InterfaceLanguage } from '../../shared/i18n/languages';

export interface ShellLanguage {
  /** The preference store to hand the API: the settings file's, watched for a change of language. */
  readonly preferences: PreferenceStore;
  /** The language in use now. */
  readonly current: () => InterfaceLanguage;
}

/**
 * `systemLanguages` lists the computer's languages, most preferred first (Electron's `app.getLocale()`
 * and `app.getPreferredSystemLanguages()`).
 */
export function shellLanguage(store: PreferenceStore, systemLanguages: () => readonly string[], onChange: (language: InterfaceLanguage) => void): ShellLanguage {
  const languageOf = (preferences: Preferences): InterfaceLanguage => interfaceLanguage(preferences.language, systemLanguages());
  let shown = languageOf(store.get());
  return {
    preferences: {
      get: () => store.get(),
      set(patch) {
        const next = store.set(patch);
        const language = languageOf(next);
        if (language !== shown) {
          shown = language;
          onChange(language);
        }
        return next;
      },
    },
    current: () => languageOf(store.get()),
  };
}
