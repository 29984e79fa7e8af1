/**
 * Sync under faults (issue 5, "Tests"): requests duplicated and replayed out of order, a client
 * crash between push and acknowledgement, connections cut mid-pull, the access token expiring
 * mid-sync, a client clock a day off, and the server process killed mid-push or restarted. After
 * each: nothing lost, nothing doubled — every typed mutation is recorded once on the server (or
 * kept in the client's sync issues), and the client's local rows equal the server's for its scope.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import type { ServerDatabase } from '../../../server/db/schema';
import { DEMO_PASSWORD, DEMO_USERNAMES } from '../../../server/demo/credentials';
import { readSyncValue, SYNC_KEYS } from '../../../db/sync/sync-state';
import { BACKENDS } from '../server/support/backends';
import { NOW, openClient, signedInClient, startSyncServer, STILL_TIMING, type SyncServer, type TestClient } from './support';
import { accountFor, scopeDifferences, TypedLedger } from './support-compare';
import { bodyOf, hookedFetch, isPush, type HookedFetch } from './support-fetch';
import { startServerProcess, type ServerProcess } from './support-process';
import { startCuttingProxy } from './support-proxy';

const DAY_MS = 86_400_000;
const ACCESS_TOKEN_LIFETIME_MS = 15 * 60_000;

const shiftIso = (iso: string, ms: number): string => new Date(Date.parse(iso) + ms).toISOString();

/** A client under test with the mutations it typed, remembered before each sync. */
class Tracked {
  readonly ledger = new TypedLedger();
  constructor(
    public client: TestClient,
    readonly net: HookedFetch | null = null,
  ) {}

  get sqlite() {
    return this.client.workspace.store.sqlite;
  }

  async sync() {
    this.ledger.record(this.sqlite);
    const status = await this.client.workspace.engine?.syncOnce();
    if (status === undefined) throw new Error('the workspace has no sync engine');
    return status;
  }

  customers(): string[] {
    return this.sqlite
      .prepare<[], { id: string }>('SELECT id FROM customers ORDER BY number')
      .all()
      .map((row) => row.id);
  }

  async addNotes(count: number, tag: string): Promise<string[]> {
    const customers = this.customers();
    const bodies: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const body = `${tag} #${String(i)}`;
      await this.client.call('note.add', { customerId: customers[i % customers.length] ?? '', body });
      bodies.push(body);
    }
    return bodies;
  }
}

async function userId(db: Kysely<ServerDatabase>, username: string): Promise<string> {
  return (await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}

/** How many notes on the server carry each body: 1 each means nothing lost and nothing doubled. */
async function serverNoteCounts(db: Kysely<ServerDatabase>, bodies: readonly string[]): Promise<number[]> {
  const rows = await db.selectFrom('notes').select('body').where('body', 'in', bodies).execute();
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.body, (counts.get(row.body) ?? 0) + 1);
  return bodies.map((body) => counts.get(body) ?? 0);
}

/** Nothing lost, nothing doubled: every typed mutation applied once, and the local copy equals the server's scope. */
async function expectConverged(db: Kysely<ServerDatabase>, me: string, tracked: Tracked, rejected = 0): Promise<void> {
  const accounting = await accountFor(db, tracked.sqlite, tracked.ledger.all());
  expect(accounting.problems).toEqual([]);
  expect(accounting.rejected).toBe(rejected);
  expect(await scopeDifferences(db, me, tracked.sqlite)).toEqual([]);
}

/**
 * Waits until a transaction of the server holds the change-log ordering lock (migration 003: a
 * push takes it with its first logged change and keeps it until it commits), so a kill then
 * lands in the middle of the push; false when none was seen within the wait.
 */
