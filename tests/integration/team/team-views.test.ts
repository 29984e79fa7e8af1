import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { weekStart } from '../../../shared/domain/team';
import { addActivity, addItem, addPromise } from '../../support/builders';
import { expectError } from '../collector/fixture';
import { addEscalation, createTeamFixture, signInAs, type TeamFixture } from './fixture';

let f: TeamFixture;
beforeEach(async () => {
  f = await createTeamFixture();
});
afterEach(async () => f.api.cleanup());

describe('weekStart', () => {
  it('is the Monday of the week, Sunday belonging to the week before', () => {
    expect(['2026-11-23', '2026-11-25', '2026-11-29', '2026-11-30', '2026-11-22', '1970-01-01'].map(weekStart)).toEqual([
      '2026-11-23',
      '2026-11-23',
      '2026-11-23',
      '2026-11-30',
      '2026-11-16',
      '1969-12-29',
    ]);
  });
});

describe('team.load', () => {
  it("counts each team collector's customers, overdue per currency, this week's contacts and open and broken promises", async () => {
    f.api.clock.set('2026-11-25T12:00:00.000Z');
    const [acme, birch] = f.annCustomers;
    addItem(f.sqlite, acme, { open_minor: 7_000, currency: 'USD', due_date: '2026-11-01' });
    addItem(f.sqlite, birch, { open_minor: 9_999, due_date: '2026-12-31' });
    // Monday 00:00 counts, Sunday 23:59 of the week before and next Monday do not; Bob's call is his.
    // A contact recorded on Monday about Sunday belongs to the week before.
    addActivity(f.sqlite, acme, { user_id: f.annId, occurred_at: '2026-11-22T16:00:00.000Z', created_at: '2026-11-23T08:00:00.000Z' });
    for (const at of ['2026-11-22T23:59:59.000Z', '2026-11-23T00:00:00.000Z', '2026-11-25T08:00:00.000Z', '2026-11-30T00:00:00.000Z']) addActivity(f.sqlite, acme, { user_id: f.annId, occurred_at: at, created_at: at });
    addActivity(f.sqlite, birch, { user_id: f.bobId, occurred_at: '2026-11-24T09:00:00.000Z', created_at: '2026-11-24T09:00:00.000Z' });
    addPromise(f.sqlite, acme, { status: 'open', promised_date: '2026-12-10' });
    addPromise(f.sqlite, birch, { status: 'broken', promised_date: '2026-11-10' });
    addPromise(f.sqlite, birch, { status: 'kept', promised_date: '2026-11-01' });

    const load = await f.api.call('team.load', {});
    expect(load.asOf).toBe('2026-11-25');
    expect(load.weekStart).toBe('2026-11-23');
    expect(load.collectors).toEqual([
      { collectorId: f.annId, displayName: 'Ann', disabled: false, customers: 2, overdue: [{ currency: 'EUR', amountMinor: 100_000 }, { currency: 'USD', amountMinor: 7_000 }], contactsThisWeek: 2, promisesOpen: 1, promisesBroken: 1 },
      { collectorId: f.bobId, displayName: 'Bob', disabled: false, customers: 0, overdue: [], contactsThisWeek: 1, promisesOpen: 0, promisesBroken: 0 },
    ]);

    await f.api.call('customer.reassign', { customerIds: [birch], toCollectorId: f.bobId });
    const after = await f.api.call('team.load', {});
    expect(after.collectors.map((c) => [c.displayName, c.customers, c.overdue, c.promisesBroken])).toEqual([
      ['Ann', 1, [{ currency: 'EUR', amountMinor: 50_000 }, { currency: 'USD', amountMinor: 7_000 }], 0],
      ['Bob', 1, [{ currency: 'EUR', amountMinor: 50_000 }], 1],
    ]);
  });

  it('is refused to a collector', async () => {
    signInAs(f.sqlite, f.annId);
    expect(expectError(await f.api.raw('team.load', {})).message).toContain('team leads');
    expect(expectError(await f.api.raw('team.escalations', {})).message).toContain('team leads');
  });
});

describe('team.escalations', () => {
  it("lists the team's pending requests oldest first, with customer, collector, requester and amount", async () => {
    const writeOff = addEscalation(f.sqlite, f.annCustomers[1], 'write_off', f.annId, 25_000);
    f.sqlite.prepare("UPDATE escalations SET requested_at = '2026-11-19T08:00:00.000Z' WHERE id = ?").run(writeOff);
    const hold = addEscalation(f.sqlite, f.annCustomers[0], 'credit_hold', f.annId);
    addEscalation(f.sqlite, f.cemCustomer, 'legal', f.cemId);
    const decided = addEscalation(f.sqlite, f.annCustomers[0], 'agency', f.annId);
    f.sqlite.prepare("UPDATE escalations SET status = 'rejected' WHERE id = ?").run(decided);

    const pending = await f.api.call('team.escalations', {});
    expect(pending.map((e) => e.id)).toEqual([writeOff, hold]);
    expect(pending[0]).toEqual({
      id: writeOff,
      customerId: f.annCustomers[1],
      customerNumber: expect.any(String) as string,
      customerName: 'Birch Tools',
      collectorName: 'Ann',
      kind: 'write_off',
      status: 'requested',
      amountMinor: 25_000,
      currency: 'EUR',
      reason: 'please write_off',
      requestedBy: f.annId,
      requestedByName: 'Ann',
      requestedAt: '2026-11-19T08:00:00.000Z',
    });
  });
});
