/**
 * CSRF and DNS-rebinding protection for servers on loopback: any web page the user has open can
 * send requests to 127.0.0.1, and a DNS name rebound to it carries its own Host. dev:web accepts a
 * call only from the app's own page; the desktop's built-in sync server, which only the app's
 * sync engine (plain Node, no Origin) talks to, accepts no browser page at all.
 */
import type { FastifyInstance } from 'fastify';
import { isLoopbackHostname } from '../../shared/net/loopback';
import { errorBody } from './errors';

export interface RequestOriginFacts {
  /** The Host header. */
  readonly host: string | undefined;
  /** The Origin header; browsers send it with every POST, same-origin ones included. */
  readonly origin: string | undefined;
  /** The Sec-Fetch-Site header, sent by current browsers. */
  readonly secFetchSite: string | undefined;
}

export type GuardDecision = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

function hostnameOf(host: string): string | null {
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return null;
  }
}

export function checkApiRequest(facts: RequestOriginFacts): GuardDecision {
  return checkLoopbackRequest(facts, true);
}

/** `fromPages`: whether the server's own page may call it (dev:web) or no page at all (the built-in sync server). */
export function checkLoopbackRequest(facts: RequestOriginFacts, fromPages: boolean): GuardDecision {
  const hostname = facts.host === undefined ? null : hostnameOf(facts.host);
  // A foreign Host means a DNS name was rebound to 127.0.0.1 by some other site.
  if (hostname === null || !isLoopbackHostname(hostname)) {
    return { allowed: false, reason: 'requests must address the local server by a loopback name' };
  }
  if (!fromPages && (facts.origin !== undefined || facts.secFetchSite !== undefined)) {
    return { allowed: false, reason: 'browser pages may not call the built-in sync server' };
  }
  if (facts.secFetchSite !== undefined && facts.secFetchSite !== 'same-origin' && facts.secFetchSite !== 'none') {
    return { allowed: false, reason: 'cross-site requests are refused' };
  }
  if (facts.origin !== undefined && facts.origin !== `http://${facts.host ?? ''}`) {
    return { allowed: false, reason: 'cross-origin requests are refused' };
  }
  return { allowed: true };
}

const header = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value.join(',') : value);

/** Refuses, with 403 and the reason in the log, every request a browser page or a rebound name sends. */
export function registerLoopbackGuard(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    const decision = checkLoopbackRequest(
      { host: header(request.headers.host), origin: header(request.headers.origin), secFetchSite: header(request.headers['sec-fetch-site']) },
      false,
    );
    if (decision.allowed) {
      done();
      return;
    }
    request.log.warn({ host: request.headers.host, origin: request.headers.origin, reason: decision.reason }, 'request refused by the loopback guard');
    void reply.code(403).send(errorBody('forbidden', `Refused: ${decision.reason}.`));
  });
}
