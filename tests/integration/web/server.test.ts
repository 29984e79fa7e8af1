import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../electron/app/memory-logger';
import { CONTENT_SECURITY_POLICY } from '../../../electron/security/csp';
import { API_BODY_LIMIT_BYTES, createWebApp } from '../../../electron/web/server';
import { createFakeHandlers } from './fake-handlers';

const HOST = '127.0.0.1:5174';
const SAME_ORIGIN = { host: HOST, origin: `http://${HOST}`, 'sec-fetch-site': 'same-origin' };

let app: FastifyInstance;
let staticRoot: string;
const logger = createMemoryLogger();

beforeAll(async () => {
  staticRoot = mkdtempSync(join(tmpdir(), 'ledgerline-web-'));
  writeFileSync(join(staticRoot, 'index.html'), '<!doctype html><title>Ledgerline</title><div id="root"></div>');
  mkdirSync(join(staticRoot, 'assets'));
  writeFileSync(join(staticRoot, 'assets', 'app.js'), 'export {};');
  app = await createWebApp({ handlers: createFakeHandlers(), staticRoot, logger });
});

afterAll(async () => {
  await app.close();
  rmSync(staticRoot, { recursive: true, force: true });
});

function post(operation: string, payload: unknown, headers: Record<string, string> = SAME_ORIGIN) {
  return app.inject({ method: 'POST', url: `/api/${operation}`, headers: { ...headers, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });
}

function expectSecurityHeaders(headers: Record<string, unknown>) {
  expect(headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['x-frame-options']).toBe('DENY');
}

describe('static files', () => {
  it('serves index.html with every security header', async () => {
    const response = await app.inject({ method: 'GET', url: '/', headers: { host: HOST } });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<div id="root">');
    expectSecurityHeaders(response.headers);
  });

  it('serves assets and falls back to index.html for app routes only', async () => {
    const asset = await app.inject({ method: 'GET', url: '/assets/app.js', headers: { host: HOST } });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    const route = await app.inject({ method: 'GET', url: '/customers/123', headers: { host: HOST } });
    expect(route.statusCode).toBe(200);
    expect(route.body).toContain('<div id="root">');
    const missingFile = await app.inject({ method: 'GET', url: '/assets/missing.js', headers: { host: HOST } });
    expect(missingFile.statusCode).toBe(404);
    expectSecurityHeaders(missingFile.headers);
  });
});

describe('POST /api/:operation', () => {
  it('answers a valid call with the Result JSON and no caching', async () => {
    const response = await post('prefs.get', {});
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expectSecurityHeaders(response.headers);
    expect(response.json()).toMatchObject({ ok: true, value: { theme: 'system' } });
  });

  it('accepts a call without a body as empty input', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/app.info', headers: SAME_ORIGIN });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ ok: true, value: { transport: 'http' } });
  });

  it('keeps state between calls through the handlers', async () => {
    expect((await post('prefs.set', { density: 'compact' })).json()).toMatchObject({ ok: true, value: { density: 'compact' } });
    expect((await post('prefs.get', {})).json()).toMatchObject({ ok: true, value: { density: 'compact' } });
  });

  it('returns malformed input as a validation result with HTTP 200', async () => {
    const response = await post('prefs.set', { theme: 'purple' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ ok: false, error: { code: 'validation', field: 'theme' } });
    const wrongShape = await post('prefs.set', ['not', 'an', 'object']);
    expect(wrongShape.json()).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('returns unknown operations as a result', async () => {
    const response = await post('customers.deleteAll', {});
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ ok: false, error: { code: 'unknown_operation' } });
    const inherited = await post('__proto__', {});
    expect(inherited.json()).toMatchObject({ ok: false, error: { code: 'unknown_operation' } });
  });

  it('turns a crashing handler into an internal result and logs the cause', async () => {
    const response = await post('worklist.query', {});
    expect(response.statusCode).toBe(200);
    const body = response.json<{ ok: boolean; error: { code: string; message: string } }>();
    expect(body).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(body.error.message).not.toContain('boom');
    expect(logger.entries.some((entry) => entry.level === 'error' && JSON.stringify(entry.details).includes('boom'))).toBe(true);
  });

  it('passes domain errors through with their code', async () => {
    const response = await post('customer.account', { customerId: '0190a1b2-0000-7000-8000-000000000000' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ ok: false });
  });
});

describe('HTTP-level refusals answer clean JSON', () => {
  it('413 for a body over the limit', async () => {
    const response = await post('prefs.set', { theme: 'x'.repeat(API_BODY_LIMIT_BYTES + 10) });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ ok: false, error: { code: 'validation' } });
    expectSecurityHeaders(response.headers);
  });

  it('415 for a body that is not JSON', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const response = await app.inject({ method: 'POST', url: '/api/prefs.get', headers: { ...SAME_ORIGIN, 'content-type': contentType }, payload: 'theme=dark' });
      expect(response.statusCode, contentType).toBe(415);
      expect(response.json()).toMatchObject({ ok: false, error: { code: 'validation' } });
    }
  });

  it('400 for broken JSON', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/prefs.set', headers: { ...SAME_ORIGIN, 'content-type': 'application/json' }, payload: '{"theme":' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('405 with Allow: POST for other methods on the API', async () => {
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH'] as const) {
      const response = await app.inject({ method, url: '/api/prefs.get', headers: SAME_ORIGIN });
      expect(response.statusCode, method).toBe(405);
      expect(response.headers.allow).toBe('POST');
      expect(response.json()).toMatchObject({ ok: false });
    }
  });

  it('404 result for nested API paths', async () => {
    const response = await post('prefs.get/extra', {});
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ ok: false, error: { code: 'unknown_operation' } });
  });
});

describe('cross-origin protection', () => {
  it('refuses a POST from another origin before running anything', async () => {
    const response = await post('prefs.set', { theme: 'dark' }, { host: HOST, origin: 'http://evil.example' });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ ok: false });
    expect((await post('prefs.get', {})).json()).not.toMatchObject({ value: { theme: 'dark' } });
  });

  it('refuses cross-site fetch metadata and a rebound Host', async () => {
    expect((await post('prefs.get', {}, { host: HOST, 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
    expect((await post('prefs.get', {}, { host: 'attacker.example:5174', origin: 'http://attacker.example:5174' })).statusCode).toBe(403);
  });

  it('refuses a different port on localhost as a different origin', async () => {
    expect((await post('prefs.get', {}, { host: HOST, origin: 'http://127.0.0.1:3000' })).statusCode).toBe(403);
  });

  it('allows non-browser clients that send no Origin', async () => {
    expect((await post('prefs.get', {}, { host: HOST })).statusCode).toBe(200);
  });
});
