/** Preferences kept in a settings file, always read and written through the contract's schema. */
import { PreferencesSchema, type Preferences } from '../../shared/api/contract';
import { DEFAULT_PREFERENCES } from '../../shared/api/default-preferences';
import type { PreferenceStore } from '../../db/handlers/preferences';

/** The part of conf / electron-store used here. */
export interface SettingsBacking {
  get(key: 'preferences'): unknown;
  set(key: 'preferences', value: Preferences): void;
}

export function createPreferenceStore(backing: SettingsBacking): PreferenceStore {
  const read = (): Preferences => {
    const stored: unknown = backing.get('preferences');
    const merged = typeof stored === 'object' && stored !== null ? { ...DEFAULT_PREFERENCES, ...stored } : DEFAULT_PREFERENCES;
    const parsed = PreferencesSchema.safeParse(merged);
    // A settings file from an older version or edited by hand must not keep the app from starting.
    return parsed.success ? parsed.data : DEFAULT_PREFERENCES;
  };
  return {
    get: read,
    set(patch) {
      const next = PreferencesSchema.parse({ ...read(), ...patch });
      backing.set('preferences', next);
      return next;
    },
  };
}
