import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/domain/dates';
import { nextPromiseLevel } from '../../../shared/domain/promise';
import { BACKENDS } from './support/backends';
import { login, seedCustomer, seedTeam, seedUser, startHarness, type Harness } from './support/harness';
import { seedItem, TestClient } from './sync-client';

describe.each(BACKENDS)('sync push of promises on %s', (kind) => {
  let h: Harness;
  let ann: TestClient;
  let lead: TestClient;
  let customerId = '';
  const items: string[] = [];

  beforeAll(async () => {
    h = await startHarness(kind);
    const team = await seedTeam(h);
    const collector = await seedUser(h, 'collector', team);
    const teamLead = await seedUser(h, 'team_lead', team);
    customerId = (await seedCustomer(h, collector.id, team)).id;
    for (const amount of [30_000, 20_000, 10_000]) items.push(await seedItem(h, customerId, amount));
    ann = new TestClient(h, (await login(h, collector.username)).accessToken);
    lead = new TestClient(h, (await login(h, teamLead.username)).accessToken);
  });
  afterAll(() => h.dispose());

  const promise = (id: string) => h.testDb.db.selectFrom('promises').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it("checks a promise's date against the day the user saw (protocol 2): the day before UTC's is today west of Greenwich", async () => {
    const [, , item2 = ''] = items;
    // 09:00 UTC on 2 March is 21:00 on the 1st on Baker Island (UTC-12): a day some user was on.
    const utcDay = h.clock.now().toISOString().slice(0, 10);
    const dayBefore = addDays(utcDay, -1);
    const promiseOn = (day: string | undefined) => {
      const mutation = ann.make('promise.create', { customerId, promisedDate: dayBefore, itemIds: [item2] });
      return day === undefined ? mutation : { ...mutation, day };
    };
    const results = await ann.pushOk([promiseOn(dayBefore), promiseOn(undefined), promiseOn(addDays(utcDay, -3))]);
    expect(results).toMatchObject([
      { status: 'applied' },
      { status: 'rejected', error: { code: 'validation', field: 'args.promisedDate' } },
      { status: 'rejected', error: { code: 'validation', field: 'args.promisedDate' } },
    ]);
  });

  it('a new promise on the same items supersedes the open one and takes the next level; amounts are checked', async () => {
    const [item0 = '', item1 = ''] = items;
    const first = uuidv7();
    const second = uuidv7();
    const results = await ann.pushOk([
      ann.make('promise.create', { customerId, promisedDate: '2026-03-10', itemIds: [item0] }, { promises: first }),
      ann.make('promise.create', { customerId, promisedDate: '2026-03-12', itemIds: [item0], amountMinor: 30_001 }),
      ann.make('promise.create', { customerId, promisedDate: '2026-03-15', itemIds: [item0], amountMinor: 25_000 }, { promises: second }),
      ann.make('promise.create', { customerId, promisedDate: '2026-03-16', itemIds: [item1, item1] }),
    ]);
    expect(results).toMatchObject([
      { status: 'applied' },
      { status: 'rejected', error: { code: 'validation', field: 'args.amountMinor' } },
      { status: 'applied' },
      { status: 'rejected', error: { code: 'validation', field: 'args.itemIds.1' } },
    ]);
    expect(await promise(first)).toMatchObject({ status: 'superseded', superseded_by: second, amount_minor: 30_000, level: 1, version: 2 });
    expect(await promise(second)).toMatchObject({ status: 'open', amount_minor: 25_000, level: nextPromiseLevel([1]), version: 1 });
  });

  it('refuses dates a modified client planted beyond the windows of the shared rule, naming the field', async () => {
    const [, , item2 = ''] = items;
    const today = h.clock.now().toISOString().slice(0, 10);
    const results = await ann.pushOk([
      ann.make('promise.create', { customerId, promisedDate: '9999-12-31', itemIds: [item2] }),
      ann.make('promise.plan', { customerId, itemIds: [item2], instalments: [{ promisedDate: today, amountMinor: 5_000 }, { promisedDate: '9999-12-31', amountMinor: 5_000 }] }),
      ann.make('followUp.create', { customerId, title: 'Call back', dueDate: '9999-12-31' }),
      ann.make('dispute.create', { customerId, reasonCode: 'pricing', items: [{ itemId: item2, disputedMinor: 100 }], dueDate: '9999-12-31' }),
    ]);
    expect(results).toMatchObject([
      { status: 'rejected', error: { code: 'validation', field: 'args.promisedDate' } },
      { status: 'rejected', error: { code: 'validation', field: 'args.instalments.1.promisedDate' } },
      { status: 'rejected', error: { code: 'validation', field: 'args.dueDate' } },
      { status: 'rejected', error: { code: 'validation', field: 'args.dueDate' } },
    ]);
  });

  it('refuses a promise that would leave an item under two open promises', async () => {
    const [, item1 = '', item2 = ''] = items;
    const both = uuidv7();
    const results = await ann.pushOk([
      ann.make('promise.create', { customerId, promisedDate: '2026-03-20', itemIds: [item1, item2] }, { promises: both }),
      ann.make('promise.create', { customerId, promisedDate: '2026-03-21', itemIds: [item2] }),
    ]);
    expect(results).toMatchObject([{ status: 'applied' }, { status: 'rejected', error: { code: 'conflict', field: 'args.itemIds.0' } }]);
    expect((await promise(both)).status).toBe('open');
  });

  it('a promise cancelled meanwhile by someone else makes a stale cancel a conflict', async () => {
    const id = uuidv7();
    await ann.pushOk([ann.make('promise.create', { customerId, promisedDate: '2026-03-25', amountMinor: 1_000, currency: 'EUR' }, { promises: id })]);
    expect(await lead.pushOk([lead.make('promise.cancel', { promiseId: id, reason: 'customer called back' })])).toMatchObject([{ status: 'applied' }]);
    const [stale] = await ann.pushOk([ann.make('promise.cancel', { promiseId: id, reason: 'wrong amount' })]);
    expect(stale).toMatchObject({ status: 'rejected', error: { code: 'conflict', field: 'args.promiseId' } });
    expect(await promise(id)).toMatchObject({ status: 'cancelled', version: 2 });
  });

  it('a contact logged with a promise or a dispute creates them with the activity, all or nothing', async () => {
    const [, , item2 = ''] = items;
    const activityId = uuidv7();
    const promiseId = uuidv7();
    const call = (outcome: string, extra: object) => ({ customerId, channel: 'phone', outcome, note: `inline ${outcome}`, ...extra });
    const results = await ann.pushOk([
      ann.make('contact.log', call('promise_to_pay', { promise: { promisedDate: '2026-03-30', amountMinor: 999_999_999, currency: 'EUR' } })),
      ann.make('contact.log', call('promise_to_pay', { promise: { promisedDate: '2026-03-30', amountMinor: 500, currency: 'EUR' } }), {
        activities: activityId,
        promises: promiseId,
      }),
      ann.make('contact.log', call('dispute_raised', { dispute: { reasonCode: 'pricing', items: [{ itemId: item2, disputedMinor: 2_500 }] } })),
    ]);
    expect(results).toMatchObject([
      { status: 'rejected', error: { code: 'validation', field: 'args.promise.amountMinor' } },
      { status: 'applied' },
      { status: 'applied' },
    ]);
    // The rejected call left no activity behind.
    const activities = await h.testDb.db.selectFrom('activities').select(['id', 'outcome']).where('note', 'like', 'inline %').orderBy('created_at').execute();
    expect(activities.map((a) => a.outcome).sort()).toEqual(['dispute_raised', 'promise_to_pay']);
    expect(await promise(promiseId)).toMatchObject({ activity_id: activityId, amount_minor: 500, status: 'open' });
    const dispute = await h.testDb.db.selectFrom('disputes').selectAll().where('activity_id', 'in', activities.map((a) => a.id)).executeTakeFirstOrThrow();
    expect(dispute).toMatchObject({ status: 'new', disputed_minor: 2_500 });
  });

  it('a payment plan writes its instalments under the client ids and is cancelled as a whole', async () => {
    const inline = await h.testDb.db.selectFrom('promises').select('id').where('amount_minor', '=', 500).where('status', '=', 'open').executeTakeFirstOrThrow();
    const planId = uuidv7();
    const instalments = [uuidv7(), uuidv7()];
    const results = await ann.pushOk([
      ann.make('promise.plan', {
        customerId,
        currency: 'EUR',
        instalments: [
          { promisedDate: '2026-04-15', amountMinor: 300 },
          { promisedDate: '2026-04-01', amountMinor: 200 },
        ],
      }),
      ann.make(
        'promise.plan',
        {
          customerId,
          currency: 'EUR',
          instalments: [
            { promisedDate: '2026-03-15', amountMinor: 300 },
            { promisedDate: '2026-04-15', amountMinor: 200 },
          ],
        },
        { promises: instalments, plan: planId },
      ),
      ann.make('promise.cancel', { promiseId: instalments[0] ?? '', reason: 'new terms', wholePlan: true }),
    ]);
    expect(results).toMatchObject([
      { status: 'rejected', error: { code: 'validation', field: 'args.instalments.1.promisedDate' } },
      { status: 'applied' },
      { status: 'applied' },
    ]);
    const rows = await h.testDb.db.selectFrom('promises').selectAll().where('plan_id', '=', planId).orderBy('promised_date').execute();
    expect(rows.map((row) => [row.id, row.amount_minor, row.status])).toEqual([
      [instalments[0], 300, 'cancelled'],
      [instalments[1], 200, 'cancelled'],
    ]);
    // The plan on the account replaced the open account-level promise of the inline call.
    expect(await promise(inline.id)).toMatchObject({ status: 'superseded', superseded_by: instalments[0] });
  });
});

