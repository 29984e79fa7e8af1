/**
 * The pull route sends pages whose JSON PostgreSQL built (server/sync/json-changes.ts). They must
 * mean exactly what the object path (rows as the driver parses them) sends: same pages, same
 * cursors, same keys in the same order, same values. Pulled both ways over the small demo plus
 * rows with awkward values (microsecond timestamps, nulls, escapes, the largest safe BIGINT).
 */
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PullResponseSchema, type Change } from '../../../shared/sync/protocol';
import type { Principal } from '../../../server/auth/principal';
import { loadPrincipal } from '../../../server/auth/authenticate';
import { recordChange } from '../../../server/db/change-log';
import { DEMO_PASSWORD, DEMO_TEAM, DEMO_USERNAMES } from '../../../server/demo/credentials';
import { seedServerDemo } from '../../../server/demo/seed';
import { pull, pullJson } from '../../../server/sync/pull';
import { changesOfRun } from '../../../shared/sync/runs';
import { BACKENDS } from './support/backends';
import { syncHeaders, login, startHarness, type Harness } from './support/harness';

const NOW = '2026-03-02T09:00:00.000Z';
const AWKWARD_TEXT = 'Quote " backslash \\ slash / newline \n tab \t bell \u0007 umlaut ü emoji 😀 </script>';

/** Both paths for one request; the JSON text parsed, and checked against the protocol schema. */
async function bothWays(h: Harness, principal: Principal, cursor: string | null, limit: number, resync: readonly string[] = []) {
  const objects = await pull(h.testDb.db, principal, cursor, limit, { resync });
  const text = (await pullJson(h.testDb.db, principal, cursor, limit, { resync })).json;
  const parsed = PullResponseSchema.parse(JSON.parse(text));
  return { objects, text, parsed };
}

/** Pulls every page both ways, asserting each pair equal (keys in the same order too); the last cursor. */
async function expectSamePages(h: Harness, principal: Principal, cursor: string | null, limit: number, resync: readonly string[] = []) {
  let next = cursor;
  let changes = 0;
  for (let page = 0; ; page += 1) {
    const { objects, text, parsed } = await bothWays(h, principal, next, limit, page === 0 ? resync : []);
    expect(parsed).toEqual(objects);
    expect(JSON.stringify(JSON.parse(text))).toBe(JSON.stringify(objects));
    changes += objects.changes.length;
    next = objects.cursor;
    if (!objects.hasMore) return { cursor: next, changes };
  }
}

/** Every change of a snapshot through the JSON path alone. */
async function jsonSnapshot(h: Harness, principal: Principal): Promise<Change[]> {
  const changes: Change[] = [];
  let cursor: string | null = null;
  for (;;) {
    const page = PullResponseSchema.parse(JSON.parse((await pullJson(h.testDb.db, principal, cursor, 5_000)).json));
    changes.push(...page.changes);
    if (!page.hasMore) return changes;
    cursor = page.cursor;
  }
}

