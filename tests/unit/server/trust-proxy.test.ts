import { describe, expect, it } from 'vitest';
import { parseTrustProxy } from '../../../server/http/trust-proxy';

describe('LEDGERLINE_SERVER_TRUST_PROXY', () => {
  it('means no proxy when unset, empty or "false"', () => {
    for (const value of [undefined, '', '  ', 'false']) expect(parseTrustProxy(value), String(value)).toEqual({ ok: true, proxies: [] });
  });

  it('takes addresses, networks and the named ranges, comma-separated', () => {
    expect(parseTrustProxy('10.0.0.5, 10.1.0.0/16,loopback, fd00::/8, ::1, uniquelocal, linklocal')).toEqual({
      ok: true,
      proxies: ['10.0.0.5', '10.1.0.0/16', 'loopback', 'fd00::/8', '::1', 'uniquelocal', 'linklocal'],
    });
  });

  it('refuses "true", which would trust every client, with the reason', () => {
    const parsed = parseTrustProxy('true');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problem).toMatch(/must name the proxy addresses.*any client choose its own address/);
  });

  it('names every entry that is not an address or network', () => {
    const parsed = parseTrustProxy('10.0.0.5, proxy.internal, 10.0.0.0/33, 10.0.0.0/8/1, ::1/129, yes');
    expect(parsed).toEqual({
      ok: false,
      problem: 'must be a comma-separated list of IP addresses, networks (address/prefix) or loopback, linklocal, uniquelocal; not "proxy.internal", "10.0.0.0/33", "10.0.0.0/8/1", "::1/129", "yes"',
    });
  });
});
