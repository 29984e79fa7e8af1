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

/** Loads the strings of the language a setting (null: the computer's) stands for. */
const loadLanguageSetting = (setting: InterfaceLanguage | null): Promise<void> => loadLanguage(interfaceLanguage(setting, navigator.languages));

/** Applies the language setting (its strings loaded) to the translator and the formatters; returns the language in use. */
function applyLanguageSetting(setting: InterfaceLanguage | null): InterfaceLanguage {
  const language = interfaceLanguage(setting, navigator.languages);
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
      await loadLanguageSetting(loaded.language);
      if (!live) return;
      setDisplayTimeZone(loaded.timeZone);
      // The whole screen's first render, in slices (a transition yields to the browser every few
      // milliseconds) rather than one task of 50-60 ms that a key pressed during start-up would wait behind.
      startTransition(() => {
        setPrefs(loaded);
        setMode(loaded.theme);
        onDensity(loaded.density);
        onLanguage(applyLanguageSetting(loaded.language));
      });
    });
    return () => {
      live = false;
    };
  }, [setMode, onDensity, onLanguage]);

  const update = useCallback(
    (patch: Partial<Preferences>) => {
      const show = () => {
        setPrefs((previous) => ({ ...(previous ?? DEFAULT_PREFERENCES), ...patch }));
        if (patch.theme) setMode(patch.theme);
        if (patch.density) onDensity(patch.density);
        if (patch.timeZone !== undefined) setDisplayTimeZone(patch.timeZone);
        if (patch.language !== undefined) onLanguage(applyLanguageSetting(patch.language));
      };
      // Another language is shown once its strings are in (a moment, the first time), never half in English.
      if (patch.language === undefined) show();
      else void loadLanguageSetting(patch.language).then(show);
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
