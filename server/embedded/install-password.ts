/**
 * The built-in server's demo users sign in with a password made for this installation, kept in
 * its data folder for the owner only; the app reads it from there. The published demo password
 * (server/demo/credentials.ts) would let any process or user on the machine, or a web page through
 * a rebound DNS name, sign in as admin. Installations seeded before this carry the published
 * password: it is replaced once, at the next start.
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

export function loadOrCreateInstallPassword(dataDir: string): string {
  return loadOrCreateOwnerOnlySecret(join(dataDir, INSTALL_PASSWORD_FILE), 32);
}

/**
 * Gives every user still on the published demo password the install password instead and ends
 * their sessions (whoever signed in with the published one is out); answers their usernames.
 */
export async function retirePublishedPassword(db: Kysely<ServerDatabase>, clock: Clock, dataDir: string, installPassword: string): Promise<string[]> {
  const marker = join(dataDir, RETIRED_MARKER);
  if (existsSync(marker)) return [];
  const users = await db.selectFrom('users').select(['id', 'username', 'password_hash']).execute();
  const onPublished: { id: string; username: string }[] = [];
  for (const user of users) {
    if (await verifyPassword(user.password_hash, DEMO_PASSWORD)) onPublished.push({ id: user.id, username: user.username });
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
