import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addActivity, addContactPerson, addCustomer, addDispute, addFollowUp, addItem, addNote, addPromise, addUser, insertRow, T0 } from '../../support/builders';
import { createTestApi, type TestApi } from '../../support/test-api';

let api: TestApi;
let customerId: string;
const refs: Record<string, string> = {};

beforeAll(async () => {
  api = await createTestApi();
  const { sqlite } = api.store;
  const me = addUser(sqlite, { is_local_profile: 1, display_name: 'Dana Collector' });
  customerId = addCustomer(sqlite, { name: 'Şahin & Søn „Trading“', number: 'C000777', collector_id: me.id, credit_limit_minor: 500_000, credit_hold: 1, risk_class: 'high', payment_terms: 'Net 45', payment_terms_days: 45 }).id;
  addCustomer(sqlite, { name: 'NEAR OR AND Ltd', number: 'C000888' });
  const late = addItem(sqlite, customerId, { document_number: 'INV-2026-0042', reference: 'PO "quoted" 17', due_date: '2026-09-10', open_minor: 120_000, dunning_level: 2 });
  addItem(sqlite, customerId, { kind: 'credit_memo', document_number: 'CM-9', due_date: '2026-11-30', open_minor: -20_000 });
  addItem(sqlite, customerId, { document_number: 'INV-USD-1', currency: 'USD', due_date: '2026-11-22', open_minor: 30_000 });
  addItem(sqlite, customerId, { document_number: 'INV-PAID', due_date: '2026-01-01', open_minor: 0, original_minor: 1, cleared_at: '2026-02-01' });
  addContactPerson(sqlite, customerId, { name: 'Zoë Clerk', phone: '+44 20 7946 0000', email: 'zoe@sahin.example', preferred_channel: 'phone' });
  addContactPerson(sqlite, customerId, { name: 'Adam Controller', is_primary: 1 });
  refs.activity = addActivity(sqlite, customerId, { occurred_at: '2026-11-20T10:00:00.000Z', outcome: 'promise_to_pay', note: 'Will pay Friday', user_id: me.id }).id;
  const promise = addPromise(sqlite, customerId, { created_at: '2026-11-20T10:05:00.000Z', promised_date: '2026-11-27', amount_minor: 120_000 });
  insertRow(sqlite, 'promise_items', { promise_id: promise.id, open_item_id: late.id });
  addPromise(sqlite, customerId, { created_at: '2026-10-01T09:00:00.000Z', status: 'broken', promised_date: '2026-10-10' });
  const dispute = addDispute(sqlite, customerId, { created_at: '2026-11-01T09:00:00.000Z', status: 'in_process' });
  insertRow(sqlite, 'dispute_events', { id: '01900000-0000-7000-8000-0000000000e1', dispute_id: dispute.id, from_status: null, to_status: 'new', comment: '', user_id: null, at: '2026-11-01T09:00:00.000Z' });
  insertRow(sqlite, 'dispute_events', { id: '01900000-0000-7000-8000-0000000000e2', dispute_id: dispute.id, from_status: 'new', to_status: 'in_process', comment: 'Checking POD', user_id: me.id, at: '2026-11-02T09:00:00.000Z' });
  addNote(sqlite, customerId, 'Prefers calls after 14:00 — naïve café owner', { created_at: '2026-11-05T12:00:00.000Z' });
  addFollowUp(sqlite, customerId, { created_at: '2026-11-20T10:06:00.000Z', due_date: '2026-11-27' });
  insertRow(sqlite, 'payments', { id: '01900000-0000-7000-8000-0000000000f1', erp_key: 'P1', customer_id: customerId, amount_minor: 5_000, currency: 'EUR', value_date: '2026-11-03', method: 'bank_transfer', reference: 'Remit 1', updated_at: T0 });
  insertRow(sqlite, 'escalations', { id: '01900000-0000-7000-8000-0000000000c1', customer_id: customerId, kind: 'credit_hold', amount_minor: null, currency: null, reason: 'Over limit', status: 'approved', requested_by: me.id, requested_at: '2026-11-10T08:00:00.000Z', decided_by: null, decided_at: null, decision_comment: null });
});
afterAll(async () => api.cleanup());

