import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { brokenPromiseFollowUpId } from '../../../shared/domain/broken-promise';
import { insertRow } from '../../support/builders';
import { createCollectorFixture, expectError, snapshot, type CollectorFixture } from './fixture';

let f: CollectorFixture;
beforeEach(async () => {
  f = await createCollectorFixture();
});
afterEach(async () => f.api.cleanup());

const promiseRow = (id: string) => f.sqlite.prepare('SELECT * FROM promises WHERE id = ?').get(id) as { status: string; level: number; superseded_by: string | null; plan_id: string | null; amount_minor: number };

describe('promise.create', () => {
  it('defaults the amount to the items\' undisputed open total and records audit and outbox in one mutation', async () => {
    f.sqlite.prepare('UPDATE open_items SET disputed_minor = 2_500 WHERE id = ?').run(f.items[1]);
    const promise = await f.api.call('promise.create', { customerId: f.customerId, promisedDate: '2026-11-30', itemIds: [f.items[0], f.items[1]], paymentMethod: 'bank_transfer' });
    expect(promise).toMatchObject({ amountMinor: 27_500, currency: 'EUR', status: 'open', level: 1, itemIds: [f.items[0], f.items[1]].sort(), supersededIds: [] });
    const audit = f.sqlite.prepare("SELECT entity, action, mutation_id FROM audit_log WHERE entity = 'promise'").all() as { mutation_id: string }[];
    const outbox = f.sqlite.prepare('SELECT id, name FROM outbox').all();
    expect(audit).toHaveLength(1);
    expect(outbox).toEqual([{ id: audit[0]?.mutation_id, name: 'promise.create' }]);
    expect(f.sqlite.prepare('SELECT next_promise_date FROM customer_summary WHERE customer_id = ?').get(f.customerId)).toEqual({ next_promise_date: '2026-11-30' });
  });

  it('takes the customer currency and needs an amount when no items are given', async () => {
    expect(expectError(await f.api.raw('promise.create', { customerId: f.customerId, promisedDate: '2026-11-30' }))).toMatchObject({ code: 'validation', field: 'amountMinor' });
    const promise = await f.api.call('promise.create', { customerId: f.customerId, promisedDate: '2026-11-30', amountMinor: 15_000 });
    expect(promise).toMatchObject({ currency: 'EUR', amountMinor: 15_000, itemIds: [] });
  });

  it.each([
    ['a past date', () => ({ promisedDate: '2026-11-22', amountMinor: 100 }), 'validation', 'promisedDate'],
    ['the last storable date', () => ({ promisedDate: '9999-12-31', amountMinor: 100 }), 'validation', 'promisedDate'],
    ['a date a day past a year ahead', () => ({ promisedDate: '2027-11-24', amountMinor: 100 }), 'validation', 'promisedDate'],
    ['an item of another customer', () => ({ promisedDate: '2026-11-30', itemIds: [f.otherItem] }), 'not_found', 'itemIds.0'],
    ['an unknown item', () => ({ promisedDate: '2026-11-30', itemIds: ['01900000-0000-7000-8000-0000000000ff'] }), 'not_found', 'itemIds.0'],
    ['the same item twice', () => ({ promisedDate: '2026-11-30', itemIds: [f.items[0], f.items[0]] }), 'validation', 'itemIds.1'],
    ['items in two currencies', () => ({ promisedDate: '2026-11-30', itemIds: [f.items[0], f.usdItem] }), 'validation', 'itemIds.1'],
    ['a currency other than the items\'', () => ({ promisedDate: '2026-11-30', itemIds: [f.items[0]], currency: 'USD' }), 'validation', 'currency'],
    ['more than is open on the items', () => ({ promisedDate: '2026-11-30', itemIds: [f.items[0]], amountMinor: 10_001 }), 'validation', 'amountMinor'],
    ['more than the account owes in the currency', () => ({ promisedDate: '2026-11-30', amountMinor: 60_001 }), 'validation', 'amountMinor'],
    ['a zero amount', () => ({ promisedDate: '2026-11-30', amountMinor: 0 }), 'validation', 'amountMinor'],
  ] as const)('refuses %s and changes nothing', async (_label, input, code, field) => {
    const before = snapshot(f.sqlite);
    expect(expectError(await f.api.raw('promise.create', { customerId: f.customerId, ...input() }))).toMatchObject({ code, field });
    expect(snapshot(f.sqlite)).toEqual(before);
  });

  it('refuses an unknown customer', async () => {
    expect(expectError(await f.api.raw('promise.create', { customerId: '01900000-0000-7000-8000-0000000000ff', promisedDate: '2026-11-30', amountMinor: 5 }))).toMatchObject({ code: 'not_found', field: 'customerId' });
  });

  it('supersedes the open promise on the same items and raises the level', async () => {
    const first = await f.api.call('promise.create', { customerId: f.customerId, promisedDate: '2026-11-25', itemIds: [f.items[0]] });
    const second = await f.api.call('promise.create', { customerId: f.customerId, promisedDate: '2026-12-05', itemIds: [f.items[0], f.items[1]] });
    expect(second).toMatchObject({ level: 2, supersededIds: [first.id], amountMinor: 30_000 });
    expect(promiseRow(first.id)).toMatchObject({ status: 'superseded', superseded_by: second.id });
    const openOnItem = f.sqlite.prepare("SELECT count(*) AS n FROM promise_items pi JOIN promises p ON p.id = pi.promise_id WHERE pi.open_item_id = ? AND p.status = 'open'").get(f.items[0]);
    expect(openOnItem).toEqual({ n: 1 });
  });

  it('refuses a second open promise on an item whose promise also covers other items', async () => {
    await f.api.call('promise.create', { customerId: f.customerId, promisedDate: '2026-11-25', itemIds: [f.items[0], f.items[1]] });
    const before = snapshot(f.sqlite);
    const error = expectError(await f.api.raw('promise.create', { customerId: f.customerId, promisedDate: '2026-12-05', itemIds: [f.items[2], f.items[1]] }));
    expect(error).toMatchObject({ code: 'conflict', field: 'itemIds.1' });
    expect(snapshot(f.sqlite)).toEqual(before);
  });

  it('answers a broken promise: the new one takes the next level and the broken one stops counting', async () => {
    const first = await f.api.call('promise.create', { customerId: f.customerId, promisedDate: '2026-11-25', itemIds: [f.items[0]] });
    f.api.clock.set('2026-11-29T08:00:00.000Z');
    const brokenCount = async () => (await f.api.call('worklist.query', {})).rows.find((row) => row.customerId === f.customerId)?.brokenPromises;
    expect(await brokenCount()).toBe(1);
    expect(promiseRow(first.id).status).toBe('broken');

    // The server's evaluation opened its "call the customer" follow-up (as a pull brings it): the new promise is that call's answer.
    const followUpId = brokenPromiseFollowUpId(first.id);
    insertRow(f.sqlite, 'follow_ups', { id: followUpId, customer_id: f.customerId, open_item_id: null, activity_id: null, due_date: '2026-11-29', title: 'Promise of 2026-11-25 broken: call the customer', status: 'open', assigned_to: null, created_by: null, created_at: '2026-11-29T02:00:00.000Z', done_at: null, done_comment: null });
    const next = await f.api.call('promise.create', { customerId: f.customerId, promisedDate: '2026-12-01', itemIds: [f.items[0]] });
    expect(next).toMatchObject({ level: 2, supersededIds: [] });
    expect(promiseRow(first.id)).toMatchObject({ status: 'broken', superseded_by: next.id });
    expect(await brokenCount()).toBe(0);
    expect(f.sqlite.prepare('SELECT status, done_at, done_comment FROM follow_ups WHERE id = ?').get(followUpId)).toEqual({ status: 'done', done_at: '2026-11-29T08:00:00.000Z', done_comment: 'Answered by a new promise for 2026-12-01' });
  });
});

