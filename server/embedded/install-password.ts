/**
 * The built-in server's demo users sign in with a password made for this installation, kept in
 * its data folder for the owner only; the app reads it from there. The published demo password
 * (server/demo/credentials.ts) would let any process or user on the machine, or a web page through
 * a rebound DNS name, sign in as admin.
 *
 * The database records which password its users are on (a SHA-256 fingerprint in schema_meta).
 * Whenever that is not the password in the file (a database an earlier version seeded with the
 * published password, a lost password file made anew, a database restored from a backup), every
 * user is put on the file's password and their sessions end, in one transaction: a failure leaves
 * the fingerprint unchanged, so the next start does it again.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Clock } from '../../shared/domain/clock';
import { hashPassword } from '../auth/passwords';
import { revokeAllRefreshTokens } from '../auth/refresh-tokens';
import type { ServerDatabase } from '../db/schema';
import { loadOrCreateOwnerOnlySecret } from '../owner-only-secret';

export const INSTALL_PASSWORD_FILE = 'install-password';
const FINGERPRINT_KEY = 'install_password_sha256';

export function loadOrCreateInstallPassword(dataDir: string): string {
  return loadOrCreateOwnerOnlySecret(join(dataDir, INSTALL_PASSWORD_FILE), 32);
}

const fingerprint = (password: string): string => createHash('sha256').update(password).digest('hex');

/**
 * Makes sure every user is on the install password; answers the users this start moved to it.
 * `seededNow`: the demo was just seeded with it, so only the fingerprint is missing.
 */
export async function keepUsersOnInstallPassword(db: Kysely<ServerDatabase>, clock: Clock, installPassword: string, seededNow: boolean): Promise<string[]> {
  const expected = fingerprint(installPassword);
  const stored = await db.selectFrom('schema_meta').select('value').where('key', '=', FINGERPRINT_KEY).executeTakeFirst();
  if (stored?.value === expected) return [];
  const users = seededNow ? [] : await db.selectFrom('users').select(['id', 'username']).execute();
  const passwordHash = users.length === 0 ? null : await hashPassword(installPassword);
  await db.transaction().execute(async (trx) => {
    if (passwordHash !== null) {
      for (const user of users) {
        await trx.updateTable('users').set({ password_hash: passwordHash, updated_at: clock.now().toISOString() }).where('id', '=', user.id).execute();
        await revokeAllRefreshTokens(trx, clock, user.id);
      }
    }
    await trx
      .insertInto('schema_meta')
      .values({ key: FINGERPRINT_KEY, value: expected })
      .onConflict((conflict) => conflict.column('key').doUpdateSet({ value: expected }))
      .execute();
  });
  return users.map((user) => user.username);
}
