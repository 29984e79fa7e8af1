/**
 * A change the server keeps failing to take (here: every push answered 500) is not hidden behind
 * "Sync problem": after STUCK_AFTER_ATTEMPTS failed pushes it shows in the sync-issues view with
 * the server's last answer, and Retry sends it again while Discard drops and undoes it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STUCK_AFTER_ATTEMPTS } from '../../../db/sync/outbox';
import { signedInClient, startSyncServer, type SyncServer, type TestClient } from './support';

describe('a push the server keeps failing', () => {
  let server: SyncServer;
  let client: TestClient;
  let failPushes = false;

  beforeAll(async () => {
    server = await startSyncServer('pglite');
    // The real server behind a fetch that answers 500 to every push while asked to.
    const failing: typeof fetch = (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (failPushes && url.endsWith('/v1/sync/push')) {
        const body = JSON.stringify({ error: { code: 'internal', message: 'The database is being restored.' } });
        return Promise.resolve(new Response(body, { status: 500, headers: { 'content-type': 'application/json' } }));
      }
      return fetch(input, init);
    };
    client = await signedInClient(server, undefined, { fetch: failing });
  });
  afterAll(async () => {
    await client.close();
    await server.dispose();
  });

  const sync = async () => {
    const status = await client.workspace.engine?.syncOnce();
    if (status === undefined) throw new Error('no sync engine');
    return status;
  };

  it('shows the change in the sync issues with the last answer; Discard drops and undoes it, Retry sends it again', async () => {
    const sqlite = client.workspace.store.sqlite;
    const customerId = (sqlite.prepare('SELECT id FROM customers ORDER BY number LIMIT 1').get() as { id: string }).id;
    failPushes = true;
    const note = await client.call('note.add', { customerId, body: 'Sent while the server was failing' });

    for (let attempt = 1; attempt < STUCK_AFTER_ATTEMPTS; attempt += 1) {
      expect(await sync()).toMatchObject({ state: 'error', pending: 1, issues: 0 });
    }
    expect(await client.call('sync.issues', {})).toEqual([]);
    expect(await sync()).toMatchObject({ state: 'error', pending: 1, issues: 1 });
    const [issue] = await client.call('sync.issues', {});
    expect(issue).toMatchObject({
      id: expect.any(String) as string,
      name: 'note.add',
      args: { customerId, body: 'Sent while the server was failing' },
      customerId,
      customerName: expect.any(String) as string,
      error: { code: 'push_failed', message: '500: The database is being restored.' },
      failing: { attempts: STUCK_AFTER_ATTEMPTS, status: 500 },
    });

    // Discard: out of the outbox, the note it created gone here, never on the server.
    await client.call('sync.discard', { id: issue?.id ?? '' });
    expect(await client.call('sync.issues', {})).toEqual([]);
    expect(sqlite.prepare('SELECT count(*) AS n FROM notes WHERE id = ?').get(note.id)).toEqual({ n: 0 });
    expect(sqlite.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });

    // Retry: the same change is sent again once the server is back.
    const kept = await client.call('note.add', { customerId, body: 'Kept through the failures' });
    for (let attempt = 0; attempt < STUCK_AFTER_ATTEMPTS; attempt += 1) await sync();
    const [stuck] = await client.call('sync.issues', {});
    expect(stuck).toMatchObject({ failing: { attempts: STUCK_AFTER_ATTEMPTS } });
    failPushes = false;
    await client.call('sync.retry', { id: stuck?.id ?? '' });
    expect(await sync()).toMatchObject({ state: 'idle', pending: 0, issues: 0, error: null });
    const onServer = await server.h.testDb.db.selectFrom('notes').select(['id', 'body']).where('id', 'in', [note.id, kept.id]).execute();
    expect(onServer).toEqual([{ id: kept.id, body: 'Kept through the failures' }]);
  });
});
