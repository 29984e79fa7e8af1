import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nativeBindingPath } from '../../../electron/app/native-binding';
import { electronNativeFile } from '../../../scripts/native-paths.mjs';

describe('the Electron build of better-sqlite3', () => {
  it('is found by the app where the build script puts it', () => {
    for (const [version, platform, arch] of [
      ['45.4.1', 'linux', 'x64'],
      ['45.4.1', 'darwin', 'arm64'],
      ['46.0.0', 'win32', 'x64'],
    ] as const) {
      const facts = { isPackaged: false, appPath: '/repo', resourcesPath: '/unused', electronVersion: version, platform, arch };
      expect(nativeBindingPath(facts)).toBe(electronNativeFile('/repo', version, platform, arch));
    }
  });

  it('sits beside the Node build, never inside node_modules', () => {
    const path = nativeBindingPath({ isPackaged: false, appPath: '/repo', resourcesPath: '', electronVersion: '45.4.1', platform: 'linux', arch: 'x64' });
    expect(path).toBe(join('/repo', '.electron-native', 'electron-45.4.1-linux-x64', 'better_sqlite3.node'));
  });

  it('comes from the resources folder in a packaged app', () => {
    const path = nativeBindingPath({ isPackaged: true, appPath: '/x/app.asar', resourcesPath: '/opt/Ledgerline/resources', electronVersion: '45.4.1', platform: 'linux', arch: 'x64' });
    expect(path).toBe(join('/opt/Ledgerline/resources', 'native', 'electron-45.4.1-linux-x64', 'better_sqlite3.node'));
  });
});
