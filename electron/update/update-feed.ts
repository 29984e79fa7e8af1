/**
 * Where the app looks for updates. The deployment settings name the feed (app/deployment.ts, a
 * file only an administrator can place); without one, updates are off. Nothing the user's own
 * processes control (the environment, the data folder) may name it: on Linux the feed's sha512 is
 * all that vouches for a download, and a system-wide package installs with root rights. The feed
 * must be https; plain http is accepted only on this machine's loopback, for a local mirror.
 */
import { isAcceptedServerAddress } from '../../shared/api/server-address-schema';

export type UpdateFeed =
  | { readonly kind: 'feed'; readonly url: string }
  | { readonly kind: 'off'; readonly reason: string }
  | { readonly kind: 'refused'; readonly reason: string };

export function resolveUpdateFeed(fromDeployment: string | undefined): UpdateFeed {
  const configured = fromDeployment?.trim();
  if (configured === undefined || configured === '') return { kind: 'off', reason: 'no update feed is configured' };
  let url: URL;
  try {
    url = new URL(configured);
  } catch {
    return { kind: 'refused', reason: `the update feed "${configured}" is not a valid address` };
  }
  if (url.username !== '' || url.password !== '') return { kind: 'refused', reason: 'the update feed address must not carry a user name or password' };
  // The same rule as for the sync server: https, or plain http on this machine only.
  if (isAcceptedServerAddress(url.href)) return { kind: 'feed', url: url.href };
  return { kind: 'refused', reason: `the update feed must use https, not ${url.protocol.replace(':', '')}` };
}
