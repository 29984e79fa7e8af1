import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context';
import { protocolVersion } from '../db/migrate';
import { databaseRetryHeaders, errorBody } from '../http/errors';
import { PROTOCOL_VERSION, SERVER_VERSION } from '../version';

/**
 * GET /v1/health: unauthenticated, for load balancers and the desktop's "is the server there" check.
 * It asks the database every time, so it tells "the process runs" apart from "the server can serve".
 */
export function registerHealthRoute(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/v1/health', async (request, reply) => {
    const versions = { version: SERVER_VERSION, protocolVersion: PROTOCOL_VERSION };
    try {
      const schemaProtocol = await protocolVersion(ctx.db);
      return { status: 'ok', db: 'ok', ...versions, schemaProtocolVersion: schemaProtocol };
    } catch (error) {
      request.log.warn({ err: error }, 'health check: database unreachable');
      return reply
        .code(503)
        .headers(databaseRetryHeaders())
        .send({ status: 'unavailable', db: 'unreachable', ...versions, ...errorBody('unavailable', 'The database is unreachable.') });
    }
  });
}
