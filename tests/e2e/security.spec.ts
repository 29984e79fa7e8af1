import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_META } from '../../electron/security/csp';
import { expect, test } from './fixtures';

/** A page on another origin, standing in for any website the user has open while dev:web runs. */
async function startForeignSite(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>elsewhere</title><p>another site</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
      }),
  };
}

test('the app page is served with the CSP and hardening headers', async ({ server, page }) => {
  const response = await page.goto(server.url);
  expect(response?.status()).toBe(200);
  const headers = response?.headers() ?? {};
  expect(headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['x-frame-options']).toBe('DENY');
  // The build writes the meta fallback from the same definition (renderer/csp-plugin.ts).
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', CONTENT_SECURITY_POLICY_META);
});

test('loading the app causes no CSP violations', async ({ server, page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/content security policy/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const seen = (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [];
      seen.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber} ${event.sample}`);
      (window as unknown as { __cspViolations?: string[] }).__cspViolations = seen;
    });
  });
  await page.goto(server.url);
  await expect(page.locator('#root')).not.toBeEmpty();
  await page.waitForLoadState('networkidle');
  const recorded = await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
  expect([...violations, ...recorded]).toEqual([]);
});

test('the API answers the app page but refuses calls from another origin', async ({ server, page }) => {
  const foreign = await startForeignSite();
  try {
    await page.goto(foreign.url);
    const apiUrl = new URL('api/prefs.set', server.url).href;
    // A JSON call needs a CORS preflight, which the server never grants.
    const corsCall = await page.evaluate(async (url) => {
      try {
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"theme":"dark"}' });
        return `answered ${response.status}`;
      } catch {
        return 'blocked';
      }
    }, apiUrl);
    expect(corsCall).toBe('blocked');
    // A "simple" request skips the preflight; the server must refuse it on its own (the browser
    // may also drop the opaque answer because of Cross-Origin-Resource-Policy).
    await page.evaluate(async (url) => {
      for (const contentType of ['text/plain', 'application/x-www-form-urlencoded']) {
        try {
          await fetch(url, { method: 'POST', mode: 'no-cors', headers: { 'content-type': contentType }, body: '{"theme":"dark"}' });
        } catch {
          // Refused either way; what matters is below.
        }
      }
    }, apiUrl);

    await page.goto(server.url);
    const prefs = await page.evaluate(async () => {
      const response = await fetch('api/prefs.get', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      return (await response.json()) as { ok: boolean; value?: { theme: string } };
    });
    expect(prefs.ok).toBe(true);
    expect(prefs.value?.theme).not.toBe('dark');
  } finally {
    await foreign.close();
  }
});
