import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import { principalOf } from '../auth/authenticate';
import type { ServerContext } from '../context';

/** GET /v1/me: who the token belongs to, with the team name for display. */
export function registerMeRoute(app: FastifyInstance, ctx: ServerContext, authenticate: preHandlerAsyncHookHandler): void {
  app.get('/v1/me', { preHandler: authenticate }, async (request) => {
    const principal = principalOf(request);
    const team =
      principal.teamId === null ? undefined : await ctx.db.selectFrom('teams').select(['id', 'name']).where('id', '=', principal.teamId).executeTakeFirst();
    return {
      id: principal.userId,
      username: principal.username,
      displayName: principal.displayName,
      role: principal.role,
      team: team ?? null,
    };
  });
}
