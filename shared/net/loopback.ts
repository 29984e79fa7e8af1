/**
 * The names of this machine's loopback interface, as URL hostnames give them (IPv6 in brackets)
 * and as listen addresses are written (bare). Only these are "this machine" for the app's guards.
 */
const LOOPBACK_HOSTNAMES: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function isLoopbackHostname(hostname: string): boolean {
  return LOOPBACK_HOSTNAMES.has(hostname.toLowerCase());
}
