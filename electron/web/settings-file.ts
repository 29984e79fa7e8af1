/** dev:web keeps preferences in a conf file in the data dir, validated with the desktop app's schema. */
import Conf from 'conf';
import { SHELL_SETTINGS_SCHEMA, type ShellSettings } from '../app/settings-schema';
import { createPreferenceStore } from '../app/preference-store';
import type { PreferenceStore } from '../../db/handlers/preferences';

export const SETTINGS_FILE_NAME = 'settings';

export function openSettingsFile(dataDir: string): Conf<Partial<ShellSettings>> {
  return new Conf<Partial<ShellSettings>>({
    cwd: dataDir,
    configName: SETTINGS_FILE_NAME,
    schema: SHELL_SETTINGS_SCHEMA,
    // A damaged or hand-edited file must not keep the app from starting: start over with defaults.
    clearInvalidConfig: true,
  });
}

export function createFilePreferenceStore(dataDir: string): PreferenceStore {
  const file = openSettingsFile(dataDir);
  return createPreferenceStore({
    get: () => file.get('preferences'),
    set: (_key, value) => {
      file.set('preferences', value);
    },
  });
}
