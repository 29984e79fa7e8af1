import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../shared/domain/clock';
import { DEMO_PASSWORD, DEMO_USERNAMES } from '../../../server/demo/credentials';
import { buildServer } from '../../../server/app';
import { connectServerDb } from '../../../server/db/connect';
import { migrateServerDatabase } from '../../../server/db/migrate';
import { seedServerDemo } from '../../../server/demo/seed';
import { startEmbeddedServer, type EmbeddedServer } from '../../../server/embedded/embedded-server';
import { INSTALL_PASSWORD_FILE } from '../../../server/embedded/install-password';

interface LoginReply {
  accessToken: string;
}

async function signIn(server: EmbeddedServer, username: string, password: string): Promise<Response> {
  return fetch(`${server.url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
}

/** A login sent with headers fetch would not let through as given (Host), as a rebound DNS name or a web page sends it. */
function rawLogin(server: EmbeddedServer, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const body = JSON.stringify({ username: DEMO_USERNAMES.admin, password: server.credentials?.password ?? '' });
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${server.url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers } }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, body: text });
      });
    });
    request.on('error', reject);
    request.end(body);
  });
}

async function customerCount(server: EmbeddedServer, username: string): Promise<number> {
  const login = await signIn(server, username, server.credentials?.password ?? '');
  expect(login.status).toBe(200);
  const { accessToken } = (await login.json()) as LoginReply;
  const response = await fetch(`${server.url}/v1/portfolio/customers?limit=5000`, { headers: { authorization: `Bearer ${accessToken}` } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { customers: unknown[] }).customers.length;
}

// A first start creates a PGlite cluster on disk, migrates and seeds: slow on a loaded machine.
describe('embedded server', { timeout: 120_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledgerline-embedded-'));
  const clock = manualClock('2026-03-02T09:00:00.000Z');
  let tokenOfFirstRun = '';
  let passwordOfFirstRun = '';
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts on loopback, seeds the demo into its empty folder and signs the demo collector in', async () => {
    const server = await startEmbeddedServer({ dataDir, demo: { size: 'small' }, clock });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      // The demo users' password is this installation's own, kept for the owner only; the published one opens nothing.
      expect(server.credentials?.username).toBe(DEMO_USERNAMES.collector);
      passwordOfFirstRun = server.credentials?.password ?? '';
      expect(passwordOfFirstRun).toMatch(/^[\w-]{64}$/);
      expect(readFileSync(join(dataDir, INSTALL_PASSWORD_FILE), 'utf8')).toBe(passwordOfFirstRun);
      expect(statSync(join(dataDir, INSTALL_PASSWORD_FILE)).mode & 0o777).toBe(0o600);
      for (const username of Object.values(DEMO_USERNAMES)) expect((await signIn(server, username, DEMO_PASSWORD)).status, username).toBe(401);
      expect(server.seeded).toMatchObject({ size: 'small', seed: 1, asOf: '2026-03-02' });
      expect(server.seeded?.counts.customers).toBe(60);
      expect(server.passwordReplacedFor).toEqual([]);
      const health = await fetch(`${server.url}/v1/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', db: 'ok' });
      expect(await customerCount(server, server.credentials?.username ?? '')).toBe(40);
      expect(await customerCount(server, DEMO_USERNAMES.teamLead)).toBe(60);
      expect((await signIn(server, DEMO_USERNAMES.collector, 'not the password')).status).toBe(401);
      tokenOfFirstRun = ((await (await signIn(server, DEMO_USERNAMES.collector, passwordOfFirstRun)).json()) as LoginReply).accessToken;

      // Only the app's engine may call it: no rebound DNS name, no browser page, not even its own origin.
      const port = new URL(server.url).port;
      const foreign: Record<string, string>[] = [{ host: `rebind.attacker.example:${port}` }, { origin: 'http://evil.example' }, { origin: server.url }, { 'sec-fetch-site': 'cross-site' }];
      for (const headers of foreign) {
        const refused = await rawLogin(server, headers);
        expect(refused.status, JSON.stringify(headers)).toBe(403);
        expect(refused.body).not.toContain('accessToken');
      }
      expect((await rawLogin(server, {})).status).toBe(200);
    } finally {
      await server.close();
      // Closing twice waits for the same close and does not fail.
      await server.close();
    }
  });

  it('restarts on the same folder without seeding again, with the same data and signing key', async () => {
    clock.set('2026-03-02T09:05:00.000Z');
    const server = await startEmbeddedServer({ dataDir, port: 0, demo: { size: 'small' }, clock });
    try {
      expect(server.seeded).toBeNull();
      const me = await fetch(`${server.url}/v1/me`, { headers: { authorization: `Bearer ${tokenOfFirstRun}` } });
      expect(me.status).toBe(200);
      expect(server.credentials).toEqual({ username: DEMO_USERNAMES.collector, password: passwordOfFirstRun });
      expect(await customerCount(server, DEMO_USERNAMES.collector)).toBe(40);
    } finally {
      await server.close();
    }
  });

  it('without a demo it seeds nothing and names no credentials', async () => {
    const emptyDir = mkdtempSync(join(tmpdir(), 'ledgerline-embedded-empty-'));
    try {
      const server = await startEmbeddedServer({ dataDir: emptyDir, demo: null, clock });
      try {
        expect(server.credentials).toBeNull();
        expect(server.seeded).toBeNull();
        expect((await signIn(server, DEMO_USERNAMES.collector, DEMO_PASSWORD)).status).toBe(401);
      } finally {
        await server.close();
      }
    } finally {
      rmSync(emptyDir, { recursive: true, force: true });
    }
  });

  it.each([
    ['an upgrade (no password file yet)', false],
    ['a password file beside a database restored from a backup', true],
  ])('takes the published demo password away from a database seeded with it, and ends the sessions opened with it: %s', async (_, fileBefore) => {
    const olderDir = mkdtempSync(join(tmpdir(), 'ledgerline-embedded-older-'));
    try {
      // What an earlier version left: the demo seeded with the published password, and an admin session.
      const store = await connectServerDb({ dataDir: olderDir });
      let refreshToken = '';
      try {
        await migrateServerDatabase(store.db, store.schema);
        await seedServerDemo(store.db, { size: 'small', seed: 1, asOf: '2026-03-02', password: DEMO_PASSWORD, now: clock.now().toISOString() });
        const older = await buildServer({ db: store.db, secret: 'an earlier version of the built-in server key', clock });
        const login = await older.inject({ method: 'POST', url: '/v1/auth/login', payload: { username: DEMO_USERNAMES.admin, password: DEMO_PASSWORD } });
        expect(login.statusCode).toBe(200);
        refreshToken = login.json<{ refreshToken: string }>().refreshToken;
        await older.close();
      } finally {
        await store.close();
      }
      if (fileBefore) writeFileSync(join(olderDir, INSTALL_PASSWORD_FILE), 'a-password-this-version-made-before-the-restore', { mode: 0o600 });
      const server = await startEmbeddedServer({ dataDir: olderDir, demo: { size: 'small' }, clock });
      try {
        expect(server.seeded).toBeNull();
        expect([...server.passwordReplacedFor].sort()).toEqual(Object.values(DEMO_USERNAMES).sort());
        for (const username of Object.values(DEMO_USERNAMES)) expect((await signIn(server, username, DEMO_PASSWORD)).status, username).toBe(401);
        expect((await signIn(server, DEMO_USERNAMES.teamLead, server.credentials?.password ?? '')).status).toBe(200);
        const refreshed = await fetch(`${server.url}/v1/auth/refresh`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken }) });
        expect(refreshed.status).toBe(401);
      } finally {
        await server.close();
      }
      // Once done, the next start changes nobody.
      const again = await startEmbeddedServer({ dataDir: olderDir, demo: { size: 'small' }, clock });
      try {
        expect(again.passwordReplacedFor).toEqual([]);
      } finally {
        await again.close();
      }
    } finally {
      rmSync(olderDir, { recursive: true, force: true });
    }
  });

  it('makes a new password when its file was lost, and puts every user on it', async () => {
    const lostDir = mkdtempSync(join(tmpdir(), 'ledgerline-embedded-lost-'));
    try {
      const first = await startEmbeddedServer({ dataDir: lostDir, demo: { size: 'small' }, clock });
      const before = first.credentials?.password ?? '';
      await first.close();
      rmSync(join(lostDir, INSTALL_PASSWORD_FILE));
      const server = await startEmbeddedServer({ dataDir: lostDir, demo: { size: 'small' }, clock });
      try {
        const after = server.credentials?.password ?? '';
        expect(after).not.toBe(before);
        expect(server.passwordReplacedFor.length).toBe(Object.values(DEMO_USERNAMES).length);
        expect((await signIn(server, DEMO_USERNAMES.collector, before)).status).toBe(401);
        expect((await signIn(server, DEMO_USERNAMES.collector, after)).status).toBe(200);
      } finally {
        await server.close();
      }
    } finally {
      rmSync(lostDir, { recursive: true, force: true });
    }
  });

  it('refuses a port that is not a port before opening anything', async () => {
    await expect(startEmbeddedServer({ dataDir, port: 70_000, demo: null, clock })).rejects.toThrow(/port/);
  });
});
