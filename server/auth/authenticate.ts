/** The bearer-token check every protected route runs before its handler. */
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Kysely } from 'kysely';
import type { ServerDatabase } from '../db/schema';
import { HttpError } from '../http/errors';
import type { AccessTokenService } from './access-tokens';
import type { Principal } from './principal';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

const CHALLENGE = { 'www-authenticate': 'Bearer realm="ledgerline"' } as const;
const unauthorized = (message: string, code: 'unauthorized' | 'token_expired' = 'unauthorized') =>
  new HttpError(401, code, message, undefined, CHALLENGE);

export async function loadPrincipal(db: Kysely<ServerDatabase>, userId: string): Promise<Principal | undefined> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'role', 'team_id', 'disabled'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (user === undefined || user.disabled) return undefined;
  return { userId: user.id, username: user.username, displayName: user.display_name, role: user.role, teamId: user.team_id };
}

export function createAuthenticate(db: Kysely<ServerDatabase>, tokens: AccessTokenService): preHandlerAsyncHookHandler {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header);
    if (match?.[1] === undefined) throw unauthorized('Sign in first: the request has no bearer token.');
    const check = await tokens.verify(match[1]);
    if (!check.ok) {
      throw check.reason === 'expired'
        ? unauthorized('The access token has expired; refresh it.', 'token_expired')
        : unauthorized('The access token is not valid.');
    }
    // Loaded per request, so a disabled user or a changed role or team takes effect at once.
    const principal = await loadPrincipal(db, check.claims.sub);
    if (principal === undefined) throw unauthorized('The account no longer exists or is disabled.');
    request.principal = principal;
  };
}

/** The principal set by the preHandler; a route without it is a wiring bug. */
export function principalOf(request: FastifyRequest): Principal {
  if (request.principal === null) throw unauthorized('Sign in first.');
  return request.principal;
}
