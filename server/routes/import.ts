/** `POST /v1/import`: the ERP import over HTTP, for admins and team leads. */
import type { FastifyInstance, onRequestAsyncHookHandler, preHandlerAsyncHookHandler } from 'fastify';
import { z } from 'zod';
import { principalOf } from '../auth/authenticate';
import type { ServerContext } from '../context';
import { HttpError } from '../http/errors';
import { parseInput } from '../http/validate';
import { runImport, type ImportSource } from '../import/run';
import { mappingSchema } from '../import/sources';
import { IMPORT_ENTITIES, ImportInputError } from '../import/types';

/** ERP exports are large; only this route accepts bodies beyond the server-wide 1 MB. */
export const IMPORT_BODY_LIMIT_BYTES = 50 * 1024 * 1024;

const flags = { allowPartial: z.boolean().optional(), dryRun: z.boolean().optional() };
const csvBody = z.strictObject({
  format: z.literal('csv'),
  preset: z.string().min(1).max(50).optional(),
  entity: z.enum(IMPORT_ENTITIES).optional(),
  mapping: mappingSchema.optional(),
  content: z.string().min(1),
  ...flags,
});
const jsonBody = z.strictObject({ format: z.literal('json'), entity: z.enum(IMPORT_ENTITIES), mapping: mappingSchema.optional(), records: z.array(z.unknown()).min(1), ...flags });
const importBody = z.discriminatedUnion('format', [csvBody, jsonBody]);

const invalid = (field: string, message: string) => new HttpError(400, 'validation', `Invalid "${field}": ${message}.`, field);

/** A CSV body names either a preset or an entity with its mapping; the schema alone cannot say "exactly one". */
function sourceOf(body: z.output<typeof importBody>): ImportSource {
  if (body.format === 'json') return { format: 'json', entity: body.entity, mapping: body.mapping, records: body.records };
  const { preset, entity, mapping, content } = body;
  if (preset !== undefined) {
    if (entity !== undefined) throw invalid('entity', 'give either an entity (with a mapping) or a preset');
    if (mapping !== undefined) throw invalid('mapping', 'a preset brings its own mapping');
    return { format: 'csv', preset, content };
  }
  if (entity === undefined) throw invalid('entity', 'give either an entity (with a mapping) or a preset');
  if (mapping === undefined) throw invalid('mapping', 'a CSV import of an entity needs a mapping');
  return { format: 'csv', entity, mapping, content };
}

export function registerImportRoute(app: FastifyInstance, ctx: ServerContext, authenticate: preHandlerAsyncHookHandler): void {
  // Checked on request, before the body is read: nobody else makes the server take in 50 MB.
  const authorize: onRequestAsyncHookHandler = async (request, reply) => {
    await authenticate.call(app, request, reply);
    const { role } = principalOf(request);
    // ERP keys are organisation-wide: an import can touch any team's customers, so only an admin may run one.
    if (role !== 'admin') throw new HttpError(403, 'forbidden', 'Only an admin may import ERP data.');
  };
  app.post('/v1/import', { onRequest: authorize, bodyLimit: IMPORT_BODY_LIMIT_BYTES }, async (request) => {
    const body = parseInput(importBody, request.body);
    try {
      return await runImport(ctx.db, ctx, { source: sourceOf(body), allowPartial: body.allowPartial, dryRun: body.dryRun });
    } catch (error) {
      if (error instanceof ImportInputError) throw new HttpError(400, 'validation', error.message, error.field);
      throw error;
    }
  });
}
