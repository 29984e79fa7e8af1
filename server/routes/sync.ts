/** The sync endpoints: POST /v1/sync/pull and POST /v1/sync/push (docs/SYNC.md). */
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import { PullRequestSchema, PushRequestSchema } from '../../shared/sync/protocol';
import { principalOf } from '../auth/authenticate';
import type { ServerContext } from '../context';
import { HttpError } from '../http/errors';
import { parseInput } from '../http/validate';
import { InvalidCursorError, pullJson } from '../sync/pull';
import { push } from '../sync/push';
import { createSnapshotReadAhead } from '../sync/snapshot-read-ahead';

export function registerSyncRoutes(app: FastifyInstance, ctx: ServerContext, authenticate: preHandlerAsyncHookHandler): void {
  const snapshots = createSnapshotReadAhead((principal, { cursor, limit, ...options }) => pullJson(ctx.db, principal, cursor, limit, options));
  app.addHook('onClose', () => snapshots.close());

  app.post('/v1/sync/pull', { preHandler: authenticate }, async (request, reply) => {
    const { cursor, limit, resync, snapshotRuns } = parseInput(PullRequestSchema, request.body);
    const page = await snapshots.pull(principalOf(request), { cursor, limit, resync: resync ?? [], snapshotRuns: snapshotRuns === true }).catch((error: unknown) => {
      if (error instanceof InvalidCursorError) throw new HttpError(400, 'validation', error.message, 'cursor');
      throw error;
    });
    // Sent as built: the page is JSON text already (server/sync/json-changes.ts).
    return reply.type('application/json').send(page);
  });

  app.post('/v1/sync/push', { preHandler: authenticate }, async (request, reply) => {
    const { clientId, mutations } = parseInput(PushRequestSchema, request.body);
    const outcome = await push(ctx.db, principalOf(request), ctx.clock, clientId, mutations);
    if (outcome.kind === 'gap') return reply.code(409).send(outcome.body);
    return outcome.body;
  });
}
