import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context';
import { protocolVersion } from '../db/migrate';
import { errorBody } from '../http/errors';
import { PROTOCOL_VERSION, SERVER_VERSION } from '../version';

/** GET /v1/health: unauthenticated, for load balancers and the desktop's "is the server there" check. */
export function registerHealthRoute(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/v1/health', async (request, reply) => {
    try {
      const schemaProtocol = await protocolVersion(ctx.db);
      return { status: 'ok', db: 'ok', version: SERVER_VERSION, protocolVersion: PROTOCOL_VERSION, schemaProtocolVersion: schemaProtocol };
    } catch (error) {
      request.log.error({ err: error }, 'health check: database unreachable');
      return reply.code(503).send(errorBody('unavailable', 'The database is unreachable.'));
    }
  });
}
