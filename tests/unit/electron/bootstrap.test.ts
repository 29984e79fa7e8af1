import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidDatabaseError, NewerDatabaseError } from '../../../db/errors';
import { clockFromEnv } from '../../../electron/app/clock-from-env';
import { databasePath, resolveDataDir } from '../../../electron/app/paths';
import { APP_URL, resolveAppRequest } from '../../../electron/bootstrap/app-protocol';
import { describeStartupError } from '../../../electron/bootstrap/startup-error';
import { systemClock } from '../../../shared/domain/clock';
import { mainWindowOptions } from '../../../electron/window/window-options';
import { DEFAULT_WINDOW_STATE } from '../../../electron/app/settings-schema';

const root = join('/opt', 'ledgerline', 'dist', 'renderer');

describe('app:// requests', () => {
  it('map to files inside the renderer folder', () => {
    expect(resolveAppRequest(root, APP_URL)).toBe(join(root, 'index.html'));
    expect(resolveAppRequest(root, 'app://ledgerline/')).toBe(join(root, 'index.html'));
    expect(resolveAppRequest(root, 'app://ledgerline/assets/index-abc.js?v=1')).toBe(join(root, 'assets', 'index-abc.js'));
  });

  it('never leave the renderer folder', () => {
    // The URL parser already folds %2e%2e segments, so this one stays inside the folder.
    expect(resolveAppRequest(root, 'app://ledgerline/%2e%2e/%2e%2e/etc/passwd')).toBe(join(root, 'etc', 'passwd'));
  });

  it('refuse paths that climb out, other hosts and other schemes', () => {
    for (const url of [
      'app://ledgerline/assets/..%2f..%2f..%2fsecret',
      'app://ledgerline/..%5c..%5csecret',
      'app://ledgerline/%00index.html',
      'app://ledgerline/%E0%A4%A',
      'app://other/index.html',
      'file:///etc/passwd',
      'https://ledgerline/index.html',
      'nonsense',
    ]) {
      expect(resolveAppRequest(root, url), url).toBeNull();
    }
  });
});

describe('start-up errors shown to the user', () => {
  it('tells the user to update when the database is newer', () => {
    const text = describeStartupError(new NewerDatabaseError('/data/ledgerline.db', ['002-future']), '/data/ledgerline.db');
    expect(text.title).toMatch(/update/i);
    expect(text.detail).toContain('002-future');
    expect(text.detail).toMatch(/not been changed/);
  });

  it('tells the user to move the file aside when it is not a valid database', () => {
    const text = describeStartupError(new InvalidDatabaseError('/data/ledgerline.db', 'not SQLite'), '/data/ledgerline.db');
    expect(text.message).toMatch(/damaged|not a Ledgerline database/);
    expect(text.detail).toContain('/data/ledgerline.db');
    expect(text.detail).toMatch(/Move it/);
  });

  it('reports anything else with its message', () => {
    expect(describeStartupError(new Error('disk full'), '/d/ledgerline.db').detail).toContain('disk full');
    expect(describeStartupError('weird', '/d/ledgerline.db').detail).toContain('weird');
  });
});

describe('data directory and clock', () => {
  it('prefers --data-dir, then LEDGERLINE_DATA_DIR, then the fallback', () => {
    expect(resolveDataDir({ LEDGERLINE_DATA_DIR: '/env' }, ['--data-dir', '/arg'], '/fallback')).toBe('/arg');
    expect(resolveDataDir({}, ['--data-dir=/arg2'], '/fallback')).toBe('/arg2');
    expect(resolveDataDir({ LEDGERLINE_DATA_DIR: '/env' }, [], '/fallback')).toBe('/env');
    expect(resolveDataDir({ LEDGERLINE_DATA_DIR: '  ' }, ['--data-dir'], '/fallback')).toBe('/fallback');
    expect(databasePath('/env')).toBe(join('/env', 'ledgerline.db'));
  });

  it('freezes the clock from LEDGERLINE_CLOCK and refuses a bad value', () => {
    expect(clockFromEnv({ LEDGERLINE_CLOCK: '2026-11-23T09:00:00Z' }).now().toISOString()).toBe('2026-11-23T09:00:00.000Z');
    expect(clockFromEnv({})).toBe(systemClock);
    expect(() => clockFromEnv({ LEDGERLINE_CLOCK: 'tomorrow' })).toThrow(RangeError);
  });
});

describe('main window options', () => {
  it('isolate and sandbox the renderer', () => {
    const options = mainWindowOptions('/app/preload.cjs', { x: 5, y: 6, width: 1200, height: 800, maximized: false }, { devTools: false });
    expect(options.webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(options).toMatchObject({ x: 5, y: 6, width: 1200, height: 800, show: false });
    expect(mainWindowOptions('/p', DEFAULT_WINDOW_STATE, { devTools: false })).not.toHaveProperty('x');
    expect(mainWindowOptions('/p', DEFAULT_WINDOW_STATE, { devTools: true }).webPreferences.devTools).toBe(true);
  });
});
