/**
 * "Today" is the user's calendar day (issue 32, point 3): aging, promise verdicts, follow-ups due,
 * date rules and the worklist count from the day on the wall clock in the zone the user chose,
 * or the computer's, never from the UTC date. Around midnight on 29 February 2024 in three zones.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { userTimeZone } from '../../../db/day/user-day';
import { createMemoryPreferenceStore } from '../../../db/handlers/preferences';
import { systemTimeZone } from '../../../shared/domain/time-zone';
import { v7 as uuidv7 } from 'uuid';
import { addCustomer, addItem, addUser, insertRow } from '../../support/builders';
import { createTestApi, type TestApi } from '../../support/test-api';

let api: TestApi | undefined;
afterEach(async () => {
  await api?.cleanup();
  api = undefined;
});

const ZONES = [
  { zone: 'America/Los_Angeles', before: '2024-03-01T07:59:00.000Z', after: '2024-03-01T08:01:00.000Z' },
  { zone: 'Australia/Sydney', before: '2024-02-29T12:59:00.000Z', after: '2024-02-29T13:01:00.000Z' },
  { zone: 'UTC', before: '2024-02-29T23:59:00.000Z', after: '2024-03-01T00:01:00.000Z' },
] as const;

/** A customer with one invoice of 500.00 due on the 29th and, made on the 20th, a promise for the 26th on it (three days' grace: kept open to the 29th). */
async function portfolioIn(zone: string) {
  const test = await createTestApi('2024-02-20T12:00:00.000Z');
  api = test;
  await test.call('prefs.set', { timeZone: zone });
  const { sqlite } = test.store;
  const userId = addUser(sqlite, { is_local_profile: 1 }).id;
  const customerId = addCustomer(sqlite, { collector_id: userId, name: 'Leap Day Ltd' }).id;
  const itemId = addItem(sqlite, customerId, { open_minor: 50_000, currency: 'EUR', due_date: '2024-02-29' }).id;
  const promise = await test.call('promise.create', { customerId, promisedDate: '2024-02-26', itemIds: [itemId] });
  await test.call('followUp.create', { customerId, dueDate: '2024-02-29', title: 'Call back about the leap-day invoice' });
  return { test, customerId, promiseId: promise.id };
}

describe("the user's day", () => {
  it.each(ZONES)('in $zone the 29th lasts until its own midnight', async ({ zone, before, after }) => {
    const { test, customerId, promiseId } = await portfolioIn(zone);
    const promiseStatus = () => (test.store.sqlite.prepare('SELECT status, evaluated_on FROM promises WHERE id = ?').get(promiseId) as { status: string; evaluated_on: string | null });

    test.clock.set(before);
    const onThe29th = await test.call('customer.account', { customerId });
    expect(onThe29th.asOf).toBe('2024-02-29');
    expect(onThe29th.openItems[0]).toMatchObject({ daysPastDue: 0 });
    const row = (await test.call('worklist.query', {})).rows[0];
    expect(row).toMatchObject({ customerId, overdueMinor: 0 });
    expect(promiseStatus().status).toBe('open');
    expect((await test.call('followUps.mine', {})).map((followUp) => followUp.dueDate)).toEqual(['2024-02-29']);
    // Today's date is still open for a new promise.
    await expect(test.call('promise.create', { customerId, promisedDate: '2024-02-29', amountMinor: 1_000, currency: 'EUR' })).resolves.toMatchObject({ promisedDate: '2024-02-29' });
    // The outbox keeps the day the user saw, for the server to check the date against (protocol 2).
    expect(test.store.sqlite.prepare("SELECT day FROM outbox WHERE name = 'promise.create' ORDER BY seq DESC LIMIT 1").get()).toEqual({ day: '2024-02-29' });

    test.clock.set(after);
    const onThe1st = await test.call('customer.account', { customerId });
    expect(onThe1st.asOf).toBe('2024-03-01');
    expect(onThe1st.openItems[0]).toMatchObject({ daysPastDue: 1 });
    expect((await test.call('worklist.query', {})).rows[0]).toMatchObject({ customerId, overdueMinor: 50_000 });
    expect(promiseStatus()).toEqual({ status: 'broken', evaluated_on: '2024-03-01' });
    const refused = await test.raw('promise.create', { customerId, promisedDate: '2024-02-29', amountMinor: 1_000, currency: 'EUR' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'validation', field: 'promisedDate' } });
  });

  it('moves with the setting: the same instant is the 29th in Los Angeles and the 1st in UTC', async () => {
    const { test, customerId } = await portfolioIn('America/Los_Angeles');
    test.clock.set('2024-03-01T01:30:00.000Z');
    expect((await test.call('customer.account', { customerId })).asOf).toBe('2024-02-29');
    await test.call('prefs.set', { timeZone: 'UTC' });
    expect((await test.call('customer.account', { customerId })).asOf).toBe('2024-03-01');
    await test.call('prefs.set', { timeZone: 'Australia/Sydney' });
    expect((await test.call('worklist.query', {})).asOf).toBe('2024-03-01');
  });

  it("counts money dated the day a promise was made in the user's evening, although UTC is on the next day", async () => {
    const test = await createTestApi('2024-03-01T01:30:00.000Z');
    api = test;
    await test.call('prefs.set', { timeZone: 'America/Los_Angeles' });
    const { sqlite } = test.store;
    const userId = addUser(sqlite, { is_local_profile: 1 }).id;
    const customerId = addCustomer(sqlite, { collector_id: userId, name: 'Evening Call Inc' }).id;
    const itemId = addItem(sqlite, customerId, { open_minor: 50_000, currency: 'EUR', due_date: '2024-02-15' }).id;
    // 17:30 on the 29th in Los Angeles: the customer says the money went out today, and promises it for today.
    const promise = await test.call('promise.create', { customerId, promisedDate: '2024-02-29', itemIds: [itemId] });
    expect(sqlite.prepare('SELECT made_on FROM promises WHERE id = ?').get(promise.id)).toEqual({ made_on: '2024-02-29' });
    insertRow(sqlite, 'payments', { id: uuidv7(), erp_key: 'P-EVENING', customer_id: customerId, amount_minor: 50_000, currency: 'EUR', value_date: '2024-02-29', method: 'bank_transfer', reference: null, updated_at: '2024-03-01T02:00:00.000Z' });
    insertRow(sqlite, 'clearings', { id: uuidv7(), payment_id: (sqlite.prepare("SELECT id FROM payments WHERE erp_key = 'P-EVENING'").get() as { id: string }).id, open_item_id: itemId, amount_minor: 50_000, currency: 'EUR', cleared_on: '2024-02-29' });
    expect(await test.call('promises.evaluate', {})).toMatchObject({ kept: 1 });
  });

  it('refuses a zone the computer does not know, naming the field, and keeps the one set', async () => {
    const { test } = await portfolioIn('Australia/Sydney');
    const refused = await test.raw('prefs.set', { timeZone: 'Mars/Olympus_Mons' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'validation', field: 'timeZone' } });
    expect((await test.call('prefs.get', {})).timeZone).toBe('Australia/Sydney');
    // Kept in the runtime's spelling, the one the picker lists.
    expect((await test.call('prefs.set', { timeZone: 'utc' })).timeZone).toBe('UTC');
  });

  it("without a setting, follows the computer's zone", () => {
    expect(userTimeZone(createMemoryPreferenceStore())).toBe(systemTimeZone());
    expect(userTimeZone(createMemoryPreferenceStore({ timeZone: 'Europe/Lisbon' }))).toBe('Europe/Lisbon');
  });
});
