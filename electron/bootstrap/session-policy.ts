/** Session-wide policy: our CSP on every response, every permission refused, app:// served from disk. */
import { pathToFileURL } from 'node:url';
import { net, protocol, type Session } from 'electron';
import { SECURITY_HEADERS, withContentSecurityPolicy } from '../security/csp';
import { hardenSession } from '../security/harden';
import { resolveAppRequest } from './app-protocol';
import { APP_SCHEME } from './app-protocol';

export function applySessionPolicy(session: Session): void {
  hardenSession(session);
  // Covers anything fetched over http(s); app:// responses carry the headers themselves (below).
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) });
  });
}

export function registerAppProtocol(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppRequest(rendererRoot, request.url);
    if (file === null) return new Response('not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).href);
    const headers = new Headers(response.headers);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
    return new Response(response.body, { status: response.status, headers });
  });
}
