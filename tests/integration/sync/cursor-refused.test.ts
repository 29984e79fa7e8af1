/**
 * The real engine against a real server whose change log does not match the client's cursor
 * (issue 13): a cursor past the log's end is refused (400 `validation` on `cursor`), and the engine
 * drops it and pulls a snapshot instead of stopping, keeping its outbox; a cursor of an earlier
 * log epoch (the admin rotated it after a restore) is answered with a snapshot by the server.
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSyncValue, SYNC_KEYS, writeSyncValue } from '../../../db/sync/sync-state';
import { rotateLogEpoch } from '../../../server/cli/admin-commands';
import type { ServerDatabase } from '../../../server/db/schema';
import { DEMO_USERNAMES } from '../../../server/demo/credentials';
import { decodeCursor, encodeCursor } from '../../../server/sync/cursor';
import { BACKENDS } from '../server/support/backends';
import { signedInClient, startSyncServer, STILL_TIMING, type SyncServer, type TestClient } from './support';
import { accountFor, scopeDifferences, TypedLedger } from './support-compare';
import { bodyOf, hookedFetch, isPull, type HookedFetch } from './support-fetch';

interface PullAnswer {
  readonly cursor: string | null;
  readonly status: number;
  readonly snapshot: boolean | null;
}

/** Every pull the engine sends, with the cursor it sent and what came back. */
function recordPulls(net: HookedFetch, before?: () => Promise<void>): PullAnswer[] {
  const pulls: PullAnswer[] = [];
  net.hook = async (request, send) => {
    if (!isPull(request)) return send();
    if (before !== undefined && pulls.length === 0) await before();
    const sent = bodyOf(request);
    const response = await send();
    const body = (await response.clone().json()) as { snapshot?: boolean };
    pulls.push({ cursor: sent === '' ? 'streamed' : (JSON.parse(sent) as { cursor: string | null }).cursor, status: response.status, snapshot: body.snapshot ?? null });
    return response;
  };
  return pulls;
}

describe.each(BACKENDS)('the engine when the server does not know its cursor, on %s', (kind) => {
  let server: SyncServer;
  let me: string;
  const opened: TestClient[] = [];
  const db = (): Kysely<ServerDatabase> => server.h.testDb.db;

  const client = async (net?: HookedFetch): Promise<TestClient> => {
    const opening = await signedInClient(server, DEMO_USERNAMES.collector, { timing: STILL_TIMING, ...(net === undefined ? {} : { fetch: net.fetch }) });
    opened.push(opening);
    return opening;
  };
  const sync = async (c: TestClient) => {
    const status = await c.workspace.engine?.syncOnce();
    if (status === undefined) throw new Error('the workspace has no sync engine');
    return status;
  };
  const expectConverged = async (c: TestClient, ledger: TypedLedger) => {
    const accounting = await accountFor(db(), c.workspace.store.sqlite, ledger.all());
    expect(accounting.problems).toEqual([]);
    expect(await scopeDifferences(db(), me, c.workspace.store.sqlite)).toEqual([]);
  };
  const firstCustomer = (c: TestClient): string =>
    c.workspace.store.sqlite.prepare<[], { id: string }>('SELECT id FROM customers ORDER BY number LIMIT 1').get()?.id ?? '';

  beforeAll(async () => {
    server = await startSyncServer(kind);
    me = (await db().selectFrom('users').select('id').where('username', '=', DEMO_USERNAMES.collector).executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => {
    for (const c of opened.splice(0)) await c.close();
    await server.dispose();
  });

  it('drops a cursor the server refuses as past its log, pulls a snapshot from null, keeps the outbox, and converges', async () => {
    const net = hookedFetch();
    const a = await client(net);
    const sqlite = a.workspace.store.sqlite;
    const ledger = new TypedLedger();
    // The server was restored from a backup older than what this client has seen: its position lies past the log's end.
    const position = decodeCursor(readSyncValue(sqlite, SYNC_KEYS.cursor) ?? '');
    if (position?.k !== 'd') throw new Error('expected a delta cursor after the first sync');
    const ahead = encodeCursor({ ...position, s: position.s + 1_000 });
    writeSyncValue(sqlite, SYNC_KEYS.cursor, ahead);

    // Typed while the refused pull is on its way: it must stay in the outbox through the snapshot.
    let typed = '';
    const pulls = recordPulls(net, async () => {
      typed = (await a.call('note.add', { customerId: firstCustomer(a), body: 'typed while the server had lost its log' })).id;
      ledger.record(sqlite);
    });
    expect(await sync(a)).toMatchObject({ state: 'idle', pending: 1, error: null });
    expect(pulls[0]).toMatchObject({ cursor: ahead, status: 400 });
    expect(pulls[1]).toMatchObject({ cursor: null, status: 200, snapshot: true });
    expect(sqlite.prepare('SELECT body FROM notes WHERE id = ?').get(typed)).toEqual({ body: 'typed while the server had lost its log' });
    const stored = decodeCursor(readSyncValue(sqlite, SYNC_KEYS.cursor) ?? '');
    expect(stored).toMatchObject({ k: 'd', g: position.g });
    expect(stored?.k === 'd' && stored.s <= position.s).toBe(true);

    net.hook = null;
    expect(await sync(a)).toMatchObject({ state: 'idle', pending: 0, issues: 0 });
    expect(await db().selectFrom('notes').select('id').where('id', '=', typed).execute()).toHaveLength(1);
    await expectConverged(a, ledger);
  });

  it('after the admin rotated the log epoch, pulls a snapshot and converges with what others wrote meanwhile', async () => {
    const net = hookedFetch();
    const a = await client(net);
    const b = await client();
    const ledgerB = new TypedLedger();
    await rotateLogEpoch(db());
    await b.call('note.add', { customerId: firstCustomer(b), body: 'written after the rotation' });
    ledgerB.record(b.workspace.store.sqlite);
    expect(await sync(b)).toMatchObject({ state: 'idle', pending: 0 });

    const before = readSyncValue(a.workspace.store.sqlite, SYNC_KEYS.cursor);
    const pulls = recordPulls(net);
    expect(await sync(a)).toMatchObject({ state: 'idle', pending: 0, error: null });
    expect(pulls[0]).toMatchObject({ cursor: before, status: 200, snapshot: true });
    expect(a.workspace.store.sqlite.prepare("SELECT count(*) AS n FROM notes WHERE body = 'written after the rotation'").get()).toEqual({ n: 1 });
    await expectConverged(a, new TypedLedger());
    await expectConverged(b, ledgerB);
  });
});
