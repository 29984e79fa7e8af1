/**
 * The client sync engine against a real server over loopback HTTP, on both backends: first sync,
 * push of local work under the client's ids, convergence of two clients, rejections kept in the
 * sync-issues view (retry and discard), removals on reassignment, and the failure states.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_USERNAMES } from '../../../server/demo/credentials';
import { evaluatePromisesOnServer } from '../../../server/promises/evaluate';
import { brokenPromiseFollowUpId } from '../../../shared/domain/broken-promise';
import type { SyncStatus } from '../../../shared/api/sync-contract';
import { SYNC_ENTITIES } from '../../../shared/sync/protocol';
import { BACKENDS } from '../server/support/backends';
import { openClient, signedInClient, startSyncServer, STILL_TIMING, type SyncServer, type TestClient } from './support';
import { hookedFetch, isPull } from './support-fetch';

const count = (client: TestClient, sql: string, ...params: unknown[]): number =>
  (client.workspace.store.sqlite.prepare(sql).get(...params) as { n: number }).n;

const firstCustomer = (client: TestClient): string =>
  (client.workspace.store.sqlite.prepare('SELECT id FROM customers ORDER BY number LIMIT 1').get() as { id: string }).id;

describe.each(BACKENDS)('sync engine on %s', (kind) => {
  let server: SyncServer;
  const clients: TestClient[] = [];
  const client = async (username: string = DEMO_USERNAMES.collector): Promise<TestClient> => {
    const opened = await signedInClient(server, username);
    clients.push(opened);
    return opened;
  };

  beforeAll(async () => {
    server = await startSyncServer(kind);
  });
  afterAll(async () => {
    for (const opened of clients.splice(0)) await opened.close();
    await server.dispose();
  });

  it('signs in, receives the assigned portfolio whole and becomes that user locally', async () => {
    const a = await client();
    const status = await a.call('sync.status', {});
    expect(status).toMatchObject({ state: 'idle', pending: 0, issues: 0, error: null, user: { username: DEMO_USERNAMES.collector } });
    expect(status.lastSyncAt).not.toBeNull();
    const db = server.h.testDb.db;
    const me = await db.selectFrom('users').select('id').where('username', '=', DEMO_USERNAMES.collector).executeTakeFirstOrThrow();
    const serverCustomers = await db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).where('collector_id', '=', me.id).executeTakeFirstOrThrow();
    const serverItems = await db
      .selectFrom('open_items')
      .innerJoin('customers', 'customers.id', 'open_items.customer_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('customers.collector_id', '=', me.id)
      .executeTakeFirstOrThrow();
    expect(count(a, 'SELECT count(*) AS n FROM customers')).toBe(serverCustomers.n);
    expect(count(a, 'SELECT count(*) AS n FROM open_items')).toBe(serverItems.n);
    expect(count(a, 'SELECT count(*) AS n FROM customer_summary')).toBe(serverCustomers.n);
    expect(a.workspace.store.sqlite.prepare('SELECT id FROM users WHERE is_local_profile = 1').get()).toEqual({ id: me.id });
    const page = await a.call('worklist.query', {});
    expect(page.rows.length).toBeGreaterThan(0);
  });

  it('shows a first sync’s progress as rows and percent of the total the server announced', async () => {
    const net = hookedFetch();
    const seen: NonNullable<SyncStatus['progress']>[] = [];
    let watched: TestClient | null = null;
    net.hook = async (request, send) => {
      const progress = isPull(request) && watched !== null ? (await watched.call('sync.status', {})).progress : null;
      if (progress !== null) seen.push(progress);
      return send();
    };
    const a = await openClient({ fetch: net.fetch, timing: { ...STILL_TIMING, pullLimit: 150 } });
    clients.push(a);
    watched = a;
    await a.call('sync.signIn', { serverUrl: server.url, username: DEMO_USERNAMES.collector, password: DEMO_PASSWORD });
    const received = SYNC_ENTITIES.reduce((sum, table) => sum + count(a, `SELECT count(*) AS n FROM ${table}`), 0);
    const snapshot = seen.filter((progress) => progress.phase === 'snapshot');
    expect(snapshot.length).toBeGreaterThan(2);
    expect(snapshot.every((progress) => progress.total === received)).toBe(true);
    expect(snapshot.map((progress) => progress.percent)).toEqual(snapshot.map((progress) => Math.floor((progress.rows * 100) / received)));
    expect(snapshot.map((progress) => progress.rows)).toEqual([...snapshot.map((progress) => progress.rows)].sort((x, y) => x - y));
    expect(Math.max(...snapshot.map((progress) => progress.percent ?? 100))).toBeLessThan(100);
    expect((await a.call('sync.status', {})).progress).toBeNull();
  });

  it('pushes local work under the ids the client gave it, and a second client receives it', async () => {
    const a = await client();
    const b = await client();
    const customerId = firstCustomer(a);
    const logged = await a.call('contact.log', { customerId, channel: 'phone', outcome: 'no_answer', note: 'engine push test', followUpDate: '2026-03-10' });
    expect((await a.call('sync.status', {})).pending).toBe(1);
    const status = await a.workspace.engine?.syncOnce();
    expect(status).toMatchObject({ state: 'idle', pending: 0, issues: 0 });
    const onServer = await server.h.testDb.db.selectFrom('activities').select(['id', 'note']).where('id', '=', logged.activityId).executeTakeFirst();
    expect(onServer).toEqual({ id: logged.activityId, note: 'engine push test' });
    await b.workspace.engine?.syncOnce();
    expect(count(b, 'SELECT count(*) AS n FROM activities WHERE id = ?', logged.activityId)).toBe(1);
    expect(count(b, "SELECT count(*) AS n FROM follow_ups WHERE activity_id = ? AND status = 'open'", logged.activityId)).toBe(1);
    // The sender pulls its own change back without doubling it.
    await a.workspace.engine?.syncOnce();
    expect(count(a, 'SELECT count(*) AS n FROM activities WHERE id = ?', logged.activityId)).toBe(1);
  });

  it('keeps a refused change in the sync issues with the input, undoes it locally and converges to the server', async () => {
    const a = await client();
    const b = await client();
    const customerId = firstCustomer(a);
    const created = await a.call('followUp.create', { customerId, dueDate: '2026-03-12', title: 'call back about the March invoices' });
    await a.workspace.engine?.syncOnce();
    await b.workspace.engine?.syncOnce();
    // Both close the same follow-up while offline; a's arrives first.
    await a.call('followUp.complete', { followUpId: created.id, comment: 'done by a' });
    await b.call('followUp.cancel', { followUpId: created.id, comment: 'not needed (b)' });
    await a.workspace.engine?.syncOnce();
    const status = await b.workspace.engine?.syncOnce();
    expect(status).toMatchObject({ state: 'idle', pending: 0, issues: 1 });
    const [issue] = await b.call('sync.issues', {});
    expect(issue).toMatchObject({ name: 'followUp.cancel', args: { followUpId: created.id, comment: 'not needed (b)' }, customerId, error: { code: 'conflict' } });
    expect(b.workspace.store.sqlite.prepare('SELECT status FROM follow_ups WHERE id = ?').get(created.id)).toEqual({ status: 'done' });
    // Retrying runs the input again on today's data: the follow-up is closed, so it fails with a clear message and stays.
    await expect(b.call('sync.retry', { id: issue?.id ?? '' })).rejects.toThrow(/cannot be made again/);
    await b.call('sync.discard', { id: issue?.id ?? '' });
    expect(await b.call('sync.issues', {})).toEqual([]);
  });

  it('rebases a refused note edit on the current version when retried, so the text is not lost', async () => {
    const a = await client();
    const b = await client();
    const customerId = firstCustomer(a);
    const note = await a.call('note.add', { customerId, body: 'first version' });
    await a.workspace.engine?.syncOnce();
    await b.workspace.engine?.syncOnce();
    await a.call('note.edit', { noteId: note.id, body: 'edited by a' });
    await b.call('note.edit', { noteId: note.id, body: 'edited by b' });
    await a.workspace.engine?.syncOnce();
    await b.workspace.engine?.syncOnce();
    const [issue] = await b.call('sync.issues', {});
    expect(issue).toMatchObject({ name: 'note.edit', args: { body: 'edited by b' }, error: { code: 'conflict' } });
    expect(b.workspace.store.sqlite.prepare('SELECT body FROM notes WHERE lineage_id = ? AND is_current = 1').all(note.lineageId)).toEqual([{ body: 'edited by a' }]);
    await b.call('sync.retry', { id: issue?.id ?? '' });
    await b.workspace.engine?.syncOnce();
    await a.workspace.engine?.syncOnce();
    for (const side of [a, b]) {
      expect(side.workspace.store.sqlite.prepare('SELECT body, version FROM notes WHERE lineage_id = ? AND is_current = 1').all(note.lineageId)).toEqual([
        { body: 'edited by b', version: 3 },
      ]);
    }
    expect(await b.call('sync.issues', {})).toEqual([]);
  });

  it('drops a customer that was reassigned away, and the new collector receives it with its history', async () => {
    const a = await client(DEMO_USERNAMES.collector);
    const p = await client(DEMO_USERNAMES.secondCollector);
    const customerId = firstCustomer(a);
    const activities = count(a, 'SELECT count(*) AS n FROM activities WHERE customer_id = ?', customerId);
    const db = server.h.testDb.db;
    const priya = await db.selectFrom('users').select('id').where('username', '=', DEMO_USERNAMES.secondCollector).executeTakeFirstOrThrow();
    await db.transaction().execute(async (trx) => {
      const { seq } = await trx
        .insertInto('change_log')
        .values({ entity: 'customers', entity_id: customerId, customer_id: customerId, op: 'upsert', at: server.h.clock.now().toISOString() })
        .returning('seq')
        .executeTakeFirstOrThrow();
      await trx.updateTable('customers').set({ collector_id: priya.id, updated_seq: seq }).where('id', '=', customerId).execute();
    });
    await a.workspace.engine?.syncOnce();
    await p.workspace.engine?.syncOnce();
    expect(count(a, 'SELECT count(*) AS n FROM customers WHERE id = ?', customerId)).toBe(0);
    expect(count(a, 'SELECT count(*) AS n FROM activities WHERE customer_id = ?', customerId)).toBe(0);
    expect(count(p, 'SELECT count(*) AS n FROM customers WHERE id = ?', customerId)).toBe(1);
    expect(count(p, 'SELECT count(*) AS n FROM activities WHERE customer_id = ?', customerId)).toBe(activities);
  });

  it('refuses to sign in as someone else while changes are unsent, and replaces the portfolio when told to', async () => {
    const a = await client(DEMO_USERNAMES.collector);
    await a.call('note.add', { customerId: firstCustomer(a), body: 'unsent' });
    await expect(a.call('sync.signIn', { serverUrl: server.url, username: DEMO_USERNAMES.secondCollector, password: 'ledgerline-demo' })).rejects.toThrow(
      /1 change not yet sent.*\(discardUnsynced\)/,
    );
    expect((await a.call('sync.status', {})).user?.username).toBe(DEMO_USERNAMES.collector);
    await a.call('sync.signIn', { serverUrl: server.url, username: DEMO_USERNAMES.secondCollector, password: 'ledgerline-demo', discardUnsynced: true });
    const status = await a.call('sync.status', {});
    expect(status).toMatchObject({ state: 'idle', pending: 0, user: { username: DEMO_USERNAMES.secondCollector } });
    const priya = await server.h.testDb.db.selectFrom('users').select('id').where('username', '=', DEMO_USERNAMES.secondCollector).executeTakeFirstOrThrow();
    expect(count(a, 'SELECT count(*) AS n FROM customers WHERE collector_id IS NOT ?', priya.id)).toBe(0);
  });

  it("shows a broken promise at once offline, then takes the server's verdict and its one follow-up with the next sync, so closing it syncs", async () => {
    const a = await client();
    const b = await client();
    const customerId = firstCustomer(a);
    const item = a.workspace.store.sqlite
      .prepare("SELECT id FROM open_items WHERE customer_id = ? AND open_minor > 0 AND kind = 'invoice' ORDER BY due_date LIMIT 1")
      .get(customerId) as { id: string };
    const promise = await a.call('promise.create', { customerId, itemIds: [item.id], promisedDate: '2026-03-03' });
    await a.workspace.engine?.syncOnce();
    await b.workspace.engine?.syncOnce();
    // A week later each desktop judges the promise itself on its first read: broken, provisionally, and nothing to push.
    for (const side of [a, b]) {
      side.clock.set('2026-03-09T09:00:00.000Z');
      await side.call('worklist.query', {});
      expect(side.workspace.store.sqlite.prepare('SELECT status FROM promises WHERE id = ?').get(promise.id)).toEqual({ status: 'broken' });
      expect(side.workspace.store.sqlite.prepare("SELECT count(*) AS n FROM follow_ups WHERE title LIKE 'Promise of 2026-03-03 broken%'").get()).toEqual({ n: 0 });
    }
    // The server's daily run decides and opens the follow-up, once; both desktops pull it.
    await evaluatePromisesOnServer(server.h.testDb.db, { asOf: '2026-03-09', now: '2026-03-09T00:10:00.000Z' });
    const followUpId = brokenPromiseFollowUpId(promise.id);
    for (const side of [a, b]) {
      expect(await side.workspace.engine?.syncOnce()).toMatchObject({ pending: 0, issues: 0 });
      expect(side.workspace.store.sqlite.prepare('SELECT status, evaluated_on FROM promises WHERE id = ?').get(promise.id)).toEqual({ status: 'broken', evaluated_on: '2026-03-09' });
      expect(side.workspace.store.sqlite.prepare('SELECT status, due_date FROM follow_ups WHERE id = ?').get(followUpId)).toEqual({ status: 'open', due_date: '2026-03-09' });
    }
    await a.call('followUp.complete', { followUpId, comment: 'called, new promise' });
    expect(await a.workspace.engine?.syncOnce()).toMatchObject({ pending: 0, issues: 0 });
    await b.workspace.engine?.syncOnce();
    expect(b.workspace.store.sqlite.prepare('SELECT status FROM follow_ups WHERE id = ?').get(followUpId)).toEqual({ status: 'done' });
  });

  it('says what is wrong with a sign-in, per field', async () => {
    const a = await openClient();
    clients.push(a);
    await expect(a.call('sync.signIn', { serverUrl: server.url, username: DEMO_USERNAMES.collector, password: 'wrong' })).rejects.toThrow(/validation .*\(password\)/);
    await expect(a.call('sync.signIn', { serverUrl: 'http://127.0.0.1:9', username: DEMO_USERNAMES.collector, password: 'x' })).rejects.toThrow(/cannot be reached.*\(serverUrl\)/);
    expect(await a.call('sync.status', {})).toMatchObject({ state: 'local_only', user: null });
  });
});
