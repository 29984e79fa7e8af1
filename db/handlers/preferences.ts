/** Preferences the UI keeps between sessions; Electron persists them, tests and dev:web keep them in memory. */
import { PreferencesSchema, type Preferences } from '../../shared/api/contract';
import { DEFAULT_PREFERENCES } from '../../shared/api/default-preferences';

export interface PreferenceStore {
  get(): Preferences;
  set(patch: Partial<Preferences>): Preferences;
}

export function createMemoryPreferenceStore(initial: Partial<Preferences> = {}): PreferenceStore {
  let current = PreferencesSchema.parse({ ...DEFAULT_PREFERENCES, ...initial });
  return {
    get: () => current,
    set(patch) {
      current = PreferencesSchema.parse({ ...current, ...patch });
      return current;
    },
  };
}
