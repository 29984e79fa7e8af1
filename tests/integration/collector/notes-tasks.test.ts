import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatMoney } from '../../../shared/domain/money';
import { openLocalStore } from '../../../db/open';
import { getDraft } from '../../../db/queries/drafts';
import { applyDirectory } from '../../../db/sync/directory';
import { addFollowUp, addPromise, addUser } from '../../support/builders';
import { createCollectorFixture, expectError, snapshot, type CollectorFixture } from './fixture';

let f: CollectorFixture;
beforeEach(async () => {
  f = await createCollectorFixture();
});
afterEach(async () => f.api.cleanup());

describe('notes', () => {
  it('keeps every version: an edit adds one, the old stays with is_current = 0, search sees only the current text', async () => {
    const first = await f.api.call('note.add', { customerId: f.customerId, itemId: f.items[0], body: 'Customer says invoice lost' });
    f.api.clock.set('2026-11-23T10:00:00.000Z');
    const second = await f.api.call('note.edit', { noteId: first.id, body: 'Customer found the invoice' });
    expect(second).toMatchObject({ lineageId: first.lineageId, version: 2, isCurrent: true, itemId: f.items[0] });
    const history = await f.api.call('note.history', { noteId: first.id });
    expect(history.map((note) => [note.version, note.isCurrent, note.body])).toEqual([
      [2, true, 'Customer found the invoice'],
      [1, false, 'Customer says invoice lost'],
    ]);
    expect((await f.api.call('search.global', { q: 'found' })).map((hit) => hit.kind)).toEqual(['note']);
    expect(await f.api.call('search.global', { q: 'lost' })).toEqual([]);
    const timeline = await f.api.call('customer.timeline', { customerId: f.customerId, types: ['note'] });
    expect(timeline.entries.map((entry) => [entry.title, entry.detail])).toEqual([['Note (edited, version 2)', 'Customer found the invoice']]);
  });

  it('refuses to edit an old version, an unchanged text, an empty note and an item of another customer', async () => {
    const first = await f.api.call('note.add', { customerId: f.customerId, body: 'one' });
    await f.api.call('note.edit', { noteId: first.id, body: 'two' });
    const before = snapshot(f.sqlite);
    expect(expectError(await f.api.raw('note.edit', { noteId: first.id, body: 'three' }))).toMatchObject({ code: 'conflict', field: 'noteId' });
    const current = (await f.api.call('note.history', { noteId: first.id }))[0]?.id;
    expect(expectError(await f.api.raw('note.edit', { noteId: current, body: 'two' }))).toMatchObject({ code: 'validation', field: 'body' });
    expect(expectError(await f.api.raw('note.add', { customerId: f.customerId, body: '   ' }))).toMatchObject({ code: 'validation', field: 'body' });
    expect(expectError(await f.api.raw('note.add', { customerId: f.customerId, itemId: f.otherItem, body: 'x' }))).toMatchObject({ code: 'not_found', field: 'itemId' });
    expect(snapshot(f.sqlite)).toEqual(before);
  });
});

