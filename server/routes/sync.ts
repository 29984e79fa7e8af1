/** The sync endpoints: POST /v1/sync/pull, /v1/sync/push and /v1/sync/attachments (docs/SYNC.md). */
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import { AttachmentFetchRequestSchema, MAX_PUSH_BODY_BYTES, PullRequestSchema, PushRequestSchema, type Mutation } from '../../shared/sync/protocol';
import { principalOf } from '../auth/authenticate';
import type { ServerContext } from '../context';
import { HttpError } from '../http/errors';
import { requestProtocol, requireProtocolHeader } from '../http/protocol-version';
import { ATTACHMENTS_PROTOCOL_VERSION } from '../version';
import { parseInput } from '../http/validate';
import { attachmentContents } from '../sync/attachment-contents';
import { InvalidCursorError, pullJson } from '../sync/pull';
import { push } from '../sync/push';
import { createSnapshotReadAhead } from '../sync/snapshot-read-ahead';

export function registerSyncRoutes(app: FastifyInstance, ctx: ServerContext, authenticate: preHandlerAsyncHookHandler): void {
  const snapshots = createSnapshotReadAhead((principal, { cursor, limit, ...options }) => pullJson(ctx.db, principal, cursor, limit, options));
  app.addHook('onClose', () => snapshots.close());

  const preHandler = [authenticate, requireProtocolHeader];

  app.post('/v1/sync/pull', { preHandler }, async (request, reply) => {
    const { cursor, limit, resync, snapshotRuns } = parseInput(PullRequestSchema, request.body);
    const withAttachments = requestProtocol(request.headers) >= ATTACHMENTS_PROTOCOL_VERSION;
    const page = await snapshots.pull(principalOf(request), { cursor, limit, resync: resync ?? [], snapshotRuns: snapshotRuns === true, withAttachments }).catch((error: unknown) => {
      if (error instanceof InvalidCursorError) throw new HttpError(400, 'validation', error.message, 'cursor');
      throw error;
    });
    // Sent as built: the page is JSON text already (server/sync/json-changes.ts).
    return reply.type('application/json').send(page);
  });

  // A push may carry attachments (base64 of up to 5 MB each): the one route with a larger body.
  app.post('/v1/sync/push', { preHandler, bodyLimit: MAX_PUSH_BODY_BYTES }, async (request, reply) => {
    const { clientId, mutations } = parseInput(PushRequestSchema, request.body);
    const onUnprocessable = (mutation: Mutation, error: unknown) => {
      request.log.error({ err: error, clientId, mutationId: mutation.id, mutationName: mutation.name, seq: mutation.seq }, 'a pushed mutation could not be applied; rejected as unprocessable');
    };
    const outcome = await push(ctx.db, principalOf(request), ctx.clock, clientId, mutations, { onUnprocessable });
    if (outcome.kind === 'gap') return reply.code(409).send(outcome.body);
    return outcome.body;
  });

  app.post('/v1/sync/attachments', { preHandler }, async (request) => {
    const { ids } = parseInput(AttachmentFetchRequestSchema, request.body);
    return attachmentContents(ctx.db, principalOf(request), ids);
  });
}
