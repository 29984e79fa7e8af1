/**
 * The HTTP binding of the API for dev:web and browser tests: the renderer's static files plus
 * `POST /api/<operation>`, answered by the same dispatch as the IPC binding. Only the app's own
 * page may call it (see server/http/loopback-guard).
 */
import { createReadStream, existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { dispatch, type ApiHandlers } from '../../shared/api/dispatch';
import { fail, type ApiErrorCode } from '../../shared/api/result';
import { exportsDir, isExportFileName } from '../../db/reports/file-names';
import { describeError, type ShellLogger } from '../app/logger';
import { SECURITY_HEADERS } from '../security/csp';
import { checkApiRequest } from '../../server/http/loopback-guard';

/** Room for attachment.add: a file of up to 5 MB as base64, with its JSON around it. */
export const API_BODY_LIMIT_BYTES = 8 * 1024 * 1024;

export interface WebAppOptions {
  readonly handlers: ApiHandlers;
  /** The built renderer (dist/renderer); null serves the API only. */
  readonly staticRoot: string | null;
  readonly logger: ShellLogger;
  readonly bodyLimit?: number;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** HTTP-level refusals still answer in the Result shape, so the client has one thing to parse. */
function refuse(reply: FastifyReply, status: number, code: ApiErrorCode, message: string): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send(fail({ code, message }));
}

function statusOf(error: unknown): number {
  if (typeof error === 'object' && error !== null && 'statusCode' in error && typeof error.statusCode === 'number') {
    return error.statusCode;
  }
  return 500;
}

const EXPORT_CONTENT_TYPES: Readonly<Record<string, string>> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/** A finished export file, or null: only plain names of files directly in the exports folder (no path, no part file). */
async function exportFile(folder: string, fileName: string): Promise<{ path: string; size: number } | null> {
  if (!isExportFileName(fileName)) return null;
  const path = join(folder, fileName);
  try {
    const info = await stat(path);
    return info.isFile() ? { path, size: info.size } : null;
  } catch {
    return null;
  }
}

const NOT_ALLOWED_METHODS = ['GET', 'HEAD', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const;

export async function createWebApp(options: WebAppOptions): Promise<FastifyInstance> {
  const { handlers, logger } = options;
  // A browser keeps idle keep-alive sockets open; closing must not wait for it to hang up.
  const app = Fastify({ logger: false, bodyLimit: options.bodyLimit ?? API_BODY_LIMIT_BYTES, forceCloseConnections: true });
  // Only JSON is an API input; text/plain would also let other sites send "simple" cross-origin requests.
  app.removeContentTypeParser('text/plain');

  app.addHook('onSend', (_request, reply, payload, done) => {
    void reply.headers(SECURITY_HEADERS);
    done(null, payload);
  });

  app.addHook('onRequest', (request, reply, done) => {
    if (!request.url.startsWith('/api/') && request.url !== '/api') {
      done();
      return;
    }
    void reply.header('Cache-Control', 'no-store');
    const decision = checkApiRequest({
      host: headerValue(request.headers.host),
      origin: headerValue(request.headers.origin),
      secFetchSite: headerValue(request.headers['sec-fetch-site']),
    });
    if (decision.allowed) {
      done();
      return;
    }
    logger.warn('refused an API request', { url: request.url, reason: decision.reason });
    void refuse(reply, 403, 'validation', decision.reason);
  });

  app.setErrorHandler((error, _request, reply) => {
    const status = statusOf(error);
    if (status === 413) return refuse(reply, 413, 'validation', `the request body is larger than ${Math.round((options.bodyLimit ?? API_BODY_LIMIT_BYTES) / 1024)} KiB`);
    if (status === 415) return refuse(reply, 415, 'validation', 'send the input as application/json');
    if (status === 400) return refuse(reply, 400, 'validation', 'the request body is not valid JSON');
    logger.error('request failed', describeError(error));
    return refuse(reply, status >= 400 && status < 600 ? status : 500, 'internal', 'the request failed; the details are in the log');
  });

  app.post<{ Params: { operation: string } }>('/api/:operation', async (request, reply) => {
    const result = await dispatch(handlers, request.params.operation, request.body, {
      validateOutput: true,
      onUnexpectedError: (operation, error) => {
        logger.error(`operation ${operation} failed`, describeError(error));
      },
    });
    // Validation and domain failures are results, not HTTP errors: always 200.
    return reply.code(200).send(result);
  });

  app.route({
    method: [...NOT_ALLOWED_METHODS, 'POST'],
    url: '/api/*',
    exposeHeadRoute: false,
    handler: (request, reply) => {
      if (request.method === 'POST') return refuse(reply, 404, 'unknown_operation', 'no such operation');
      void reply.header('Allow', 'POST');
      return refuse(reply, 405, 'validation', 'the API accepts POST only');
    },
  });

  // Finished report exports (report.exportStart), downloaded by the browser; the data folder is the handler table's own.
  const exportsFolder = exportsDir((await handlers['app.info']({})).dataDir);
  app.get<{ Params: { fileName: string } }>('/exports/:fileName', async (request, reply) => {
    const decision = checkApiRequest({
      host: headerValue(request.headers.host),
      origin: headerValue(request.headers.origin),
      secFetchSite: headerValue(request.headers['sec-fetch-site']),
    });
    if (!decision.allowed) {
      logger.warn('refused an export download', { url: request.url, reason: decision.reason });
      return refuse(reply, 403, 'validation', decision.reason);
    }
    const file = await exportFile(exportsFolder, request.params.fileName);
    if (!file) return refuse(reply, 404, 'not_found', 'no such export file');
    const extension = request.params.fileName.split('.').pop() ?? '';
    return reply
      .header('Cache-Control', 'no-store')
      .header('Content-Disposition', `attachment; filename="${request.params.fileName}"`)
      .header('Content-Length', file.size)
      .type(EXPORT_CONTENT_TYPES[extension] ?? 'application/octet-stream')
      .send(createReadStream(file.path));
  });

  const staticRoot = options.staticRoot;
  if (staticRoot !== null && existsSync(join(staticRoot, 'index.html'))) {
    await app.register(fastifyStatic, { root: staticRoot, prefix: '/', cacheControl: false, index: ['index.html'] });
    app.setNotFoundHandler((request, reply) => {
      // Paths without a file extension are the single-page app's own routes.
      const isPageRoute = (request.method === 'GET' || request.method === 'HEAD') && !/\.[a-z0-9]+$/i.test(request.url.split('?')[0] ?? '');
      if (isPageRoute) return reply.type('text/html; charset=utf-8').sendFile('index.html');
      return refuse(reply, 404, 'not_found', 'not found');
    });
  } else {
    app.setNotFoundHandler((_request, reply) =>
      reply.code(503).type('text/plain; charset=utf-8').send('The renderer is not built yet: run `npm run build:renderer`.'),
    );
  }
  return app;
}
