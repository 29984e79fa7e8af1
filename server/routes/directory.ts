/** GET /v1/directory: the users a client needs to show names and to satisfy its user columns, and the teams with their default language. */
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { DirectoryResponse } from '../../shared/sync/protocol';
import type { ServerContext } from '../context';

export function registerDirectoryRoute(app: FastifyInstance, ctx: ServerContext, authenticate: preHandlerAsyncHookHandler): void {
  // Every signed-in user gets the whole list: names travel with any row a colleague wrote. No
  // e-mail addresses and no hashes leave the server this way.
  app.get('/v1/directory', { preHandler: authenticate }, async (): Promise<DirectoryResponse> => {
    // Disabled users too: their names stay on the rows they wrote, and a client must know not to assign them work.
    const users = await ctx.db.selectFrom('users').select(['id', 'username', 'display_name', 'role', 'team_id', 'disabled']).orderBy('username').execute();
    // Every team (a handful): a customer's documents fall back to its team's language, whoever's team it is.
    const teams = await ctx.db.selectFrom('teams').select(['id', 'name', 'language']).orderBy('name').orderBy('id').execute();
    return {
      users: users.map((user) => ({ id: user.id, username: user.username, displayName: user.display_name, role: user.role, teamId: user.team_id, disabled: user.disabled })),
      teams: teams.map((team) => ({ id: team.id, name: team.name, language: team.language })),
    };
  });
}
