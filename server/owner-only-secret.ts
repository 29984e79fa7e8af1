/**
 * A random secret created once in a file only its owner may read, and reused after: the server's
 * token signing key, the built-in server's install password.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export function loadOrCreateOwnerOnlySecret(path: string, minLength: number): string {
  mkdirSync(dirname(path), { recursive: true });
  try {
    writeFileSync(path, randomBytes(48).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  // The umask cannot loosen 0600, but a file copied in from elsewhere might be wider.
  if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  const secret = readFileSync(path, 'utf8').trim();
  if (secret.length < minLength) throw new RangeError(`The secret in ${path} is too short; delete the file to generate a new one.`);
  return secret;
}