describe('promise.plan', () => {
  it('writes every instalment under one plan id in one command', async () => {
    const plan = await f.api.call('promise.plan', {
      customerId: f.customerId,
      itemIds: [f.items[1], f.items[2]],
      instalments: [
        { promisedDate: '2026-11-30', amountMinor: 20_000 },
        { promisedDate: '2026-12-31', amountMinor: 20_000 },
        { promisedDate: '2027-01-31', amountMinor: 10_000 },
      ],
    });
    expect(plan.totalMinor).toBe(50_000);
    expect(plan.promises.map((p) => [p.promisedDate, p.amountMinor, p.planId])).toEqual([
      ['2026-11-30', 20_000, plan.planId],
      ['2026-12-31', 20_000, plan.planId],
      ['2027-01-31', 10_000, plan.planId],
    ]);
    expect(f.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE name = 'promise.plan'").get()).toEqual({ n: 1 });
    expect(f.sqlite.prepare('SELECT sum(amount_minor) AS total FROM promises WHERE plan_id = ?').get(plan.planId)).toEqual({ total: 50_000 });
  });

  it.each([
    ['instalments that do not add up to the items', [{ promisedDate: '2026-11-30', amountMinor: 20_000 }, { promisedDate: '2026-12-31', amountMinor: 20_000 }], undefined, 'totalMinor'],
    ['dates that do not increase', [{ promisedDate: '2026-12-31', amountMinor: 25_000 }, { promisedDate: '2026-12-31', amountMinor: 25_000 }], undefined, 'instalments.1.promisedDate'],
    ['a past instalment', [{ promisedDate: '2026-11-01', amountMinor: 25_000 }, { promisedDate: '2026-12-31', amountMinor: 25_000 }], undefined, 'instalments.0.promisedDate'],
    ['a stated total the instalments miss', [{ promisedDate: '2026-11-30', amountMinor: 25_000 }, { promisedDate: '2026-12-31', amountMinor: 24_999 }], 50_000, 'totalMinor'],
    ['a single instalment', [{ promisedDate: '2026-11-30', amountMinor: 50_000 }], undefined, 'instalments'],
  ] as const)('refuses %s and changes nothing', async (_label, instalments, totalMinor, field) => {
    const before = snapshot(f.sqlite);
    const input = { customerId: f.customerId, itemIds: [f.items[1], f.items[2]], instalments, ...(totalMinor === undefined ? {} : { totalMinor }) };
    expect(expectError(await f.api.raw('promise.plan', input))).toMatchObject({ code: 'validation', field });
    expect(snapshot(f.sqlite)).toEqual(before);
  });

  it('is superseded as a whole by a later promise on its items', async () => {
    const plan = await f.api.call('promise.plan', {
      customerId: f.customerId,
      itemIds: [f.items[0]],
      instalments: [
        { promisedDate: '2026-11-30', amountMinor: 5_000 },
        { promisedDate: '2026-12-31', amountMinor: 5_000 },
      ],
    });
    const replacement = await f.api.call('promise.create', { customerId: f.customerId, promisedDate: '2026-12-10', itemIds: [f.items[0]] });
    expect(replacement.supersededIds.sort()).toEqual(plan.promises.map((p) => p.id).sort());
    expect(replacement.level).toBe(2);
  });
});

describe('promise.cancel', () => {
  it('cancels an open promise with a reason, and refuses to cancel it twice', async () => {
    const promise = await f.api.call('promise.create', { customerId: f.customerId, promisedDate: '2026-11-30', amountMinor: 5_000 });
    const [cancelled] = await f.api.call('promise.cancel', { promiseId: promise.id, reason: 'customer withdrew' });
    expect(cancelled?.status).toBe('cancelled');
    const audit = f.sqlite.prepare("SELECT after_json FROM audit_log WHERE action = 'cancel'").get() as { after_json: string };
    expect(JSON.parse(audit.after_json)).toMatchObject({ status: 'cancelled', cancel_reason: 'customer withdrew' });
    // The reason is the promise's own (synced), and the timeline shows it when the promise was cancelled.
    expect(f.sqlite.prepare('SELECT cancel_reason FROM promises WHERE id = ?').get(promise.id)).toEqual({ cancel_reason: 'customer withdrew' });
    const { entries } = await f.api.call('customer.timeline', { customerId: f.customerId, types: ['promise'] });
    expect(entries.find((entry) => entry.id === `${promise.id}:cancel`)).toMatchObject({ title: 'Promise to pay by 2026-11-30 cancelled', detail: 'customer withdrew', status: 'cancelled' });
    const before = snapshot(f.sqlite);
    expect(expectError(await f.api.raw('promise.cancel', { promiseId: promise.id, reason: 'again' }))).toMatchObject({ code: 'conflict', field: 'promiseId' });
    expect(snapshot(f.sqlite)).toEqual(before);
  });

  it('cancels a whole payment plan', async () => {
    const plan = await f.api.call('promise.plan', {
      customerId: f.customerId,
      totalMinor: 9_000,
      instalments: [
        { promisedDate: '2026-11-30', amountMinor: 3_000 },
        { promisedDate: '2026-12-31', amountMinor: 3_000 },
        { promisedDate: '2027-01-31', amountMinor: 3_000 },
      ],
    });
    const first = plan.promises[0]?.id ?? '';
    const cancelled = await f.api.call('promise.cancel', { promiseId: first, reason: 'renegotiated', wholePlan: true });
    expect(cancelled.map((p) => p.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(expectError(await f.api.raw('promise.cancel', { promiseId: '01900000-0000-7000-8000-0000000000ff', reason: 'x' }))).toMatchObject({ code: 'not_found', field: 'promiseId' });
  });
});
