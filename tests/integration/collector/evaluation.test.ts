import fc from 'fast-check';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/domain/dates';
import { dispatch } from '../../../shared/api/dispatch';
import type { PromiseRules } from '../../../shared/domain/promise';
import { createHandlers } from '../../../db/handlers/create-handlers';
import { DEFAULT_DOMAIN_SETTINGS } from '../../../db/summary/refresh';
import { addCustomer, addItem, insertRow } from '../../support/builders';
import { TEST_NOW } from '../../support/test-api';
import { createCollectorFixture, snapshot, type CollectorFixture } from './fixture';

let f: CollectorFixture;
beforeEach(async () => {
  f = await createCollectorFixture();
});
afterEach(async () => f.api.cleanup());

let erpCounter = 0;
function pay(customerId: string, amountMinor: number, valueDate: string, currency = 'EUR', clears?: string): void {
  erpCounter += 1;
  const payment = insertRow(f.sqlite, 'payments', {
    id: uuidv7(),
    erp_key: `P-${erpCounter}`,
    customer_id: customerId,
    amount_minor: amountMinor,
    currency,
    value_date: valueDate,
    method: 'bank_transfer',
    reference: null,
    updated_at: TEST_NOW,
  });
  if (clears !== undefined) {
    insertRow(f.sqlite, 'clearings', { id: uuidv7(), payment_id: payment.id, open_item_id: clears, amount_minor: amountMinor, currency, cleared_on: valueDate });
  }
}

const status = (id: string) => (f.sqlite.prepare('SELECT status, paid_minor, evaluated_on FROM promises WHERE id = ?').get(id) as { status: string; paid_minor: number; evaluated_on: string | null });
const at = (date: string) => { f.api.clock.set(`${date}T08:00:00.000Z`); };

