import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DISPUTE_ACTIONS, allowedDisputeActions, isOpenDispute } from '../../../shared/domain/dispute';
import type { DisputeStatus } from '../../../shared/domain/codes';
import { addItem } from '../../support/builders';
import { createCollectorFixture, expectError, snapshot, type CollectorFixture } from './fixture';

let f: CollectorFixture;
beforeEach(async () => {
  f = await createCollectorFixture();
});
afterEach(async () => f.api.cleanup());

const disputed = (itemId: string) => (f.sqlite.prepare('SELECT disputed_minor AS d FROM open_items WHERE id = ?').get(itemId) as { d: number }).d;
const summary = () => f.sqlite.prepare('SELECT disputed_minor, collectible_minor, open_disputes FROM customer_summary WHERE customer_id = ?').get(f.customerId);
const raise = (items: { itemId: string; disputedMinor: number }[]) => f.api.call('dispute.create', { customerId: f.customerId, items, reasonCode: 'pricing', description: 'wrong unit price', dueDate: '2026-12-10' });

describe('dispute.create', () => {
  it('reserves the disputed amounts on two items and takes them out of the collectible balance', async () => {
    const dispute = await raise([{ itemId: f.items[0], disputedMinor: 4_000 }, { itemId: f.items[1], disputedMinor: 20_000 }]);
    expect(dispute).toMatchObject({ status: 'new', currency: 'EUR', disputedMinor: 24_000, ownerId: f.userId, allowedActions: ['start', 'escalate', 'void'] });
    expect([disputed(f.items[0]), disputed(f.items[1])]).toEqual([4_000, 20_000]);
    expect(summary()).toEqual({ disputed_minor: 24_000, collectible_minor: 60_000 - 24_000, open_disputes: 1 });
    expect(f.sqlite.prepare('SELECT from_status, to_status, user_id FROM dispute_events').all()).toEqual([{ from_status: null, to_status: 'new', user_id: f.userId }]);
    expect(f.sqlite.prepare('SELECT name FROM outbox').all()).toEqual([{ name: 'dispute.create' }]);
  });

  it.each([
    ['more than the item has open', () => [{ itemId: f.items[0], disputedMinor: 10_001 }], 'validation', 'items.0.disputedMinor'],
    ['an item of another customer', () => [{ itemId: f.otherItem, disputedMinor: 100 }], 'not_found', 'items.0.itemId'],
    ['items in two currencies', () => [{ itemId: f.items[0], disputedMinor: 100 }, { itemId: f.usdItem, disputedMinor: 100 }], 'validation', 'items.1.itemId'],
    ['no items', () => [], 'validation', 'items'],
  ] as const)('refuses %s and changes nothing', async (_label, items, code, field) => {
    const before = snapshot(f.sqlite);
    const result = await f.api.raw('dispute.create', { customerId: f.customerId, items: items(), reasonCode: 'pricing' });
    expect(expectError(result)).toMatchObject({ code, field });
    expect(snapshot(f.sqlite)).toEqual(before);
  });

  it('never lets two cases dispute more than an item has open', async () => {
    await raise([{ itemId: f.items[0], disputedMinor: 6_000 }]);
    const before = snapshot(f.sqlite);
    expect(expectError(await f.api.raw('dispute.create', { customerId: f.customerId, items: [{ itemId: f.items[0], disputedMinor: 4_001 }], reasonCode: 'tax' }))).toMatchObject({ code: 'validation', field: 'items.0.disputedMinor' });
    expect(snapshot(f.sqlite)).toEqual(before);
    await f.api.call('dispute.create', { customerId: f.customerId, items: [{ itemId: f.items[0], disputedMinor: 4_000 }], reasonCode: 'tax' });
    expect(disputed(f.items[0])).toBe(10_000);
  });

  it('refuses a past due date and an unknown owner', async () => {
    const items = [{ itemId: f.items[0], disputedMinor: 100 }];
    expect(expectError(await f.api.raw('dispute.create', { customerId: f.customerId, items, reasonCode: 'other', dueDate: '2026-11-01' }))).toMatchObject({ field: 'dueDate' });
    expect(expectError(await f.api.raw('dispute.create', { customerId: f.customerId, items, reasonCode: 'other', ownerId: '01900000-0000-7000-8000-0000000000ff' }))).toMatchObject({ code: 'not_found', field: 'ownerId' });
  });
});

