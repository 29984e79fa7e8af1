/**
 * Preferences (theme, density, last filters and sort) live in the app's preference store;
 * the renderer reads them once and writes each change back, optimistic and fire-and-forget.
 */
import { useColorScheme } from '@mui/material/styles';
import { Fragment, createContext, startTransition, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Preferences } from '../../../shared/api/contract';
import { takePrefs } from './startup';
import { DEFAULT_PREFERENCES } from '../../../shared/api/default-preferences';
import type { ApiError } from '../../../shared/api/result';
import { api } from '../api/client';
import { dataChanged } from '../collector/dataVersion';
import { setDisplayLocale, setDisplayTimeZone } from '../common/format';
import { formattingLocale, interfaceLanguage, type InterfaceLanguage } from '../../../shared/i18n/languages';
import { applyLanguage, loadLanguage } from '../i18n/i18n';

/**
 * The language a setting (null: the computer's) stands for, its strings loaded; English when they
 * cannot be (a damaged install), so the page never says one language and shows another.
 */
async function languageFor(setting: InterfaceLanguage | null): Promise<InterfaceLanguage> {
  const language = interfaceLanguage(setting, navigator.languages);
  return (await loadLanguage(language)) ? language : 'en';
}

/** Language choices made so far: a choice whose strings arrive after a later one's is not applied. */
let languageRequests = 0;

/** Applies a loaded language to the translator and the formatters; returns it. */
function applyLanguageInUse(language: InterfaceLanguage): InterfaceLanguage {
  setDisplayLocale(formattingLocale(language, navigator.languages));
  applyLanguage(language);
  return language;
}


interface PrefsValue {
  readonly prefs: Preferences;
  readonly update: (patch: Partial<Preferences>) => void;
  readonly saveError: ApiError | undefined;
}

const PrefsContext = createContext<PrefsValue | null>(null);

export function usePrefs(): PrefsValue {
  const value = useContext(PrefsContext);
  if (!value) throw new Error('usePrefs must be used inside <PrefsProvider>');
  return value;
}

/** Loads preferences before rendering children, so the worklist starts with the remembered filters. */
export function PrefsProvider({
  children,
  fallback,
  onDensity,
  onLanguage,
}: {
  children: ReactNode;
  fallback: ReactNode;
  onDensity: (density: Preferences['density']) => void;
  onLanguage: (language: InterfaceLanguage) => void;
}) {
  const [prefs, setPrefs] = useState<Preferences | undefined>();
  const [saveError, setSaveError] = useState<ApiError | undefined>();
  const { setMode } = useColorScheme();

  useEffect(() => {
    let live = true;
    void takePrefs().then(async (result) => {
      const loaded = result.ok ? result.value : DEFAULT_PREFERENCES;
      const language = await languageFor(loaded.language);
      if (!live) return;
      setDisplayTimeZone(loaded.timeZone);
      // The whole screen's first render, in slices (a transition yields to the browser every few
      // milliseconds) rather than one task of 50-60 ms that a key pressed during start-up would wait behind.
      startTransition(() => {
        setPrefs(loaded);
        setMode(loaded.theme);
        onDensity(loaded.density);
        onLanguage(applyLanguageInUse(language));
      });
    });
    return () => {
      live = false;
    };
  }, [setMode, onDensity, onLanguage]);

  const update = useCallback(
    (patch: Partial<Preferences>) => {
      const { language, ...rest } = patch;
      const show = (shown: Partial<Preferences>) => {
        setPrefs((previous) => ({ ...(previous ?? DEFAULT_PREFERENCES), ...shown }));
        if (shown.theme) setMode(shown.theme);
        if (shown.density) onDensity(shown.density);
        if (shown.timeZone !== undefined) setDisplayTimeZone(shown.timeZone);
      };
      if (language === undefined) show(rest);
      else {
        // Another language is shown once its strings are in (a moment, the first time), never half in
        // English; a later choice loaded sooner (English is at hand) is not overtaken by this one.
        const request = ++languageRequests;
        void languageFor(language).then((inUse) => {
          if (request !== languageRequests) {
            show(rest);
            return;
          }
          show(patch);
          onLanguage(applyLanguageInUse(inUse));
        });
      }
      void api['prefs.set'](patch).then((result) => {
        setSaveError(result.ok ? undefined : result.error);
        // Another zone may be on another day: every screen re-reads what it shows as of the new "today".
        if (result.ok && 'timeZone' in patch) dataChanged();
      });
    },
    [setMode, onDensity, onLanguage],
  );

  const value = useMemo(() => (prefs ? { prefs, update, saveError } : null), [prefs, update, saveError]);
  if (!value) return <>{fallback}</>;
  // Keyed by the language, so a switch re-renders every screen in it (memoised rows included) without a restart.
  return (
    <PrefsContext.Provider value={value}>
      <Fragment key={interfaceLanguage(value.prefs.language, navigator.languages)}>{children}</Fragment>
    </PrefsContext.Provider>
  );
}
