/**
 * Issue 13: sign-in input the database cannot take is a 400, not a 500; and password spraying
 * (one address, many usernames) is throttled per address, which the per-user counter never sees.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_ADDRESS_MAX_FAILURES, LOGIN_WINDOW_MS } from '../../../server/auth/login-throttle';
import { BACKENDS } from './support/backends';
import { PASSWORD, seedUser, startHarness, type Harness } from './support/harness';

describe.each(BACKENDS)('sign-in abuse on %s', (kind) => {
  let h: Harness;
  let username = '';
  beforeAll(async () => {
    h = await startHarness(kind);
    username = (await seedUser(h, 'collector')).username;
  });
  afterAll(() => h.dispose());

  const postLogin = (name: string, password: string, remoteAddress: string) =>
    h.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { username: name, password }, remoteAddress });

  it.each([
    ['a NUL', 'x\u0000', 'control character'],
    ['a bidi override', 'admin\u202E', 'bidirectional'],
    ['a lone surrogate', 'admin\uD800', 'unpaired UTF-16 surrogate'],
  ])('answers a username with %s 400 on the field', async (_label, name, message) => {
    const response = await postLogin(name, PASSWORD, '10.0.0.1');
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error: { code: string; field: string; message: string } }>().error).toMatchObject({
      code: 'validation',
      field: 'username',
      message: expect.stringContaining(message) as unknown,
    });
  });

  it('locks an address that fails with many usernames, even for a right password; other addresses sign in; the lock ends with the window', async () => {
    const sprayer = '10.0.0.66';
    for (let attempt = 0; attempt < LOGIN_ADDRESS_MAX_FAILURES; attempt += 1) {
      expect((await postLogin(`sprayed-${String(attempt)}`, 'Winter2026!', sprayer)).statusCode).toBe(401);
    }
    const locked = await postLogin(username, PASSWORD, sprayer);
    expect(locked.statusCode).toBe(429);
    expect(locked.json<{ error: { code: string } }>().error.code).toBe('rate_limited');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await postLogin(username, PASSWORD, '10.0.0.67')).statusCode).toBe(200);
    h.clock.set(new Date(h.clock.now().getTime() + LOGIN_WINDOW_MS + 1_000).toISOString());
    expect((await postLogin(username, PASSWORD, sprayer)).statusCode).toBe(200);
  });

  it('does not let a successful sign-in clear the address’s count', async () => {
    const sprayer = '10.0.0.77';
    for (let attempt = 0; attempt < LOGIN_ADDRESS_MAX_FAILURES - 1; attempt += 1) {
      expect((await postLogin(`other-${String(attempt)}`, 'Summer2026!', sprayer)).statusCode).toBe(401);
    }
    expect((await postLogin(username, PASSWORD, sprayer)).statusCode).toBe(200);
    expect((await postLogin('one-more', 'Summer2026!', sprayer)).statusCode).toBe(401);
    expect((await postLogin(username, PASSWORD, sprayer)).statusCode).toBe(429);
  });
});
