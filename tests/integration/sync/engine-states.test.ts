/**
 * The engine's states and schedule against a real server seen through a switchable fetch: offline
 * (backoff scheduled, outbox kept, back at once when the network returns), update required (426:
 * nothing syncs, nothing is lost), a revoked session (signed out, changes kept), and a local write
 * that is pushed after the debounce without anyone asking.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERNAMES } from '../../../server/demo/credentials';
import { signedInClient, startSyncServer, type SyncServer, type TestClient } from './support';

type Mode = 'up' | 'down' | 'outdated';

/** fetch as the engine sees the network: working, unreachable, or a server refusing this protocol. */
function switchableFetch(): { fetch: typeof fetch; set(mode: Mode): void; calls: string[] } {
  let mode: Mode = 'up';
  const calls: string[] = [];
  return {
    calls,
    set(next) {
      mode = next;
    },
    fetch: async (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      calls.push(new URL(url).pathname);
      if (mode === 'down') throw new TypeError('fetch failed (connect ECONNREFUSED)');
      if (mode === 'outdated') {
        return new Response(JSON.stringify({ error: { code: 'update_required', message: 'this server needs protocol 2' } }), {
          status: 426,
          headers: { 'content-type': 'application/json' },
        });
      }
      return fetch(input, init);
    },
  };
}

const firstCustomer = (client: TestClient): string =>
  (client.workspace.store.sqlite.prepare('SELECT id FROM customers ORDER BY number LIMIT 1').get() as { id: string }).id;

async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('sync engine states', () => {
  let server: SyncServer;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    server = await startSyncServer('pglite');
  });
  afterAll(async () => {
    for (const client of clients.splice(0)) await client.close();
    await server.dispose();
  });

  it('goes offline with a backoff, keeps the outbox, and syncs as soon as the network is back', async () => {
    const net = switchableFetch();
    const client = await signedInClient(server, DEMO_USERNAMES.collector, { fetch: net.fetch });
    clients.push(client);
    net.set('down');
    await client.call('note.add', { customerId: firstCustomer(client), body: 'typed on the plane' });
    const offline = await client.workspace.engine?.syncOnce();
    expect(offline).toMatchObject({ state: 'offline', pending: 1, error: { code: 'offline', reason: 'syncOffline' } });
    expect(offline?.error?.message).toMatch(/kept on this computer/);
    expect(offline?.nextAttemptAt).not.toBeNull();
    net.set('up');
    await client.call('sync.network', { online: true });
    await until(async () => (await client.call('sync.status', {})).state === 'idle', 'the sync after the network came back');
    expect(await client.call('sync.status', {})).toMatchObject({ state: 'idle', pending: 0, error: null });
    const onServer = await server.h.testDb.db.selectFrom('notes').select('body').where('body', '=', 'typed on the plane').execute();
    expect(onServer).toHaveLength(1);
  });

  it('stops on 426 with "update required", keeping every change, and schedules nothing', async () => {
    const net = switchableFetch();
    const client = await signedInClient(server, DEMO_USERNAMES.collector, { fetch: net.fetch });
    clients.push(client);
    await client.call('note.add', { customerId: firstCustomer(client), body: 'waits for the update' });
    net.set('outdated');
    const status = await client.workspace.engine?.syncOnce();
    expect(status).toMatchObject({ state: 'update_required', pending: 1, nextAttemptAt: null, error: { code: 'update_required' } });
    // An older answer without a reason: its message goes into the client's sentence, worded in every language.
    expect(status?.error).toMatchObject({ reason: 'syncUpdateRequired', params: { detail: 'this server needs protocol 2' } });
    expect(status?.error?.message).toMatch(/Update the app/);
    const sent = net.calls.length;
    await client.call('note.add', { customerId: firstCustomer(client), body: 'still typed' });
    expect(net.calls.length).toBe(sent);
    expect((await client.call('sync.status', {})).pending).toBe(2);
  });

  it('signs out when the session is revoked, keeping the changes for the next sign-in', async () => {
    const client = await signedInClient(server);
    clients.push(client);
    const token = await client.vault.read();
    await fetch(`${server.url}/v1/auth/logout`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken: token }) });
    await client.call('note.add', { customerId: firstCustomer(client), body: 'after the revocation' });
    // The access token in memory still works until it expires; make it expire.
    server.h.clock.set('2026-03-02T10:00:00.000Z');
    const status = await client.workspace.engine?.syncOnce();
    expect(status).toMatchObject({ state: 'signed_out', pending: 1, error: { code: 'signed_out', reason: 'syncSignedOut' } });
    server.h.clock.set('2026-03-02T09:00:00.000Z');
    await client.call('sync.signIn', { serverUrl: server.url, username: DEMO_USERNAMES.collector, password: 'ledgerline-demo' });
    expect(await client.call('sync.status', {})).toMatchObject({ state: 'idle', pending: 0 });
  });

  it('pushes a local write after the debounce, unasked', async () => {
    const client = await signedInClient(server, DEMO_USERNAMES.collector, { timing: { debounceMs: 50, periodMs: 3_600_000 } });
    clients.push(client);
    await client.call('note.add', { customerId: firstCustomer(client), body: 'sent by itself' });
    await until(async () => (await client.call('sync.status', {})).pending === 0, 'the debounced push');
    const onServer = await server.h.testDb.db.selectFrom('notes').select('body').where('body', '=', 'sent by itself').execute();
    expect(onServer).toHaveLength(1);
  });
});