describe('customer.account', () => {
  it('returns the header with collector, credit and hold flag', async () => {
    const account = await api.call('customer.account', { customerId });
    expect(account.customer).toMatchObject({ number: 'C000777', paymentTerms: 'Net 45', paymentTermsDays: 45, creditLimitMinor: 500_000, creditUsedMinor: 100_000, creditHold: true, riskClass: 'high', collector: { displayName: 'Dana Collector' } });
    expect(account.asOf).toBe('2026-11-23');
    expect(account.oldestDaysPastDue).toBe(74);
    expect(account.factors.length).toBeGreaterThan(0);
  });

  it('ages per currency and lists only open items with days past due, bucket and promise flag', async () => {
    const account = await api.call('customer.account', { customerId });
    expect(account.aging.map((a) => [a.currency, a.totalMinor, a.overdueMinor])).toEqual([
      ['EUR', 100_000, 120_000],
      ['USD', 30_000, 30_000],
    ]);
    expect(account.openItems.map((i) => [i.documentNumber, i.daysPastDue, i.bucketKey, i.promised])).toEqual([
      ['INV-2026-0042', 74, '61-90', true],
      ['INV-USD-1', 1, '1-30', false],
      ['CM-9', -7, 'current', false],
    ]);
  });

  it('lists contact persons primary first', async () => {
    const { contacts } = await api.call('customer.account', { customerId });
    expect(contacts.map((c) => [c.name, c.isPrimary])).toEqual([
      ['Adam Controller', true],
      ['Zoë Clerk', false],
    ]);
    expect(contacts[1]).toMatchObject({ phone: '+44 20 7946 0000', email: 'zoe@sahin.example', preferredChannel: 'phone' });
  });

  it('builds a timeline of everything, newest first, and counts it by type', async () => {
    const { entries: timeline, total, counts } = await api.call('customer.timeline', { customerId, limit: 500 });
    expect(total).toBe(timeline.length);
    expect(counts).toEqual([
      { type: 'activity', count: 1 },
      { type: 'payment', count: 1 },
      { type: 'promise', count: 2 },
      { type: 'dispute', count: 2 },
      { type: 'note', count: 1 },
      { type: 'follow_up', count: 1 },
      { type: 'escalation', count: 1 },
    ]);
    // The account itself carries no timeline (the type buttons read these counts).
    expect(await api.call('customer.account', { customerId })).not.toHaveProperty('timeline');
    // A filtered page counts the whole history the same.
    expect((await api.call('customer.timeline', { customerId, types: ['note'] })).counts).toEqual(counts);
    expect(timeline.map((e) => [e.type, e.at])).toEqual([
      ['follow_up', '2026-11-20T10:06:00.000Z'],
      ['promise', '2026-11-20T10:05:00.000Z'],
      ['activity', '2026-11-20T10:00:00.000Z'],
      ['escalation', '2026-11-10T08:00:00.000Z'],
      ['note', '2026-11-05T12:00:00.000Z'],
      ['payment', '2026-11-03T00:00:00.000Z'],
      ['dispute', '2026-11-02T09:00:00.000Z'],
      ['dispute', '2026-11-01T09:00:00.000Z'],
      ['promise', '2026-10-01T09:00:00.000Z'],
    ]);
    expect(timeline.find((e) => e.type === 'activity')).toMatchObject({ id: refs.activity, outcome: 'promise_to_pay', detail: 'Will pay Friday', by: 'Dana Collector', channel: 'phone' });
    expect(timeline.find((e) => e.type === 'payment')?.amount).toEqual({ amountMinor: 5_000, currency: 'EUR' });
  });

  it('counts promises, disputes and escalations by status', async () => {
    const account = await api.call('customer.account', { customerId });
    expect(account.promiseStatuses).toEqual([{ status: 'open', count: 1 }, { status: 'broken', count: 1 }]);
    expect(account.disputeStatuses).toEqual([{ status: 'in_process', count: 1 }]);
    expect(account.escalationStatuses).toEqual([{ status: 'approved', count: 1 }]);
  });

  it('answers not_found for an unknown customer', async () => {
    expect(await api.raw('customer.account', { customerId: '01900000-0000-7000-8000-00000000dead' })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'customerId' } });
  });
});

describe('search.global', () => {
  const search = (q: string, limit?: number) => api.call('search.global', limit === undefined ? { q } : { q, limit });

  it('finds customers, contacts, documents, references and notes by prefix', async () => {
    expect((await search('sahin')).map((h) => [h.kind, h.customerNumber])).toEqual([['customer', 'C000777'], ['contact', 'C000777']]);
    expect((await search('zoë')).map((h) => [h.kind, h.label])).toEqual([['contact', 'Zoë Clerk']]);
    expect((await search('INV-2026-00')).map((h) => [h.kind, h.label])).toEqual([['document', 'INV-2026-0042']]);
    expect((await search('cafe')).map((h) => h.kind)).toEqual(['note']);
    expect((await search('cafe'))[0]?.snippet).toContain('«café»');
    expect((await search('quoted')).map((h) => [h.kind, h.label])).toEqual([['reference', 'PO "quoted" 17']]);
  });

  it.each(['"', '""', "'; DROP TABLE customers; --", '*', 'sa*', 'NEAR', 'NEAR(a b)', 'a OR b', 'AND', 'NOT x', 'label:foo', '^sa', '(', ')', '{label}: x', '\\', '%_', '😀', '„Trading“', '   -   '])('never fails on %j', async (q) => {
    const result = await api.raw('search.global', { q });
    expect(result.ok || result.error.code === 'validation').toBe(true);
    const worklist = await api.raw('worklist.query', { search: q });
    expect(worklist.ok).toBe(true);
  });

  it('treats operator words as plain words', async () => {
    expect((await search('NEAR OR')).map((h) => h.customerNumber)).toEqual(['C000888']);
    expect((await search('"trading"')).map((h) => h.customerNumber)).toEqual(['C000777']);
    expect((await search('ltd*')).map((h) => h.customerNumber)).toEqual(['C000888']);
  });

  it('respects the limit and rejects empty queries', async () => {
    expect(await search('c0007', 1)).toHaveLength(1);
    expect(await api.raw('search.global', { q: '   ' })).toMatchObject({ ok: false, error: { code: 'validation', field: 'q' } });
    expect(await search('"*"')).toEqual([]);
  });
});

