/** The sync UI's words: the top-bar headline per state, relative times, and refused changes told readably. */
import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../../shared/domain/attachments';
import type { SyncStatus } from '../../../shared/api/sync-contract';
import { EMPTY_CONTEXT, issueAction, issueDetails, issuePreposition, issuesCountText, issueTimesText, type IssueContext } from '../../../renderer/src/sync/issueText';
import { progressText, statusHeadline, timeAgo, timeUntil } from '../../../renderer/src/sync/statusText';

const NOW = Date.parse('2026-11-23T09:00:00.000Z');
const status = (patch: Partial<SyncStatus>): SyncStatus => ({
  state: 'idle',
  server: { url: 'http://127.0.0.1:4000', embedded: true },
  user: null,
  pending: 0,
  issues: 0,
  lastSyncAt: null,
  nextAttemptAt: null,
  progress: null,
  error: null,
  ...patch,
});

describe('statusHeadline', () => {
  it('says how long ago the last sync was', () => {
    expect(statusHeadline(status({ lastSyncAt: '2026-11-23T08:58:00.000Z' }), NOW)).toBe('Synced 2 min ago');
    expect(statusHeadline(status({ lastSyncAt: null }), NOW)).toBe('Not synced yet');
  });

  it('counts what waits while offline or in trouble', () => {
    expect(statusHeadline(status({ state: 'offline', pending: 3 }), NOW)).toBe('Offline — 3 changes waiting');
    expect(statusHeadline(status({ state: 'offline', pending: 0 }), NOW)).toBe('Offline');
    expect(statusHeadline(status({ state: 'error', pending: 1 }), NOW)).toBe('Sync problem — 1 change waiting');
  });

  it('shows rows, or the percentage when known, during a sync', () => {
    expect(statusHeadline(status({ state: 'syncing', progress: { phase: 'snapshot', rows: 12_400, total: null, percent: null } }), NOW)).toBe('Syncing… 12,400 rows');
    expect(statusHeadline(status({ state: 'syncing', progress: { phase: 'push', rows: 200, total: 500, percent: 40 } }), NOW)).toBe('Syncing… 40 %');
    expect(statusHeadline(status({ state: 'syncing', progress: null }), NOW)).toBe('Syncing…');
  });

  it('names the states that need the user', () => {
    expect(statusHeadline(status({ state: 'signed_out' }), NOW)).toBe('Sign in to sync');
    expect(statusHeadline(status({ state: 'update_required' }), NOW)).toBe('Update required');
    expect(statusHeadline(status({ state: 'local_only', server: null }), NOW)).toBe('Local only');
  });
});

describe('relative times', () => {
  it('reads a past time as an age and a clock ahead as just now', () => {
    expect(timeAgo('2026-11-23T08:59:30.000Z', NOW)).toBe('just now');
    expect(timeAgo('2026-11-23T09:05:00.000Z', NOW)).toBe('just now');
    expect(timeAgo('2026-11-23T06:00:00.000Z', NOW)).toBe('3 h ago');
    expect(timeAgo('2026-11-18T09:00:00.000Z', NOW)).toBe('5 d ago');
  });

  it('reads a future time as a wait', () => {
    expect(timeUntil('2026-11-23T09:00:40.000Z', NOW)).toBe('in 40 s');
    expect(timeUntil('2026-11-23T09:03:00.000Z', NOW)).toBe('in 3 min');
    expect(timeUntil('2026-11-23T08:00:00.000Z', NOW)).toBe('now');
  });

  it('describes each phase of a sync', () => {
    expect(progressText({ phase: 'push', rows: 200, total: 500, percent: 40 })).toBe('Sending changes: 200 of 500 (40 %)');
    expect(progressText({ phase: 'snapshot', rows: 1, total: null, percent: null })).toBe('Downloading your portfolio: 1 row');
    expect(progressText({ phase: 'snapshot', rows: 120_000, total: 393_577, percent: 30 })).toBe('Downloading your portfolio: 120,000 of 393,577 rows (30 %)');
  });
});

const context: IssueContext = {
  customerCurrency: 'EUR',
  items: new Map([
    ['i1', { documentNumber: 'INV-1001', currency: 'EUR' }],
    ['i2', { documentNumber: 'INV-1002', currency: 'USD' }],
  ]),
  contacts: new Map([['c1', 'Anna Muster']]),
  records: new Map([['f1', { title: 'Follow-up on 2026-11-19: call the customer', detail: null, amount: null }]]),
  noteVersions: new Map([
    ['n1', { body: 'first text', isCurrent: false }],
    ['n2', { body: 'their text', isCurrent: true }],
  ]),
};

