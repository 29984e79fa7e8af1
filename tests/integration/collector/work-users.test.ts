import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addPromise, addUser } from '../../support/builders';
import { createCollectorFixture, expectError, type CollectorFixture } from './fixture';

let f: CollectorFixture;
beforeEach(async () => {
  f = await createCollectorFixture();
});
afterEach(async () => f.api.cleanup());

const work = () => f.api.call('customer.work', { customerId: f.customerId });

describe('customer.work override', () => {
  it('is null while nothing is pinned or snoozed', async () => {
    expect((await work()).override).toBeNull();
  });

  it('carries the pin with its reason and no expiry, only for that customer', async () => {
    await f.api.call('worklist.setOverride', { customerId: f.customerId, kind: 'pin', reason: 'Director asked' });
    expect((await work()).override).toEqual({ kind: 'pin', reason: 'Director asked', expiresAt: null });
    expect((await f.api.call('customer.work', { customerId: f.otherCustomerId })).override).toBeNull();
  });

  it('shows the newest override: a snooze set after a pin replaces it', async () => {
    await f.api.call('worklist.setOverride', { customerId: f.customerId, kind: 'pin', reason: 'Director asked' });
    f.api.clock.set('2026-11-23T10:00:00.000Z');
    await f.api.call('worklist.setOverride', { customerId: f.customerId, kind: 'snooze', reason: 'Payment run Friday', expiresAt: '2026-11-27T00:00:00.000Z' });
    expect((await work()).override).toEqual({ kind: 'snooze', reason: 'Payment run Friday', expiresAt: '2026-11-27T00:00:00.000Z' });
  });

  it('drops a cleared override', async () => {
    await f.api.call('worklist.setOverride', { customerId: f.customerId, kind: 'pin', reason: 'Director asked' });
    await f.api.call('worklist.clearOverride', { customerId: f.customerId });
    expect((await work()).override).toBeNull();
  });

  it('drops an override once its expiry has passed, as the worklist does', async () => {
    await f.api.call('worklist.setOverride', { customerId: f.customerId, kind: 'snooze', reason: 'Until noon', expiresAt: '2026-11-23T12:00:00.000Z' });
    f.api.clock.set('2026-11-23T11:59:59.000Z');
    expect((await work()).override).toMatchObject({ kind: 'snooze', reason: 'Until noon' });
    f.api.clock.set('2026-11-23T12:00:00.000Z');
    expect((await work()).override).toBeNull();
    const row = (await f.api.call('worklist.query', { search: 'Acme' })).rows.find((r) => r.customerId === f.customerId);
    expect(row?.override).toBeNull();
  });
});

describe('customer.work promises', () => {
  it('keeps a broken promise listed until a new promise answers it; kept and cancelled ones leave', async () => {
    const broken = await f.api.call('promise.create', { customerId: f.customerId, promisedDate: '2026-11-24', amountMinor: 1_000, currency: 'EUR' });
    const cancelled = await f.api.call('promise.create', { customerId: f.customerId, promisedDate: '2026-11-25', itemIds: [f.items[2]] });
    await f.api.call('promise.cancel', { promiseId: cancelled.id, reason: 'customer withdrew' });
    addPromise(f.sqlite, f.customerId, { status: 'kept' });
    f.api.clock.set('2026-11-28T09:00:00.000Z');
    expect((await work()).promises.map((p) => [p.id, p.status])).toEqual([[broken.id, 'broken']]);

    const answer = await f.api.call('promise.create', { customerId: f.customerId, promisedDate: '2026-12-05', amountMinor: 1_000, currency: 'EUR' });
    expect((await work()).promises.map((p) => [p.id, p.status, p.level])).toEqual([[answer.id, 'open', 2]]);
  });

  it('carries the plan id of instalments, so a whole plan can be cancelled', async () => {
    const plan = await f.api.call('promise.plan', {
      customerId: f.customerId,
      itemIds: [f.items[0]],
      instalments: [
        { promisedDate: '2026-11-30', amountMinor: 5_000 },
        { promisedDate: '2026-12-30', amountMinor: 5_000 },
      ],
    });
    const listed = (await work()).promises;
    expect(listed.map((p) => p.planId)).toEqual([plan.planId, plan.planId]);
    expect(listed.map((p) => p.itemIds)).toEqual([[f.items[0]], [f.items[0]]]);
  });
});

describe('users.list', () => {
  it('lists every user with display name and role, the local profile first and flagged', async () => {
    const lead = addUser(f.sqlite, { display_name: 'Anna Lead', role: 'team_lead' });
    const peer = addUser(f.sqlite, { display_name: 'bert Peer' });
    const users = await f.api.call('users.list', {});
    expect(users[0]).toMatchObject({ id: f.userId, isLocalProfile: true, role: 'collector' });
    expect(users.slice(1)).toEqual([
      { id: lead.id, displayName: 'Anna Lead', role: 'team_lead', isLocalProfile: false },
      { id: peer.id, displayName: 'bert Peer', role: 'collector', isLocalProfile: false },
    ]);
  });

  it('refuses unknown input fields', async () => {
    expect(expectError(await f.api.raw('users.list', { role: 'admin' })).code).toBe('validation');
  });
});
