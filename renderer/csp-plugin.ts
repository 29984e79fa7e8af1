/**
 * Writes the renderer's `<meta>` Content-Security-Policy into index.html at build time from the one
 * definition in electron/security/csp.ts, which also gives the header; a policy typed into the HTML
 * drifted from the header before.
 */
import type { HtmlTagDescriptor, Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY_META } from '../electron/security/csp';

export const CSP_META_TAG: HtmlTagDescriptor = {
  tag: 'meta',
  attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY_META },
  injectTo: 'head-prepend',
};

export function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'ledgerline-content-security-policy',
    transformIndexHtml: () => [CSP_META_TAG],
  };
}
