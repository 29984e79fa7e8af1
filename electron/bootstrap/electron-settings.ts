/** The desktop app's settings file (preferences and window bounds), kept by electron-store in the data dir. */
import Store from 'electron-store';
import type { PreferenceStore } from '../../db/handlers/preferences';
import { createPreferenceStore } from '../app/preference-store';
import { SHELL_SETTINGS_SCHEMA, type ShellSettings, type WindowState } from '../app/settings-schema';

export interface ShellSettingsStore {
  readonly preferences: PreferenceStore;
  loadWindowState(): unknown;
  saveWindowState(state: WindowState): void;
}

export function openShellSettings(dataDir: string): ShellSettingsStore {
  const store = new Store<Partial<ShellSettings>>({
    cwd: dataDir,
    name: 'settings',
    schema: SHELL_SETTINGS_SCHEMA,
    // A damaged or hand-edited file must not keep the app from starting: start over with defaults.
    clearInvalidConfig: true,
  });
  return {
    preferences: createPreferenceStore({
      get: () => store.get('preferences'),
      set: (_key, value) => {
        store.set('preferences', value);
      },
    }),
    loadWindowState: () => store.get('windowState'),
    saveWindowState: (state) => {
      store.set('windowState', state);
    },
  };
}
