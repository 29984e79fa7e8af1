/** Copies the database before a migration, keeping only the newest few copies. */
import { readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';

export const BACKUPS_KEPT = 3;

/** `<file>.bak-v<version>-<timestamp>`; the timestamp has no colons so the name is valid on Windows. */
export const backupPath = (path: string, fromVersion: number, at: Date): string =>
  `${path}.bak-v${fromVersion}-${at.toISOString().replace(/[:.]/g, '-')}`;

/** The backups of `path`, oldest first (the timestamp part sorts chronologically). */
export function listBackups(path: string): string[] {
  const prefix = `${basename(path)}.bak-v`;
  const stamp = (name: string) => name.slice(name.indexOf('-', prefix.length) + 1);
  return readdirSync(dirname(path))
    .filter((name) => name.startsWith(prefix))
    .sort((a, b) => stamp(a).localeCompare(stamp(b)) || a.localeCompare(b))
    .map((name) => join(dirname(path), name));
}

export async function backupDatabase(sqlite: BetterSqlite3.Database, path: string, fromVersion: number, at: Date): Promise<string> {
  const target = backupPath(path, fromVersion, at);
  // The online backup API copies a consistent snapshot including pages still in the WAL.
  await sqlite.backup(target);
  const backups = listBackups(path);
  for (const old of backups.slice(0, Math.max(0, backups.length - BACKUPS_KEPT))) rmSync(old, { force: true });
  return target;
}
