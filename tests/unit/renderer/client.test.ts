import { describe, expect, it } from 'vitest';
import type { ApiBridge } from '../../../shared/api/contract';
import { createApiClient, httpBridge } from '../../../renderer/src/api/client';

const jsonResponse = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('httpBridge', () => {
  it('posts the input as JSON to /api/<operation> and returns the Result body', async () => {
    const calls: { url: string; init: RequestInit | undefined }[] = [];
    const bridge = httpBridge('http://127.0.0.1:1', (input, init) => {
      calls.push({ url: typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, init });
      return Promise.resolve(jsonResponse({ ok: true, value: { theme: 'dark' } }));
    });
    const result = await bridge.invoke('prefs.get', {});
    expect(result).toEqual({ ok: true, value: { theme: 'dark' } });
    expect(calls[0]?.url).toBe('http://127.0.0.1:1/api/prefs.get');
    expect(calls[0]?.init?.method).toBe('POST');
    expect(calls[0]?.init?.body).toBe('{}');
  });

  it('passes error Results through even with an HTTP error status', async () => {
    const error = { ok: false, error: { code: 'validation', message: 'limit must be at most 500', field: 'limit' } };
    const bridge = httpBridge('', () => Promise.resolve(jsonResponse(error, 400)));
    expect(await bridge.invoke('worklist.query', { limit: 9999 })).toEqual(error);
  });

  it('turns a network failure into an error Result instead of throwing', async () => {
    const bridge = httpBridge('', () => Promise.reject(new TypeError('Failed to fetch')));
    const result = await bridge.invoke('app.info', {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('Failed to fetch');
  });

  it('reports a non-JSON answer with its HTTP status', async () => {
    const bridge = httpBridge('', () => Promise.resolve(new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' })));
    const result = await bridge.invoke('app.info', {});
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'The service answered 502 Bad Gateway' } });
  });
});

describe('createApiClient', () => {
  it('calls the bridge with the operation name of the method used', async () => {
    const seen: string[] = [];
    const bridge: ApiBridge = {
      invoke: (operation) => {
        seen.push(operation);
        return Promise.resolve({ ok: true, value: [] });
      },
    };
    const client = createApiClient(bridge);
    await client['search.global']({ q: 'acme' });
    await client.call('worklist.facets', {});
    expect(seen).toEqual(['search.global', 'worklist.facets']);
    expect(client['search.global']).toBe(client['search.global']);
  });

  it('is not mistaken for a promise or serialized as operations', async () => {
    const client = createApiClient({ invoke: () => Promise.resolve({ ok: true, value: null }) });
    expect((client as unknown as { then?: unknown }).then).toBeUndefined();
    expect(await Promise.resolve(client)).toBe(client);
  });

  it('never rejects: a throwing bridge and a malformed answer both become error Results', async () => {
    const throwing = createApiClient({ invoke: () => Promise.reject(new Error('channel closed')) });
    const thrown = await throwing['app.info']({});
    expect(thrown).toMatchObject({ ok: false, error: { code: 'internal' } });
    if (!thrown.ok) expect(thrown.error.message).toContain('channel closed');

    const malformed = createApiClient({ invoke: () => Promise.resolve({ status: 'fine' } as never) });
    expect(await malformed['app.info']({})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
