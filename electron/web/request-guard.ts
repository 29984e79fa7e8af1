/**
 * CSRF and DNS-rebinding protection for the localhost API: any web page the user has open can
 * send requests to 127.0.0.1, so a call is accepted only when it comes from the app's own page.
 */

const LOOPBACK_HOSTNAMES: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

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
  const hostname = facts.host === undefined ? null : hostnameOf(facts.host);
  // A foreign Host means a DNS name was rebound to 127.0.0.1 by some other site.
  if (hostname === null || !LOOPBACK_HOSTNAMES.has(hostname)) {
    return { allowed: false, reason: 'requests must address the local server by a loopback name' };
  }
  if (facts.secFetchSite !== undefined && facts.secFetchSite !== 'same-origin' && facts.secFetchSite !== 'none') {
    return { allowed: false, reason: 'cross-site requests are refused' };
  }
  if (facts.origin !== undefined && facts.origin !== `http://${facts.host ?? ''}`) {
    return { allowed: false, reason: 'cross-origin requests are refused' };
  }
  return { allowed: true };
}
