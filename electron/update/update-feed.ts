/**
 * Where the app looks for updates. A deployment names its feed (the settings file IT rolls out, or
 * LEDGERLINE_UPDATE_URL); without one, updates are off. The feed must be https: the update's
 * checksums come from it, and on Linux nothing else vouches for the download. Plain http is
 * accepted only on this machine's loopback, where a test or a local mirror serves it.
 */
import { isLoopbackHostname } from '../../shared/net/loopback';

export const UPDATE_FEED_ENV = 'LEDGERLINE_UPDATE_URL';

export type UpdateFeed =
  | { readonly kind: 'feed'; readonly url: string }
  | { readonly kind: 'off'; readonly reason: string }
  | { readonly kind: 'refused'; readonly reason: string };

export function resolveUpdateFeed(fromEnv: string | undefined, fromSettings: string | undefined): UpdateFeed {
  const configured = fromEnv !== undefined && fromEnv.trim() !== '' ? fromEnv.trim() : fromSettings?.trim();
  if (configured === undefined || configured === '') return { kind: 'off', reason: 'no update feed is configured' };
  let url: URL;
  try {
    url = new URL(configured);
  } catch {
    return { kind: 'refused', reason: `the update feed "${configured}" is not a valid address` };
  }
  if (url.username !== '' || url.password !== '') return { kind: 'refused', reason: 'the update feed address must not carry a user name or password' };
  if (url.protocol === 'https:') return { kind: 'feed', url: url.href };
  if (url.protocol === 'http:' && isLoopbackHostname(url.hostname)) return { kind: 'feed', url: url.href };
  return { kind: 'refused', reason: `the update feed must use https, not ${url.protocol.replace(':', '')}` };
}
