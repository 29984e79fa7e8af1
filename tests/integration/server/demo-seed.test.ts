import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../../shared/demo/generate';
import { buildServer } from '../../../server/app';
import { SCRIPTED_CUSTOMERS, toServerDemo, type ServerDemo } from '../../../server/demo/convert';
import { DEMO_PASSWORD, DEMO_TEAM, DEMO_USERNAMES } from '../../../server/demo/credentials';
import { DemoSeedError, isServerDatabaseEmpty, seedServerDemo, type ServerDemoReport } from '../../../server/demo/seed';
import { BACKENDS, openTestDb, type TestDb } from './support/backends';
import { TEST_SECRET } from './support/harness';

const OPTIONS = { size: 'small', seed: 7, asOf: '2026-03-02', password: DEMO_PASSWORD, now: '2026-03-02T06:00:00.000Z' } as const;

describe.each(BACKENDS)('server demo seed on %s', (kind) => {
  let testDb: TestDb;
  let report: ServerDemoReport;
  let expected: ServerDemo;

  beforeAll(async () => {
    testDb = await openTestDb(kind);
    expected = toServerDemo(generateDemo({ size: OPTIONS.size, seed: OPTIONS.seed, asOf: OPTIONS.asOf }));
    report = await seedServerDemo(testDb.db, OPTIONS);
  });
  afterAll(() => testDb.dispose());

  it('writes the desktop demo’s rows, with the same ids, in the server’s columns', async () => {
    const { db } = testDb;
    expect(report.counts.customers).toBe(60);
    expect(report.counts.activities).toBe(4_000);
    const customers = await db.selectFrom('customers').selectAll().orderBy('id').execute();
    expect(customers.map(({ updated_seq: _seq, ...row }) => row)).toEqual(
      expected.synced.customers.map((row) => ({ assigned_by: null, assigned_at: null, assignment_reason: null, ...row, erp_country_code: null, version: 1 })).sort((a, b) => a.id.localeCompare(b.id)),
    );
    // Free text with umlauts, apostrophes and punctuation survives the array parameters intact.
    const notes = await db.selectFrom('notes').select(['id', 'body', 'note_version', 'is_current']).orderBy('id').execute();
    expect(notes).toEqual(
      expected.synced.notes.map(({ id, body, note_version, is_current }) => ({ id, body, note_version, is_current })).sort((a, b) => a.id.localeCompare(b.id)),
    );
    const persons = await db.selectFrom('contact_persons').select(['id', 'name', 'phone', 'email']).orderBy('id').execute();
    expect(persons).toEqual(expected.synced.contact_persons.map(({ id, name, phone, email }) => ({ id, name, phone, email })).sort((a, b) => a.id.localeCompare(b.id)));
    const promiseItems = await db.selectFrom('promise_items').selectAll().execute();
    expect(promiseItems.length).toBe(expected.promiseItems.length);
    const clearings = await db.selectFrom('clearings').innerJoin('open_items', 'open_items.id', 'clearings.open_item_id').select(['clearings.customer_id', 'open_items.customer_id as item_customer']).execute();
    expect(clearings.length).toBe(expected.synced.clearings.length);
    expect(clearings.every((row) => row.customer_id === row.item_customer)).toBe(true);
  });

  it('logs one change per synced row, and each row carries its entry’s seq', async () => {
    const { db } = testDb;
    const log = await db.selectFrom('change_log').select(['seq', 'entity', 'entity_id', 'customer_id', 'op', 'at']).orderBy('seq').execute();
    const syncedTotal = Object.values<readonly unknown[]>({ ...expected.synced }).reduce((sum, rows) => sum + rows.length, 0);
    expect(log.length).toBe(syncedTotal);
    expect(report.counts.change_log).toBe(syncedTotal);
    expect(log.every((entry) => entry.op === 'upsert' && entry.at === OPTIONS.now)).toBe(true);
    expect(new Set(log.map((entry) => `${entry.entity}/${entry.entity_id}`)).size).toBe(syncedTotal);
    // Parents first: every customer is logged before any row of another entity.
    const firstOther = log.findIndex((entry) => entry.entity !== 'customers');
    expect(log.slice(0, firstOther).length).toBe(60);
    const seqById = new Map(log.map((entry) => [`${entry.entity}/${entry.entity_id}`, entry]));
    for (const entity of ['customers', 'open_items', 'activities', 'dispute_events', 'notes'] as const) {
      const rows = await db.selectFrom(entity).select(['id', 'updated_seq', 'version']).execute();
      for (const row of rows) {
        const entry = seqById.get(`${entity}/${row.id}`);
        expect(entry?.seq, `${entity} ${row.id}`).toBe(row.updated_seq);
        expect(row.version).toBe(1);
      }
    }
    const events = await db.selectFrom('dispute_events').innerJoin('disputes', 'disputes.id', 'dispute_events.dispute_id').select(['dispute_events.id', 'disputes.customer_id']).execute();
    expect(events.every((event) => seqById.get(`dispute_events/${event.id}`)?.customer_id === event.customer_id)).toBe(true);
  });

  it('gives the local profile about two thirds of the customers, the scripted ones included, and the second collector the rest', async () => {
    const { db } = testDb;
    const users = await db.selectFrom('users').select(['id', 'username', 'role', 'team_id', 'disabled']).execute();
    const byName = new Map(users.map((user) => [user.username, user]));
    expect([...byName.keys()].sort()).toEqual(Object.values(DEMO_USERNAMES).sort());
    expect(users.every((user) => user.team_id === DEMO_TEAM.id && !user.disabled)).toBe(true);
    expect(byName.get(DEMO_USERNAMES.teamLead)?.role).toBe('team_lead');
    expect(byName.get(DEMO_USERNAMES.admin)?.role).toBe('admin');
    const jordan = byName.get(DEMO_USERNAMES.collector)?.id;
    const priya = byName.get(DEMO_USERNAMES.secondCollector)?.id;
    // Same ids as the desktop's demo users.
    expect(jordan).toBe(expected.users.find((user) => user.username === DEMO_USERNAMES.collector)?.id);

    const owners = expected.synced.customers.map((customer) => customer.collector_id);
    expect(owners.filter((owner) => owner === jordan).length).toBe(40);
    expect(owners.filter((owner) => owner === priya).length).toBe(20);
    expect(owners.slice(0, SCRIPTED_CUSTOMERS).every((owner) => owner === jordan)).toBe(true);
    const stored = await db.selectFrom('customers').select(['collector_id']).execute();
    expect(stored.filter((row) => row.collector_id === priya).length).toBe(20);
    // On her customers Priya, not Jordan, is the one who worked them.
    const workedByJordan = await db
      .selectFrom('activities')
      .innerJoin('customers', 'customers.id', 'activities.customer_id')
      .select('activities.id')
      .where('customers.collector_id', '=', priya ?? '')
      .where('activities.user_id', '=', jordan ?? '')
      .execute();
    expect(workedByJordan).toEqual([]);
  });

  it('signs every demo user in with the demo password', async () => {
    const app = await buildServer({ db: testDb.db, secret: TEST_SECRET });
    try {
      for (const username of Object.values(DEMO_USERNAMES)) {
        const response = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { username, password: DEMO_PASSWORD } });
        expect(response.statusCode, username).toBe(200);
      }
      const hashes = await testDb.db.selectFrom('users').select('password_hash').execute();
      expect(new Set(hashes.map((row) => row.password_hash)).size).toBe(hashes.length);
      expect(hashes.every((row) => row.password_hash.startsWith('$argon2id$'))).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('refuses a database that is not empty and leaves it as it was', async () => {
    expect(await isServerDatabaseEmpty(testDb.db)).toBe(false);
    const before = await testDb.db.selectFrom('change_log').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirstOrThrow();
    await expect(seedServerDemo(testDb.db, OPTIONS)).rejects.toThrow(DemoSeedError);
    await expect(seedServerDemo(testDb.db, OPTIONS)).rejects.toThrow(/already holds/);
    const after = await testDb.db.selectFrom('change_log').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirstOrThrow();
    expect(after.seq).toBe(before.seq);
  });
});

describe('server demo seed options', () => {
  it('rejects bad options by name before touching the database', async () => {
    const testDb = await openTestDb('pglite');
    try {
      await expect(seedServerDemo(testDb.db, { ...OPTIONS, asOf: '2026-13-45' })).rejects.toThrow(/asOf/);
      await expect(seedServerDemo(testDb.db, { ...OPTIONS, password: 'short' })).rejects.toThrow(/password/);
      await expect(seedServerDemo(testDb.db, { ...OPTIONS, seed: 1.5 })).rejects.toThrow(/seed/);
      await expect(seedServerDemo(testDb.db, { ...OPTIONS, now: 'yesterday' })).rejects.toThrow(/now/);
      expect(await isServerDatabaseEmpty(testDb.db)).toBe(true);
    } finally {
      await testDb.dispose();
    }
  });
});
