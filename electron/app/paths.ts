/** Where the app keeps its data, decided the same way by the desktop app, dev:web and the CLI tools. */
import { join } from 'node:path';

export const DATABASE_FILE_NAME = 'ledgerline.db';
export const DATA_DIR_ENV = 'LEDGERLINE_DATA_DIR';

export function databasePath(dataDir: string): string {
  return join(dataDir, DATABASE_FILE_NAME);
}

/** The built-in sync server's folder: its PGlite cluster, this installation's password and signing secret. */
export function builtInServerPath(dataDir: string): string {
  return join(dataDir, 'server');
}

/** `--data-dir DIR` (or `--data-dir=DIR`) wins over LEDGERLINE_DATA_DIR, which wins over the fallback. */
export function resolveDataDir(env: Readonly<Record<string, string | undefined>>, argv: readonly string[], fallback: string): string {
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index];
    if (arg === '--data-dir' && argv[index + 1]) return argv[index + 1] ?? fallback;
    if (arg?.startsWith('--data-dir=')) return arg.slice('--data-dir='.length) || fallback;
  }
  const fromEnv = env[DATA_DIR_ENV];
  return fromEnv !== undefined && fromEnv.trim() !== '' ? fromEnv : fallback;
}
