import { describe, expect, it } from 'vitest';
import { decideExternalLink } from '../../../electron/security/external-links';

const TRUSTED = ['ledgerline.example', 'erp.acme.example'];

describe('links handed to the operating system', () => {
  it('opens mail and phone links directly', () => {
    for (const url of ['mailto:ap@customer.example', 'mailto:ap@customer.example?subject=Invoice%2042', 'tel:+4930123456']) {
      expect(decideExternalLink(url, TRUSTED), url).toEqual({ kind: 'open' });
    }
  });

  it('opens https pages on a trusted host or its subdomains directly', () => {
    for (const url of ['https://ledgerline.example/help', 'https://docs.ledgerline.example/shortcuts', 'https://ERP.acme.example/invoice/42']) {
      expect(decideExternalLink(url, TRUSTED), url).toEqual({ kind: 'open' });
    }
  });

  it('asks before opening any other web page, a plain-http page on a trusted host, or an address carrying a user name', () => {
    expect(decideExternalLink('https://example.com/invoice', TRUSTED)).toEqual({ kind: 'confirm', host: 'example.com' });
    expect(decideExternalLink('http://ledgerline.example/help', TRUSTED)).toEqual({ kind: 'confirm', host: 'ledgerline.example' });
    expect(decideExternalLink('https://evil-ledgerline.example/', TRUSTED)).toEqual({ kind: 'confirm', host: 'evil-ledgerline.example' });
    expect(decideExternalLink('https://ledgerline.example.evil.test/', TRUSTED)).toEqual({ kind: 'confirm', host: 'ledgerline.example.evil.test' });
    expect(decideExternalLink('https://ledgerline.example@evil.test/', TRUSTED)).toEqual({ kind: 'confirm', host: 'evil.test' });
    expect(decideExternalLink('https://ledgerline.example/', [])).toEqual({ kind: 'confirm', host: 'ledgerline.example' });
  });

  it('refuses every other scheme and anything that is not an address, naming why', () => {
    for (const url of ['file:///etc/passwd', 'smb://server/share', 'ms-msdt:/id PCWDiagnostic', 'javascript:alert(1)', 'data:text/html,x', 'vbscript:x', 'app://ledgerline/index.html']) {
      const decision = decideExternalLink(url, TRUSTED);
      expect(decision.kind, url).toBe('refuse');
      expect(decision.kind === 'refuse' && decision.reason, url).toMatch(/scheme is not opened/);
    }
    expect(decideExternalLink('not a url', TRUSTED)).toEqual({ kind: 'refuse', reason: 'not a valid address' });
    expect(decideExternalLink('', TRUSTED)).toEqual({ kind: 'refuse', reason: 'not a valid address' });
  });
});