describe('dispute.transition', () => {
  it('walks new -> in process -> resolved -> closed, releasing the amounts at resolution, with an event per step', async () => {
    const dispute = await raise([{ itemId: f.items[0], disputedMinor: 4_000 }]);
    await f.api.call('dispute.transition', { disputeId: dispute.id, action: 'start', comment: 'asked sales' });
    const resolved = await f.api.call('dispute.transition', { disputeId: dispute.id, action: 'resolve', resolution: 'claim_rejected', rootCause: 'customer_error' });
    expect(resolved).toMatchObject({ status: 'resolved', resolution: 'claim_rejected', rootCause: 'customer_error', allowedActions: ['close', 'reopen'] });
    expect(disputed(f.items[0])).toBe(0);
    expect(summary()).toEqual({ disputed_minor: 0, collectible_minor: 60_000, open_disputes: 0 });
    await f.api.call('dispute.transition', { disputeId: dispute.id, action: 'close' });
    expect(disputed(f.items[0])).toBe(0);
    const events = f.sqlite.prepare('SELECT from_status, to_status, comment FROM dispute_events ORDER BY at, rowid').all();
    expect(events).toEqual([
      { from_status: null, to_status: 'new', comment: 'wrong unit price' },
      { from_status: 'new', to_status: 'in_process', comment: 'asked sales' },
      { from_status: 'in_process', to_status: 'resolved', comment: '' },
      { from_status: 'resolved', to_status: 'closed', comment: '' },
    ]);
    const timeline = await f.api.call('customer.timeline', { customerId: f.customerId, types: ['dispute'] });
    expect(timeline.entries.map((entry) => entry.title)).toContain('Dispute In process → Resolved');
  });

  it('reopening reserves again only what the item still has open', async () => {
    const dispute = await raise([{ itemId: f.items[0], disputedMinor: 8_000 }]);
    await f.api.call('dispute.transition', { disputeId: dispute.id, action: 'start' });
    await f.api.call('dispute.transition', { disputeId: dispute.id, action: 'resolve', resolution: 'partially_credited', rootCause: 'billing' });
    f.sqlite.prepare('UPDATE open_items SET open_minor = 5_000 WHERE id = ?').run(f.items[0]);
    const reopened = await f.api.call('dispute.transition', { disputeId: dispute.id, action: 'reopen' });
    expect(reopened).toMatchObject({ status: 'in_process', disputedMinor: 5_000, resolution: null, items: [{ itemId: f.items[0], disputedMinor: 5_000 }] });
    expect(disputed(f.items[0])).toBe(5_000);
  });

  it('needs a resolution and a root cause to resolve, and takes them only then', async () => {
    const dispute = await raise([{ itemId: f.items[0], disputedMinor: 100 }]);
    await f.api.call('dispute.transition', { disputeId: dispute.id, action: 'start' });
    const before = snapshot(f.sqlite);
    expect(expectError(await f.api.raw('dispute.transition', { disputeId: dispute.id, action: 'resolve' }))).toMatchObject({ code: 'validation', field: 'resolution' });
    expect(expectError(await f.api.raw('dispute.transition', { disputeId: dispute.id, action: 'resolve', resolution: 'credit_memo_issued' }))).toMatchObject({ field: 'rootCause' });
    expect(expectError(await f.api.raw('dispute.transition', { disputeId: dispute.id, action: 'escalate', rootCause: 'sales' }))).toMatchObject({ field: 'rootCause' });
    expect(snapshot(f.sqlite)).toEqual(before);
  });

  it('refuses to move a closed dispute anywhere but back to in process', async () => {
    const dispute = await raise([{ itemId: f.items[0], disputedMinor: 100 }]);
    await f.api.call('dispute.transition', { disputeId: dispute.id, action: 'start' });
    await f.api.call('dispute.transition', { disputeId: dispute.id, action: 'resolve', resolution: 'claim_rejected', rootCause: 'customer_error' });
    expect(await f.api.call('dispute.transition', { disputeId: dispute.id, action: 'close' })).toMatchObject({ status: 'closed', allowedActions: ['reopen'] });
    const before = snapshot(f.sqlite);
    for (const action of ['start', 'escalate', 'close', 'void'] as const) {
      expect(expectError(await f.api.raw('dispute.transition', { disputeId: dispute.id, action }))).toMatchObject({ code: 'conflict', field: 'action' });
    }
    expect(snapshot(f.sqlite)).toEqual(before);
    expect(await f.api.call('dispute.transition', { disputeId: dispute.id, action: 'reopen' })).toMatchObject({ status: 'in_process', disputedMinor: 100 });
  });

  it('voiding releases the amounts and ends the case for good', async () => {
    const dispute = await raise([{ itemId: f.items[0], disputedMinor: 100 }]);
    expect(await f.api.call('dispute.transition', { disputeId: dispute.id, action: 'void', comment: 'raised by mistake' })).toMatchObject({ status: 'voided', allowedActions: [] });
    expect(disputed(f.items[0])).toBe(0);
    expect(expectError(await f.api.raw('dispute.transition', { disputeId: dispute.id, action: 'reopen' }))).toMatchObject({ code: 'conflict', field: 'action' });
  });
});