describe('promise evaluation', () => {
  it('turns a promise broken once the clock passes its date plus grace and lifts the customer above others, provisionally: no outbox mutation, no follow-up', async () => {
    const rival = addCustomer(f.sqlite, { name: 'Rival Big' }).id;
    addItem(f.sqlite, rival, { open_minor: 90_000, due_date: '2026-10-15' });
    const promise = await f.api.call('promise.create', { customerId: f.customerId, promisedDate: '2026-11-25', itemIds: [f.items[2]] });
    const rank = async () => (await f.api.call('worklist.query', {})).rows.map((row) => row.customerId);
    expect((await rank()).indexOf(f.customerId)).toBeGreaterThan((await rank()).indexOf(rival));

    at('2026-11-28');
    expect(status(promise.id).status).toBe('open');
    await rank();
    expect(status(promise.id).status).toBe('open');

    at('2026-11-29');
    const order = await rank();
    expect(status(promise.id)).toEqual({ status: 'broken', paid_minor: 0, evaluated_on: '2026-11-29' });
    expect(order.indexOf(f.customerId)).toBeLessThan(order.indexOf(rival));
    const row = (await f.api.call('worklist.query', {})).rows.find((r) => r.customerId === f.customerId);
    expect(row?.factors.find((factor) => factor.key === 'brokenPromise')?.detail).toMatch(/1 broken promise/);

    const audit = f.sqlite.prepare("SELECT action, user_id, mutation_id FROM audit_log WHERE entity = 'promise' AND entity_id = ? ORDER BY seq").all(promise.id);
    expect(audit).toEqual([
      { action: 'create', user_id: f.userId, mutation_id: expect.any(String) as string },
      { action: 'evaluate', user_id: null, mutation_id: null },
    ]);
    // The server's verdict, with its follow-up, arrives with the pull (tests/integration/server/promise-evaluation.test.ts):
    // the desktop's own is the offline view and travels as nothing. A second run the same day changes nothing.
    expect(f.sqlite.prepare("SELECT name FROM outbox WHERE name <> 'promise.create'").all()).toEqual([]);
    expect(await f.api.call('promises.evaluate', {})).toMatchObject({ broken: 0, followUpsCreated: 0 });
    expect(await f.api.call('followUps.mine', {})).toEqual([]);
    const timeline = await f.api.call('customer.timeline', { customerId: f.customerId, types: ['promise', 'follow_up'] });
    expect(timeline.entries.map((entry) => [entry.title, entry.status])).toEqual([['Promise to pay by 2026-11-25', 'broken']]);
  });

  it('leaves a promise with a damaged date unjudged, judges the others, and lets it be cancelled', async () => {
    const damaged = await f.api.call('promise.create', { customerId: f.customerId, promisedDate: '2026-11-25', itemIds: [f.items[2]] });
    const sound = await f.api.call('promise.create', { customerId: f.customerId, promisedDate: '2026-11-25', itemIds: [f.items[0]] });
    f.sqlite.prepare("UPDATE promises SET promised_date = '2026-11-31' WHERE id = ?").run(damaged.id);
    at('2026-12-05');
    expect((await f.api.call('worklist.query', {})).rows.length).toBeGreaterThan(0);
    expect(status(sound.id).status).toBe('broken');
    expect(status(damaged.id).status).toBe('open');
    await f.api.call('promise.cancel', { promiseId: damaged.id, reason: 'entered with a broken date' });
    expect(status(damaged.id).status).toBe('cancelled');
  });

  it('re-judges on the next read once the ERP writes a payment, without being asked', async () => {
    const promise = await f.api.call('promise.create', { customerId: f.customerId, promisedDate: '2026-11-30', itemIds: [f.items[0]] });
    await f.api.call('worklist.query', {});
    pay(f.customerId, 10_000, '2026-11-23', 'EUR', f.items[0]);
    expect(status(promise.id).status).toBe('open');
    const row = (await f.api.call('worklist.query', {})).rows.find((r) => r.customerId === f.customerId);
    expect(status(promise.id)).toMatchObject({ status: 'kept', paid_minor: 10_000 });
    expect(row?.nextPromiseDate).toBeNull();
  });

  it('keeps a promise on items from clearings on those items only, and at once when paid in full', async () => {
    const promise = await f.api.call('promise.create', { customerId: f.customerId, promisedDate: '2026-11-30', itemIds: [f.items[0]] });
    pay(f.customerId, 50_000, '2026-11-24', 'EUR', f.items[1]);
    expect(await f.api.call('promises.evaluate', {})).toMatchObject({ kept: 0 });
    at('2026-11-24');
    pay(f.customerId, 9_950, '2026-11-24', 'EUR', f.items[0]);
    expect(await f.api.call('promises.evaluate', {})).toMatchObject({ kept: 1 });
    // 1 % tolerance: 99.50 of 100.00 counts as kept.
    expect(status(promise.id)).toMatchObject({ status: 'kept', paid_minor: 9_950 });
  });

  it('counts payments in the promise currency for a promise without items; partly paid turns partially kept', async () => {
    const promise = await f.api.call('promise.create', { customerId: f.customerId, promisedDate: '2026-11-26', amountMinor: 20_000 });
    pay(f.customerId, 5_000, '2026-11-24', 'USD');
    pay(f.customerId, 7_000, '2026-11-25');
    pay(f.customerId, 9_000, '2026-11-30');
    at('2026-11-30');
    await f.api.call('worklist.query', {});
    expect(status(promise.id)).toMatchObject({ status: 'partially_kept', paid_minor: 7_000 });
  });

  it('judges plan instalments in date order: paying ahead keeps later instalments, a gap breaks one', async () => {
    const plan = await f.api.call('promise.plan', {
      customerId: f.customerId,
      totalMinor: 30_000,
      instalments: [
        { promisedDate: '2026-11-25', amountMinor: 10_000 },
        { promisedDate: '2026-12-05', amountMinor: 10_000 },
        { promisedDate: '2026-12-15', amountMinor: 10_000 },
      ],
    });
    const [first, second, third] = plan.promises.map((p) => p.id);
    pay(f.customerId, 20_000, '2026-11-24');
    at('2026-12-20');
    await f.api.call('worklist.query', {});
    expect([first, second, third].map((id) => status(id ?? '').status)).toEqual(['kept', 'kept', 'broken']);
  });
});

