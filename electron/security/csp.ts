/**
 * The one Content-Security-Policy for the renderer, whichever way it is served (app:// in the
 * desktop app, HTTP in dev:web). MUI's emotion injects <style> tags, hence 'unsafe-inline' for
 * styles only; scripts stay 'self', and nothing is ever loaded from another origin.
 */
import { COMMON_SECURITY_HEADERS } from '../../shared/net/security-headers';

const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
];

/** As a response header; frame-ancestors only works there (browsers ignore it in a meta tag). */
export const CONTENT_SECURITY_POLICY = [...DIRECTIVES, "frame-ancestors 'none'"].join('; ');

/** For the `<meta http-equiv>` fallback in index.html. */
export const CONTENT_SECURITY_POLICY_META = DIRECTIVES.join('; ');

/** Headers every response of the app carries, on top of the CSP. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  ...COMMON_SECURITY_HEADERS,
  'Cross-Origin-Opener-Policy': 'same-origin',
};

export type ResponseHeaders = Record<string, string | string[]>;

/** Response headers with our CSP replacing any policy the source sent. */
export function withContentSecurityPolicy(headers: ResponseHeaders | undefined): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') continue;
    result[name] = Array.isArray(value) ? value : [value];
  }
  result['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return result;
}
