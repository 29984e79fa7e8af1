/** `POST /v1/import`: the ERP import over HTTP, for admins and team leads. */
import type { FastifyInstance, onRequestAsyncHookHandler, preHandlerAsyncHookHandler } from 'fastify';
import { z } from 'zod';
import { principalOf } from '../auth/authenticate';
import type { ServerContext } from '../context';
import { HttpError } from '../http/errors';
import { parseInput } from '../http/validate';
import { runRecordedImport, type ImportSource } from '../import/run';
import { importRun, listImportRuns, runFileOf, type ImportRunFile } from '../import/runs';
import { mappingSchema } from '../import/sources';
import { IMPORT_ENTITIES, ImportInputError } from '../import/types';

/** ERP exports are large; only this route accepts bodies beyond the server-wide 1 MB. */
export const IMPORT_BODY_LIMIT_BYTES = 50 * 1024 * 1024;

const flags = { allowPartial: z.boolean().optional(), dryRun: z.boolean().optional() };
/** Either a preset (amended by the mapping where given) or an entity read by the mapping. */
const reading = { preset: z.string().min(1).max(50).optional(), entity: z.enum(IMPORT_ENTITIES).optional(), mapping: mappingSchema.optional(), fileName: z.string().min(1).max(255).optional() };
const csvBody = z.strictObject({ format: z.literal('csv'), ...reading, content: z.string().min(1), ...flags });
/** An Excel workbook in base64, as JSON carries bytes. */
const xlsxBody = z.strictObject({ format: z.literal('xlsx'), ...reading, contentBase64: z.base64().min(1), ...flags });
/** `records` for an entity; `document` (the API's response as saved) for a preset. */
const jsonBody = z.strictObject({ format: z.literal('json'), ...reading, records: z.array(z.unknown()).min(1).optional(), document: z.unknown().optional(), ...flags });
const importBody = z.discriminatedUnion('format', [csvBody, xlsxBody, jsonBody]);
type ImportBody = z.output<typeof importBody>;

const invalid = (field: string, message: string) => new HttpError(400, 'validation', `Invalid "${field}": ${message}.`, field);

/** A body names either a preset or an entity; the schema alone cannot say "exactly one". */
function sourceOf(body: ImportBody): ImportSource {
  const { preset, entity, mapping } = body;
  if ((preset === undefined) === (entity === undefined)) throw invalid('entity', 'give either an entity (with a mapping) or a preset');
  if (preset !== undefined) {
    if (body.format === 'json') {
      if (body.records !== undefined) throw invalid('records', 'a preset reads the API response as saved: send it as "document"');
      if (body.document === undefined) throw invalid('document', "a preset's JSON is the API response as saved, sent as \"document\"");
      return { format: 'json', preset, mapping, document: body.document };
    }
    if (body.format === 'xlsx') return { format: 'xlsx', preset, mapping, content: Buffer.from(body.contentBase64, 'base64') };
    return { format: 'csv', preset, mapping, content: body.content };
  }
  if (entity === undefined) throw invalid('entity', 'give either an entity (with a mapping) or a preset');
  if (body.format === 'json') {
    if (body.document !== undefined) throw invalid('document', 'records of an entity are sent as "records"');
    if (body.records === undefined) throw invalid('records', 'an entity is imported from "records", an array');
    return { format: 'json', entity, mapping, records: body.records };
  }
  if (mapping === undefined) throw invalid('mapping', `a ${body.format.toUpperCase()} import of an entity needs a mapping`);
  if (body.format === 'xlsx') return { format: 'xlsx', entity, mapping, content: Buffer.from(body.contentBase64, 'base64') };
  return { format: 'csv', entity, mapping, content: body.content };
}

/** What the run keeps of the upload: the name the client gave (or none), the hash and size of what was read. */
function runFileOfBody(body: ImportBody): ImportRunFile | null {
  if (body.fileName === undefined) return null;
  if (body.format === 'csv') return runFileOf(body.fileName, Buffer.from(body.content, 'utf8'));
  if (body.format === 'xlsx') return runFileOf(body.fileName, Buffer.from(body.contentBase64, 'base64'));
  return runFileOf(body.fileName, Buffer.from(JSON.stringify(body.records ?? body.document ?? null), 'utf8'));
}

const runsQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).optional() });
const runParams = z.strictObject({ id: z.string().min(1).max(100) });

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
      const result = await runRecordedImport(ctx.db, ctx, { source: sourceOf(body), allowPartial: body.allowPartial, dryRun: body.dryRun }, { origin: 'http', file: runFileOfBody(body) });
      if (!result.ok) throw result.error;
      return { ...result.report, runId: result.run.id };
    } catch (error) {
      if (error instanceof ImportInputError) throw new HttpError(400, 'validation', error.message, error.field);
      throw error;
    }
  });
  // The kept reports of every run, the drop folder's among them: what an admin checks after a night's files.
  app.get('/v1/import/runs', { onRequest: authorize }, async (request) => {
    const query = parseInput(runsQuery, request.query);
    return { runs: await listImportRuns(ctx.db, query.limit ?? 50) };
  });
  app.get('/v1/import/runs/:id', { onRequest: authorize }, async (request) => {
    const { id } = parseInput(runParams, request.params);
    const run = await importRun(ctx.db, id);
    if (run === null) throw new HttpError(404, 'not_found', `There is no import run "${id}".`);
    return run;
  });
}
