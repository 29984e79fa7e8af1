import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change, PullResponse } from '../../../shared/sync/protocol';
import { MAX_RESYNC_CUSTOMERS, SYNC_ENTITIES } from '../../../shared/sync/protocol';
import { BACKENDS } from './support/backends';
import { syncHeaders, login, seedCustomer, seedTeam, seedUser, startHarness, type Harness } from './support/harness';
import { contactLog, pullAll, seedItem, TestClient } from './sync-client';

describe.each(BACKENDS)('sync pull with resync on %s', (kind) => {
  let h: Harness;
  let annToken = '';
  let own = { id: '', number: '' };
  let second = { id: '', number: '' };
  let foreign = { id: '', number: '' };
  let cursor = '';

  const pull = async (payload: Record<string, unknown>): Promise<PullResponse> => {
    const response = await h.app.inject({ method: 'POST', url: '/v1/sync/pull', headers: syncHeaders(annToken), payload });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<PullResponse>();
  };

  /** Every row the server holds for a customer, as entity/id keys in pull order. */
  const rowsOf = async (customerId: string): Promise<string[]> => {
    const keys: string[] = [];
    for (const entity of SYNC_ENTITIES) {
      const owner = entity === 'customers' ? 'id' : 'customer_id';
      const rows = await h.testDb.db.selectFrom(entity).select('id').where(owner, '=', customerId).orderBy('id').execute();
      keys.push(...rows.map((row) => `${entity}/${row.id}`));
    }
    return keys;
  };
  const keysOf = (changes: readonly Change[]) => changes.map((change) => `${change.entity}/${change.id}`);

  beforeAll(async () => {
    h = await startHarness(kind);
    const team = await seedTeam(h);
    const ann = await seedUser(h, 'collector', team);
    const bob = await seedUser(h, 'collector', team);
    annToken = (await login(h, ann.username)).accessToken;
    own = await seedCustomer(h, ann.id, team);
    second = await seedCustomer(h, ann.id, team);
    foreign = await seedCustomer(h, bob.id, team);
    await seedItem(h, own.id, 10_000);
    await seedItem(h, own.id, 20_000);
    await seedItem(h, foreign.id, 30_000);
    const client = new TestClient(h, annToken);
    await client.pushOk([client.make('contact.log', contactLog(own.id, 'first')), client.make('note.add', { customerId: own.id, body: 'a note' })]);
    cursor = (await pullAll(h, annToken, null)).cursor;
  });
  afterAll(() => h.dispose());

  it('starts the page with every row of a customer in scope, parents first, then the normal (empty) delta', async () => {
    const page = await pull({ cursor, resync: [own.id] });
    expect(page.snapshot).toBe(false);
    expect(page.hasMore).toBe(false);
    expect(keysOf(page.changes)).toEqual(await rowsOf(own.id));
    expect(page.changes[0]).toMatchObject({ op: 'upsert', entity: 'customers', id: own.id, customerId: own.id });
    const entities = page.changes.map((change) => SYNC_ENTITIES.indexOf(change.entity));
    expect(entities).toEqual([...entities].sort((a, b) => a - b));
    expect(page.changes.every((change) => change.op === 'upsert' && change.customerId === own.id)).toBe(true);
    // Nothing changed: the cursor stays where it was.
    expect(page.cursor).toBe(cursor);
  });

  it('answers a removal for a customer out of scope and for an unknown id, revealing no rows', async () => {
    const unknown = uuidv7();
    const page = await pull({ cursor, resync: [foreign.id, unknown] });
    expect(page.changes).toEqual([
      { op: 'remove', entity: 'customers', id: foreign.id, customerId: foreign.id, row: null },
      { op: 'remove', entity: 'customers', id: unknown, customerId: unknown, row: null },
    ]);
  });

  it('puts removals first, then the customers in scope, then the normal page, on every page the client asks it for', async () => {
    const client = new TestClient(h, annToken);
    await client.pushOk(['one', 'two', 'three'].map((note) => client.make('contact.log', contactLog(second.id, note))));
    const page = await pull({ cursor, limit: 2, resync: [own.id, foreign.id] });
    expect(page.hasMore).toBe(true);
    const ownRows = await rowsOf(own.id);
    expect(keysOf(page.changes).slice(0, 1 + ownRows.length)).toEqual([`customers/${foreign.id}`, ...ownRows]);
    const rest = page.changes.slice(1 + ownRows.length);
    expect(rest.map((change) => change.row?.note)).toEqual(['one', 'two']);
    // The next page is a plain delta again unless the client asks once more.
    const next = await pull({ cursor: page.cursor, limit: 2 });
    expect(next.changes.map((change) => change.row?.note)).toEqual(['three']);
    expect(next.hasMore).toBe(false);
  });

  it('is ignored by a snapshot, which sends everything in scope anyway', async () => {
    const plain = await pull({ cursor: null, limit: 5000 });
    const withResync = await pull({ cursor: null, limit: 5000, resync: [own.id, foreign.id] });
    expect(withResync.snapshot).toBe(true);
    expect(withResync.changes).toEqual(plain.changes);
  });

  it('refuses a malformed list, naming the field', async () => {
    const cases = [[own.id, own.id], ['not-a-uuid'], Array.from({ length: MAX_RESYNC_CUSTOMERS + 1 }, () => uuidv7())];
    for (const resync of cases) {
      const response = await h.app.inject({ method: 'POST', url: '/v1/sync/pull', headers: syncHeaders(annToken), payload: { cursor, resync } });
      expect(response.statusCode).toBe(400);
      expect(response.json<{ error: { code: string; field?: string } }>().error).toMatchObject({ code: 'validation', field: expect.stringMatching(/^resync/) as string });
    }
  });
});
