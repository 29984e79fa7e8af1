import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES } from '../../../shared/api/default-preferences';
import { createPreferenceStore, type SettingsBacking } from '../../../electron/app/preference-store';
import { createFilePreferenceStore, openSettingsFile } from '../../../electron/web/settings-file';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'ledgerline-prefs-'));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

const settingsPath = () => join(dataDir, 'settings.json');

describe('preferences in a settings file', () => {
  it('starts with the defaults and round-trips changes through the file', () => {
    const first = createFilePreferenceStore(dataDir);
    expect(first.get()).toEqual(DEFAULT_PREFERENCES);
    first.set({ theme: 'dark', density: 'compact' });
    const reopened = createFilePreferenceStore(dataDir);
    expect(reopened.get()).toMatchObject({ theme: 'dark', density: 'compact', lastSort: DEFAULT_PREFERENCES.lastSort });
    expect(JSON.parse(readFileSync(settingsPath(), 'utf8'))).toMatchObject({ preferences: { theme: 'dark' } });
  });

  it('refuses an invalid change and keeps the stored value', () => {
    const store = createFilePreferenceStore(dataDir);
    store.set({ theme: 'light' });
    expect(() => store.set({ theme: 'purple' as never })).toThrow();
    expect(createFilePreferenceStore(dataDir).get().theme).toBe('light');
  });

  it('falls back to the defaults when the file is not JSON, and can write again', () => {
    writeFileSync(settingsPath(), '{ this is not json');
    const store = createFilePreferenceStore(dataDir);
    expect(store.get()).toEqual(DEFAULT_PREFERENCES);
    store.set({ theme: 'dark' });
    expect(createFilePreferenceStore(dataDir).get().theme).toBe('dark');
  });

  it('falls back to the defaults when the file breaks the schema', () => {
    writeFileSync(settingsPath(), JSON.stringify({ preferences: { theme: 'purple', density: 3 }, windowState: { width: 'wide' } }));
    expect(createFilePreferenceStore(dataDir).get()).toEqual(DEFAULT_PREFERENCES);
    expect(openSettingsFile(dataDir).get('windowState')).toBeUndefined();
  });
});

describe('createPreferenceStore on any backing', () => {
  const backing = (stored: unknown): SettingsBacking & { stored: unknown } => {
    const state = {
      stored,
      get: () => state.stored,
      set: (_key: 'preferences', value: unknown) => {
        state.stored = value;
      },
    };
    return state;
  };

  it('fills in keys a file from an older version lacks', () => {
    const store = createPreferenceStore(backing({ theme: 'dark' }));
    expect(store.get()).toEqual({ ...DEFAULT_PREFERENCES, theme: 'dark' });
  });

  it('ignores stored values that are not preferences at all', () => {
    for (const stored of [null, 'dark', 42, ['dark'], { theme: 'neon' }]) {
      expect(createPreferenceStore(backing(stored)).get(), JSON.stringify(stored)).toEqual(DEFAULT_PREFERENCES);
    }
  });

  it('writes the whole validated object', () => {
    const state = backing(undefined);
    createPreferenceStore(state).set({ density: 'compact' });
    expect(state.stored).toEqual({ ...DEFAULT_PREFERENCES, density: 'compact' });
  });
});
