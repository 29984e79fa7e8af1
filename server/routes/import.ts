/** `POST /v1/import`: the ERP import over HTTP, for admins and team leads. */
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import { z } from 'zod';
import { principalOf } from '../auth/authenticate';
import type { ServerContext } from '../context';
import { HttpError } from '../http/errors';
import { parseInput } from '../http/validate';
import { runImport } from '../import/run';
import { mappingSchema } from '../import/sources';
import { IMPORT_ENTITIES, ImportInputError } from '../import/types';

/** ERP exports are large; only this route accepts bodies beyond the server-wide 1 MB. */
export const IMPORT_BODY_LIMIT_BYTES = 50 * 1024 * 1024;

const flags = { allowPartial: z.boolean().optional(), dryRun: z.boolean().optional() };
const importBody = z.union([
  z.strictObject({ format: z.literal('csv'), preset: z.string().min(1).max(50), content: z.string().min(1), ...flags }),
  z.strictObject({ format: z.literal('csv'), entity: z.enum(IMPORT_ENTITIES), mapping: mappingSchema, content: z.string().min(1), ...flags }),
  z.strictObject({ format: z.literal('json'), entity: z.enum(IMPORT_ENTITIES), mapping: mappingSchema.optional(), records: z.array(z.unknown()).min(1), ...flags }),
]);

export function registerImportRoute(app: FastifyInstance, ctx: ServerContext, authenticate: preHandlerAsyncHookHandler): void {
  app.post('/v1/import', { preHandler: authenticate, bodyLimit: IMPORT_BODY_LIMIT_BYTES }, async (request) => {
    const { role } = principalOf(request);
    if (role !== 'admin' && role !== 'team_lead') throw new HttpError(403, 'forbidden', 'Only an admin or a team lead may import ERP data.');
    const { allowPartial, dryRun, ...source } = parseInput(importBody, request.body);
    try {
      return await runImport(ctx.db, ctx.clock, { source, allowPartial, dryRun });
    } catch (error) {
      if (error instanceof ImportInputError) throw new HttpError(400, 'validation', error.message, error.field);
      throw error;
    }
  });
}