describe('follow-ups', () => {
  it('lists my open follow-ups due today and overdue, oldest first, with the customer', async () => {
    const colleague = addUser(f.sqlite).id;
    addFollowUp(f.sqlite, f.otherCustomerId, { due_date: '2026-11-20', title: 'Overdue', assigned_to: f.userId });
    addFollowUp(f.sqlite, f.customerId, { due_date: '2026-11-23', title: 'Today, unassigned' });
    addFollowUp(f.sqlite, f.customerId, { due_date: '2026-11-23', title: 'Someone else', assigned_to: colleague });
    addFollowUp(f.sqlite, f.customerId, { due_date: '2026-11-24', title: 'Tomorrow', assigned_to: f.userId });
    addFollowUp(f.sqlite, f.customerId, { due_date: '2026-11-19', title: 'Done', assigned_to: f.userId, status: 'done' });
    const mine = await f.api.call('followUps.mine', {});
    expect(mine.map((task) => [task.title, task.customerName, task.overdue])).toEqual([
      ['Overdue', 'Other Ltd', true],
      ['Today, unassigned', 'Acme Paint', false],
    ]);
  });

  it('creates, completes and cancels, each once', async () => {
    const task = await f.api.call('followUp.create', { customerId: f.customerId, dueDate: '2026-11-23', title: 'Call AP' });
    expect(task).toMatchObject({ status: 'open', assignedTo: f.userId });
    expect((await f.api.call('worklist.query', { filters: { followUpDue: true } })).rows.map((row) => row.customerId)).toEqual([f.customerId]);
    expect(await f.api.call('followUp.complete', { followUpId: task.id, comment: 'reached' })).toMatchObject({ status: 'done' });
    // The comment is the follow-up's own (synced), and the timeline shows it when the follow-up was closed.
    expect(f.sqlite.prepare('SELECT done_comment FROM follow_ups WHERE id = ?').get(task.id)).toEqual({ done_comment: 'reached' });
    const { entries } = await f.api.call('customer.timeline', { customerId: f.customerId, types: ['follow_up'] });
    expect(entries.find((entry) => entry.id === `${task.id}:done`)).toMatchObject({ title: 'Follow-up done: Call AP', detail: 'reached', status: 'done' });
    expect(expectError(await f.api.raw('followUp.cancel', { followUpId: task.id }))).toMatchObject({ code: 'conflict', field: 'followUpId' });
    expect((await f.api.call('worklist.query', { filters: { followUpDue: true } })).rows).toEqual([]);
    expect(expectError(await f.api.raw('followUp.create', { customerId: f.customerId, dueDate: '2026-11-22', title: 'x' }))).toMatchObject({ field: 'dueDate' });
    expect(expectError(await f.api.raw('followUp.create', { customerId: f.customerId, dueDate: '2026-11-24', title: 'x', itemId: f.otherItem }))).toMatchObject({ code: 'not_found', field: 'itemId' });
  });
});

describe('escalations', () => {
  it('requests, refuses a duplicate pending request, and withdraws only while requested', async () => {
    const request = await f.api.call('escalation.request', { customerId: f.customerId, kind: 'write_off', amountMinor: 10_000, reason: 'insolvent' });
    expect(request).toMatchObject({ status: 'requested', currency: 'EUR', amountMinor: 10_000 });
    expect(expectError(await f.api.raw('escalation.request', { customerId: f.customerId, kind: 'write_off', amountMinor: 5, reason: 'again' }))).toMatchObject({ code: 'conflict', field: 'kind' });
    expect(expectError(await f.api.raw('escalation.request', { customerId: f.customerId, kind: 'doubtful_account', reason: 'no amount' }))).toMatchObject({ code: 'validation', field: 'amountMinor' });
    expect(await f.api.call('escalation.withdraw', { escalationId: request.id, reason: 'paid after all' })).toMatchObject({ status: 'withdrawn' });
    const before = snapshot(f.sqlite);
    expect(expectError(await f.api.raw('escalation.withdraw', { escalationId: request.id }))).toMatchObject({ code: 'conflict', field: 'escalationId' });
    expect(snapshot(f.sqlite)).toEqual(before);
    expect(await f.api.call('escalation.request', { customerId: f.customerId, kind: 'legal', reason: 'hand over' })).toMatchObject({ amountMinor: null, currency: null });
  });

  it('refuses an amount above the balance it refers to, named as the UI shows it, and changes nothing', async () => {
    const { balance } = f.sqlite.prepare("SELECT sum(open_minor) AS balance FROM open_items WHERE customer_id = ? AND currency = 'EUR'").get(f.customerId) as { balance: number };
    const before = snapshot(f.sqlite);
    const error = expectError(await f.api.raw('escalation.request', { customerId: f.customerId, kind: 'write_off', amountMinor: balance * 1_000, reason: 'typo' }));
    expect(error).toMatchObject({ code: 'validation', field: 'amountMinor' });
    expect(error.message).toContain(`${formatMoney({ amountMinor: balance, currency: 'EUR' })} balance`);
    expect(expectError(await f.api.raw('escalation.request', { customerId: f.customerId, kind: 'write_off', amountMinor: 1, currency: 'JPY', reason: 'none owed' }))).toMatchObject({ field: 'amountMinor' });
    expect(snapshot(f.sqlite)).toEqual(before);
    expect(await f.api.call('escalation.request', { customerId: f.customerId, kind: 'write_off', amountMinor: balance, reason: 'all of it' })).toMatchObject({ amountMinor: balance });
  });
});

