/**
 * The built-in server's demo users sign in with a password made for this installation, kept in
 * its data folder for the owner only; the app reads it from there. The published demo password
 * (server/demo/credentials.ts) would let any process or user on the machine, or a web page through
 * a rebound DNS name, sign in as admin. Installations seeded before this carry the published
 * password: it is replaced once, at the next start. A password file that went missing is made
 * anew, and every user of the folder's database is put on the new one.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Clock } from '../../shared/domain/clock';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { revokeAllRefreshTokens } from '../auth/refresh-tokens';
import type { ServerDatabase } from '../db/schema';
import { DEMO_PASSWORD } from '../demo/credentials';
import { loadOrCreateOwnerOnlySecret } from '../owner-only-secret';

export const INSTALL_PASSWORD_FILE = 'install-password';
/** Written once the published password is gone from this folder's database. */
const RETIRED_MARKER = 'published-password-retired';

/** A database seeded with the install password never held the published one. */
export function markPublishedPasswordRetired(dataDir: string): void {
  writeFileSync(join(dataDir, RETIRED_MARKER), `${new Date().toISOString()}\n`, { mode: 0o600 });
}

export interface InstallPassword {
  readonly password: string;
  /** Made by this start: the folder had none (a first start, or the file was lost). */
  readonly created: boolean;
}

export function loadOrCreateInstallPassword(dataDir: string): InstallPassword {
  const path = join(dataDir, INSTALL_PASSWORD_FILE);
  const created = !existsSync(path);
  return { password: loadOrCreateOwnerOnlySecret(path, 32), created };
}

/**
 * Gives the install password to every user still on the published demo password (`published`),
 * or to every user (`everyone`: the password file was made anew, so nobody's old one is known),
 * and ends their sessions; answers their usernames.
 */
export async function rekeyUsers(db: Kysely<ServerDatabase>, clock: Clock, dataDir: string, installPassword: string, which: 'published' | 'everyone'): Promise<string[]> {
  if (which === 'published' && existsSync(join(dataDir, RETIRED_MARKER))) return [];
  const users = await db.selectFrom('users').select(['id', 'username', 'password_hash']).execute();
  const onPublished: { id: string; username: string }[] = [];
  for (const user of users) {
    if (which === 'everyone' || (await verifyPassword(user.password_hash, DEMO_PASSWORD))) onPublished.push({ id: user.id, username: user.username });
  }
  if (onPublished.length > 0) {
    const passwordHash = await hashPassword(installPassword);
    await db.transaction().execute(async (trx) => {
      for (const user of onPublished) {
        await trx.updateTable('users').set({ password_hash: passwordHash, updated_at: clock.now().toISOString() }).where('id', '=', user.id).execute();
        await revokeAllRefreshTokens(trx, clock, user.id);
      }
    });
  }
  markPublishedPasswordRetired(dataDir);
  return onPublished.map((user) => user.username);
}
