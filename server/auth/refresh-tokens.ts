/**
 * Rotating refresh tokens. A family starts with 32 random bytes at sign-in; every token is stored
 * only as its SHA-256. A refresh revokes the presented token and issues its successor in the same
 * family; presenting a token that was already rotated away means it was copied, so the whole
 * family is revoked. One exception: within a minute of its rotation, while its successor is still
 * unused, the token is taken as the retry of a refresh whose answer was lost on the way (a dropped
 * connection), and the SAME successor is answered again. That needs the successor's value, which is
 * not stored: it is derived, an HMAC of the presented token under a key of the server's secret, so
 * the server can compute it again from the token while only hashes stay in the database. So a
 * family is one chain: a retry gets the token the lost answer carried, never a second valid one.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Clock } from '../../shared/domain/clock';
import type { ServerDatabase } from '../db/schema';

export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** How long a rotated token may be presented again while its successor has not been used. */
export const REFRESH_RETRY_GRACE_MS = 60 * 1000;

export interface IssuedRefreshToken {
  readonly token: string;
  readonly expiresAt: string;
}

export type RotateResult =
  | { readonly ok: true; readonly userId: string; readonly refresh: IssuedRefreshToken }
  | { readonly ok: false; readonly reason: 'unknown' | 'expired' | 'reused' | 'disabled' };

export const hashRefreshToken = (token: string): string => createHash('sha256').update(token).digest('hex');

type Executor = Kysely<ServerDatabase>;

/** The key successors are derived with: its own, so a token value never doubles as an HMAC of the JWT key. */
export const refreshSuccessorKey = (secret: string): Buffer => createHmac('sha256', secret).update('ledgerline refresh-token successor').digest();

/** The successor of `token`: the same value however often it is computed, unknowable without the key. */
const successorOf = (key: Buffer, token: string): string => createHmac('sha256', key).update(token).digest('base64url');

async function insertToken(db: Executor, clock: Clock, userId: string, familyId: string, token: string): Promise<IssuedRefreshToken & { id: string }> {
  const now = clock.now();
  const id = uuidv7();
  const expiresAt = new Date(now.getTime() + REFRESH_TOKEN_TTL_MS).toISOString();
  await db
    .insertInto('refresh_tokens')
    .values({ id, user_id: userId, family_id: familyId, token_hash: hashRefreshToken(token), issued_at: now.toISOString(), expires_at: expiresAt, revoked_at: null, replaced_by: null })
    .execute();
  return { id, token, expiresAt };
}

/** Starts a new family (a new sign-in). */
export async function issueRefreshToken(db: Executor, clock: Clock, userId: string): Promise<IssuedRefreshToken> {
  const { token, expiresAt } = await insertToken(db, clock, userId, uuidv7(), randomBytes(32).toString('base64url'));
  return { token, expiresAt };
}

async function revokeFamily(db: Executor, familyId: string, at: string): Promise<void> {
  await db.updateTable('refresh_tokens').set({ revoked_at: at }).where('family_id', '=', familyId).where('revoked_at', 'is', null).execute();
}

interface PresentedRow {
  readonly family_id: string;
  readonly user_id: string;
  readonly revoked_at: string;
  readonly replaced_by: string | null;
  readonly disabled: boolean;
}

/**
 * A token presented again after its rotation: the retry of a lost answer (within the grace, its
 * successor unused) gets that successor again; anything else is a copy and ends the family.
 */
async function retryOrRevoke(trx: Executor, key: Buffer, token: string, row: PresentedRow, now: string): Promise<RotateResult> {
  const successor =
    row.replaced_by === null
      ? undefined
      : await trx.selectFrom('refresh_tokens').select(['token_hash', 'revoked_at', 'expires_at']).where('id', '=', row.replaced_by).forUpdate().executeTakeFirst();
  const value = successorOf(key, token);
  const retried =
    successor !== undefined &&
    successor.revoked_at === null &&
    !row.disabled &&
    Date.parse(now) - Date.parse(row.revoked_at) <= REFRESH_RETRY_GRACE_MS &&
    // Not derived from this token under this key (the server secret changed since): it cannot be answered again.
    successor.token_hash === hashRefreshToken(value);
  if (!retried) {
    await revokeFamily(trx, row.family_id, now);
    return { ok: false, reason: 'reused' };
  }
  return { ok: true, userId: row.user_id, refresh: { token: value, expiresAt: successor.expires_at } };
}

/** `key` from refreshSuccessorKey(secret). */
export function rotateRefreshToken(db: Executor, clock: Clock, key: Buffer, token: string): Promise<RotateResult> {
  return db.transaction().execute(async (trx): Promise<RotateResult> => {
    const now = clock.now().toISOString();
    // Row lock: two concurrent refreshes with one token take turns; the second is then a retry.
    const row = await trx
      .selectFrom('refresh_tokens')
      .innerJoin('users', 'users.id', 'refresh_tokens.user_id')
      .select(['refresh_tokens.id', 'refresh_tokens.family_id', 'refresh_tokens.user_id', 'refresh_tokens.expires_at', 'refresh_tokens.revoked_at', 'refresh_tokens.replaced_by', 'users.disabled'])
      .where('refresh_tokens.token_hash', '=', hashRefreshToken(token))
      .forUpdate()
      .executeTakeFirst();
    if (row === undefined) return { ok: false, reason: 'unknown' };
    if (row.revoked_at !== null) return retryOrRevoke(trx, key, token, { ...row, revoked_at: row.revoked_at }, now);
    if (row.disabled) {
      await revokeFamily(trx, row.family_id, now);
      return { ok: false, reason: 'disabled' };
    }
    if (row.expires_at <= now) return { ok: false, reason: 'expired' };
    const next = await insertToken(trx, clock, row.user_id, row.family_id, successorOf(key, token));
    await trx.updateTable('refresh_tokens').set({ revoked_at: now, replaced_by: next.id }).where('id', '=', row.id).execute();
    return { ok: true, userId: row.user_id, refresh: { token: next.token, expiresAt: next.expiresAt } };
  });
}

/** Sign-out: revokes the family of `token`. Unknown tokens are ignored so callers cannot probe. */
export async function revokeRefreshTokenFamily(db: Executor, clock: Clock, token: string): Promise<void> {
  const row = await db.selectFrom('refresh_tokens').select('family_id').where('token_hash', '=', hashRefreshToken(token)).executeTakeFirst();
  if (row !== undefined) await revokeFamily(db, row.family_id, clock.now().toISOString());
}

/** After a password reset or when a user is disabled: every session of the user ends. */
export async function revokeAllRefreshTokens(db: Executor, clock: Clock, userId: string): Promise<void> {
  await db.updateTable('refresh_tokens').set({ revoked_at: clock.now().toISOString() }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
}
