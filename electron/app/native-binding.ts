/**
 * Where the Electron build of better-sqlite3 lives. The Node build in node_modules stays as it is
 * (tests and dev:web use it); scripts/electron-native.mjs writes the Electron build beside it,
 * into a folder named after the Electron version and platform, so `npm test` and `npm start` work
 * in either order. Keep the folder naming in step with scripts/native-paths.mjs (a test checks).
 */
import { join } from 'node:path';

export const NATIVE_FOLDER = '.electron-native';
export const NATIVE_FILE = 'better_sqlite3.node';
/** Where electron-builder's extraResources puts the .electron-native folders in a packaged app. */
export const PACKAGED_NATIVE_FOLDER = 'native';

export interface RuntimeFacts {
  readonly isPackaged: boolean;
  /** app.getAppPath(): the repository in development. */
  readonly appPath: string;
  /** process.resourcesPath in a packaged app. */
  readonly resourcesPath: string;
  readonly electronVersion: string;
  readonly platform: string;
  readonly arch: string;
}

export function electronNativeDirName(electronVersion: string, platform: string, arch: string): string {
  return `electron-${electronVersion}-${platform}-${arch}`;
}

export function nativeBindingPath(facts: RuntimeFacts): string {
  const folder = electronNativeDirName(facts.electronVersion, facts.platform, facts.arch);
  if (facts.isPackaged) return join(facts.resourcesPath, PACKAGED_NATIVE_FOLDER, folder, NATIVE_FILE);
  return join(facts.appPath, NATIVE_FOLDER, folder, NATIVE_FILE);
}
