import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_META, SECURITY_HEADERS, withContentSecurityPolicy } from '../../../electron/security/csp';
import { contentSecurityPolicyMeta, CSP_META_TAG } from '../../../renderer/csp-plugin';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe('Content-Security-Policy', () => {
  const parsed = directives(CONTENT_SECURITY_POLICY);

  it('allows no eval, no inline scripts and no remote sources', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|wasm-unsafe-eval|unsafe-hashes|strict-dynamic/);
    expect(parsed.get('script-src')).toEqual(["'self'"]);
    expect(parsed.get('default-src')).toEqual(["'self'"]);
    for (const [name, sources] of parsed) {
      for (const source of sources) {
        expect(source, `${name} ${source}`).not.toMatch(/^(\*|https?:|wss?:|ws:|http:\/\/|https:\/\/)/);
      }
    }
  });

  it('forbids plugins, framing and foreign connections', () => {
    expect(parsed.get('object-src')).toEqual(["'none'"]);
    expect(parsed.get('frame-ancestors')).toEqual(["'none'"]);
    expect(parsed.get('connect-src')).toEqual(["'self'"]);
  });

  it('has a meta-tag variant without the directives browsers ignore in meta tags', () => {
    expect(CONTENT_SECURITY_POLICY_META).not.toContain('frame-ancestors');
    expect(CONTENT_SECURITY_POLICY.startsWith(CONTENT_SECURITY_POLICY_META)).toBe(true);
  });

  it('sends the hardening headers with the policy', () => {
    expect(SECURITY_HEADERS).toMatchObject({
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
    });
  });

  it('replaces whatever policy a response carried, in any letter case', () => {
    const headers = withContentSecurityPolicy({ 'content-security-policy': "default-src *; script-src 'unsafe-eval'", 'Content-Type': 'text/html' });
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
    expect(withContentSecurityPolicy(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });

  it('reaches index.html from this one definition: the page declares no policy of its own, the build writes the meta variant first in <head>', () => {
    const html = readFileSync(new URL('../../../renderer/index.html', import.meta.url), 'utf8');
    expect(html.toLowerCase()).not.toContain('content-security-policy');
    expect(contentSecurityPolicyMeta().name).toBe('ledgerline-content-security-policy');
    expect(CSP_META_TAG).toEqual({
      tag: 'meta',
      attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY_META },
      injectTo: 'head-prepend',
    });
  });
});