async function changeLogLockTaken(db: Kysely<ServerDatabase>, waitMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_locks l JOIN pg_database d ON d.oid = l.database
      WHERE l.locktype = 'advisory' AND l.granted AND d.datname = current_database()`.execute(db);
    if ((rows[0]?.n ?? 0) > 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return false;
}

describe.each(BACKENDS)('sync faults on %s', (kind) => {
  let server: SyncServer;
  let me: string;
  const opened: TestClient[] = [];
  const db = (): Kysely<ServerDatabase> => server.h.testDb.db;

  const track = async (options: { fetch?: HookedFetch; clock?: string; url?: string; pullLimit?: number } = {}): Promise<Tracked> => {
    const client = await signedInClient({ ...server, url: options.url ?? server.url }, DEMO_USERNAMES.collector, {
      timing: { ...STILL_TIMING, ...(options.pullLimit === undefined ? {} : { pullLimit: options.pullLimit }) },
      ...(options.fetch === undefined ? {} : { fetch: options.fetch.fetch }),
      ...(options.clock === undefined ? {} : { clock: options.clock }),
    });
    opened.push(client);
    return new Tracked(client, options.fetch ?? null);
  };

  beforeAll(async () => {
    server = await startSyncServer(kind);
    me = await userId(db(), DEMO_USERNAMES.collector);
  });
  afterAll(async () => {
    for (const client of opened.splice(0)) await client.close();
    await server.dispose();
  });

  it('applies nothing twice when a push is sent twice at once, an old push is replayed after a newer one, or all are replayed reordered', async () => {
    const net = hookedFetch();
    const a = await track({ fetch: net });
    const first = await a.addNotes(4, 'sent twice');
    let answers: unknown[] = [];
    net.hook = async (request, send) => {
      if (!isPush(request)) return send();
      const [one, two] = await Promise.all([send(), send()]);
      answers = [await one.clone().json(), await two.clone().json()];
      return two;
    };
    expect(await a.sync()).toMatchObject({ state: 'idle', pending: 0, issues: 0 });
    const statuses = answers.flatMap((answer) => (answer as { results: { status: string }[] }).results.map((result) => result.status)).sort();
    expect(statuses).toEqual([...Array<string>(4).fill('applied'), ...Array<string>(4).fill('duplicate')]);

    net.hook = null;
    const second = await a.addNotes(3, 'newer push');
    await a.client.call('contact.log', { customerId: a.customers()[0] ?? '', channel: 'phone', outcome: 'no_answer', note: 'newer push call', followUpDate: '2026-03-10' });
    expect(await a.sync()).toMatchObject({ state: 'idle', pending: 0 });

    const pushes = net.sent.filter(isPush);
    const older = pushes[0];
    const newer = pushes.at(-1);
    if (older === undefined || newer === undefined || older === newer) throw new Error('expected two pushes');
    const replayed = (await (await net.replay(older)).json()) as { results: { status: string; original?: string }[]; lastAppliedSeq: number };
    expect(replayed.results.map((result) => [result.status, result.original])).toEqual(Array(4).fill(['duplicate', 'applied']));
    expect(replayed.lastAppliedSeq).toBe(8);

    const everything = [older, newer].flatMap((request) => (JSON.parse(bodyOf(request)) as { mutations: unknown[] }).mutations);
    const { clientId } = JSON.parse(bodyOf(newer)) as { clientId: string };
    const reordered = await net.replay({ ...newer, init: { ...newer.init, body: JSON.stringify({ clientId, mutations: everything.reverse() }) } });
    expect(reordered.status).toBe(200);
    const reorderedBody = (await reordered.json()) as { results: { status: string }[] };
    expect(reorderedBody.results.map((result) => result.status)).toEqual(Array(8).fill('duplicate'));

    expect(await serverNoteCounts(db(), [...first, ...second])).toEqual(Array(7).fill(1));
    expect(await a.sync()).toMatchObject({ state: 'idle', pending: 0, issues: 0 });
    await expectConverged(db(), me, a);
  });

  it('sends the same mutations again after a crash between push and acknowledgement: duplicates, not doubles, and a refusal kept', async () => {
    const net = hookedFetch();
    const a = await track({ fetch: net });
    const b = await track();
    const customerId = a.customers()[1] ?? '';
    const contested = await a.client.call('followUp.create', { customerId, dueDate: '2026-03-13', title: 'closed by both' });
    await a.sync();
    await b.sync();
    const bodies = await a.addNotes(5, 'crash before ack');
    await a.client.call('contact.log', { customerId, channel: 'email', outcome: 'call_back_later', note: 'crash before ack call', followUpDate: '2026-03-11' });
    await a.client.call('followUp.create', { customerId, dueDate: '2026-03-12', title: 'crash before ack follow-up' });
    await a.client.call('followUp.complete', { followUpId: contested.id, comment: 'done by a' });
    await b.client.call('followUp.cancel', { followUpId: contested.id, comment: 'cancelled by b first' });
    expect(await b.sync()).toMatchObject({ state: 'idle', pending: 0 });
    net.hook = async (request, send) => {
      if (!isPush(request)) return send();
      await (await send()).text();
      throw new TypeError('the client process died before it read the answer');
    };
    expect(await a.sync()).toMatchObject({ state: 'offline', pending: 8, issues: 0 });
    expect(await serverNoteCounts(db(), bodies)).toEqual(Array(5).fill(1));

    const { dir, vault } = a.client;
    await a.client.close();
    const reopenedNet = hookedFetch();
    const answers: { results: { status: string; original?: string; error?: { code: string } }[] }[] = [];
    reopenedNet.hook = async (request, send) => {
      const response = await send();
      if (isPush(request)) answers.push((await response.clone().json()) as (typeof answers)[number]);
      return response;
    };
    a.client = await openClient({ dir, vault, fetch: reopenedNet.fetch });
    opened.push(a.client);
    expect(await a.sync()).toMatchObject({ state: 'idle', pending: 0, issues: 1 });
    const results = answers.flatMap((answer) => answer.results);
    expect(results.map((result) => [result.status, result.original])).toEqual([...Array<unknown>(7).fill(['duplicate', 'applied']), ['duplicate', 'rejected']]);
    expect(results.at(-1)?.error?.code).toBe('conflict');
    const [issue] = await a.client.call('sync.issues', {});
    expect(issue).toMatchObject({ name: 'followUp.complete', args: { followUpId: contested.id, comment: 'done by a' }, error: { code: 'conflict' } });
    expect(await serverNoteCounts(db(), bodies)).toEqual(Array(5).fill(1));
    expect(a.sqlite.prepare("SELECT count(*) AS n FROM follow_ups WHERE title = 'crash before ack follow-up'").get()).toEqual({ n: 1 });
    expect(a.sqlite.prepare('SELECT status FROM follow_ups WHERE id = ?').get(contested.id)).toEqual({ status: 'cancelled' });
    await expectConverged(db(), me, a, 1);
    expect(await b.sync()).toMatchObject({ state: 'idle', pending: 0 });
    await expectConverged(db(), me, b);
  });

  it('reports offline when a pull is cut off mid-answer, keeps the cursor of the pages it applied, and completes on the next cycle', async () => {
    const { port } = new URL(server.url);
    const proxy = await startCuttingProxy(Number(port));
    try {
      // The first sync (a snapshot) is cut on its third page.
      proxy.arm({ request: 'POST /v1/sync/pull', skip: 2, afterBytes: 2_000 });
      const a = await track({ url: proxy.url, pullLimit: 250 });
      expect(proxy.cuts).toBe(1);
      const cutStatus = await a.client.call('sync.status', {});
      expect(cutStatus).toMatchObject({ state: 'offline', lastSyncAt: null });
      expect(cutStatus.error).not.toBeNull();
      const keptCursor = readSyncValue(a.sqlite, SYNC_KEYS.cursor);
      expect(keptCursor).not.toBeNull();
      expect(readSyncValue(a.sqlite, SYNC_KEYS.snapshotActive)).toBe('1');
      expect(await a.sync()).toMatchObject({ state: 'idle', error: null });
      await expectConverged(db(), me, a);

      // Incremental pulls: another client's 400 notes arrive in pages of 250, the second one cut.
      const writer = await track();
      const bodies = await writer.addNotes(400, 'cut pull');
      expect(await writer.sync()).toMatchObject({ state: 'idle', pending: 0 });
      const before = readSyncValue(a.sqlite, SYNC_KEYS.cursor);
      proxy.arm({ request: 'POST /v1/sync/pull', skip: 1, afterBytes: 1_000 });
      expect(await a.sync()).toMatchObject({ state: 'offline' });
      expect(proxy.cuts).toBe(2);
      const afterCut = readSyncValue(a.sqlite, SYNC_KEYS.cursor);
      expect(afterCut).not.toBe(before);
      const arrived = (a.sqlite.prepare("SELECT count(*) AS n FROM notes WHERE body LIKE 'cut pull #%'").get() as { n: number }).n;
      expect(arrived).toBe(250);
      expect(await a.sync()).toMatchObject({ state: 'idle', error: null });
      expect(a.sqlite.prepare("SELECT count(*) AS n FROM notes WHERE body LIKE 'cut pull #%'").get()).toEqual({ n: bodies.length });
      await expectConverged(db(), me, a);
      await expectConverged(db(), me, writer);
    } finally {
      await proxy.close();
    }
  });

  it('keeps the outbox when the connection drops in the middle of a push answer, and the resend applies nothing twice', async () => {
    const { port } = new URL(server.url);
    const proxy = await startCuttingProxy(Number(port));
    try {
      const a = await track({ url: proxy.url });
      const bodies = await a.addNotes(30, 'push answer cut');
      proxy.arm({ request: 'POST /v1/sync/push', skip: 0, afterBytes: 200 });
      expect(await a.sync()).toMatchObject({ state: 'offline', pending: 30 });
      expect(proxy.cuts).toBe(1);
      expect(await serverNoteCounts(db(), bodies)).toEqual(Array(30).fill(1));
      expect(await a.sync()).toMatchObject({ state: 'idle', pending: 0, issues: 0, error: null });
      expect(await serverNoteCounts(db(), bodies)).toEqual(Array(30).fill(1));
      await expectConverged(db(), me, a);
    } finally {
      await proxy.close();
    }
  });

  it('keeps a note edit typed while a pull is in flight on top of the pulled version, then converges through the conflict', async () => {
    const net = hookedFetch();
    const a = await track({ fetch: net });
    const b = await track();
    const customerId = a.customers()[3] ?? '';
    const note = await a.client.call('note.add', { customerId, body: 'typed before the race' });
    await a.sync();
    await b.sync();
    await b.client.call('note.edit', { noteId: note.id, body: 'edited by b, pushed first' });
    expect(await b.sync()).toMatchObject({ state: 'idle', pending: 0 });
    let typedDuringPull = false;
    net.hook = async (request, send) => {
      if (request.path === '/v1/sync/pull' && !typedDuringPull) {
        typedDuringPull = true;
        await a.client.call('note.edit', { noteId: note.id, body: 'edited by a while the pull was on its way' });
      }
      return send();
    };
    a.ledger.record(a.sqlite);
    expect(await a.sync()).toMatchObject({ state: 'idle', pending: 1 });
    a.ledger.record(a.sqlite);
    expect(a.sqlite.prepare('SELECT body FROM notes WHERE lineage_id = ? AND is_current = 1').all(note.lineageId)).toEqual([
      { body: 'edited by a while the pull was on its way' },
    ]);
    net.hook = null;
    expect(await a.sync()).toMatchObject({ state: 'idle', pending: 0, issues: 1 });
    const [issue] = await a.client.call('sync.issues', {});
    expect(issue).toMatchObject({ name: 'note.edit', args: { noteId: note.id, body: 'edited by a while the pull was on its way' }, error: { code: 'conflict' } });
    expect(a.sqlite.prepare('SELECT body FROM notes WHERE lineage_id = ? AND is_current = 1').all(note.lineageId)).toEqual([{ body: 'edited by b, pushed first' }]);
    await expectConverged(db(), me, a, 1);
  });

  it('refreshes the session when the access token expires between push and pull, and completes the sync', async () => {
    const net = hookedFetch();
    const a = await track({ fetch: net });
    const bodies = await a.addNotes(3, 'token expiry');
    const answered: string[] = [];
    net.hook = async (request, send) => {
      const response = await send();
      answered.push(`${request.path} ${String(response.status)}`);
      if (isPush(request)) server.h.clock.set(shiftIso(server.h.clock.now().toISOString(), ACCESS_TOKEN_LIFETIME_MS + 60_000));
      return response;
    };
    expect(await a.sync()).toMatchObject({ state: 'idle', pending: 0, issues: 0, error: null });
    expect(answered).toEqual(['/v1/directory 200', '/v1/sync/push 200', '/v1/sync/pull 401', '/v1/auth/refresh 200', '/v1/sync/pull 200']);
    expect(await serverNoteCounts(db(), bodies)).toEqual([1, 1, 1]);
    await expectConverged(db(), me, a);
  });

  /**
   * A client with two unsent notes whose access token has expired; its refresh reaches the server
   * (which rotates the token) but the answer is lost, so the sync ends offline with the old token kept.
   */
  const loseRefreshAnswer = async (label: string) => {
    const net = hookedFetch();
    const a = await track({ fetch: net });
    const bodies = await a.addNotes(2, label);
    server.h.clock.set(shiftIso(server.h.clock.now().toISOString(), ACCESS_TOKEN_LIFETIME_MS + 60_000));
    net.hook = async (request, send) => {
      if (request.path !== '/v1/auth/refresh') return send();
      await (await send()).text();
      throw new TypeError('the connection dropped before the new session arrived');
    };
    expect(await a.sync()).toMatchObject({ state: 'offline', pending: 2 });
    net.hook = null;
    return { a, bodies };
  };

  it('survives a lost refresh answer: the spent token is taken as a retry within a minute, and everything is sent once', async () => {
    const { a, bodies } = await loseRefreshAnswer('lost refresh');
    // The server rotated the refresh token the client never received; presented again at once, the
    // old token is a retry, not a copy.
    expect(await a.sync()).toMatchObject({ state: 'idle', pending: 0, issues: 0 });
    expect(await serverNoteCounts(db(), bodies)).toEqual([1, 1]);
    await expectConverged(db(), me, a);
  });

  it('signs out when a rotated token comes back after the retry minute, keeping the outbox for the next sign-in', async () => {
    const { a, bodies } = await loseRefreshAnswer('late refresh');
    server.h.clock.set(shiftIso(server.h.clock.now().toISOString(), 2 * 60_000));
    // Long after its rotation, the old token counts as copied: the whole session ends.
    expect(await a.sync()).toMatchObject({ state: 'signed_out', pending: 2 });
    expect(await serverNoteCounts(db(), bodies)).toEqual([0, 0]);
    await a.client.call('sync.signIn', { serverUrl: server.url, username: DEMO_USERNAMES.collector, password: DEMO_PASSWORD });
    expect(await a.client.call('sync.status', {})).toMatchObject({ state: 'idle', pending: 0, issues: 0 });
    expect(await serverNoteCounts(db(), bodies)).toEqual([1, 1]);
    await expectConverged(db(), me, a);
  });

  it.each([
    ['a day behind', -DAY_MS],
    ['a day ahead', DAY_MS],
  ])('syncs work typed on a client clock %s; dates are judged by the day it was typed, timestamps are when it was typed but never in the server’s future', async (_label, skew) => {
    const clientNow = shiftIso(NOW, skew);
    const clientToday = clientNow.slice(0, 10);
    const a = await track({ clock: clientNow });
    const customerId = a.customers()[2] ?? '';
    const followUp = await a.client.call('followUp.create', { customerId, dueDate: clientToday, title: `due on the client's today ${clientToday}` });
    const logged = await a.client.call('contact.log', { customerId, channel: 'phone', outcome: 'call_back_later', note: `skewed ${clientToday}`, followUpDate: clientToday });
    expect(await a.sync()).toMatchObject({ state: 'idle', pending: 0, issues: 0 });
    const onServer = await db().selectFrom('follow_ups').select(['due_date', 'created_at']).where('id', '=', followUp.id).executeTakeFirstOrThrow();
    expect(onServer.due_date).toBe(clientToday);
    const serverNow = server.h.clock.now().toISOString();
    const typedAt = skew < 0 ? clientNow : serverNow;
    expect(onServer.created_at).toBe(typedAt);
    const activity = await db().selectFrom('activities').select('occurred_at').where('id', '=', logged.activityId).executeTakeFirstOrThrow();
    expect(activity.occurred_at).toBe(typedAt);
    await expectConverged(db(), me, a);
  });

  it('judges dates by the day a change was typed, never later than the server’s today: Monday’s work pushed on Wednesday holds, a clock ahead costs nothing', async () => {
    const net = hookedFetch();
    const a = await track({ fetch: net });
    const customerId = a.customers()[4] ?? '';
    const monday = NOW.slice(0, 10);
    const typedMonday = await a.client.call('followUp.create', { customerId, dueDate: monday, title: 'typed offline on Monday, due Monday' });
    const ahead = await a.client.call('followUp.create', { customerId, dueDate: '2026-03-09', title: 'claims Friday, due Wednesday' });
    const past = await a.client.call('followUp.create', { customerId, dueDate: '2026-03-09', title: 'claims Monday, due Sunday' });
    // Wednesday on the server. The engine's request is rewritten as a client with other clocks would send it.
    server.h.clock.set(shiftIso(server.h.clock.now().toISOString(), 2 * DAY_MS));
    const rewrites: Readonly<Record<string, { createdAt: string; dueDate: string }>> = {
      'claims Friday, due Wednesday': { createdAt: shiftIso(NOW, 4 * DAY_MS), dueDate: '2026-03-04' },
      'claims Monday, due Sunday': { createdAt: NOW, dueDate: '2026-03-01' },
    };
    net.hook = (request, send) => {
      if (!isPush(request)) return send();
      const body = JSON.parse(bodyOf(request)) as { mutations: { createdAt: string; args: Record<string, unknown> }[] };
      for (const mutation of body.mutations) {
        const rewrite = rewrites[String(mutation.args.title)];
        if (rewrite === undefined) continue;
        mutation.createdAt = rewrite.createdAt;
        mutation.args.dueDate = rewrite.dueDate;
      }
      return net.replay({ ...request, init: { ...request.init, body: JSON.stringify(body) } });
    };
    expect(await a.sync()).toMatchObject({ state: 'idle', pending: 0, issues: 1 });
    const dueOnServer = async (id: string) => (await db().selectFrom('follow_ups').select('due_date').where('id', '=', id).executeTakeFirst())?.due_date;
    expect(await dueOnServer(typedMonday.id)).toBe(monday);
    expect(await dueOnServer(ahead.id)).toBe('2026-03-04');
    expect(await dueOnServer(past.id)).toBeUndefined();
    const [issue] = await a.client.call('sync.issues', {});
    expect(issue).toMatchObject({ name: 'followUp.create', args: { title: 'claims Monday, due Sunday' }, error: { code: 'validation', field: 'args.dueDate' } });
    await expectConverged(db(), me, a, 1);
  });
});