describe('issueAction', () => {
  it('puts the command in words', () => {
    expect(issueAction('contact.log', { channel: 'phone' })).toBe('Call logged');
    expect(issuePreposition('contact.log')).toBe('with');
    expect(issueAction('note.edit', {})).toBe('Note edited');
    expect(issueAction('followUp.cancel', {})).toBe('Follow-up cancelled');
    expect(issueAction('dispute.transition', { action: 'resolve' })).toBe('Dispute resolved');
    expect(issueAction('promise.cancel', { wholePlan: true })).toBe('Payment plan cancelled');
  });

  it('keeps an unknown command by name', () => {
    expect(issueAction('account.merge', {})).toBe('Change "account.merge"');
    expect(issueDetails('account.merge', { a: 1 }, context)).toEqual([]);
  });
});

describe('issueDetails', () => {
  it('shows a logged call with its promise readably', () => {
    const args = {
      customerId: 'x',
      channel: 'phone',
      direction: 'outbound',
      contactPersonId: 'c1',
      outcome: 'promise_to_pay',
      note: 'Will pay Friday',
      durationSeconds: 95,
      followUpDate: null,
      promise: { amountMinor: 123_456, currency: 'EUR', promisedDate: '2026-11-27', itemIds: ['i1', 'i9'], paymentMethod: 'bank_transfer', note: '' },
    };
    expect(issueDetails('contact.log', args, context)).toEqual([
      { label: 'Contact', value: 'Phone, outbound' },
      { label: 'Outcome', value: 'Promise to pay' },
      { label: 'Contact person', value: 'Anna Muster' },
      { label: 'Note', value: 'Will pay Friday' },
      { label: 'Duration', value: '1 min 35 s' },
      { label: 'Promise: Amount', value: '€1,234.56' },
      { label: 'Promise: Promised for', value: expect.stringContaining('2026') as string },
      { label: 'Promise: Payment method', value: 'Bank transfer' },
      { label: 'Promise: Items', value: 'INV-1001, an item no longer open' },
    ]);
  });

  it('shows disputed amounts in each item’s currency and a new contact person', () => {
    const args = { channel: 'email', outcome: 'dispute_raised', newContactPerson: { name: 'Bo', phone: null, email: 'bo@example.com' }, dispute: { items: [{ itemId: 'i2', disputedMinor: 5_000 }], reasonCode: 'pricing', description: '' } };
    const details = issueDetails('contact.log', args, context);
    expect(details).toContainEqual({ label: 'Contact person', value: 'Bo (new: bo@example.com)' });
    expect(details).toContainEqual({ label: 'Dispute: Disputed', value: 'INV-1002: $50.00' });
    expect(details).toContainEqual({ label: 'Dispute: Reason', value: 'Pricing' });
  });

  it('names the record a change refers to, and a note edit against its versions', () => {
    expect(issueDetails('followUp.complete', { followUpId: 'f1' }, context)).toEqual([{ label: 'Follow-up', value: 'Follow-up on 2026-11-19: call the customer' }]);
    expect(issueDetails('note.edit', { noteId: 'n1', body: 'my text' }, context)).toEqual([
      { label: 'Your text', value: 'my text' },
      { label: 'Edited from', value: 'first text' },
      { label: 'Current text', value: 'their text' },
    ]);
  });

  it("shows an attached file's size from the byte count the store gives, never its content", () => {
    expect(issueDetails('attachment.add', { fileName: 'statement.pdf', contentBytes: 1_536 }, EMPTY_CONTEXT)).toEqual([
      { label: 'File', value: 'statement.pdf' },
      { label: 'Size', value: formatBytes(1_536) },
    ]);
    expect(issueDetails('attachment.add', { fileName: 'statement.pdf', content: 'JVBERi0=' }, EMPTY_CONTEXT)).toEqual([{ label: 'File', value: 'statement.pdf' }]);
  });

  it('never guesses decimals without a currency', () => {
    expect(issueDetails('escalation.request', { kind: 'write_off', amountMinor: 1_000, reason: 'gone' }, EMPTY_CONTEXT)).toContainEqual({ label: 'Amount', value: '1,000 (in minor units)' });
  });

  it('leaves out what is missing or malformed', () => {
    expect(issueDetails('note.add', null, context)).toEqual([]);
    expect(issueDetails('followUp.create', { title: 'Call', dueDate: 42 }, context)).toEqual([{ label: 'Title', value: 'Call' }]);
  });
});

describe('a change the server keeps failing to take', () => {
  const format = (iso: string) => iso.slice(11, 16);
  const refused = { createdAt: '2026-11-23T08:00:00.000Z', rejectedAt: '2026-11-23T08:05:00.000Z' };
  const failing = { ...refused, failing: { attempts: 3, status: 500 } };

  it('is counted apart from the refusals', () => {
    expect(issuesCountText([])).toBe('0 changes the server refused');
    expect(issuesCountText([refused, failing])).toBe('1 change the server refused, 1 change the server keeps failing to take');
  });

  it('says it is not sent yet and how often it failed', () => {
    expect(issueTimesText(refused, format)).toBe('Entered 08:00 · refused 08:05');
    expect(issueTimesText(failing, format)).toBe('Entered 08:00 · not sent yet: 3 attempts failed, the last 08:05');
  });
});
