/**
 * The server judges promises (issue 14): daily and inside each import of payments, with the
 * shared rule, each verdict a logged row change and each newly broken promise's follow-up opened
 * once, so every client pulls the same verdicts.
 */
import Fastify from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../shared/domain/clock';
import { brokenPromiseFollowUpId } from '../../../shared/domain/broken-promise';
import { evaluatePromisesOnServer } from '../../../server/promises/evaluate';
import { scheduleDailyEvaluation } from '../../../server/promises/schedule';
import { runImport } from '../../../server/import/run';
import { setTeamTimeZone } from '../../../server/cli/admin-commands';
import { evaluateOnTeamDays } from '../../../server/promises/team-days';
import { BACKENDS } from './support/backends';
import { login, seedCustomer, seedTeam, seedUser, startHarness, type Harness } from './support/harness';
import { pullAll, seedItem, TestClient } from './sync-client';

describe.each(BACKENDS)('promise evaluation on the server on %s', (kind) => {
  let h: Harness;
  let ann: TestClient;
  let annToken = '';
  let annId = '';
  let annName = '';
  let team = '';

  beforeAll(async () => {
    h = await startHarness(kind);
    team = await seedTeam(h);
    const collector = await seedUser(h, 'collector', team);
    annId = collector.id;
    annName = collector.username;
    annToken = (await login(h, collector.username)).accessToken;
    ann = new TestClient(h, annToken);
  });
  afterAll(() => h.dispose());

  const promiseRow = (id: string) => h.testDb.db.selectFrom('promises').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const followUpOf = (promiseId: string) => h.testDb.db.selectFrom('follow_ups').selectAll().where('id', '=', brokenPromiseFollowUpId(promiseId)).executeTakeFirst();

  /** A customer of Ann's with one item and an open promise on it, due on `promisedDate`, taken today (2026-03-02). */
  async function promiseOnNewCustomer(promisedDate: string): Promise<{ customerId: string; itemId: string; promiseId: string; number: string }> {
    const customer = await seedCustomer(h, annId, team);
    const itemId = await seedItem(h, customer.id, 40_000);
    const promiseId = uuidv7();
    await ann.pushOk([ann.make('promise.create', { customerId: customer.id, promisedDate, itemIds: [itemId] }, { promises: promiseId })]);
    return { customerId: customer.id, itemId, promiseId, number: customer.number };
  }

  it('judges an open promise broken the day after its grace ends, opens one follow-up for its author, and a client pulls both', async () => {
    const { customerId, promiseId } = await promiseOnNewCustomer('2026-03-05');
    const { cursor } = await pullAll(h, annToken, null);

    // Promised for the 5th, three days' grace: still open on the 8th.
    expect(await evaluatePromisesOnServer(h.testDb.db, { asOf: '2026-03-08', now: '2026-03-08T02:00:00.000Z' })).toMatchObject({ broken: 0, followUpsCreated: 0 });
    expect(await promiseRow(promiseId)).toMatchObject({ status: 'open', version: 1 });

    const run = await evaluatePromisesOnServer(h.testDb.db, { asOf: '2026-03-09', now: '2026-03-09T02:00:00.000Z' });
    expect(run).toMatchObject({ asOf: '2026-03-09', broken: 1, followUpsCreated: 1 });
    expect(await promiseRow(promiseId)).toMatchObject({ status: 'broken', paid_minor: 0, evaluated_on: '2026-03-09', version: 2 });
    expect(await followUpOf(promiseId)).toMatchObject({
      customer_id: customerId,
      due_date: '2026-03-09',
      title: 'Promise of 2026-03-05 broken: call the customer',
      status: 'open',
      assigned_to: annId,
      created_by: null,
    });

    // Run again the same day (a restart): nothing moves, no second follow-up.
    expect(await evaluatePromisesOnServer(h.testDb.db, { asOf: '2026-03-09', now: '2026-03-09T05:00:00.000Z' })).toMatchObject({ broken: 0, followUpsCreated: 0 });
    expect(await promiseRow(promiseId)).toMatchObject({ version: 2 });

    const pulled = await pullAll(h, annToken, cursor);
    const upserts = pulled.changes.filter((change) => change.op === 'upsert').map((change) => [change.entity, change.id, change.row.status]);
    expect(upserts).toEqual(
      expect.arrayContaining([
        ['promises', promiseId, 'broken'],
        ['follow_ups', brokenPromiseFollowUpId(promiseId), 'open'],
      ]),
    );
  });

  it('closes the broken promise\'s follow-up once a new promise answers it, on the server as on the desktop', async () => {
    const { customerId, itemId, promiseId } = await promiseOnNewCustomer('2026-03-05');
    await evaluatePromisesOnServer(h.testDb.db, { asOf: '2026-03-09', now: '2026-03-09T02:00:00.000Z' });
    expect(await followUpOf(promiseId)).toMatchObject({ status: 'open' });
    const answer = uuidv7();
    await ann.pushOk([ann.make('promise.create', { customerId, promisedDate: '2026-03-20', itemIds: [itemId] }, { promises: answer })]);
    expect(await promiseRow(promiseId)).toMatchObject({ status: 'broken', superseded_by: answer });
    expect(await followUpOf(promiseId)).toMatchObject({ status: 'done', done_comment: 'Answered by a new promise for 2026-03-20' });
  });

  it("gives the follow-up of a promise nobody is named on to the customer's collector", async () => {
    const { promiseId } = await promiseOnNewCustomer('2026-03-05');
    await h.testDb.db.updateTable('promises').set({ created_by: null }).where('id', '=', promiseId).execute();
    await evaluatePromisesOnServer(h.testDb.db, { asOf: '2026-03-10', now: '2026-03-10T02:00:00.000Z' });
    expect(await followUpOf(promiseId)).toMatchObject({ assigned_to: annId, created_by: null });
  });

  it('judges promises inside an import that brings payments and clearings, and reports the verdicts', async () => {
    const { itemId, promiseId, number } = await promiseOnNewCustomer('2026-03-20');
    const itemKey = (await h.testDb.db.selectFrom('open_items').select('erp_key').where('id', '=', itemId).executeTakeFirstOrThrow()).erp_key;
    const paymentKey = `PAY-${uuidv7()}`;
    const payments = await runImport(h.testDb.db, { clock: h.clock, defaultTimeZone: 'UTC' }, {
      source: { format: 'json', entity: 'payments', mapping: { defaultCurrency: 'EUR' }, records: [{ key: paymentKey, customerKey: `ERP-${number}`, amount: '400.00', valueDate: '2026-03-02' }] },
    });
    // A payment on account does not count towards a promise on items: judged, still open.
    expect(payments).toMatchObject({ committed: true, promises: [{ kept: 0 }] });
    expect((await promiseRow(promiseId)).status).toBe('open');

    const clearings = await runImport(h.testDb.db, { clock: h.clock, defaultTimeZone: 'UTC' }, {
      source: { format: 'json', entity: 'clearings', mapping: { defaultCurrency: 'EUR' }, records: [{ key: `CLR-${uuidv7()}`, itemKey, paymentKey, amount: '400.00', clearedOn: '2026-03-02' }] },
    });
    expect(clearings).toMatchObject({ committed: true, promises: [{ asOf: '2026-03-02', kept: 1 }] });
    expect(await promiseRow(promiseId)).toMatchObject({ status: 'kept', paid_minor: 40_000, evaluated_on: '2026-03-02' });

    // A dry run, and an import without money, judge nothing.
    const dry = await runImport(h.testDb.db, { clock: h.clock, defaultTimeZone: 'UTC' }, {
      dryRun: true,
      source: { format: 'json', entity: 'payments', mapping: { defaultCurrency: 'EUR' }, records: [{ key: `PAY-${uuidv7()}`, customerKey: `ERP-${number}`, amount: '1.00', valueDate: '2026-03-02' }] },
    });
    expect(dry).toMatchObject({ committed: false, promises: [] });
  });

  it("judges, inside an import, only the promises of the customers whose payments or clearings moved", async () => {
    const paid = await promiseOnNewCustomer('2026-03-03');
    const untouched = await promiseOnNewCustomer('2026-03-03');
    h.clock.set('2026-03-10T09:00:00.000Z');
    try {
      // Both promises are past their grace days; only the customer a payment arrived for is judged (and locked) by the import.
      const report = await runImport(h.testDb.db, { clock: h.clock, defaultTimeZone: 'UTC' }, {
        source: { format: 'json', entity: 'payments', mapping: { defaultCurrency: 'EUR' }, records: [{ key: `PAY-${uuidv7()}`, customerKey: `ERP-${paid.number}`, amount: '5.00', valueDate: '2026-03-10' }] },
      });
      expect(report).toMatchObject({ committed: true, promises: [{ evaluated: 1, broken: 1 }] });
      expect((await promiseRow(paid.promiseId)).status).toBe('broken');
      expect(await promiseRow(untouched.promiseId)).toMatchObject({ status: 'open', version: 1 });
    } finally {
      h.clock.set('2026-03-02T09:00:00.000Z');
    }
  });

  it('a new promise on part of the items of a promise the server has not judged yet judges it first, then answers it', async () => {
    const customer = await seedCustomer(h, annId, team);
    const first = await seedItem(h, customer.id, 10_000);
    const second = await seedItem(h, customer.id, 20_000);
    const both = uuidv7();
    await ann.pushOk([ann.make('promise.create', { customerId: customer.id, promisedDate: '2026-03-04', itemIds: [first, second] }, { promises: both })]);
    h.clock.set('2026-03-09T09:00:00.000Z');
    try {
      // A week later (a new session): the desktop judged it broken on its day change and lets the collector take a new promise on one item.
      const later = new TestClient(h, (await login(h, annName)).accessToken);
      const renewed = uuidv7();
      expect(await later.pushOk([later.make('promise.create', { customerId: customer.id, promisedDate: '2026-03-16', itemIds: [first] }, { promises: renewed })])).toMatchObject([
        { status: 'applied' },
      ]);
      expect(await promiseRow(both)).toMatchObject({ status: 'broken', evaluated_on: '2026-03-09', superseded_by: renewed });
      expect(await promiseRow(renewed)).toMatchObject({ status: 'open', level: 2 });
      // Answered at once: no follow-up to call about it.
      expect(await followUpOf(both)).toBeUndefined();
    } finally {
      h.clock.set('2026-03-02T09:00:00.000Z');
    }
  });

  it('the schedule judges when the server starts and again when its day changes', async () => {
    const { promiseId } = await promiseOnNewCustomer('2026-03-05');
    const other = await promiseOnNewCustomer('2026-03-12');
    const clock = manualClock('2026-03-09T00:05:00.000Z');
    const app = Fastify({ logger: false });
    scheduleDailyEvaluation(app, h.testDb.db, { clock, defaultTimeZone: 'UTC' }, 20);
    await app.ready();
    try {
      await expect.poll(async () => (await promiseRow(promiseId)).status, { timeout: 10_000 }).toBe('broken');
      clock.set('2026-03-16T00:01:00.000Z');
      await expect.poll(async () => (await promiseRow(other.promiseId)).status, { timeout: 10_000 }).toBe('broken');
      expect((await promiseRow(other.promiseId)).evaluated_on).toBe('2026-03-16');
    } finally {
      await app.close();
    }
  });

  it("judges each customer as of its team's day: Sydney's midnight first, then UTC's, then Los Angeles'", async () => {
    const sydney = await seedTeam(h);
    const losAngeles = await seedTeam(h);
    await setTeamTimeZone(h.testDb.db, { clock: h.clock, defaultTimeZone: 'UTC' }, sydney, 'Australia/Sydney');
    await setTeamTimeZone(h.testDb.db, { clock: h.clock, defaultTimeZone: 'UTC' }, losAngeles, 'America/Los_Angeles');
    /** Promised for the 12th with three days' grace: broken from the 16th on, each team's 16th. */
    const promiseIn = async (teamName: string) => {
      const customer = await seedCustomer(h, annId, teamName);
      const itemId = await seedItem(h, customer.id, 40_000);
      const promiseId = uuidv7();
      await ann.pushOk([ann.make('promise.create', { customerId: customer.id, promisedDate: '2026-03-12', itemIds: [itemId] }, { promises: promiseId })]);
      return promiseId;
    };
    const inSydney = await promiseIn(sydney);
    const inUtc = await promiseIn(team);
    const inLosAngeles = await promiseIn(losAngeles);
    const status = async () => Promise.all([inSydney, inUtc, inLosAngeles].map(async (id) => (await promiseRow(id)).status));

    // 13:30 UTC on the 15th: 00:30 on the 16th in Sydney (UTC+11), 06:30 on the 15th in Los Angeles (UTC-7).
    const clock = manualClock('2026-03-15T13:30:00.000Z');
    const app = Fastify({ logger: false });
    scheduleDailyEvaluation(app, h.testDb.db, { clock, defaultTimeZone: 'UTC' }, 20);
    await app.ready();
    try {
      expect(await status()).toEqual(['broken', 'open', 'open']);
      expect((await promiseRow(inSydney)).evaluated_on).toBe('2026-03-16');

      // 00:30 UTC on the 16th: 17:30 on the 15th in Los Angeles.
      clock.set('2026-03-16T00:30:00.000Z');
      await expect.poll(status, { timeout: 10_000 }).toEqual(['broken', 'broken', 'open']);

      // 00:30 on the 16th in Los Angeles.
      clock.set('2026-03-16T07:30:00.000Z');
      await expect.poll(status, { timeout: 10_000 }).toEqual(['broken', 'broken', 'broken']);
      expect((await promiseRow(inLosAngeles)).evaluated_on).toBe('2026-03-16');
    } finally {
      await app.close();
    }
  });

  it("moving a team to another zone judges its customers' promises as of that zone's day at once", async () => {
    const moving = await seedTeam(h);
    const customer = await seedCustomer(h, annId, moving);
    const itemId = await seedItem(h, customer.id, 40_000);
    const promiseId = uuidv7();
    await ann.pushOk([ann.make('promise.create', { customerId: customer.id, promisedDate: '2026-03-12', itemIds: [itemId] }, { promises: promiseId })]);
    // 13:30 UTC on the 15th: still the 15th in UTC (deadline day), already the 16th in Sydney.
    const day = { clock: manualClock('2026-03-15T13:30:00.000Z'), defaultTimeZone: 'UTC' };
    await setTeamTimeZone(h.testDb.db, day, moving, 'UTC');
    expect((await promiseRow(promiseId)).status).toBe('open');
    const moved = await setTeamTimeZone(h.testDb.db, day, moving, 'Australia/Sydney');
    expect(moved.promises).toMatchObject([{ asOf: '2026-03-16', broken: 1 }]);
    expect(await promiseRow(promiseId)).toMatchObject({ status: 'broken', evaluated_on: '2026-03-16' });
  });

  it('judges a team whose stored zone no runtime knows, and customers without a team, in the server zone, the others on their own day', async () => {
    const broken = await seedTeam(h);
    const sydney = await seedTeam(h);
    await h.testDb.db.updateTable('teams').set({ time_zone: 'Mars/Olympus_Mons' }).where('name', '=', broken).execute();
    const day = { clock: manualClock('2026-03-15T13:30:00.000Z'), defaultTimeZone: 'UTC' };
    await setTeamTimeZone(h.testDb.db, day, sydney, 'Australia/Sydney');
    const promiseFor = async (teamName: string | undefined) => {
      const customer = await seedCustomer(h, annId, teamName);
      const itemId = await seedItem(h, customer.id, 40_000);
      const promiseId = uuidv7();
      await ann.pushOk([ann.make('promise.create', { customerId: customer.id, promisedDate: '2026-03-12', itemIds: [itemId] }, { promises: promiseId })]);
      return { customerId: customer.id, promiseId };
    };
    const inBroken = await promiseFor(broken);
    const noTeam = await promiseFor(undefined);
    const inSydney = await promiseFor(sydney);
    const runs = await h.testDb.db.transaction().execute((trx) =>
      evaluateOnTeamDays(trx, day, { customerIds: [inBroken.customerId, noTeam.customerId, inSydney.customerId] }),
    );
    expect(runs.map((run) => [run.asOf, run.evaluated]).sort()).toEqual([['2026-03-15', 2], ['2026-03-16', 1]]);
    expect((await promiseRow(inSydney.promiseId)).status).toBe('broken');
    expect((await promiseRow(inBroken.promiseId)).status).toBe('open');
    expect((await promiseRow(noTeam.promiseId)).status).toBe('open');
  });

  it("counts money dated the day the user made the promise, though it was the next day in UTC (made_on)", async () => {
    const customer = await seedCustomer(h, annId, team);
    const itemId = await seedItem(h, customer.id, 40_000);
    const promiseId = uuidv7();
    // 17:30 on 1 March in Los Angeles is 01:30 UTC on the 2nd; the desktop says the user's day was the 1st.
    const made = { ...ann.make('promise.create', { customerId: customer.id, promisedDate: '2026-03-05', itemIds: [itemId] }, { promises: promiseId }), createdAt: '2026-03-02T01:30:00.000Z', day: '2026-03-01' };
    expect(await ann.pushOk([made])).toMatchObject([{ status: 'applied' }]);
    expect((await promiseRow(promiseId)).made_on).toBe('2026-03-01');
    const itemKey = (await h.testDb.db.selectFrom('open_items').select('erp_key').where('id', '=', itemId).executeTakeFirstOrThrow()).erp_key;
    const paymentKey = `PAY-${uuidv7()}`;
    const day = { clock: h.clock, defaultTimeZone: 'UTC' };
    await runImport(h.testDb.db, day, { source: { format: 'json', entity: 'payments', mapping: { defaultCurrency: 'EUR' }, records: [{ key: paymentKey, customerKey: `ERP-${customer.number}`, amount: '400.00', valueDate: '2026-03-01' }] } });
    const clearings = await runImport(h.testDb.db, day, {
      source: { format: 'json', entity: 'clearings', mapping: { defaultCurrency: 'EUR' }, records: [{ key: `CLR-${uuidv7()}`, itemKey, paymentKey, amount: '400.00', clearedOn: '2026-03-01' }] },
    });
    expect(clearings).toMatchObject({ committed: true, promises: [{ kept: 1 }] });
    expect((await promiseRow(promiseId)).status).toBe('kept');
  });

  it("an import judges the promises of the customers paid as of each one's team day", async () => {
    const sydney = await seedTeam(h);
    await setTeamTimeZone(h.testDb.db, { clock: h.clock, defaultTimeZone: 'UTC' }, sydney, 'Australia/Sydney');
    const customer = await seedCustomer(h, annId, sydney);
    const itemId = await seedItem(h, customer.id, 40_000);
    await ann.pushOk([ann.make('promise.create', { customerId: customer.id, promisedDate: '2026-03-20', itemIds: [itemId] }, { promises: uuidv7() })]);
    const report = await runImport(h.testDb.db, { clock: manualClock('2026-03-21T20:00:00.000Z'), defaultTimeZone: 'UTC' }, {
      source: { format: 'json', entity: 'payments', mapping: { defaultCurrency: 'EUR' }, records: [{ key: `PAY-${uuidv7()}`, customerKey: `ERP-${customer.number}`, amount: '400.00', valueDate: '2026-03-21' }] },
    });
    expect(report).toMatchObject({ committed: true, promises: [{ asOf: '2026-03-22', evaluated: 1 }] });
  });
});
