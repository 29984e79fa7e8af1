import { describe, expect, it, vi } from 'vitest';
import { APP_URL } from '../../../electron/bootstrap/app-protocol';
import { hardenContents, hardenSession, type HardenableContents, type PreventableEvent } from '../../../electron/security/harden';

type NavigationListener = (event: PreventableEvent, url: string) => void;

function fakeContents() {
  const listeners = new Map<string, (event: PreventableEvent, url: string) => void>();
  let windowOpen: ((details: { url: string }) => { action: 'deny' }) | null = null;
  const contents: HardenableContents = {
    setWindowOpenHandler(handler) {
      windowOpen = handler;
    },
    on(event: string, listener: NavigationListener | ((event: PreventableEvent) => void)) {
      listeners.set(event, listener);
      return contents;
    },
  };
  const fire = (name: string, url = '') => {
    const event = { preventDefault: vi.fn() };
    const listener = listeners.get(name);
    if (!listener) throw new Error(`no ${name} listener`);
    listener(event, url);
    return event.preventDefault.mock.calls.length > 0;
  };
  const open = (url: string) => {
    if (!windowOpen) throw new Error('no window open handler');
    return windowOpen({ url });
  };
  return { contents, fire, open };
}

describe('hardenContents', () => {
  const setup = () => {
    const fake = fakeContents();
    const openExternal = vi.fn<(url: string) => void>();
    const onBlocked = vi.fn<(what: string, url: string) => void>();
    hardenContents(fake.contents, { appUrl: APP_URL, openExternal, onBlocked });
    return { ...fake, openExternal, onBlocked };
  };

  it('lets the app navigate inside itself and blocks everything else', () => {
    const { fire, onBlocked, openExternal } = setup();
    expect(fire('will-navigate', 'app://ledgerline/index.html#/customers')).toBe(false);
    expect(fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(fire('will-redirect', 'app://ledgerline/index.html')).toBe(false);
    expect(onBlocked.mock.calls).toEqual([
      ['navigation', 'file:///etc/passwd'],
      ['redirect', 'https://evil.example/'],
    ]);
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('hands a clicked mail, phone or web link to the external-link policy instead of navigating the app away', () => {
    const { fire, openExternal, onBlocked } = setup();
    expect(fire('will-navigate', 'tel:+4930123456')).toBe(true);
    expect(fire('will-navigate', 'mailto:ap@customer.example')).toBe(true);
    expect(fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(openExternal.mock.calls).toEqual([['tel:+4930123456'], ['mailto:ap@customer.example'], ['https://evil.example/']]);
    expect(onBlocked).not.toHaveBeenCalled();
  });

  it('denies window.open, opening only allowlisted links in the system browser', () => {
    const { open, openExternal } = setup();
    expect(open('https://example.com/')).toEqual({ action: 'deny' });
    expect(open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(open('mailto:ap@example.com')).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://example.com/'], ['mailto:ap@example.com']]);
  });

  it('refuses to attach webviews', () => {
    const { fire } = setup();
    expect(fire('will-attach-webview')).toBe(true);
  });
});

describe('hardenSession', () => {
  it('denies every permission request and check', () => {
    const installed: {
      request?: ((contents: object, permission: string, callback: (granted: boolean) => void) => void) | null;
      check?: ((contents: object | null, permission: string) => boolean) | null;
    } = {};
    hardenSession<object, string>({
      setPermissionRequestHandler(handler) {
        installed.request = handler;
      },
      setPermissionCheckHandler(handler) {
        installed.check = handler;
      },
    });
    const { request, check } = installed;
    if (!request || !check) throw new Error('handlers not installed');
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'unknown']) {
      const callback = vi.fn<(granted: boolean) => void>();
      request({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(check(null, permission)).toBe(false);
    }
  });
});
