/**
 * Which links the app hands to the operating system. Mail and phone links open directly (the
 * account's contacts carry them); web pages open directly only on hosts the deployment trusts,
 * any other web page after the user confirmed it; every other scheme (file:, smb:, ms-msdt:,
 * custom handlers) is refused, since the OS would run whatever program claims it.
 */

export type ExternalLinkDecision =
  | { readonly kind: 'open' }
  | { readonly kind: 'confirm'; readonly host: string }
  | { readonly kind: 'refuse'; readonly reason: string };

const DIRECT_SCHEMES: ReadonlySet<string> = new Set(['mailto:', 'tel:']);
const WEB_SCHEMES: ReadonlySet<string> = new Set(['http:', 'https:']);

/** The schemes a link may leave the app by at all (the decision below says how). */
export const EXTERNAL_SCHEMES: ReadonlySet<string> = new Set([...DIRECT_SCHEMES, ...WEB_SCHEMES]);

/** Whether `host` is `trusted` itself or one of its subdomains. */
function isTrustedHost(host: string, trusted: readonly string[]): boolean {
  return trusted.some((entry) => {
    const name = entry.toLowerCase();
    return host === name || host.endsWith(`.${name}`);
  });
}

export function decideExternalLink(url: string, trustedHosts: readonly string[]): ExternalLinkDecision {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'refuse', reason: 'not a valid address' };
  }
  if (DIRECT_SCHEMES.has(parsed.protocol)) return { kind: 'open' };
  if (!WEB_SCHEMES.has(parsed.protocol)) return { kind: 'refuse', reason: `the ${parsed.protocol} scheme is not opened from Ledgerline` };
  // A user name in a web address is the classic way to dress one host up as another.
  if (parsed.username !== '' || parsed.password !== '') return { kind: 'confirm', host: parsed.hostname };
  if (parsed.protocol === 'https:' && isTrustedHost(parsed.hostname, trustedHosts)) return { kind: 'open' };
  return { kind: 'confirm', host: parsed.hostname };
}