describe('customer.timeline', () => {
  it('pages newest first, filters by type and names who did what', async () => {
    await f.api.call('contact.log', { customerId: f.customerId, channel: 'phone', outcome: 'no_answer' });
    f.api.clock.set('2026-11-23T10:00:00.000Z');
    await f.api.call('note.add', { customerId: f.customerId, body: 'second' });
    f.api.clock.set('2026-11-23T11:00:00.000Z');
    await f.api.call('escalation.request', { customerId: f.customerId, kind: 'credit_hold', reason: 'limit' });
    const page = await f.api.call('customer.timeline', { customerId: f.customerId, limit: 2 });
    expect(page.total).toBe(3);
    expect(page.entries.map((entry) => entry.type)).toEqual(['escalation', 'note']);
    expect(page.entries[0]?.by).toMatch(/^User /);
    const rest = await f.api.call('customer.timeline', { customerId: f.customerId, offset: 2, limit: 2 });
    expect(rest.entries.map((entry) => entry.type)).toEqual(['activity']);
    const filtered = await f.api.call('customer.timeline', { customerId: f.customerId, types: ['activity', 'escalation'] });
    expect(filtered.entries.map((entry) => entry.type)).toEqual(['escalation', 'activity']);
    expect(expectError(await f.api.raw('customer.timeline', { customerId: '01900000-0000-7000-8000-0000000000ff' }))).toMatchObject({ code: 'not_found' });
  });
});

