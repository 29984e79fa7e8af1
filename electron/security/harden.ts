/**
 * Wires the navigation and permission policy into a window. Written against the small part of
 * Electron's API it uses, so a test can prove the wiring with a fake.
 */
import { decideWindowOpen, isExternalLink, isNavigationAllowed } from './navigation';
import { isPermissionGranted } from './permissions';

export interface PreventableEvent {
  preventDefault(): void;
}

export interface HardenableContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(event: 'will-navigate' | 'will-redirect', listener: (event: PreventableEvent, url: string) => void): this;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): this;
}

/** Generic over Electron's own contents and permission-name types, so the real Session fits as it is. */
export interface HardenableSession<C, P extends string> {
  setPermissionRequestHandler(handler: ((contents: C, permission: P, callback: (granted: boolean) => void) => void) | null): void;
  setPermissionCheckHandler(handler: ((contents: C | null, permission: P) => boolean) | null): void;
}

export interface HardenOptions {
  /** The URL the app was loaded from; navigation is allowed only inside it. */
  readonly appUrl: string;
  /** Hands a link to the operating system (browser, mail client, phone app), subject to the external-link policy. */
  readonly openExternal: (url: string) => void;
  readonly onBlocked?: (what: string, url: string) => void;
}

export function hardenContents(contents: HardenableContents, options: HardenOptions): void {
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url);
    if (decision.openExternally) options.openExternal(url);
    else options.onBlocked?.('window.open', url);
    return { action: decision.action };
  });
  const guardNavigation = (kind: string) => (event: PreventableEvent, url: string) => {
    if (isNavigationAllowed(options.appUrl, url)) return;
    event.preventDefault();
    // A clicked mailto:/tel:/web link navigates the page; it belongs to the OS instead.
    if (kind === 'navigation' && isExternalLink(url)) options.openExternal(url);
    else options.onBlocked?.(kind, url);
  };
  contents.on('will-navigate', guardNavigation('navigation'));
  contents.on('will-redirect', guardNavigation('redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    options.onBlocked?.('webview', '');
  });
}

export function hardenSession<C, P extends string>(session: HardenableSession<C, P>): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    callback(isPermissionGranted(permission));
  });
  session.setPermissionCheckHandler((_contents, permission) => isPermissionGranted(permission));
}
