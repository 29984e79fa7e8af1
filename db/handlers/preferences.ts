/** Preferences the UI keeps between sessions; Electron persists them, tests and dev:web keep them in memory. */
import { PreferencesSchema, type Preferences } from '../../shared/api/contract';

export interface PreferenceStore {
  get(): Preferences;
  set(patch: Partial<Preferences>): Preferences;
}

export const DEFAULT_PREFERENCES: Preferences = {
  theme: 'system',
  density: 'comfortable',
  lastFilters: {},
  lastSort: { by: 'score', dir: 'desc' },
};

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