describe.each(BACKENDS)('sync pull as database-built JSON on %s', (kind) => {
  let h: Harness;
  const principals = new Map<string, Principal>();
  const principal = (username: string): Principal => {
    const found = principals.get(username);
    if (found === undefined) throw new Error(`no principal ${username}`);
    return found;
  };
  const awkward = { customer: uuidv7(), contact: uuidv7(), item: uuidv7(), item2: uuidv7(), promise: uuidv7(), bare: uuidv7(), dispute: uuidv7(), escalation: uuidv7() };

  beforeAll(async () => {
    h = await startHarness(kind);
    await seedServerDemo(h.testDb.db, { size: 'small', seed: 1, asOf: '2026-03-02', password: DEMO_PASSWORD, now: NOW });
    for (const username of Object.values(DEMO_USERNAMES)) {
      const user = await h.testDb.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
      const loaded = await loadPrincipal(h.testDb.db, user.id);
      if (loaded === undefined) throw new Error(`cannot load ${username}`);
      principals.set(username, loaded);
    }
    const db = h.testDb.db;
    const collector = principal(DEMO_USERNAMES.collector).userId;
    const versioned = { version: 3, updated_seq: 9_007_199_254_740_991 };
    await db
      .insertInto('customers')
      .values({
        id: awkward.customer,
        erp_key: 'ERP-AWKWARD',
        number: 'C-AWKWARD',
        name: AWKWARD_TEXT,
        country: 'DE',
        currency: 'EUR',
        payment_terms: 'NET30',
        payment_terms_days: 30,
        credit_limit_minor: 9_007_199_254_740_991,
        credit_hold: true,
        risk_class: 'critical',
        collector_id: collector,
        team_id: DEMO_TEAM.id,
        updated_at: '2026-03-02T09:00:00.678999Z',
        ...versioned,
      })
      .execute();
    await db
      .insertInto('contact_persons')
      .values({ id: awkward.contact, customer_id: awkward.customer, name: 'Nobody', created_at: '1999-12-31T23:59:59.999999Z', updated_at: '2026-01-01T00:00:00Z', ...versioned })
      .execute();
    const item = { customer_id: awkward.customer, kind: 'credit_memo' as const, document_date: '2026-01-31', due_date: '2026-02-28', currency: 'EUR', original_minor: -12_345, open_minor: -345 };
    await db
      .insertInto('open_items')
      .values([
        { id: awkward.item, erp_key: 'ERP-AWK-1', document_number: 'CM-1', reference: AWKWARD_TEXT, cleared_at: '2026-03-01', updated_at: '2026-03-02T09:00:00.000001Z', ...item, ...versioned },
        { id: awkward.item2, erp_key: 'ERP-AWK-2', document_number: 'CM-2', updated_at: '2026-03-02T09:00:00.5Z', ...item, ...versioned },
      ])
      .execute();
    const promise = { customer_id: awkward.customer, amount_minor: 100, currency: 'EUR', promised_date: '2026-03-09', status: 'open' as const, created_at: NOW, ...versioned };
    await db
      .insertInto('promises')
      .values([
        { id: awkward.promise, note: AWKWARD_TEXT, updated_at: '2026-03-02T09:00:01.123456Z', ...promise },
        { id: awkward.bare, updated_at: NOW, ...promise },
      ])
      .execute();
    await db
      .insertInto('promise_items')
      .values([
        { promise_id: awkward.promise, open_item_id: awkward.item2 },
        { promise_id: awkward.promise, open_item_id: awkward.item },
      ])
      .execute();
    await db
      .insertInto('disputes')
      .values({
        id: awkward.dispute,
        customer_id: awkward.customer,
        reason_code: 'pricing',
        status: 'resolved',
        currency: 'EUR',
        disputed_minor: 9_007_199_254_740_991,
        resolution: 'credit_memo_issued',
        created_at: NOW,
        updated_at: NOW,
        resolved_at: '2026-03-02T10:11:12.999999Z',
        ...versioned,
      })
      .execute();
    await db.insertInto('dispute_items').values({ dispute_id: awkward.dispute, open_item_id: awkward.item, disputed_minor: 9_007_199_254_740_991 }).execute();
    await db
      .insertInto('escalations')
      .values({ id: awkward.escalation, customer_id: awkward.customer, kind: 'legal', reason: AWKWARD_TEXT, status: 'requested', requested_at: '2026-03-02T08:00:00.25Z', ...versioned })
      .execute();
  }, 120_000);
  afterAll(() => h.dispose());

  it('sends the awkward values exactly as the object path parses them', async () => {
    const { objects, parsed } = await bothWays(h, principal(DEMO_USERNAMES.admin), null, 5_000);
    expect(parsed).toEqual(objects);
    const customer = parsed.changes.find((change) => change.id === awkward.customer);
    expect(customer?.row).toMatchObject({ name: AWKWARD_TEXT, credit_limit_minor: 9_007_199_254_740_991, credit_hold: true, erp_country_code: null, updated_at: '2026-03-02T09:00:00.678Z' });
  });

  it.each([DEMO_USERNAMES.teamLead, DEMO_USERNAMES.collector, DEMO_USERNAMES.admin])('a whole snapshot of %s is the same page by page', async (username) => {
    for (const limit of [997, 5_000]) {
      const { changes } = await expectSamePages(h, principal(username), null, limit);
      expect(changes).toBeGreaterThan(1_000);
    }
  });

  it.each([DEMO_USERNAMES.teamLead, DEMO_USERNAMES.admin])('a snapshot of %s as runs is the same both ways and holds exactly the rows of its changes', async (username) => {
    const db = h.testDb.db;
    const caller = principal(username);
    let cursor: string | null = null;
    let pages = 0;
    for (;;) {
      const objects = await pull(db, caller, cursor, 997, { snapshotRuns: true });
      const text = (await pullJson(db, caller, cursor, 997, { snapshotRuns: true })).json;
      expect(JSON.stringify(JSON.parse(text))).toBe(JSON.stringify(objects));
      expect(PullResponseSchema.parse(JSON.parse(text))).toEqual(objects);
      const plain = await pull(db, caller, cursor, 997);
      const { changes, runs, ...rest } = objects;
      expect(changes).toEqual([]);
      expect((runs ?? []).flatMap(changesOfRun)).toEqual(plain.changes);
      expect(rest).toEqual({ cursor: plain.cursor, hasMore: plain.hasMore, snapshot: true, ...(plain.snapshotTotal === undefined ? {} : { snapshotTotal: plain.snapshotTotal }) });
      pages += 1;
      cursor = plain.cursor;
      if (!plain.hasMore) break;
    }
    expect(pages).toBeGreaterThan(1);
    // After the snapshot, a delta page asked for as runs comes as changes, as always.
    const delta = await pull(db, caller, cursor, 997, { snapshotRuns: true });
    expect(delta).toMatchObject({ snapshot: false });
    expect(delta.runs).toBeUndefined();
  });

  it('items of promises and disputes come attached as today, an empty list where there are none', async () => {
    const rows = new Map((await jsonSnapshot(h, principal(DEMO_USERNAMES.admin))).map((change) => [change.id, change.row]));
    const [first, second] = [awkward.item, awkward.item2].sort();
    expect(rows.get(awkward.promise)?.items).toEqual([{ open_item_id: first }, { open_item_id: second }]);
    expect(rows.get(awkward.bare)?.items).toEqual([]);
    expect(rows.get(awkward.dispute)?.items).toEqual([{ open_item_id: awkward.item, disputed_minor: 9_007_199_254_740_991 }]);
  });

  it('delta pages, removals and resyncs are the same too', async () => {
    const lead = principal(DEMO_USERNAMES.teamLead);
    const collector = principal(DEMO_USERNAMES.collector);
    const db = h.testDb.db;
    const leadCursor = (await expectSamePages(h, lead, null, 5_000)).cursor;
    const collectorCursor = (await expectSamePages(h, collector, null, 5_000)).cursor;

    const moved = await db.selectFrom('customers').select('id').where('collector_id', '=', collector.userId).orderBy('id').executeTakeFirstOrThrow();
    const kept = await db.selectFrom('customers').select('id').where('collector_id', '=', collector.userId).orderBy('id', 'desc').executeTakeFirstOrThrow();
    const foreign = await db.selectFrom('customers').select('id').where('collector_id', '<>', collector.userId).orderBy('id').executeTakeFirstOrThrow();
    await db.transaction().execute(async (trx) => {
      // Reassigned away from the collector: a removal for them, the whole customer for the lead.
      const movedSeq = await recordChange(trx, { entity: 'customers', entityId: moved.id, customerId: moved.id, op: 'upsert' }, NOW);
      await trx
        .updateTable('customers')
        .set({ collector_id: principal(DEMO_USERNAMES.secondCollector).userId, updated_seq: movedSeq })
        .where('id', '=', moved.id)
        .execute();
      const contactSeq = await recordChange(trx, { entity: 'contact_persons', entityId: awkward.contact, customerId: awkward.customer, op: 'upsert' }, NOW);
      await trx.updateTable('contact_persons').set({ phone: AWKWARD_TEXT, updated_at: '2026-03-02T11:00:00.000999Z', updated_seq: contactSeq }).where('id', '=', awkward.contact).execute();
      await recordChange(trx, { entity: 'escalations', entityId: awkward.escalation, customerId: awkward.customer, op: 'remove' }, NOW);
      await trx.deleteFrom('escalations').where('id', '=', awkward.escalation).execute();
      const items = await trx.selectFrom('open_items').select(['id', 'customer_id']).where('customer_id', '=', kept.id).orderBy('id').limit(5).execute();
      for (const item of items) {
        const seq = await recordChange(trx, { entity: 'open_items', entityId: item.id, customerId: item.customer_id, op: 'upsert' }, NOW);
        await trx.updateTable('open_items').set({ updated_seq: seq }).where('id', '=', item.id).execute();
      }
    });

    for (const limit of [1, 3, 1_000]) {
      await expectSamePages(h, lead, leadCursor, limit);
      await expectSamePages(h, collector, collectorCursor, limit);
    }
    const resync = [kept.id, foreign.id, uuidv7()];
    const { changes } = await expectSamePages(h, collector, collectorCursor, 1_000, resync);
    expect(changes).toBeGreaterThan(10);
  });

  it('the route sends the JSON text as application/json, the same page as the object path', async () => {
    const session = await login(h, DEMO_USERNAMES.teamLead, DEMO_PASSWORD);
    const response = await h.app.inject({ method: 'POST', url: '/v1/sync/pull', headers: syncHeaders(session.accessToken), payload: { cursor: null, limit: 2_000 } });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.json()).toEqual(await pull(h.testDb.db, principal(DEMO_USERNAMES.teamLead), null, 2_000));
  });
});
