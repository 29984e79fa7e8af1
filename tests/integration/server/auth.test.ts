import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_TTL_SECONDS } from '../../../server/auth/access-tokens';
import { LOGIN_MAX_FAILURES, LOGIN_WINDOW_MS } from '../../../server/auth/login-throttle';
import { REFRESH_RETRY_GRACE_MS, hashRefreshToken } from '../../../server/auth/refresh-tokens';
import { disableUser } from '../../../server/cli/admin-commands';
import { BACKENDS } from './support/backends';
import { PASSWORD, bearer, login, seedTeam, seedUser, startHarness, type Harness, type Session } from './support/harness';

const later = (h: Harness, ms: number) => {
  h.clock.set(new Date(h.clock.now().getTime() + ms).toISOString());
};

describe.each(BACKENDS)('auth on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(() => h.dispose());

  const postLogin = (username: string, password: string) => h.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { username, password } });
  const refresh = (refreshToken: string) => h.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken } });

  it('signs in with the right password, stores the password as argon2id and only a hash of the refresh token', async () => {
    const team = await seedTeam(h);
    const user = await seedUser(h, 'collector', team);
    const response = await postLogin(user.username.toUpperCase(), PASSWORD);
    expect(response.statusCode).toBe(200);
    const body = response.json<Session & { user: { id: string; role: string }; accessTokenExpiresAt: string }>();
    expect(body.user).toMatchObject({ id: user.id, role: 'collector' });
    expect(Date.parse(body.accessTokenExpiresAt) - h.clock.now().getTime()).toBe(ACCESS_TOKEN_TTL_SECONDS * 1000);
    const me = await h.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(body.accessToken) });
    expect(me.json()).toMatchObject({ id: user.id, username: user.username, role: 'collector', team: { name: team } });

    const stored = await h.testDb.db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(stored.password_hash.startsWith('$argon2id$')).toBe(true);
    const tokens = await h.testDb.db.selectFrom('refresh_tokens').select('token_hash').where('user_id', '=', user.id).execute();
    expect(tokens.map((t) => t.token_hash)).toEqual([hashRefreshToken(body.refreshToken)]);
  });

  it('answers a wrong password and an unknown user with the same generic 401', async () => {
    const user = await seedUser(h, 'collector');
    const wrong = await postLogin(user.username, 'not the password');
    const unknown = await postLogin('nobody-here', PASSWORD);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual({ error: { code: 'unauthorized', message: 'Wrong username or password.', reason: 'wrongCredentials' } });
    expect(unknown.json()).toEqual(wrong.json());
  });

  it('locks a username after five failures with 429 and Retry-After, and unlocks after the window', async () => {
    const user = await seedUser(h, 'collector');
    for (let i = 0; i < LOGIN_MAX_FAILURES; i += 1) expect((await postLogin(user.username, 'wrong password')).statusCode).toBe(401);
    const locked = await postLogin(user.username, PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.json<{ error: { code: string } }>().error.code).toBe('rate_limited');
    const retryAfter = Number(locked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(LOGIN_WINDOW_MS / 1000);
    // The minutes to wait as a value, for the client to word in the user's language.
    const minutes = Math.ceil(retryAfter / 60);
    expect(locked.json<{ error: object }>().error).toMatchObject(minutes === 1 ? { reason: 'tooManySignInsOneMinute' } : { reason: 'tooManySignIns', params: { minutes } });

    const other = await seedUser(h, 'collector');
    expect((await postLogin(other.username, PASSWORD)).statusCode).toBe(200);

    later(h, retryAfter * 1000);
    expect((await postLogin(user.username, PASSWORD)).statusCode).toBe(200);
  });

  it('rejects an expired access token with 401 token_expired', async () => {
    const user = await seedUser(h, 'collector');
    const session = await login(h, user.username);
    expect((await h.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(session.accessToken) })).statusCode).toBe(200);
    later(h, ACCESS_TOKEN_TTL_SECONDS * 1000 + 1000);
    const expired = await h.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(session.accessToken) });
    expect(expired.statusCode).toBe(401);
    expect(expired.json<{ error: { code: string } }>().error.code).toBe('token_expired');
    expect(expired.headers['www-authenticate']).toContain('Bearer');
  });

  it('rotates refresh tokens and revokes the whole family when a rotated token is reused', async () => {
    const user = await seedUser(h, 'collector');
    const first = await login(h, user.username);
    const rotated = await refresh(first.refreshToken);
    expect(rotated.statusCode).toBe(200);
    const second = rotated.json<Session>();
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect((await h.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(second.accessToken) })).statusCode).toBe(200);

    const third = (await refresh(second.refreshToken)).json<Session>();
    const replay = await refresh(first.refreshToken);
    expect(replay.statusCode).toBe(401);
    expect((await refresh(third.refreshToken)).statusCode).toBe(401);

    const live = await h.testDb.db.selectFrom('refresh_tokens').select('id').where('user_id', '=', user.id).where('revoked_at', 'is', null).execute();
    expect(live).toEqual([]);

    // A separate sign-in (another family) is untouched by that revocation.
    const fresh = await login(h, user.username);
    expect((await refresh(fresh.refreshToken)).statusCode).toBe(200);
  });

  it('answers two refreshes with one token at once with the same successor: one live token remains', async () => {
    const user = await seedUser(h, 'collector');
    const session = await login(h, user.username);
    const results = await Promise.all([refresh(session.refreshToken), refresh(session.refreshToken)]);
    expect(results.map((r) => r.statusCode)).toEqual([200, 200]);
    const [one, two] = results.map((r) => r.json<Session>().refreshToken);
    expect(one).toBe(two);
    const live = await h.testDb.db.selectFrom('refresh_tokens').select('token_hash').where('user_id', '=', user.id).where('revoked_at', 'is', null).execute();
    expect(live).toEqual([{ token_hash: hashRefreshToken(one ?? '') }]);
  });

  const liveTokens = async (userId: string) =>
    (await h.testDb.db.selectFrom('refresh_tokens').select('token_hash').where('user_id', '=', userId).where('revoked_at', 'is', null).execute()).map(
      (row) => row.token_hash,
    );

  it('answers a rotated token presented again within the grace with the SAME successor, one chain, stored only as hashes', async () => {
    const user = await seedUser(h, 'collector');
    const a = (await login(h, user.username)).refreshToken;
    const b = (await refresh(a)).json<Session>().refreshToken;
    later(h, REFRESH_RETRY_GRACE_MS - 1_000);
    const again = await refresh(a);
    expect(again.statusCode).toBe(200);
    expect(again.json<Session>().refreshToken).toBe(b);
    expect(await liveTokens(user.id)).toEqual([hashRefreshToken(b)]);
    const stored = await h.testDb.db.selectFrom('refresh_tokens').select('token_hash').where('user_id', '=', user.id).execute();
    expect(stored.map((row) => row.token_hash).sort()).toEqual([hashRefreshToken(a), hashRefreshToken(b)].sort());

    // B is the chain: it rotates on, and its own retry within the grace gives its one successor.
    const c = (await refresh(b)).json<Session>().refreshToken;
    expect(c).not.toBe(b);
    expect((await refresh(b)).json<Session>().refreshToken).toBe(c);
    expect(await liveTokens(user.id)).toEqual([hashRefreshToken(c)]);
  });

  it('revokes the family when a token comes back after its successor was used, whichever one it is', async () => {
    const user = await seedUser(h, 'collector');
    const a = (await login(h, user.username)).refreshToken;
    const b = (await refresh(a)).json<Session>().refreshToken;
    const c = (await refresh(b)).json<Session>().refreshToken;
    // A's successor B was used: A is a copy, within the grace or not.
    expect((await refresh(a)).statusCode).toBe(401);
    expect(await liveTokens(user.id)).toEqual([]);
    expect((await refresh(c)).statusCode).toBe(401);

    const second = await seedUser(h, 'collector');
    const a2 = (await login(h, second.username)).refreshToken;
    const b2 = (await refresh(a2)).json<Session>().refreshToken;
    const c2 = (await refresh(b2)).json<Session>().refreshToken;
    const d2 = (await refresh(c2)).json<Session>().refreshToken;
    expect((await refresh(b2)).statusCode).toBe(401);
    expect(await liveTokens(second.id)).toEqual([]);
    expect((await refresh(d2)).statusCode).toBe(401);
  });

  it('treats a rotated token as copied once the grace is over, though its successor is unused: the family ends', async () => {
    const user = await seedUser(h, 'collector');
    const session = await login(h, user.username);
    const b = (await refresh(session.refreshToken)).json<Session>().refreshToken;
    later(h, REFRESH_RETRY_GRACE_MS + 1_000);
    expect((await refresh(session.refreshToken)).statusCode).toBe(401);
    expect(await liveTokens(user.id)).toEqual([]);
    expect((await refresh(b)).statusCode).toBe(401);
  });

  it('rejects an unknown or expired refresh token', async () => {
    expect((await refresh('no-such-token')).statusCode).toBe(401);
    const user = await seedUser(h, 'collector');
    const session = await login(h, user.username);
    later(h, 31 * 24 * 60 * 60 * 1000);
    expect((await refresh(session.refreshToken)).statusCode).toBe(401);
  });

  it('logout revokes the refresh token; an unknown token is answered the same', async () => {
    const user = await seedUser(h, 'collector');
    const session = await login(h, user.username);
    const out = await h.app.inject({ method: 'POST', url: '/v1/auth/logout', payload: { refreshToken: session.refreshToken } });
    expect(out.statusCode).toBe(204);
    expect((await refresh(session.refreshToken)).statusCode).toBe(401);
    const unknown = await h.app.inject({ method: 'POST', url: '/v1/auth/logout', payload: { refreshToken: 'unknown' } });
    expect(unknown.statusCode).toBe(204);
  });

  it('tells every cache not to keep sign-in, refresh and sign-out answers, errors included (Cache-Control: no-store)', async () => {
    const user = await seedUser(h, 'collector');
    const signIn = await postLogin(user.username, PASSWORD);
    const session = signIn.json<Session>();
    const answers = [
      signIn,
      await refresh(session.refreshToken),
      await postLogin(user.username, 'not the password'),
      await refresh('no-such-token'),
      await h.app.inject({ method: 'POST', url: '/v1/auth/logout', payload: { refreshToken: session.refreshToken } }),
    ];
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200, 401, 401, 204]);
    for (const answer of answers) {
      expect(answer.headers['cache-control']).toBe('no-store');
      expect(answer.headers.pragma).toBe('no-cache');
    }
  });

  it('a disabled user cannot sign in, refresh, or use a token issued before', async () => {
    const user = await seedUser(h, 'collector');
    const session = await login(h, user.username);
    await disableUser(h.testDb.db, h.clock, user.username);
    const denied = await postLogin(user.username, PASSWORD);
    expect(denied.statusCode).toBe(403);
    expect(denied.json<{ error: { code: string } }>().error.code).toBe('forbidden');
    expect((await postLogin(user.username, 'wrong password')).statusCode).toBe(401);
    expect((await refresh(session.refreshToken)).statusCode).toBe(401);
    expect((await h.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(session.accessToken) })).statusCode).toBe(401);
  });
});
