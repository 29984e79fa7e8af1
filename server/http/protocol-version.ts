/**
 * Every client request may carry the protocol version it speaks. A client older than the
 * oldest one served gets 426 "update required" before any handler runs, so it can never
 * read or write data in a shape it does not understand. The sync endpoints require it.
 */
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';
import { MIN_CLIENT_PROTOCOL_VERSION, PROTOCOL_HEADER, PROTOCOL_VERSION } from '../version';
import { HttpError } from './errors';

export function protocolProblem(headers: IncomingHttpHeaders): HttpError | undefined {
  const header = headers[PROTOCOL_HEADER];
  if (header === undefined) return undefined;
  const text = Array.isArray(header) ? header.join(',') : header;
  if (!/^\d{1,6}$/.test(text)) return new HttpError(400, 'bad_request', `The ${PROTOCOL_HEADER} header must be a whole number.`);
  const version = Number(text);
  if (version < MIN_CLIENT_PROTOCOL_VERSION) {
    return HttpError.refused(426, 'update_required', { key: 'protocolTooOld', params: { version: String(version), minimum: String(MIN_CLIENT_PROTOCOL_VERSION) } });
  }
  if (version > PROTOCOL_VERSION) {
    return HttpError.refused(426, 'server_outdated', { key: 'serverTooOld', params: { version: String(version), maximum: String(PROTOCOL_VERSION) } });
  }
  return undefined;
}

/** The protocol a request says it speaks; the check above has refused any other header already. */
export function requestProtocol(headers: IncomingHttpHeaders): number {
  const header = headers[PROTOCOL_HEADER];
  const version = Number(Array.isArray(header) ? header[0] : header);
  return Number.isInteger(version) ? version : PROTOCOL_VERSION;
}

export function registerProtocolCheck(app: FastifyInstance): void {
  app.addHook('onRequest', (request, _reply, done) => {
    const problem = protocolProblem(request.headers);
    if (problem === undefined) done();
    else done(problem);
  });
}

/**
 * For the sync endpoints, whose bodies are the protocol: a request that does not say which version
 * it speaks is refused (400) instead of being read as the current one. Runs after authentication,
 * so a request without a valid token learns nothing more than 401.
 */
export const requireProtocolHeader: preHandlerAsyncHookHandler = async (request) => {
  if (request.headers[PROTOCOL_HEADER] !== undefined) return;
  await Promise.resolve();
  throw new HttpError(400, 'bad_request', `The sync endpoints need the ${PROTOCOL_HEADER} header naming the protocol version the client speaks (this server speaks ${PROTOCOL_VERSION}).`);
};