describe('sync faults with the server as a real process (PostgreSQL)', () => {
  let proc: ServerProcess;
  let me: string;
  const opened: TestClient[] = [];
  const track = async (fetch?: HookedFetch): Promise<Tracked> => {
    const client = await signedInClient(proc, DEMO_USERNAMES.collector, { ...(fetch === undefined ? {} : { fetch: fetch.fetch }) });
    opened.push(client);
    return new Tracked(client, fetch ?? null);
  };

  beforeAll(async () => {
    proc = await startServerProcess();
    me = await userId(proc.db, DEMO_USERNAMES.collector);
  });
  afterAll(async () => {
    for (const client of opened.splice(0)) await client.close();
    await proc.dispose();
  });

  it('loses and doubles nothing when the server process is killed (SIGKILL) with a push of 1,000 in flight', async () => {
    const net = hookedFetch();
    const a = await track(net);
    const bodies = await a.addNotes(1_000, 'killed mid-push');
    let killed = false;
    let holdingLock = false;
    net.hook = async (request, send) => {
      if (!isPush(request) || killed) return send();
      killed = true;
      const inFlight = send();
      // The engine reads the outcome; until then the failure must not count as unhandled.
      inFlight.catch(() => undefined);
      holdingLock = await changeLogLockTaken(proc.db);
      await proc.kill();
      return inFlight;
    };
    const afterKill = await a.sync();
    expect(killed).toBe(true);
    expect(holdingLock).toBe(true);
    expect(afterKill).toMatchObject({ state: 'offline' });
    // One transaction per request: the killed push landed whole or not at all.
    const landed = (await serverNoteCounts(proc.db, bodies)).reduce((sum, n) => sum + n, 0);
    expect([0, 500]).toContain(landed);
    expect(afterKill.pending).toBe(1_000);

    await proc.start();
    net.hook = null;
    expect(await a.sync()).toMatchObject({ state: 'idle', pending: 0, issues: 0 });
    expect(await serverNoteCounts(proc.db, bodies)).toEqual(Array(1_000).fill(1));
    await expectConverged(proc.db, me, a);
  }, 240_000);

  it('carries on across a server restart on the same database between two syncs, and a sync while it is down keeps the outbox', async () => {
    const a = await track();
    const b = await track();
    const before = await a.addNotes(5, 'before restart');
    expect(await a.sync()).toMatchObject({ state: 'idle', pending: 0 });

    await proc.stop();
    const during = await a.addNotes(3, 'while down');
    expect(await a.sync()).toMatchObject({ state: 'offline', pending: 3 });
    await proc.start();
    const after = await a.addNotes(2, 'after restart');
    expect(await a.sync()).toMatchObject({ state: 'idle', pending: 0, issues: 0 });
    expect(await b.sync()).toMatchObject({ state: 'idle', pending: 0 });

    expect(await serverNoteCounts(proc.db, [...before, ...during, ...after])).toEqual(Array(10).fill(1));
    for (const side of [a, b]) await expectConverged(proc.db, me, side);
  }, 120_000);
});
