/**
 * The server process (server/main.ts) on PostgreSQL when the database drops its connections or
 * goes away: it must stay up, answer 503 with Retry-After while the database is away, say so in
 * /v1/health, and reconnect by itself. The server reaches PostgreSQL through a proxy the test can
 * stop and start again on the same port.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_USERNAMES } from '../../../server/demo/credentials';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../../server/version';
import { SERVER_APPLICATION_NAME, startServerProcess, type ServerProcess } from './support-process';
import { startCuttingProxy, type CuttingProxy } from './support-proxy';
import { POSTGRES_URL } from '../server/support/backends';

interface Answer {
  readonly status: number;
  readonly retryAfter: string | null;
  readonly body: Record<string, unknown> & { error?: { code: string } };
}

const upstreamPort = Number(new URL(POSTGRES_URL).port || '5432');

async function adminQuery<R extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<R[]> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** The backend pids of this server's connections: its application name, in its own database. */
const serverBackends = async (database: string): Promise<number[]> =>
  (
    await adminQuery<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name = $2 AND pid <> pg_backend_pid()', [
      database,
      SERVER_APPLICATION_NAME,
    ])
  ).map((row) => row.pid);

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the server process when PostgreSQL drops its connections', () => {
  let proxy: CuttingProxy;
  let proc: ServerProcess;

  const call = async (method: 'GET' | 'POST', path: string, body?: unknown, token?: string): Promise<Answer> => {
    const headers: Record<string, string> = { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    const response = await fetch(`${proc.url}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as Answer['body'] };
  };
  const signIn = async (): Promise<string> => {
    const answer = await call('POST', '/v1/auth/login', { username: DEMO_USERNAMES.collector, password: DEMO_PASSWORD });
    expect(answer.status).toBe(200);
    return String(answer.body.accessToken);
  };
  const pullFirstPage = (token: string) => call('POST', '/v1/sync/pull', { cursor: null, limit: 10 }, token);

  /** Health until it answers 200 again; every answer on the way must be 200 or 503, never a dropped connection or a 500. */
  const healthyAgain = async (): Promise<Answer[]> => {
    const answers: Answer[] = [];
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const answer = await call('GET', '/v1/health');
      answers.push(answer);
      if (answer.status === 200) return answers;
      await wait(100);
    }
    throw new Error(`the server did not report a healthy database again: ${JSON.stringify(answers.at(-1))}\n${proc.output()}`);
  };

  beforeAll(async () => {
    proxy = await startCuttingProxy(upstreamPort);
    proc = await startServerProcess({ databasePort: proxy.port });
  }, 120_000);
  afterAll(async () => {
    await proc.dispose();
    await proxy.close();
  });

  it('survives PostgreSQL terminating its connections, even idle ones, and reconnects by itself', async () => {
    const token = await signIn();
    expect((await pullFirstPage(token)).status).toBe(200);
    const before = await serverBackends(proc.database);
    expect(before.length).toBeGreaterThan(0);

    const terminated = await adminQuery<{ done: boolean }>(
      'SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE datname = $1 AND application_name = $2 AND pid <> pg_backend_pid()',
      [proc.database, SERVER_APPLICATION_NAME],
    );
    expect(terminated.length).toBe(before.length);
    expect(terminated.every((row) => row.done)).toBe(true);
    // The pool learns of a dropped idle connection when its socket closes; give it that moment.
    await wait(300);

    const answers = await healthyAgain();
    expect(answers.every((answer) => answer.status === 200 || answer.status === 503)).toBe(true);
    expect(answers.at(-1)?.body).toMatchObject({ status: 'ok', db: 'ok' });
    expect(proc.running()).toBe(true);
    expect(proc.output()).toContain('database connection lost');

    // New connections, the same session: a sync request works.
    const pulled = await pullFirstPage(token);
    expect(pulled.status).toBe(200);
    expect(pulled.body).toMatchObject({ snapshot: true });
    const after = await serverBackends(proc.database);
    expect(after.length).toBeGreaterThan(0);
    expect(after.filter((pid) => before.includes(pid))).toEqual([]);
  }, 60_000);

  it('answers 503 with Retry-After while the database is away, stays up, and serves again when it is back', async () => {
    const token = await signIn();
    await proxy.close();

    const health = await call('GET', '/v1/health');
    expect(health.status).toBe(503);
    expect(Number(health.retryAfter)).toBeGreaterThan(0);
    expect(health.body).toMatchObject({ status: 'unavailable', db: 'unreachable', protocolVersion: PROTOCOL_VERSION, error: { code: 'unavailable' } });

    for (const answer of [
      await pullFirstPage(token),
      await call('POST', '/v1/sync/push', { clientId: '0193a9a2-0000-7000-8000-000000000001', mutations: [] }, token),
      await call('POST', '/v1/auth/login', { username: DEMO_USERNAMES.collector, password: DEMO_PASSWORD }),
      await call('GET', '/v1/me', undefined, token),
    ]) {
      expect(answer.status).toBe(503);
      expect(Number(answer.retryAfter)).toBeGreaterThan(0);
      expect(answer.body.error?.code).toBe('unavailable');
    }
    expect(proc.running()).toBe(true);

    proxy = await startCuttingProxy(upstreamPort, proxy.port);
    await healthyAgain();
    const pulled = await pullFirstPage(token);
    expect(pulled.status).toBe(200);
    expect(proc.running()).toBe(true);
  }, 60_000);
});
