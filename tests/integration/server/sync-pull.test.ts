import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignCustomers } from '../../../server/cli/admin-commands';
import { recordChange } from '../../../server/db/change-log';
import { decodeCursor } from '../../../server/sync/cursor';
import { pruneChangeLog } from '../../../server/sync/pull';
import { BACKENDS, POSTGRES_URL } from './support/backends';
import { syncHeaders, login, seedCustomer, seedTeam, seedUser, startHarness, type Harness } from './support/harness';
import { contactLog, pullAll, pullPage, TestClient } from './sync-client';

const seqOf = (cursor: string): number => {
  const decoded = decodeCursor(cursor);
  if (decoded === undefined) throw new Error(`undecodable cursor ${cursor}`);
  return decoded.k === 'd' ? decoded.s : decoded.h;
};

describe.each(BACKENDS)('sync pull on %s', (kind) => {
  let h: Harness;
  const ann = { id: '', username: '', token: '', customers: [] as { id: string; number: string }[] };
  const bob = { id: '', username: '', token: '', customers: [] as { id: string; number: string }[] };
  let annCursor = '';

  beforeAll(async () => {
    h = await startHarness(kind);
    const team = await seedTeam(h);
    for (const user of [ann, bob]) {
      const created = await seedUser(h, 'collector', team);
      user.id = created.id;
      user.username = created.username;
      user.token = (await login(h, created.username)).accessToken;
    }
    for (let i = 0; i < 3; i += 1) ann.customers.push(await seedCustomer(h, ann.id, team));
    for (let i = 0; i < 2; i += 1) bob.customers.push(await seedCustomer(h, bob.id, team));
  });
  afterAll(() => h.dispose());

  it('a first pull is a paged snapshot of exactly the caller’s portfolio', async () => {
    const { pages, changes, cursor } = await pullAll(h, ann.token, null, 2);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.every((page) => page.snapshot)).toBe(true);
    expect(pages.slice(0, -1).every((page) => page.hasMore && page.changes.length === 2)).toBe(true);
    const customers = changes.filter((c) => c.entity === 'customers').map((c) => c.id);
    expect(customers.sort()).toEqual(ann.customers.map((c) => c.id).sort());
    expect(changes.every((c) => c.op === 'upsert' && ann.customers.some((own) => own.id === c.customerId))).toBe(true);
    // The first page announces how many changes the snapshot holds, for a progress percent.
    expect(pages[0]?.snapshotTotal).toBe(changes.length);
    expect(pages.slice(1).map((page) => page.snapshotTotal)).toEqual(pages.slice(1).map(() => undefined));
    annCursor = cursor;
    // Nothing changed since: the next pull is an empty delta with the same position.
    const again = await pullPage(h, ann.token, cursor);
    expect(again).toMatchObject({ changes: [], hasMore: false, snapshot: false });
    expect(again.snapshotTotal).toBeUndefined();
    expect(seqOf(again.cursor)).toBe(seqOf(cursor));
  });

  it('pages deltas with a monotonic cursor and never hands out another portfolio’s rows', async () => {
    const annClient = new TestClient(h, ann.token);
    const bobClient = new TestClient(h, bob.token);
    const annMutations = [0, 1, 2, 0, 1].map((i) => annClient.make('contact.log', contactLog(ann.customers[i]?.id ?? '', `ann ${i}`)));
    const bobMutations = [0, 1].map((i) => bobClient.make('contact.log', contactLog(bob.customers[i]?.id ?? '', `bob ${i}`)));
    expect((await annClient.pushOk(annMutations)).map((r) => r.status)).toEqual(Array(5).fill('applied'));
    expect((await bobClient.pushOk(bobMutations)).map((r) => r.status)).toEqual(['applied', 'applied']);

    const { pages, changes, cursor } = await pullAll(h, ann.token, annCursor, 2);
    expect(pages.length).toBe(3);
    const seqs = [annCursor, ...pages.map((page) => page.cursor)].map(seqOf);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    const activities = changes.filter((c) => c.entity === 'activities');
    expect(activities.map((c) => c.row?.note).sort()).toEqual(['ann 0', 'ann 0', 'ann 1', 'ann 1', 'ann 2']);
    expect(changes.some((c) => bob.customers.some((own) => own.id === c.customerId))).toBe(false);
    expect(activities.every((c) => c.row?.version === 1 && typeof c.row.updated_seq === 'number')).toBe(true);
    annCursor = cursor;
  });

  it('a customer reassigned away is removed for the old owner and arrives whole at the new one', async () => {
    const moved = ann.customers[0];
    if (moved === undefined) throw new Error('no customer');
    const bobBefore = (await pullAll(h, bob.token, null)).cursor;
    await assignCustomers(h.testDb.db, h.clock, bob.username, [moved.number]);

    const annDelta = await pullAll(h, ann.token, annCursor);
    expect(annDelta.changes).toEqual([{ op: 'remove', entity: 'customers', id: moved.id, customerId: moved.id, row: null }]);
    annCursor = annDelta.cursor;

    const bobDelta = await pullAll(h, bob.token, bobBefore);
    const received = bobDelta.changes.filter((c) => c.customerId === moved.id);
    expect(received[0]).toMatchObject({ op: 'upsert', entity: 'customers', id: moved.id });
    expect(received.filter((c) => c.entity === 'activities').map((c) => c.row?.note).sort()).toEqual(['ann 0', 'ann 0']);

    // Ann can no longer write to it either.
    const annClient = new TestClient(h, ann.token);
    const [result] = await annClient.pushOk([annClient.make('note.add', { customerId: moved.id, body: 'too late' })]);
    expect(result?.error?.code).toBe('forbidden');
  });

  it('a cursor older than the retained log gets a snapshot', async () => {
    const old = annCursor;
    const annClient = new TestClient(h, ann.token);
    await annClient.pushOk([annClient.make('note.add', { customerId: ann.customers[1]?.id ?? '', body: 'pruned from the log' })]);
    const latest = await h.testDb.db.selectFrom('change_log').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirstOrThrow();
    await pruneChangeLog(h.testDb.db, latest.seq);
    const page = await pullPage(h, ann.token, old, 5000);
    expect(page.snapshot).toBe(true);
    expect(page.hasMore).toBe(false);
    const customers = page.changes.filter((c) => c.entity === 'customers').map((c) => c.id).sort();
    expect(customers).toEqual(ann.customers.slice(1).map((c) => c.id).sort());
    expect(page.changes.some((c) => c.entity === 'notes' && c.row?.body === 'pruned from the log')).toBe(true);
    // A cursor at the prune point is still served as a delta.
    expect((await pullPage(h, ann.token, page.cursor)).snapshot).toBe(false);
  });

  it('refuses a cursor it did not hand out and a malformed request', async () => {
    const forged = await h.app.inject({ method: 'POST', url: '/v1/sync/pull', headers: syncHeaders(ann.token), payload: { cursor: 'not-a-cursor', limit: 10 } });
    expect(forged.statusCode).toBe(400);
    expect(forged.json()).toMatchObject({ error: { code: 'validation', field: 'cursor' } });
    const tooMany = await h.app.inject({ method: 'POST', url: '/v1/sync/pull', headers: syncHeaders(ann.token), payload: { cursor: null, limit: 10_000 } });
    expect(tooMany.statusCode).toBe(400);
    const anonymous = await h.app.inject({ method: 'POST', url: '/v1/sync/pull', payload: { cursor: null } });
    expect(anonymous.statusCode).toBe(401);
  });

  // PGlite serves one connection at a time, so concurrent writers exist only on PostgreSQL.
  if (kind === 'postgres') {
    it('a writer that logged a change holds back later writers until it commits', async () => {
      const customerId = ann.customers[1]?.id ?? '';
      const connect = async () => {
        const client = new pg.Client({ connectionString: POSTGRES_URL, options: `-c search_path=${h.testDb.schema}` });
        await client.connect();
        return client;
      };
      const first = await connect();
      const second = await connect();
      try {
        const insert = `INSERT INTO change_log (entity, entity_id, customer_id, op) VALUES ('notes', $1, $2, 'upsert') RETURNING seq`;
        await first.query('BEGIN');
        const a = await first.query<{ seq: string }>(insert, ['early', customerId]);
        await second.query('BEGIN');
        let secondDone = false;
        const b = second.query<{ seq: string }>(insert, ['late', customerId]).then((result) => {
          secondDone = true;
          return result;
        });
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(secondDone).toBe(false);
        await first.query('COMMIT');
        const late = await b;
        await second.query('COMMIT');
        expect(Number(late.rows[0]?.seq)).toBeGreaterThan(Number(a.rows[0]?.seq));
      } finally {
        await first.end();
        await second.end();
      }
    });
  }

  it('the ordering trigger hands out increasing seqs within one transaction too', async () => {
    const customerId = ann.customers[1]?.id ?? '';
    const at = h.clock.now().toISOString();
    const seqs = await h.testDb.db.transaction().execute(async (trx) => {
      const drawn: number[] = [];
      for (const entityId of ['a', 'b', 'c']) drawn.push(await recordChange(trx, { entity: 'notes', entityId, customerId, op: 'upsert' }, at));
      return drawn;
    });
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(3);
    const stored = await h.testDb.db.selectFrom('change_log').select('seq').where('entity_id', 'in', ['a', 'b', 'c']).orderBy('seq').execute();
    expect(stored.map((row) => row.seq)).toEqual(seqs);
  });
});
