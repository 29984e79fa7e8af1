/**
 * The names of this machine's loopback interface, as URL hostnames give them (IPv6 in brackets)
 * and as listen addresses are written (bare). Only these are "this machine" for the app's guards.
 */
const LOOPBACK_HOSTNAMES: readonly string[] = ['127.0.0.1', 'localhost', '::1', '[::1]'];

export function isLoopbackHostname(hostname: string): boolean {
  return LOOPBACK_HOSTNAMES.includes(hostname.toLowerCase());
}

/** The same names as one pattern, for a URL's `hostname` (schemas that match with a RegExp). */
export const LOOPBACK_HOSTNAME_PATTERN = new RegExp(`^(?:${LOOPBACK_HOSTNAMES.map((name) => name.replace(/[.[\]]/g, '\\$&')).join('|')})$`, 'i');
