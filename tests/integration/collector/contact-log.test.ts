import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommand } from '../../../db/commands/run-command';
import { logContactCommand } from '../../../db/commands/contact-log';
import { TITLE_MAX } from '../../../shared/domain/text';
import { addContactPerson } from '../../support/builders';
import { createCollectorFixture, expectError, snapshot, type CollectorFixture } from './fixture';

let f: CollectorFixture;
beforeEach(async () => {
  f = await createCollectorFixture();
});
afterEach(async () => f.api.cleanup());

describe('contact.log', () => {
  it('logs a call with a new contact person, a follow-up and a promise in one transaction and one outbox mutation', async () => {
    await f.api.call('draft.save', { key: `contact:${f.customerId}`, value: { note: 'half typed' } });
    const logged = await f.api.call('contact.log', {
      customerId: f.customerId,
      channel: 'phone',
      outcome: 'promise_to_pay',
      note: 'Will pay both invoices on Friday',
      durationSeconds: 180,
      followUpDate: '2026-11-28',
      newContactPerson: { name: 'Ana Pay', phone: '+49 30 123456', role: 'AP clerk' },
      promise: { promisedDate: '2026-11-27', itemIds: [f.items[0], f.items[1]] },
      draftKey: `contact:${f.customerId}`,
    });
    expect(logged.promise).toMatchObject({ amountMinor: 30_000, status: 'open', level: 1 });
    expect(logged.contactPersonId).not.toBeNull();
    expect(logged.followUpId).not.toBeNull();
    // No title sent (an older client): the English one.
    expect(f.sqlite.prepare('SELECT title FROM follow_ups WHERE id = ?').get(logged.followUpId)).toEqual({ title: 'Follow up: Promise to pay' });
    const activity = f.sqlite.prepare('SELECT * FROM activities WHERE id = ?').get(logged.activityId);
    expect(activity).toMatchObject({ channel: 'phone', direction: 'outbound', outcome: 'promise_to_pay', duration_seconds: 180, follow_up_date: '2026-11-28', contact_person_id: logged.contactPersonId, user_id: f.userId });
    expect(f.sqlite.prepare('SELECT activity_id FROM promises').get()).toEqual({ activity_id: logged.activityId });
    expect(f.sqlite.prepare('SELECT name FROM outbox').all()).toEqual([{ name: 'contact.log' }]);
    const mutations = f.sqlite.prepare('SELECT DISTINCT mutation_id FROM audit_log').all();
    expect(mutations).toHaveLength(1);
    expect(f.sqlite.prepare('SELECT entity, action FROM audit_log ORDER BY seq').all()).toEqual([
      { entity: 'contact_person', action: 'create' },
      { entity: 'activity', action: 'create' },
      { entity: 'promise', action: 'create' },
      { entity: 'follow_up', action: 'create' },
    ]);
    expect(await f.api.call('draft.get', { key: `contact:${f.customerId}` })).toBeNull();
    const row = (await f.api.call('worklist.query', {})).rows.find((r) => r.customerId === f.customerId);
    expect(row).toMatchObject({ lastContactAt: '2026-11-23T09:00:00.000Z', nextPromiseDate: '2026-11-27', nextFollowUpDate: '2026-11-28' });
  });

  it("titles the follow-up as the collector's client words it, and refuses an empty or over-long title", async () => {
    const logged = await f.api.call('contact.log', { customerId: f.customerId, channel: 'phone', outcome: 'call_back_later', followUpDate: '2026-11-28', followUpTitle: 'Wiedervorlage: Später zurückrufen' });
    expect(f.sqlite.prepare('SELECT title FROM follow_ups WHERE id = ?').get(logged.followUpId)).toEqual({ title: 'Wiedervorlage: Später zurückrufen' });
    const before = snapshot(f.sqlite);
    for (const followUpTitle of ['', 'x'.repeat(TITLE_MAX + 1), 'Follow up\u0000', 'Follow up \u202Eyap']) {
      const refused = await f.api.raw('contact.log', { customerId: f.customerId, channel: 'phone', outcome: 'call_back_later', followUpDate: '2026-11-28', followUpTitle });
      expect(refused).toMatchObject({ ok: false, error: { code: 'validation', field: 'followUpTitle' } });
    }
    expect(snapshot(f.sqlite)).toEqual(before);
  });

  it('logs a call that agreed a payment plan with its instalments in one command, and a refused plan logs nothing', async () => {
    await f.api.call('draft.save', { key: `contact:${f.customerId}`, value: { note: 'plan agreed' } });
    const before = snapshot(f.sqlite);
    const refused = await f.api.raw('contact.log', {
      customerId: f.customerId,
      channel: 'phone',
      outcome: 'promise_to_pay',
      plan: { itemIds: [f.items[0], f.items[1]], instalments: [{ promisedDate: '2026-12-01', amountMinor: 10_000 }, { promisedDate: '2027-01-01', amountMinor: 10_000 }] },
      draftKey: `contact:${f.customerId}`,
    });
    expect(expectError(refused)).toMatchObject({ code: 'validation', field: 'plan.totalMinor' });
    // Neither the contact nor the plan, and the draft is kept: the action did not half-succeed.
    expect(snapshot(f.sqlite)).toEqual(before);
    expect(await f.api.call('draft.get', { key: `contact:${f.customerId}` })).toMatchObject({ value: { note: 'plan agreed' } });

    const logged = await f.api.call('contact.log', {
      customerId: f.customerId,
      channel: 'phone',
      outcome: 'promise_to_pay',
      plan: { itemIds: [f.items[0], f.items[1]], instalments: [{ promisedDate: '2026-12-01', amountMinor: 15_000 }, { promisedDate: '2027-01-01', amountMinor: 15_000 }] },
      draftKey: `contact:${f.customerId}`,
    });
    expect(logged.promise).toBeNull();
    expect(logged.plan).toMatchObject({ totalMinor: 30_000, promises: [{ promisedDate: '2026-12-01' }, { promisedDate: '2027-01-01' }] });
    const planId = logged.plan?.planId;
    expect(f.sqlite.prepare('SELECT plan_id, activity_id FROM promises ORDER BY promised_date').all()).toEqual([
      { plan_id: planId, activity_id: logged.activityId },
      { plan_id: planId, activity_id: logged.activityId },
    ]);
    expect(f.sqlite.prepare('SELECT name FROM outbox').all()).toEqual([{ name: 'contact.log' }]);
    expect(await f.api.call('draft.get', { key: `contact:${f.customerId}` })).toBeNull();
    const mismatched = await f.api.raw('contact.log', {
      customerId: f.customerId,
      channel: 'phone',
      outcome: 'no_answer',
      plan: { instalments: [{ promisedDate: '2026-12-01', amountMinor: 1 }, { promisedDate: '2027-01-01', amountMinor: 1 }] },
    });
    expect(expectError(mismatched)).toMatchObject({ code: 'validation', field: 'plan' });
  });

  it('logs a raised dispute inline and remembers the last channel', async () => {
    const person = addContactPerson(f.sqlite, f.customerId, { is_primary: 1 });
    const logged = await f.api.call('contact.log', {
      customerId: f.customerId,
      channel: 'email',
      direction: 'inbound',
      contactPersonId: person.id,
      outcome: 'dispute_raised',
      dispute: { items: [{ itemId: f.items[2], disputedMinor: 12_000 }], reasonCode: 'damaged_or_quality' },
    });
    expect(logged.dispute).toMatchObject({ status: 'new', disputedMinor: 12_000 });
    expect(await f.api.call('contact.defaults', { customerId: f.customerId })).toEqual({ channel: 'email', direction: 'inbound', contactPersonId: person.id });
    expect(await f.api.call('contact.defaults', {})).toMatchObject({ channel: 'email', contactPersonId: null });
  });

  it.each([
    ['a promise with another outcome', () => ({ outcome: 'no_answer', promise: { promisedDate: '2026-11-30', amountMinor: 100 } }), 'validation', 'promise'],
    ['a dispute with another outcome', () => ({ outcome: 'promise_to_pay', dispute: { items: [{ itemId: f.items[0], disputedMinor: 1 }], reasonCode: 'tax' } }), 'validation', 'dispute'],
    ['a contact person of another customer', () => ({ outcome: 'no_answer', contactPersonId: addContactPerson(f.sqlite, f.otherCustomerId).id }), 'not_found', 'contactPersonId'],
    ['a new contact person without phone or email', () => ({ outcome: 'no_answer', newContactPerson: { name: 'Nobody' } }), 'validation', 'newContactPerson.phone'],
    ['a follow-up in the past', () => ({ outcome: 'call_back_later', followUpDate: '2026-11-20' }), 'validation', 'followUpDate'],
    ['a follow-up on the last storable date', () => ({ outcome: 'call_back_later', followUpDate: '9999-12-31' }), 'validation', 'followUpDate'],
    ['an inline promise on an item of another customer', () => ({ outcome: 'promise_to_pay', promise: { promisedDate: '2026-11-30', itemIds: [f.otherItem] } }), 'not_found', 'promise.itemIds.0'],
    // Named as the server names it (shared/domain/owed-items.ts): the promise's own currency field.
    ['an inline promise in another currency than its items', () => ({ outcome: 'promise_to_pay', promise: { promisedDate: '2026-11-30', itemIds: [f.items[0]], currency: 'JPY' } }), 'validation', 'promise.currency'],
    ['an inline dispute above the open amount', () => ({ outcome: 'dispute_raised', dispute: { items: [{ itemId: f.items[0], disputedMinor: 10_001 }], reasonCode: 'tax' } }), 'validation', 'dispute.items.0.disputedMinor'],
  ] as const)('refuses %s and writes nothing, keeping the draft', async (_label, input, code, field) => {
    await f.api.call('draft.save', { key: 'contact:x', value: { note: 'keep me' } });
    const extra = input();
    const before = snapshot(f.sqlite);
    const result = await f.api.raw('contact.log', { customerId: f.customerId, channel: 'phone', draftKey: 'contact:x', ...extra });
    expect(expectError(result)).toMatchObject({ code, field });
    expect(snapshot(f.sqlite)).toEqual(before);
    expect(await f.api.call('draft.get', { key: 'contact:x' })).toMatchObject({ value: { note: 'keep me' } });
  });

  it('leaves neither rows nor audit nor outbox when the transaction fails at the last moment', () => {
    const before = snapshot(f.sqlite);
    const input = {
      customerId: f.customerId,
      channel: 'phone',
      outcome: 'promise_to_pay',
      followUpDate: '2026-11-30',
      promise: { promisedDate: '2026-11-30', amountMinor: 5_000 },
    };
    expect(() =>
      runCommand(f.api.commands, logContactCommand, input, {
        beforeCommit: (tx) => {
          expect(tx.sqlite.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 1 });
          throw new Error('disk full');
        },
      }),
    ).toThrow('disk full');
    expect(snapshot(f.sqlite)).toEqual(before);
  });
});
