/** POST /v1/auth/login, /refresh and /logout. */
import type { FastifyInstance, onSendHookHandler } from 'fastify';
import { z } from 'zod';
import { UsernameSchema } from '../../shared/api/sync-contract';
import type { ServerContext } from '../context';
import { HttpError } from '../http/errors';
import { parseInput } from '../http/validate';
import { loadPrincipal } from './authenticate';
import { MAX_PASSWORD_LENGTH, burnPasswordCheck, verifyPassword } from './passwords';
import type { Principal } from './principal';
import { issueRefreshToken, revokeRefreshTokenFamily, rotateRefreshToken, type IssuedRefreshToken } from './refresh-tokens';

const loginBody = z.strictObject({
  username: UsernameSchema,
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});
const refreshBody = z.strictObject({ refreshToken: z.string().min(1).max(200) });

export interface SessionResponse {
  readonly accessToken: string;
  readonly accessTokenExpiresAt: string;
  readonly refreshToken: string;
  readonly refreshTokenExpiresAt: string;
  readonly user: { readonly id: string; readonly username: string; readonly displayName: string; readonly role: Principal['role']; readonly teamId: string | null };
}

/**
 * Answers that carry tokens (and their errors, and sign-out) must not be kept by any cache, a
 * proxy's or the client's (RFC 6749 5.1): every answer of these routes says so.
 */
const noStore: onSendHookHandler = (_request, reply, payload, done) => {
  void reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
  done(null, payload);
};
const NO_STORE = { onSend: noStore };

export function registerAuthRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const session = async (principal: Principal, refresh: IssuedRefreshToken): Promise<SessionResponse> => {
    const access = await ctx.accessTokens.issue({ sub: principal.userId, role: principal.role, team: principal.teamId });
    return {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken: refresh.token,
      refreshTokenExpiresAt: refresh.expiresAt,
      user: { id: principal.userId, username: principal.username, displayName: principal.displayName, role: principal.role, teamId: principal.teamId },
    };
  };

  app.post('/v1/auth/login', NO_STORE, async (request) => {
    const body = parseInput(loginBody, request.body);
    const username = body.username.toLowerCase();
    const retryAfter = ctx.loginThrottle.retryAfterSeconds(username, request.ip);
    if (retryAfter > 0) {
      const minutes = Math.ceil(retryAfter / 60);
      throw HttpError.refused(429, 'rate_limited', minutes === 1 ? 'tooManySignInsOneMinute' : { key: 'tooManySignIns', params: { minutes } }, {
        headers: { 'retry-after': String(retryAfter) },
      });
    }
    const user = await ctx.db.selectFrom('users').select(['id', 'password_hash', 'disabled']).where('username', '=', username).executeTakeFirst();
    const passwordOk = user === undefined ? (await burnPasswordCheck(body.password), false) : await verifyPassword(user.password_hash, body.password);
    if (user === undefined || !passwordOk) {
      ctx.loginThrottle.recordFailure(username, request.ip);
      request.log.info({ username }, 'sign-in failed');
      throw HttpError.refused(401, 'unauthorized', 'wrongCredentials');
    }
    ctx.loginThrottle.reset(username, request.ip);
    const principal = user.disabled ? undefined : await loadPrincipal(ctx.db, user.id);
    if (principal === undefined) throw HttpError.refused(403, 'forbidden', 'accountDisabled');
    request.log.info({ userId: principal.userId }, 'signed in');
    return session(principal, await issueRefreshToken(ctx.db, ctx.clock, principal.userId));
  });

  app.post('/v1/auth/refresh', NO_STORE, async (request) => {
    const { refreshToken } = parseInput(refreshBody, request.body);
    const rotated = await rotateRefreshToken(ctx.db, ctx.clock, ctx.refreshSuccessorKey, refreshToken);
    if (!rotated.ok) {
      if (rotated.reason === 'reused') request.log.warn('refresh token reused; its family was revoked');
      throw HttpError.refused(401, 'unauthorized', 'sessionEnded');
    }
    const principal = await loadPrincipal(ctx.db, rotated.userId);
    if (principal === undefined) throw HttpError.refused(401, 'unauthorized', 'sessionEnded');
    return session(principal, rotated.refresh);
  });

  app.post('/v1/auth/logout', NO_STORE, async (request, reply) => {
    const { refreshToken } = parseInput(refreshBody, request.body);
    await revokeRefreshTokenFamily(ctx.db, ctx.clock, refreshToken);
    return reply.code(204).send();
  });
}