describe('drafts', () => {
  it('round-trip through SQLite and survive reopening the store', async () => {
    const value = { channel: 'phone', note: 'Called, she said → Friday 💶', items: [f.items[0]] };
    await f.api.call('draft.save', { key: `contact:${f.customerId}`, value });
    await f.api.store.close();
    const reopened = await openLocalStore({ path: f.api.path });
    expect(getDraft(reopened.sqlite, f.userId, `contact:${f.customerId}`)).toEqual({ key: `contact:${f.customerId}`, value, updatedAt: '2026-11-23T09:00:00.000Z' });
    await reopened.close();
  });

  it('overwrites, clears and refuses oversized drafts', async () => {
    await f.api.call('draft.save', { key: 'note:1', value: 'a' });
    expect(await f.api.call('draft.save', { key: 'note:1', value: 'b' })).toMatchObject({ value: 'b' });
    expect(await f.api.call('draft.get', { key: 'note:1' })).toMatchObject({ key: 'note:1', value: 'b', updatedAt: '2026-11-23T09:00:00.000Z' });
    expect(await f.api.call('draft.clear', { key: 'note:1' })).toEqual({ cleared: true });
    expect(await f.api.call('draft.clear', { key: 'note:1' })).toEqual({ cleared: false });
    expect(expectError(await f.api.raw('draft.save', { key: 'big', value: 'x'.repeat(100_001) }))).toMatchObject({ code: 'validation', field: 'value' });
    expect(f.sqlite.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
  });

  it('belong to the user who typed them: the next user signed in on the workstation never sees them', async () => {
    const other = addUser(f.sqlite);
    const directory = [f.userId, other.id].map((id, n) => ({ id, username: `user-${String(n)}`, displayName: `User ${String(n)}`, role: 'collector' as const, teamId: null, disabled: false }));
    const key = `contact:${f.customerId}`;
    await f.api.call('draft.save', { key, value: { note: 'Ann: they dispute the freight' } });

    // Sign-in makes the signed-in user the local profile, as the sync directory does.
    applyDirectory(f.sqlite, directory, other.id, '2026-11-23T09:00:00.000Z');
    expect(await f.api.call('draft.get', { key })).toBeNull();
    expect(await f.api.call('draft.clear', { key })).toEqual({ cleared: false });
    await f.api.call('draft.save', { key, value: { note: 'Bob: left a message' } });
    // Logging the contact clears Bob's draft only.
    await f.api.call('contact.log', { customerId: f.customerId, channel: 'phone', outcome: 'no_answer', draftKey: key });
    expect(await f.api.call('draft.get', { key })).toBeNull();

    applyDirectory(f.sqlite, directory, f.userId, '2026-11-23T09:00:00.000Z');
    expect(await f.api.call('draft.get', { key })).toMatchObject({ value: { note: 'Ann: they dispute the freight' } });
  });
});

describe('worklist filter promiseDueSoon', () => {
  it('finds customers with an open promise due today or tomorrow', async () => {
    addPromise(f.sqlite, f.customerId, { promised_date: '2026-11-24', created_at: '2026-11-23T08:00:00.000Z' });
    addPromise(f.sqlite, f.otherCustomerId, { promised_date: '2026-11-25', created_at: '2026-11-23T08:00:00.000Z' });
    f.api.clock.set('2026-11-24T07:00:00.000Z');
    const soon = await f.api.call('worklist.query', { filters: { promiseDueSoon: true } });
    expect(soon.rows.map((row) => row.customerId).sort()).toEqual([f.customerId, f.otherCustomerId].sort());
    f.api.clock.set('2026-11-25T07:00:00.000Z');
    const later = await f.api.call('worklist.query', { filters: { promiseDueSoon: true } });
    expect(later.rows.map((row) => row.customerId)).toEqual([f.otherCustomerId]);
    expect((await f.api.call('worklist.query', { filters: { promiseDueSoon: false } })).rows.map((row) => row.customerId)).toEqual([f.customerId]);
  });
});

describe('customer.work', () => {
  it('lists what is in progress with the ids and actions the forms need', async () => {
    const promise = await f.api.call('promise.create', { customerId: f.customerId, promisedDate: '2026-11-30', itemIds: [f.items[0]] });
    const dispute = await f.api.call('dispute.create', { customerId: f.customerId, items: [{ itemId: f.items[1], disputedMinor: 500 }], reasonCode: 'freight' });
    const task = await f.api.call('followUp.create', { customerId: f.customerId, dueDate: '2026-11-25', title: 'Check remittance' });
    const request = await f.api.call('escalation.request', { customerId: f.customerId, kind: 'credit_hold', reason: 'over limit' });
    const note = await f.api.call('note.add', { customerId: f.customerId, body: 'Prefers email' });
    await f.api.call('promise.create', { customerId: f.otherCustomerId, promisedDate: '2026-11-30', amountMinor: 100 });

    const work = await f.api.call('customer.work', { customerId: f.customerId });
    expect(work.promises.map((p) => [p.id, p.itemIds])).toEqual([[promise.id, [f.items[0]]]]);
    expect(work.disputes.map((d) => [d.id, d.allowedActions])).toEqual([[dispute.id, ['start', 'escalate', 'void']]]);
    expect(work.followUps.map((t) => t.id)).toEqual([task.id]);
    expect(work.escalations.map((e) => e.id)).toEqual([request.id]);
    expect(work.notes.map((n) => n.id)).toEqual([note.id]);
    expect(expectError(await f.api.raw('customer.work', { customerId: '01900000-0000-7000-8000-0000000000ff' }))).toMatchObject({ code: 'not_found', field: 'customerId' });
  });
});
