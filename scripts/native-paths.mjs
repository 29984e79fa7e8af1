// Where the Electron build of better-sqlite3 goes. Mirrors electron/app/native-binding.ts
// (tests/unit/electron/native-paths.test.ts keeps the two in step).
import { join } from 'node:path';

export const NATIVE_FOLDER = '.electron-native';
export const NATIVE_FILE = 'better_sqlite3.node';

export function electronNativeDirName(electronVersion, platform, arch) {
  return `electron-${electronVersion}-${platform}-${arch}`;
}

export function electronNativeFile(root, electronVersion, platform, arch) {
  return join(root, NATIVE_FOLDER, electronNativeDirName(electronVersion, platform, arch), NATIVE_FILE);
}
