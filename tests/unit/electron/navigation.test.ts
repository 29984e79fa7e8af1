import { describe, expect, it } from 'vitest';
import { APP_URL } from '../../../electron/bootstrap/app-protocol';
import { decideWindowOpen, isExternalLink, isNavigationAllowed } from '../../../electron/security/navigation';

describe('navigation policy for app://', () => {
  it('allows pages of the app itself', () => {
    for (const target of ['app://ledgerline/index.html', 'app://ledgerline/index.html#/customers/42', 'app://ledgerline/', 'app://ledgerline/other.html?x=1']) {
      expect(isNavigationAllowed(APP_URL, target), target).toBe(true);
    }
  });

  it('denies other origins, files, scripts and data URLs', () => {
    for (const target of [
      'https://evil.example/',
      'http://127.0.0.1:5174/',
      'app://other-host/index.html',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'about:blank',
      'not a url',
      '',
    ]) {
      expect(isNavigationAllowed(APP_URL, target), target).toBe(false);
    }
  });
});

describe('navigation policy for file:// (fallback loading)', () => {
  const appUrl = 'file:///opt/ledgerline/dist/renderer/index.html';
  it('allows files in the renderer folder only', () => {
    expect(isNavigationAllowed(appUrl, 'file:///opt/ledgerline/dist/renderer/index.html#x')).toBe(true);
    expect(isNavigationAllowed(appUrl, 'file:///opt/ledgerline/dist/renderer/assets/a.js')).toBe(true);
    expect(isNavigationAllowed(appUrl, 'file:///etc/passwd')).toBe(false);
    expect(isNavigationAllowed(appUrl, 'file:///opt/ledgerline/dist/other/index.html')).toBe(false);
  });
});

describe('window.open and external links', () => {
  it('never opens a new app window', () => {
    for (const url of ['https://example.com/', 'app://ledgerline/index.html', 'javascript:alert(1)', 'file:///etc/passwd']) {
      expect(decideWindowOpen(url).action).toBe('deny');
    }
  });

  it('hands only http, https, mailto and tel links to the operating system', () => {
    for (const url of ['https://example.com/invoice', 'http://example.com/', 'mailto:ap@customer.example', 'tel:+4930123456']) {
      expect(isExternalLink(url), url).toBe(true);
      expect(decideWindowOpen(url).openExternally, url).toBe(true);
    }
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://server/share', 'ms-msdt:/id', 'app://ledgerline/index.html', 'data:text/html,x', 'garbage']) {
      expect(isExternalLink(url), url).toBe(false);
      expect(decideWindowOpen(url).openExternally, url).toBe(false);
    }
  });
});
