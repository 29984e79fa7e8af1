/**
 * Pull cursors are bound to the server's change log (issue 13): a cursor of another log epoch, or
 * of format 1, gets a snapshot from the start; a cursor of this epoch beyond the log's high water
 * is refused with 400 `validation` on `cursor`; the admin's rotate-log-epoch sends every earlier
 * cursor through a snapshot.
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdmin } from '../../../server/cli/admin';
import { createServerMigrator } from '../../../server/db/migrations';
import { migrateServerDatabase } from '../../../server/db/migrate';
import { CURSOR_FORMAT, decodeCursor, type DecodedCursor } from '../../../server/sync/cursor';
import { LOG_EPOCH_KEY, canReadControlData, readLogEpoch } from '../../../server/sync/log-epoch';
import { BACKENDS, migrationsFrom, openTestDb } from './support/backends';
import { login, seedCustomer, seedTeam, seedUser, startHarness, syncHeaders, type Harness } from './support/harness';
import { contactLog, pullAll, pullPage, TestClient } from './sync-client';

const encode = (cursor: unknown): string => Buffer.from(JSON.stringify(cursor)).toString('base64url');

const decoded = (cursor: string): DecodedCursor => {
  const value = decodeCursor(cursor);
  if (value === undefined) throw new Error(`undecodable cursor ${cursor}`);
  return value;
};

describe.each(BACKENDS)('pull cursors bound to the log on %s', (kind) => {
  let h: Harness;
  let token = '';
  let customerIds: string[] = [];

  const pullRaw = (cursor: string | null) => h.app.inject({ method: 'POST', url: '/v1/sync/pull', headers: syncHeaders(token), payload: { cursor, limit: 5000 } });
  const currentEpoch = async () => readLogEpoch(h.testDb.db, await canReadControlData(h.testDb.db));
  const customersOf = (changes: readonly { entity: string; id: string }[]) =>
    changes
      .filter((c) => c.entity === 'customers')
      .map((c) => c.id)
      .sort();

  beforeAll(async () => {
    h = await startHarness(kind);
    const team = await seedTeam(h);
    const ann = await seedUser(h, 'collector', team);
    token = (await login(h, ann.username)).accessToken;
    customerIds = [(await seedCustomer(h, ann.id, team)).id, (await seedCustomer(h, ann.id, team)).id].sort();
    const client = new TestClient(h, token);
    await client.pushOk(customerIds.map((id) => client.make('contact.log', contactLog(id, 'logged'))));
  });
  afterAll(() => h.dispose());

  it('hands out cursors of format 2 carrying the log epoch, which also covers the cluster identity where it can be read', async () => {
    const { cursor } = await pullAll(h, token, null);
    const epoch = await currentEpoch();
    expect(decoded(cursor)).toMatchObject({ v: CURSOR_FORMAT, k: 'd', g: epoch });
    expect(await currentEpoch()).toBe(epoch);
    // Both backends let the tests' role read pg_control_system(): the epoch is not the stored id alone.
    expect(await canReadControlData(h.testDb.db)).toBe(true);
    expect(await readLogEpoch(h.testDb.db, false)).not.toBe(epoch);
  });

  it('refuses a cursor of this epoch that points past the log, delta or snapshot, with 400 validation on cursor', async () => {
    const { cursor } = await pullAll(h, token, null);
    const position = decoded(cursor);
    if (position.k !== 'd') throw new Error('expected a delta cursor');
    for (const forged of [
      { ...position, s: position.s + 1 },
      { ...position, s: 1_000_000_000_000_000 },
      { v: CURSOR_FORMAT, k: 's', g: position.g, h: position.s + 1, e: 0, a: null },
    ]) {
      const answer = await pullRaw(encode(forged));
      expect(answer.statusCode, JSON.stringify(forged)).toBe(400);
      expect(answer.json()).toMatchObject({ error: { code: 'validation', field: 'cursor' } });
    }
    // The cursor at the high water itself is this server's own: an empty delta.
    expect(await pullPage(h, token, cursor)).toMatchObject({ changes: [], snapshot: false, hasMore: false });
  });

  it('answers a cursor of another epoch, or of format 1 (the review’s forged one included), with a snapshot from the start', async () => {
    const { cursor } = await pullAll(h, token, null);
    const position = decoded(cursor);
    if (position.k !== 'd') throw new Error('expected a delta cursor');
    for (const foreign of [
      { ...position, g: 'another-log' },
      { v: 1, k: 'd', s: position.s },
      { v: 1, k: 'd', s: 1_000_000_000_000_000 },
      { v: 1, k: 's', h: position.s, e: 3, a: null },
    ]) {
      const page = await pullPage(h, token, encode(foreign), 5000);
      expect(page.snapshot, JSON.stringify(foreign)).toBe(true);
      expect(page.hasMore).toBe(false);
      expect(customersOf(page.changes)).toEqual(customerIds);
      expect(decoded(page.cursor)).toEqual({ v: CURSOR_FORMAT, k: 'd', g: position.g, s: position.s });
    }
  });

  it('rotate-log-epoch (admin CLI) sends every cursor handed out before through a snapshot; later cursors are deltas again', async () => {
    const before = (await pullAll(h, token, null)).cursor;
    const out: string[] = [];
    const code = await runAdmin(['rotate-log-epoch'], {
      openDb: () => Promise.resolve({ db: h.testDb.db, close: () => Promise.resolve() }),
      readPassword: () => Promise.reject(new Error('no password is asked for')),
      stdout: (text) => out.push(text),
      stderr: (text) => out.push(text),
      clock: h.clock,
    });
    expect(code).toBe(0);
    expect(out.join('\n')).toContain('fresh snapshot');
    expect(decoded(before).g).not.toBe(await currentEpoch());

    const page = await pullPage(h, token, before, 5000);
    expect(page).toMatchObject({ snapshot: true, hasMore: false });
    expect(customersOf(page.changes)).toEqual(customerIds);
    expect(decoded(page.cursor).g).toBe(await currentEpoch());
    expect(await pullPage(h, token, page.cursor)).toMatchObject({ changes: [], snapshot: false });
  });
});

describe.each(BACKENDS)('migration 004-log-epoch on %s', (kind) => {
  it('gives a database that exists already its log epoch, and keeps it on every later start', async () => {
    const testDb = await openTestDb(kind, { migrate: false });
    try {
      const db = testDb.db;
      await createServerMigrator(db as unknown as Kysely<unknown>, testDb.schema).migrateTo('003-sync-ordering');
      const epochRow = () => db.selectFrom('schema_meta').select('value').where('key', '=', LOG_EPOCH_KEY).executeTakeFirst();
      expect(await epochRow()).toBeUndefined();
      expect(await migrateServerDatabase(db, testDb.schema)).toEqual(migrationsFrom('004-log-epoch'));
      const stored = (await epochRow())?.value;
      expect(stored).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(await migrateServerDatabase(db, testDb.schema)).toEqual([]);
      expect((await epochRow())?.value).toBe(stored);
    } finally {
      await testDb.dispose();
    }
  });
});
