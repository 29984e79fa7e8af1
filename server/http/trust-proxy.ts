/**
 * Which reverse proxies may tell the server the client's address and protocol (X-Forwarded-For,
 * X-Forwarded-Proto). A list of addresses, networks or proxy-addr's names (loopback, linklocal,
 * uniquelocal): "trust any X-Forwarded-For" would let every client pick the address the login
 * throttle counts, so it is not offered.
 */
import { isIP } from 'node:net';

const NAMED_RANGES: ReadonlySet<string> = new Set(['loopback', 'linklocal', 'uniquelocal']);

export type TrustProxyParse = { readonly ok: true; readonly proxies: readonly string[] } | { readonly ok: false; readonly problem: string };

function isAddressOrNetwork(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/** LEDGERLINE_SERVER_TRUST_PROXY: unset, empty or "false" for no proxy; else a comma-separated list. */
export function parseTrustProxy(value: string | undefined): TrustProxyParse {
  const text = value?.trim() ?? '';
  if (text === '' || text === 'false') return { ok: true, proxies: [] };
  if (text === 'true') return { ok: false, problem: 'must name the proxy addresses (for example 10.0.0.5 or 10.0.0.0/24 or loopback), not "true": trusting every X-Forwarded-For lets any client choose its own address' };
  const entries = text.split(',').map((entry) => entry.trim());
  const bad = entries.filter((entry) => !isAddressOrNetwork(entry));
  if (bad.length > 0) return { ok: false, problem: `must be a comma-separated list of IP addresses, networks (address/prefix) or loopback, linklocal, uniquelocal; not ${bad.map((entry) => `"${entry}"`).join(', ')}` };
  return { ok: true, proxies: entries };
}