describe('promise rules from the domain settings', () => {
  const handlersWith = (promises: PromiseRules) => createHandlers({ ...f.api.ctx, settings: { ...DEFAULT_DOMAIN_SETTINGS, promises } });

  it('uses the configured grace days and an absolute tolerance', async () => {
    const handlers = handlersWith({ graceDays: 0, tolerance: { kind: 'amount', minor: 500 } });
    const evaluate = () => dispatch(handlers, 'promises.evaluate', {});
    const short = await f.api.call('promise.create', { customerId: f.customerId, promisedDate: '2026-11-24', itemIds: [f.items[0]] });
    const nearly = await f.api.call('promise.create', { customerId: f.customerId, promisedDate: '2026-11-24', itemIds: [f.items[1]] });
    pay(f.customerId, 19_500, '2026-11-24', 'EUR', f.items[1]);
    at('2026-11-25');
    expect(await evaluate()).toMatchObject({ ok: true, value: { broken: 1, kept: 1 } });
    expect([status(short.id).status, status(nearly.id).status]).toEqual(['broken', 'kept']);
  });

  it('refuses invalid rules before touching a promise', async () => {
    await f.api.call('promise.create', { customerId: f.customerId, promisedDate: '2026-11-24', amountMinor: 100 });
    at('2026-12-24');
    const before = snapshot(f.sqlite);
    expect(await dispatch(handlersWith({ graceDays: -1, tolerance: { kind: 'percent', basisPoints: 0 } }), 'promises.evaluate', {})).toMatchObject({ ok: false, error: { code: 'validation', field: 'graceDays' } });
    expect(snapshot(f.sqlite)).toEqual(before);
  });
});

describe('promise evaluation (property)', () => {
  it('agrees with the rule for any payments and dates, through the command path', async () => {
    const payments = fc.array(fc.record({ day: fc.integer({ min: -3, max: 20 }), amountMinor: fc.integer({ min: 1, max: 12_000 }), usd: fc.boolean() }), { maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: 20_000 }), payments, fc.integer({ min: 0, max: 25 }), async (dueIn, amountMinor, paid, asOfIn) => {
        at(TEST_NOW.slice(0, 10));
        const customerId = addCustomer(f.sqlite).id;
        addItem(f.sqlite, customerId, { open_minor: 20_000, due_date: '2026-10-01' });
        const promisedDate = addDays('2026-11-23', dueIn);
        const promise = await f.api.call('promise.create', { customerId, promisedDate, amountMinor });
        for (const p of paid) pay(customerId, p.amountMinor, addDays('2026-11-23', p.day), p.usd ? 'USD' : 'EUR');
        const asOf = addDays('2026-11-23', asOfIn);
        at(asOf);
        await f.api.call('promises.evaluate', {});

        // The rule, written out independently: EUR money from the promise day to the earlier of today and date + 3 grace days.
        const deadline = addDays(promisedDate, 3);
        const until = asOf < deadline ? asOf : deadline;
        const counted = paid.filter((p) => !p.usd && addDays('2026-11-23', p.day) >= '2026-11-23' && addDays('2026-11-23', p.day) <= until).reduce((sum, p) => sum + p.amountMinor, 0);
        const required = amountMinor - Math.floor((amountMinor * 100) / 10_000);
        const expected = counted >= required ? 'kept' : asOf <= deadline ? 'open' : counted > 0 ? 'partially_kept' : 'broken';
        expect(status(promise.id)).toMatchObject({ status: expected, paid_minor: counted });
      }),
      { numRuns: 60 },
    );
  });
});
