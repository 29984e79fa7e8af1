/** Where the app's own pages may go, and which links leave for the system browser. */
import { EXTERNAL_SCHEMES } from './external-links';

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Whether a link may be handed to the operating system (browser, mail client, phone app). */
export function isExternalLink(url: string): boolean {
  const parsed = parse(url);
  return parsed !== null && EXTERNAL_SCHEMES.has(parsed.protocol);
}

/**
 * Whether `target` belongs to the app loaded from `appUrl`. file:// pages have an opaque
 * origin, so for them the app is the folder index.html lives in.
 */
export function isInsideApp(appUrl: string, target: string): boolean {
  const app = parse(appUrl);
  const candidate = parse(target);
  if (!app || !candidate || app.protocol !== candidate.protocol) return false;
  if (app.protocol === 'file:') {
    const appFolder = app.pathname.slice(0, app.pathname.lastIndexOf('/') + 1);
    return candidate.host === app.host && candidate.pathname.startsWith(appFolder) && !candidate.pathname.includes('/../');
  }
  // Not `origin`: URL gives custom schemes such as app:// the opaque origin "null", equal for every host.
  return candidate.host === app.host;
}

export interface WindowOpenDecision {
  /** New Electron windows are never created from page content. */
  readonly action: 'deny';
  /** Hand the link to the operating system instead. */
  readonly openExternally: boolean;
}

export function decideWindowOpen(url: string): WindowOpenDecision {
  return { action: 'deny', openExternally: isExternalLink(url) };
}

export function isNavigationAllowed(appUrl: string, target: string): boolean {
  return isInsideApp(appUrl, target);
}
