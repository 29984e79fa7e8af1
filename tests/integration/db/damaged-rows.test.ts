/**
 * A row a bug or an older client left damaged (a date that is no real day, a timestamp that is no
 * instant, a currency that is no ISO code; the store checks only their shape) is shown as it is and
 * can still be corrected or cancelled with the usual actions (issue 24).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCustomer, addDispute, addFollowUp, addItem, addNote, addPromise, addUser, insertRow } from '../../support/builders';
import { createTestApi, type TestApi } from '../../support/test-api';
import { v7 as uuidv7 } from 'uuid';

let api: TestApi;
let customerId: string;
let userId: string;

beforeEach(async () => {
  api = await createTestApi();
  const { sqlite } = api.store;
  userId = addUser(sqlite, { is_local_profile: 1 }).id;
  customerId = addCustomer(sqlite, { collector_id: userId }).id;
  addItem(sqlite, customerId, { due_date: '2026-02-31', document_date: '0000-00-00', currency: '???', open_minor: 25_000 });
  addItem(sqlite, customerId, { due_date: '2026-10-01', open_minor: 10_000 });
});
afterEach(async () => api.cleanup());

describe('a damaged row', () => {
  it('is shown as stored on the account, the worklist and the customer work', async () => {
    const { sqlite } = api.store;
    addPromise(sqlite, customerId, { promised_date: '2026-19-39', created_at: 'yesterday', created_by: userId });
    addNote(sqlite, customerId, 'kept', { created_at: '' });

    const account = await api.call('customer.account', { customerId });
    expect(account.openItems.map((item) => [item.dueDate, item.currency])).toContainEqual(['2026-02-31', '???']);
    // The damaged due date ages as the day it rolls over to (2026-03-03), so the item still counts as overdue.
    expect(account.aging.find((entry) => entry.currency === '???')?.overdueMinor).toBe(25_000);

    const work = await api.call('customer.work', { customerId });
    expect(work.promises.map((promise) => promise.promisedDate)).toContain('2026-19-39');
    expect(work.notes.map((note) => note.createdAt)).toContain('');

    const page = await api.call('worklist.query', {});
    expect(page.rows.map((row) => row.customerId)).toContain(customerId);
  });

  it('can be cancelled or corrected with the usual actions', async () => {
    const { sqlite } = api.store;
    const promise = addPromise(sqlite, customerId, { promised_date: '2026-12-32', created_at: 'yesterday', created_by: userId });
    const followUp = addFollowUp(sqlite, customerId, { due_date: '0000-00-00', assigned_to: userId, created_at: 'soon' });
    const other = addFollowUp(sqlite, customerId, { due_date: '2026-13-31', assigned_to: userId });
    const dispute = addDispute(sqlite, customerId, { due_date: '2026-02-30', currency: '1A2', created_at: '', created_by: userId });
    const escalationId = uuidv7();
    insertRow(sqlite, 'escalations', {
      id: escalationId, customer_id: customerId, kind: 'write_off', amount_minor: 5_000, currency: '???', reason: 'please',
      status: 'requested', requested_by: userId, requested_at: 'last week', decided_by: null, decided_at: null, decision_comment: null,
    });
    const note = addNote(sqlite, customerId, 'typo', { created_at: 'yesterday', created_by: userId });

    const cancelled = await api.call('promise.cancel', { promiseId: promise.id, reason: 'entered with a broken date' });
    expect(cancelled.map((entry) => entry.status)).toEqual(['cancelled']);
    expect((await api.call('followUp.cancel', { followUpId: followUp.id })).status).toBe('cancelled');
    expect((await api.call('followUp.complete', { followUpId: other.id })).status).toBe('done');
    expect((await api.call('dispute.transition', { disputeId: dispute.id, action: 'void', comment: 'duplicate' })).status).toBe('voided');
    expect((await api.call('escalation.withdraw', { escalationId })).status).toBe('withdrawn');
    expect((await api.call('note.edit', { noteId: note.id, body: 'fixed' })).body).toBe('fixed');
    // A new promise replaces the damaged one's place on the worklist with a real date.
    await api.call('promise.create', { customerId, amountMinor: 10_000, promisedDate: '2026-11-30' });
    expect((await api.call('customer.work', { customerId })).promises.map((entry) => entry.promisedDate)).toEqual(['2026-11-30']);
  });
});
