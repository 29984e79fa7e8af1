/** GET /v1/directory: the users a client needs to show names and to satisfy its user columns. */
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { DirectoryResponse } from '../../shared/sync/protocol';
import type { ServerContext } from '../context';

export function registerDirectoryRoute(app: FastifyInstance, ctx: ServerContext, authenticate: preHandlerAsyncHookHandler): void {
  // Every signed-in user gets the whole list: names travel with any row a colleague wrote. No
  // e-mail addresses and no hashes leave the server this way.
  app.get('/v1/directory', { preHandler: authenticate }, async (): Promise<DirectoryResponse> => {
    const users = await ctx.db
      .selectFrom('users')
      .select(['id', 'username', 'display_name', 'role', 'team_id'])
      .where('disabled', '=', false)
      .orderBy('username')
      .execute();
    return { users: users.map((user) => ({ id: user.id, username: user.username, displayName: user.display_name, role: user.role, teamId: user.team_id })) };
  });
}
