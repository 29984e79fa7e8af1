/**
 * The desktop app's start-up, run from the real esbuild bundle against a fake `electron` module:
 * proves the bundle loads, opens and seeds the store with the nativeBinding path, binds one API
 * channel with the sender check, and creates an isolated, sandboxed window on app://.
 */
import { DEFAULT_PREFERENCES } from '../../../shared/api/default-preferences';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nativeBindingPath } from '../../../electron/app/native-binding';
import { REPO_ROOT } from '../../../electron/web/start';
import { MAIN_EXTERNALS } from '../../../scripts/electron-externals.mjs';
import { runFakeElectron, type Report } from './fake-electron';

let work: string;
let bundle: string;
let appPath: string;

beforeAll(() => {
  // Inside the repository, so the bundle resolves better-sqlite3 from node_modules as in the app.
  const cache = join(REPO_ROOT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  work = mkdtempSync(join(cache, 'ledgerline-bundle-'));
  bundle = join(work, 'dist-electron', 'main.cjs');
  execFileSync(
    join(REPO_ROOT, 'node_modules', '.bin', 'esbuild'),
    ['electron/main.ts', '--bundle', '--platform=node', '--format=cjs', ...MAIN_EXTERNALS.map((name) => `--external:${name}`), `--outfile=${bundle}`, '--log-level=error'],
    { cwd: REPO_ROOT },
  );
  // Plain Node stands in for Electron here, so the Node build of better-sqlite3 is the right one.
  appPath = join(work, 'app');
  const binding = nativeBindingPath({ isPackaged: false, appPath, resourcesPath: '', electronVersion: '45.4.1', platform: process.platform, arch: process.arch });
  mkdirSync(join(binding, '..'), { recursive: true });
  copyFileSync(join(REPO_ROOT, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), binding);
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

function runMain(dataDir: string, sync: 'embedded' | 'off' = 'embedded', setup: 'ask' | 'demo' = 'demo', saveLanguage?: string): Report {
  return runFakeElectron({ bundle, appPath, dataDir, sync, setup, cwd: REPO_ROOT, ...(saveLanguage === undefined ? {} : { saveLanguage }) });
}

/** A data folder whose settings choose an interface language. */
function withLanguage(name: string, language: string): string {
  const dataDir = join(work, name);
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ preferences: { ...DEFAULT_PREFERENCES, language } }));
  return dataDir;
}