describe('dispute transitions (property)', () => {
  it('accepts exactly the allowed moves; a refused one leaves rows, audit and outbox unchanged; reserved amounts always match the case', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...DISPUTE_ACTIONS), { minLength: 1, maxLength: 10 }), async (actions) => {
        const items = [addItem(f.sqlite, f.customerId, { open_minor: 5_000 }).id, addItem(f.sqlite, f.customerId, { open_minor: 9_000 }).id];
        const dispute = await raise([{ itemId: items[0] ?? '', disputedMinor: 3_000 }, { itemId: items[1] ?? '', disputedMinor: 7_000 }]);
        let current: DisputeStatus = 'new';
        let accepted = 0;
        for (const action of actions) {
          const allowed = allowedDisputeActions(current).includes(action);
          const before = snapshot(f.sqlite);
          const resolution = action === 'resolve' ? { resolution: 'customer_withdrew', rootCause: 'sales' } : {};
          const result = await f.api.raw('dispute.transition', { disputeId: dispute.id, action, ...resolution });
          expect(result.ok).toBe(allowed);
          if (result.ok) {
            current = (result.value as { status: DisputeStatus }).status;
            accepted += 1;
          } else {
            expect(snapshot(f.sqlite)).toEqual(before);
          }
          expect(items.map(disputed)).toEqual(isOpenDispute(current) ? [3_000, 7_000] : [0, 0]);
        }
        expect(f.sqlite.prepare('SELECT status FROM disputes WHERE id = ?').get(dispute.id)).toEqual({ status: current });
        expect(f.sqlite.prepare('SELECT count(*) AS n FROM dispute_events WHERE dispute_id = ?').get(dispute.id)).toEqual({ n: accepted + 1 });
      }),
      { numRuns: 40 },
    );
  });
});

describe('disputed amounts (property)', () => {
  it('any valid walk of two cases on the same items is accepted, and items always reserve exactly what their open cases hold', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.boolean(), fc.nat()), { minLength: 1, maxLength: 14 }), async (steps) => {
        const items = [addItem(f.sqlite, f.customerId, { open_minor: 5_000 }).id, addItem(f.sqlite, f.customerId, { open_minor: 9_000 }).id];
        const first = await raise([{ itemId: items[0] ?? '', disputedMinor: 3_000 }, { itemId: items[1] ?? '', disputedMinor: 4_000 }]);
        const second = await raise([{ itemId: items[0] ?? '', disputedMinor: 2_000 }, { itemId: items[1] ?? '', disputedMinor: 5_000 }]);
        const status = new Map<string, DisputeStatus>([[first.id, 'new'], [second.id, 'new']]);
        for (const [pickFirst, choice] of steps) {
          const id = pickFirst ? first.id : second.id;
          const allowed = allowedDisputeActions(status.get(id) ?? 'new');
          const action = allowed[choice % Math.max(1, allowed.length)];
          if (action === undefined) continue;
          const resolution = action === 'resolve' ? { resolution: 'credit_memo_issued', rootCause: 'billing' } : {};
          const result = await f.api.raw('dispute.transition', { disputeId: id, action, ...resolution });
          // A reopen is refused only when nothing of the case is left to reserve.
          if (!result.ok) {
            expect(action).toBe('reopen');
            continue;
          }
          status.set(id, (result.value as { status: DisputeStatus }).status);
          const reserved = f.sqlite
            .prepare(
              `SELECT i.id, i.disputed_minor AS onItem,
                 (SELECT coalesce(sum(di.disputed_minor), 0) FROM dispute_items di JOIN disputes d ON d.id = di.dispute_id
                  WHERE di.open_item_id = i.id AND d.status IN ('new', 'in_process', 'escalated')) AS byCases
               FROM open_items i WHERE i.id IN (?, ?)`,
            )
            .all(items[0], items[1]) as { onItem: number; byCases: number }[];
          for (const row of reserved) expect(row.onItem).toBe(row.byCases);
          const totals = f.sqlite
            .prepare('SELECT d.disputed_minor AS total, (SELECT sum(disputed_minor) FROM dispute_items WHERE dispute_id = d.id) AS parts FROM disputes d WHERE d.id IN (?, ?)')
            .all(first.id, second.id) as { total: number; parts: number }[];
          for (const row of totals) expect(row.total).toBe(row.parts);
        }
      }),
      { numRuns: 40 },
    );
  });
});
