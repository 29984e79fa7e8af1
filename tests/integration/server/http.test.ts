import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMIT_BYTES, buildServer } from '../../../server/app';
import { createAccessTokenService } from '../../../server/auth/access-tokens';
import type { ServerDatabase } from '../../../server/db/schema';
import { MIN_CLIENT_PROTOCOL_VERSION, PROTOCOL_HEADER, PROTOCOL_VERSION, SERVER_VERSION } from '../../../server/version';
import { USERNAME_MAX } from '../../../shared/domain/text';
import { BACKENDS } from './support/backends';
import { TEST_SECRET, bearer, startHarness, type Harness } from './support/harness';

interface ErrorReply {
  error: { code: string; message: string; field?: string; reason?: string; params?: Record<string, string | number> };
}

describe.each(BACKENDS)('HTTP boundary on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(() => h.dispose());

  it('reports health with versions and a reachable database', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/v1/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', db: 'ok', version: SERVER_VERSION, protocolVersion: PROTOCOL_VERSION, schemaProtocolVersion: PROTOCOL_VERSION });
  });

  it('answers malformed JSON with 400 in the common error shape', async () => {
    const response = await h.app.inject({ method: 'POST', url: '/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username": ' });
    expect(response.statusCode).toBe(400);
    expect(response.json<ErrorReply>().error.code).toBe('bad_request');
  });

  it('names the offending field when the body fails validation', async () => {
    const response = await h.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { username: 'ann', password: 42 } });
    expect(response.statusCode).toBe(400);
    expect(response.json<ErrorReply>().error).toMatchObject({ code: 'validation', field: 'password' });
    const extra = await h.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { username: 'ann', password: 'x', admin: true } });
    expect(extra.statusCode).toBe(400);
  });

  it('gives a refused input its reason and values beside the English message, for the client to word', async () => {
    const login = (payload: object) => h.app.inject({ method: 'POST', url: '/v1/auth/login', payload });
    const long = await login({ username: 'a'.repeat(USERNAME_MAX + 1), password: 'x' });
    expect(long.statusCode).toBe(400);
    expect(long.json<ErrorReply>().error).toEqual({
      code: 'validation',
      message: expect.stringMatching(/^Invalid "username": .+\.$/) as unknown,
      field: 'username',
      reason: 'tooLong',
      params: { max: USERNAME_MAX },
    });
    expect((await login({ username: 'ann' })).json<ErrorReply>().error).toMatchObject({ field: 'password', reason: 'required' });
    expect((await login({ username: 'ann', password: 42 })).json<ErrorReply>().error).toMatchObject({ field: 'password', reason: 'wrongType' });
    // The server's own refusals too: a wrong password, an unknown route, an app too old.
    expect((await login({ username: 'nobody-here', password: 'x' })).json<ErrorReply>().error).toEqual({ code: 'unauthorized', message: 'Wrong username or password.', reason: 'wrongCredentials' });
    expect((await h.app.inject({ method: 'GET', url: '/v1/nothing-here?x=1' })).json<ErrorReply>().error).toEqual({
      code: 'not_found',
      message: 'No endpoint GET /v1/nothing-here.',
      reason: 'noEndpoint',
      params: { method: 'GET', path: '/v1/nothing-here' },
    });
    const old = await h.app.inject({ method: 'GET', url: '/v1/health', headers: { [PROTOCOL_HEADER]: String(MIN_CLIENT_PROTOCOL_VERSION - 1) } });
    expect(old.json<ErrorReply>().error).toMatchObject({
      reason: 'protocolTooOld',
      params: { version: String(MIN_CLIENT_PROTOCOL_VERSION - 1), minimum: String(MIN_CLIENT_PROTOCOL_VERSION) },
    });
  });

  it('answers a body over 1 MB with 413', async () => {
    const payload = JSON.stringify({ username: 'ann', password: 'x'.repeat(BODY_LIMIT_BYTES) });
    const response = await h.app.inject({ method: 'POST', url: '/v1/auth/login', headers: { 'content-type': 'application/json' }, payload });
    expect(response.statusCode).toBe(413);
    expect(response.json<ErrorReply>().error.code).toBe('payload_too_large');
  });

  it('answers a non-JSON content type with 415', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
      const response = await h.app.inject({ method: 'POST', url: '/v1/auth/login', headers: { 'content-type': type }, payload: 'username=ann' });
      expect(response.statusCode, type).toBe(415);
      expect(response.json<ErrorReply>().error.code).toBe('unsupported_media_type');
    }
  });

  it('answers a missing, malformed or foreign-signed token with 401', async () => {
    const foreign = await createAccessTokenService(`${TEST_SECRET}-other`, h.clock).issue({ sub: 'someone', role: 'admin', team: null });
    const cases: Record<string, string>[] = [{}, { authorization: 'Basic abc' }, bearer('not.a.jwt'), bearer(foreign.token)];
    for (const headers of cases) {
      const response = await h.app.inject({ method: 'GET', url: '/v1/portfolio/customers', headers });
      expect(response.statusCode).toBe(401);
      expect(response.json<ErrorReply>().error.code).toBe('unauthorized');
    }
  });

  it('tells a client speaking an unsupported protocol version to update (426)', async () => {
    const ask = (version: string) => h.app.inject({ method: 'GET', url: '/v1/health', headers: { [PROTOCOL_HEADER]: version } });
    expect((await ask(String(PROTOCOL_VERSION))).statusCode).toBe(200);
    const old = await ask(String(MIN_CLIENT_PROTOCOL_VERSION - 1));
    expect(old.statusCode).toBe(426);
    expect(old.json<ErrorReply>().error.code).toBe('update_required');
    const newer = await ask(String(PROTOCOL_VERSION + 1));
    expect(newer.statusCode).toBe(426);
    expect(newer.json<ErrorReply>().error.code).toBe('server_outdated');
    expect((await ask('v1')).statusCode).toBe(400);
  });

  it('answers an unknown route with 404 in the common error shape', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/v1/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json<ErrorReply>().error.code).toBe('not_found');
  });
});