describe('the bundled main process', () => {
  it('starts on an empty data dir: starts the built-in server, signs in, syncs, binds one channel, opens a locked-down window', () => {
    const dataDir = join(work, 'fresh');
    const report = runMain(dataDir);
    expect(report.dialogs).toEqual([]);
    expect(report.exitCode).toBeNull();
    expect(report.events).toEqual(expect.arrayContaining(['requestSingleInstanceLock', 'enableSandbox', 'onHeadersReceived']));
    expect(report.privileged).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) as unknown }]);
    expect(report.protocols).toEqual(['app']);
    expect(report.permissionAnswers).toEqual([
      ['media', false],
      ['geolocation', false],
      ['check:notifications', false],
    ]);
    expect(report.appEvents).toEqual(expect.arrayContaining(['web-contents-created', 'second-instance', 'window-all-closed', 'will-quit']));
    // electron-log registers its own renderer-logging channel; the app adds exactly one.
    expect(report.channels.filter((channel) => !channel.startsWith('__ELECTRON_LOG'))).toEqual(['api:invoke']);

    expect(report.windows).toHaveLength(1);
    expect(report.windows[0]?.url).toBe('app://ledgerline/index.html');
    expect(report.windows[0]?.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    // An unpackaged run is a development run: developer tools and their menu entries are there, updates are not.
    expect(report.windows[0]?.options.webPreferences.devTools).toBe(true);
    expect(report.menu).toEqual(expect.arrayContaining(['&Edit', '&View', '&Go', '&Window', '&Help', 'copy', 'paste', 'toggleDevTools', 'Keyboard shortcuts\t?']));
    expect(readFileSync(join(dataDir, 'logs', 'main.log'), 'utf8')).toContain('a development run is not updated');

    expect(report.calls.info).toMatchObject({ ok: true, value: { transport: 'ipc', asOf: '2026-11-23', dataDir } });
    expect(report.calls.sync).toMatchObject({ ok: true, value: { state: 'idle', pending: 0, server: { embedded: true }, user: { username: 'jordan.reyes' } } });
    expect(report.calls.setup).toEqual({ ok: true, value: { needed: false, demoOffered: true } });
    expect(report.calls.page?.ok).toBe(true);
    expect((report.calls.page?.value?.rows as unknown[]).length).toBe(3);
    expect(report.calls.malformed).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(report.calls.foreign).toMatchObject({ ok: false });
    expect(report.events).toContain('will-quit prevented');
    expect(report.events).toContain('quit');
    expect(readFileSync(join(dataDir, 'logs', 'main.log'), 'utf8')).toContain('starting');
    // A first start creates the built-in server's database: seconds on a busy machine.
  }, 180_000);

  it('on a first start that was not told to run the demo, asks: no built-in server, no demo users, an empty store', () => {
    const dataDir = join(work, 'first-start');
    const report = runMain(dataDir, 'embedded', 'ask');
    expect(report.dialogs).toEqual([]);
    expect(report.calls.setup).toEqual({ ok: true, value: { needed: true, demoOffered: true } });
    expect(report.calls.sync).toMatchObject({ ok: true, value: { state: 'local_only', server: null, user: null } });
    expect(report.calls.page?.value?.rows).toEqual([]);
    expect(existsSync(join(dataDir, 'server'))).toBe(false);
  });

  it('runs standalone on the local demo when sync is off', () => {
    const dataDir = join(work, 'standalone');
    const report = runMain(dataDir, 'off');
    expect(report.dialogs).toEqual([]);
    expect(report.calls.sync).toMatchObject({ ok: true, value: { state: 'local_only', server: null } });
    expect(report.calls.setup).toEqual({ ok: true, value: { needed: false, demoOffered: false } });
    expect((report.calls.page?.value?.rows as unknown[]).length).toBe(3);
  });

  it('starts Chromium and the menu in the interface language chosen in the settings, and in the computer\'s when none is', () => {
    const first = runMain(join(work, 'language-unset'), 'off');
    expect(first.events.filter((event) => event.startsWith('switch:lang'))).toEqual([]);
    expect(first.menus).toHaveLength(1);
    expect(first.menu).toEqual(expect.arrayContaining(['&File', '&Edit', 'copy', 'Copy', 'My follow-ups\tG then F']));
    const german = runMain(withLanguage('language-german', 'de'), 'off');
    expect(german.events).toContain('switch:lang=de');
    expect(german.menus).toHaveLength(1);
    expect(german.menu).toEqual(expect.arrayContaining(['&Datei', '&Bearbeiten', 'copy', 'Kopieren', 'Meine Wiedervorlagen\tG, dann F', 'Tastenkürzel\t?']));
  });

  it('builds the menu again when the page saves another language', () => {
    const dataDir = join(work, 'language-saved');
    const report = runMain(dataDir, 'off', 'demo', 'es');
    expect(report.calls.language).toMatchObject({ ok: true, value: { language: 'es' } });
    expect(report.menus).toHaveLength(2);
    expect(report.menus[0]).toContain('&Edit');
    expect(report.menu).toEqual(expect.arrayContaining(['&Archivo', '&Edición', 'Deshacer', 'Mis seguimientos\tG y luego F']));
    expect(JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8'))).toMatchObject({ preferences: { language: 'es' } });
  });

  it('shows what to do when the database is not valid, and leaves the file alone', () => {
    const dataDir = join(work, 'broken');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'ledgerline.db'), 'this is not a database');
    const report = runMain(dataDir);
    expect(report.windows).toEqual([]);
    expect(report.exitCode).toBe(1);
    expect(report.dialogs).toHaveLength(1);
    expect(report.dialogs[0]?.title).toBe('Ledgerline cannot read its database');
    expect(report.dialogs[0]?.detail).toContain(join(dataDir, 'ledgerline.db'));
    expect(readFileSync(join(dataDir, 'ledgerline.db'), 'utf8')).toBe('this is not a database');
  });

  it('says so in the interface language', () => {
    const dataDir = withLanguage('broken-german', 'de');
    writeFileSync(join(dataDir, 'ledgerline.db'), 'this is not a database');
    const report = runMain(dataDir);
    expect(report.exitCode).toBe(1);
    expect(report.dialogs).toEqual([expect.objectContaining({ title: 'Ledgerline kann seine Datenbank nicht lesen', buttons: ['Beenden'] })]);
    expect(report.dialogs[0]?.detail).toContain(`Datenbank: ${join(dataDir, 'ledgerline.db')}`);
  });
});
