/** notifications.list: what others did that the local user should know, and customer.work's escalation decisions. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCustomer, addDispute, addFollowUp, addUser, insertRow } from '../../support/builders';
import { createTestApi, type TestApi } from '../../support/test-api';

let api: TestApi;
let me: string;
let lead: string;
let customer: string;

beforeEach(async () => {
  api = await createTestApi();
  const { sqlite } = api.store;
  me = addUser(sqlite, { display_name: 'Jordan Reyes', is_local_profile: 1 }).id;
  lead = addUser(sqlite, { display_name: 'Sabine Krüger', role: 'team_lead' }).id;
  customer = addCustomer(sqlite, { name: 'Acme Corp', collector_id: me, assigned_by: lead, assigned_at: '2026-11-20T10:00:00.000Z', assignment_reason: 'Benelux' }).id;
});
afterEach(async () => {
  await api.cleanup();
});

function escalation(id: string, patch: { requested_by: string; status: 'requested' | 'approved' | 'rejected'; decided_by?: string; decided_at?: string; decision_comment?: string }) {
  insertRow(api.store.sqlite, 'escalations', {
    id,
    customer_id: customer,
    kind: 'write_off',
    amount_minor: 4_200,
    currency: 'EUR',
    reason: 'Bank charges',
    requested_at: '2026-11-18T09:00:00.000Z',
    decided_by: null,
    decided_at: null,
    decision_comment: null,
    ...patch,
  });
}

describe('notifications.list', () => {
  it("lists others' decisions, assignments, dispute moves, follow-ups and refused changes, newest first", async () => {
    const { sqlite } = api.store;
    escalation('01900000-0000-7000-8000-0000000000e1', { requested_by: me, status: 'approved', decided_by: lead, decided_at: '2026-11-22T15:00:00.000Z', decision_comment: 'Book it' });
    const dispute = addDispute(sqlite, customer, { created_by: me, reason_code: 'pricing' }).id;
    insertRow(sqlite, 'dispute_events', { id: '01900000-0000-7000-8000-0000000000d1', dispute_id: dispute, from_status: 'new', to_status: 'in_process', comment: 'Sales checks the price list', user_id: lead, at: '2026-11-21T08:00:00.000Z' });
    addFollowUp(sqlite, customer, { assigned_to: me, created_by: lead, created_at: '2026-11-19T08:00:00.000Z', due_date: '2026-11-25', title: 'Call the CFO' });
    insertRow(sqlite, 'sync_issues', { id: 'm-1', name: 'note.add', args_json: '{}', customer_id: customer, error_code: 'conflict', error_message: 'the note changed on the server', created_at: '2026-11-22T07:00:00.000Z', rejected_at: '2026-11-23T08:00:00.000Z' });

    const list = await api.call('notifications.list', {});
    expect(list.map((entry) => [entry.kind, entry.at, entry.byName, entry.subject, entry.state, entry.text])).toEqual([
      ['sync_issue', '2026-11-23T08:00:00.000Z', null, 'note.add', 'conflict', 'the note changed on the server'],
      ['decision', '2026-11-22T15:00:00.000Z', 'Sabine Krüger', 'write_off', 'approved', 'Book it'],
      ['reply', '2026-11-21T08:00:00.000Z', 'Sabine Krüger', 'pricing', 'in_process', 'Sales checks the price list'],
      ['assignment', '2026-11-20T10:00:00.000Z', 'Sabine Krüger', null, null, 'Benelux'],
      ['task', '2026-11-19T08:00:00.000Z', 'Sabine Krüger', null, '2026-11-25', 'Call the CFO'],
    ]);
    expect(list.every((entry) => entry.customerId === customer && entry.customerName === 'Acme Corp')).toBe(true);
  });

  it('leaves out what the user did themselves, what others asked, and what is older than 30 days', async () => {
    const { sqlite } = api.store;
    sqlite.prepare('UPDATE customers SET assigned_by = ? WHERE id = ?').run(me, customer);
    escalation('01900000-0000-7000-8000-0000000000e2', { requested_by: lead, status: 'approved', decided_by: me, decided_at: '2026-11-22T15:00:00.000Z' });
    escalation('01900000-0000-7000-8000-0000000000e3', { requested_by: me, status: 'rejected', decided_by: lead, decided_at: '2026-10-20T15:00:00.000Z' });
    escalation('01900000-0000-7000-8000-0000000000e4', { requested_by: me, status: 'requested' });
    const dispute = addDispute(sqlite, customer, { created_by: me }).id;
    insertRow(sqlite, 'dispute_events', { id: '01900000-0000-7000-8000-0000000000d2', dispute_id: dispute, from_status: 'new', to_status: 'in_process', comment: '', user_id: me, at: '2026-11-21T08:00:00.000Z' });
    addFollowUp(sqlite, customer, { assigned_to: me, created_by: me, created_at: '2026-11-19T08:00:00.000Z' });
    expect(await api.call('notifications.list', {})).toEqual([]);
  });
});

describe('notifications.list windows and owners', () => {
  it('holds exactly 30 days of 24 hours back from now, and leaves withdrawn requests out', async () => {
    // Now is 2026-11-23T09:00Z: the window opens at 2026-10-24T09:00Z.
    escalation('01900000-0000-7000-8000-0000000000f1', { requested_by: me, status: 'approved', decided_by: lead, decided_at: '2026-10-24T09:00:00.000Z' });
    escalation('01900000-0000-7000-8000-0000000000f2', { requested_by: me, status: 'rejected', decided_by: lead, decided_at: '2026-10-24T08:59:59.999Z' });
    insertRow(api.store.sqlite, 'escalations', {
      id: '01900000-0000-7000-8000-0000000000f3',
      customer_id: customer,
      kind: 'legal',
      amount_minor: null,
      currency: null,
      reason: 'Withdrawn',
      status: 'withdrawn',
      requested_by: me,
      requested_at: '2026-11-18T09:00:00.000Z',
      decided_by: lead,
      decided_at: '2026-11-20T09:00:00.000Z',
      decision_comment: null,
    });
    const list = await api.call('notifications.list', {});
    expect(list.filter((entry) => entry.kind === 'decision').map((entry) => entry.id.slice(-2))).toEqual(['f1']);
  });

  it('without a local profile lists only the refused changes, which are this workstation\'s whoever signs in', async () => {
    const { sqlite } = api.store;
    escalation('01900000-0000-7000-8000-0000000000f4', { requested_by: me, status: 'approved', decided_by: lead, decided_at: '2026-11-22T15:00:00.000Z' });
    insertRow(sqlite, 'sync_issues', { id: 'm-2', name: 'promise.create', args_json: '{}', customer_id: null, error_code: 'validation', error_message: 'amount above the open total', created_at: '2020-01-01T07:00:00.000Z', rejected_at: '2020-01-01T08:00:00.000Z' });
    sqlite.prepare('UPDATE users SET is_local_profile = 0').run();
    const list = await api.call('notifications.list', {});
    // However old: a refused change waits until someone deals with it.
    expect(list.map((entry) => [entry.kind, entry.customerId, entry.text])).toEqual([['sync_issue', null, 'amount above the open total']]);
  });
});

describe('customer.work escalations', () => {
  it('keeps a decision of the last 30 days on the card, with who decided, when and why', async () => {
    escalation('01900000-0000-7000-8000-0000000000e5', { requested_by: me, status: 'approved', decided_by: lead, decided_at: '2026-11-22T15:00:00.000Z', decision_comment: 'Book it' });
    escalation('01900000-0000-7000-8000-0000000000e6', { requested_by: me, status: 'rejected', decided_by: lead, decided_at: '2026-10-01T15:00:00.000Z' });
    escalation('01900000-0000-7000-8000-0000000000e7', { requested_by: me, status: 'requested' });
    const work = await api.call('customer.work', { customerId: customer });
    expect(work.escalations.map((entry) => [entry.id.slice(-2), entry.status, entry.decision])).toEqual([
      ['e5', 'approved', { by: lead, at: '2026-11-22T15:00:00.000Z', comment: 'Book it' }],
      ['e7', 'requested', null],
    ]);
  });
});

describe('notification read marks in the preferences', () => {
  it('keeps them per user within their bounds, and refuses more, naming the field', async () => {
    const marks = Array.from({ length: 200 }, (_, i) => `decision:${String(i)}:2026-11-22T15:00:00.000Z`);
    expect((await api.call('prefs.set', { notificationsSeen: { [me]: marks } })).notificationsSeen[me]).toHaveLength(200);
    expect(await api.raw('prefs.set', { notificationsSeen: { [me]: [...marks, 'one more'] } })).toMatchObject({ ok: false, error: { code: 'validation', field: `notificationsSeen.${me}` } });
    expect(await api.raw('prefs.set', { notificationsSeen: { [me]: ['x'.repeat(201)] } })).toMatchObject({ ok: false, error: { code: 'validation', field: `notificationsSeen.${me}.0` } });
    expect(await api.raw('prefs.set', { notificationsSeen: { ['u'.repeat(101)]: [] } })).toMatchObject({ ok: false, error: { code: 'validation' } });
    // What was refused stored nothing: the marks before it are still there.
    expect((await api.call('prefs.get', {})).notificationsSeen[me]).toHaveLength(200);
  });
});