describe('without a database', () => {
  it('answers 503 with Retry-After, health saying the database is unreachable, and any request unavailable rather than failed', async () => {
    const pool = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:1/none', connectionTimeoutMillis: 2000 });
    const db = new Kysely<ServerDatabase>({ dialect: new PostgresDialect({ pool }) });
    const app = await buildServer({ db, secret: TEST_SECRET });
    try {
      const health = await app.inject({ method: 'GET', url: '/v1/health' });
      expect(health.statusCode).toBe(503);
      expect(Number(health.headers['retry-after'])).toBeGreaterThan(0);
      expect(health.json()).toMatchObject({ status: 'unavailable', db: 'unreachable', version: SERVER_VERSION, error: { code: 'unavailable' } });
      const login = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { username: 'ann', password: 'correct horse battery' } });
      expect(login.statusCode).toBe(503);
      expect(Number(login.headers['retry-after'])).toBeGreaterThan(0);
      expect(login.json<ErrorReply>().error.code).toBe('unavailable');
    } finally {
      await app.close();
      await db.destroy();
    }
  });
});

describe('security headers and proxies', () => {
  const start = async (trustProxy?: readonly string[]) => {
    const pool = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:1/none', connectionTimeoutMillis: 2000 });
    const db = new Kysely<ServerDatabase>({ dialect: new PostgresDialect({ pool }) });
    const app = await buildServer({ db, secret: TEST_SECRET, ...(trustProxy === undefined ? {} : { trustProxy }) });
    return {
      app,
      close: async () => {
        await app.close();
        await db.destroy();
      },
    };
  };

  it('sends nosniff, no framing and no referrer on every answer, errors included, and HSTS only over https', async () => {
    const { app, close } = await start();
    try {
      for (const request of [
        { method: 'GET' as const, url: '/v1/nothing-here' },
        { method: 'POST' as const, url: '/v1/auth/login', payload: { username: 'ann' } },
      ]) {
        const response = await app.inject(request);
        expect(response.headers, request.url).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer' });
        expect(response.headers['strict-transport-security'], request.url).toBeUndefined();
      }
      // Without a trusted proxy, a client's own X-Forwarded-Proto counts for nothing.
      const spoofed = await app.inject({ method: 'GET', url: '/v1/nothing-here', headers: { 'x-forwarded-proto': 'https' } });
      expect(spoofed.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await close();
    }
  });

  it('believes X-Forwarded-Proto only from a listed proxy, and then sends HSTS', async () => {
    const { app, close } = await start(['127.0.0.1']);
    try {
      const viaProxy = await app.inject({ method: 'GET', url: '/v1/nothing-here', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' } });
      expect(viaProxy.headers['strict-transport-security']).toBe('max-age=31536000');
      const direct = await app.inject({ method: 'GET', url: '/v1/nothing-here', remoteAddress: '198.51.100.9', headers: { 'x-forwarded-proto': 'https' } });
      expect(direct.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await close();
    }
  });
});
