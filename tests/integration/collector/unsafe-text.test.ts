/**
 * Issue 13: the desktop refuses text the server could not store (or would store differently) at
 * its own boundary, through the same shared schemas the server uses: every text field of every
 * operation, each with a field error that says why, and nothing written (not even to the outbox).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEXT_PROBLEM_REFUSALS, type TextProblem } from '../../../shared/domain/text';
import { refusalMessage } from '../../../shared/i18n/refusals';
import { createCollectorFixture, expectError, snapshot, type CollectorFixture } from './fixture';

let f: CollectorFixture;
beforeAll(async () => {
  f = await createCollectorFixture();
});
afterAll(async () => f.api.cleanup());

const ghost = '01900000-0000-7000-8000-00000000beef';
const SAMPLES: readonly [TextProblem, string][] = [
  ['control_character', 'a\u0000b'],
  ['control_character', 'a\rb'],
  ['control_character', 'a\u001Bb'],
  ['control_character', 'a\u0085b'],
  ['bidi_control', 'a\u202Eb'],
  ['bidi_control', 'a\u2067b'],
  ['lone_surrogate', 'a\uD800b'],
  ['lone_surrogate', 'a\uDFFF'],
];

/** Each operation with a valid input around one text field, and that field's path. */
const FIELDS: readonly [string, string, (text: string) => unknown][] = [
  ['note.add', 'body', (text) => ({ customerId: ghost, body: text })],
  ['note.edit', 'body', (text) => ({ noteId: ghost, body: text })],
  ['contact.log', 'note', (text) => ({ customerId: ghost, channel: 'phone', outcome: 'no_answer', note: text })],
  ['contact.log', 'newContactPerson.name', (text) => ({ customerId: ghost, channel: 'phone', outcome: 'no_answer', newContactPerson: { name: text, phone: '+49 30 1234567' } })],
  ['contact.log', 'promise.note', (text) => ({ customerId: ghost, channel: 'phone', outcome: 'promise_to_pay', promise: { promisedDate: '2026-12-01', amountMinor: 1, note: text } })],
  ['contact.log', 'dispute.description', (text) => ({ customerId: ghost, channel: 'phone', outcome: 'dispute_raised', dispute: { items: [{ itemId: ghost, disputedMinor: 1 }], reasonCode: 'tax', description: text } })],
  ['contact.log', 'draftKey', (text) => ({ customerId: ghost, channel: 'phone', outcome: 'no_answer', draftKey: text })],
  ['contactPerson.save', 'name', (text) => ({ customerId: ghost, name: text })],
  ['contactPerson.save', 'role', (text) => ({ customerId: ghost, name: 'Pat', role: text })],
  ['contactPerson.save', 'phone', (text) => ({ customerId: ghost, name: 'Pat', phone: `+49 30 ${text}` })],
  ['followUp.create', 'title', (text) => ({ customerId: ghost, dueDate: '2026-12-01', title: text })],
  ['followUp.complete', 'comment', (text) => ({ followUpId: ghost, comment: text })],
  ['followUp.cancel', 'comment', (text) => ({ followUpId: ghost, comment: text })],
  ['promise.create', 'note', (text) => ({ customerId: ghost, promisedDate: '2026-12-01', amountMinor: 1, note: text })],
  ['promise.plan', 'note', (text) => ({ customerId: ghost, instalments: [{ promisedDate: '2026-12-01', amountMinor: 1 }, { promisedDate: '2026-12-02', amountMinor: 1 }], note: text })],
  ['promise.cancel', 'reason', (text) => ({ promiseId: ghost, reason: text })],
  ['dispute.create', 'description', (text) => ({ customerId: ghost, items: [{ itemId: ghost, disputedMinor: 1 }], reasonCode: 'tax', description: text })],
  ['dispute.transition', 'comment', (text) => ({ disputeId: ghost, action: 'start', comment: text })],
  ['escalation.request', 'reason', (text) => ({ customerId: ghost, kind: 'legal', reason: text })],
  ['escalation.withdraw', 'reason', (text) => ({ escalationId: ghost, reason: text })],
  ['escalation.decide', 'comment', (text) => ({ escalationId: ghost, decision: 'reject', comment: text })],
  ['customer.reassign', 'reason', (text) => ({ customerIds: [ghost], toCollectorId: ghost, reason: text })],
  ['worklist.setOverride', 'reason', (text) => ({ customerId: ghost, kind: 'pin', reason: text })],
  ['worklist.clearOverride', 'reason', (text) => ({ customerId: ghost, reason: text })],
  ['worklist.query', 'search', (text) => ({ search: text })],
  ['worklist.query', 'filters.buckets.0', (text) => ({ filters: { buckets: [text] } })],
  ['search.global', 'q', (text) => ({ q: text })],
  ['draft.save', 'key', (text) => ({ key: text, value: {} })],
  ['draft.get', 'key', (text) => ({ key: text })],
  ['report.notesCount', 'scope.search', (text) => ({ scope: { kind: 'worklist', search: text } })],
  ['report.exportStart', 'options.issuer.name', (text) => ({ kind: 'statement', format: 'pdf', filter: { customerId: ghost }, options: { issuer: { name: text } } })],
  ['report.exportStart', 'options.issuer.lines.0', (text) => ({ kind: 'statement', format: 'pdf', filter: { customerId: ghost }, options: { issuer: { name: 'Us', lines: [text] } } })],
  ['sync.signIn', 'username', (text) => ({ serverUrl: 'http://127.0.0.1:9', username: text, password: 'whatever-it-is' })],
];

describe('text the shared rule refuses, through the desktop’s own handlers', () => {
  it.each(FIELDS)('%s refuses it in %s with a message naming why, and writes nothing', async (operation, field, input) => {
    const before = snapshot(f.sqlite);
    for (const [problem, text] of SAMPLES) {
      const error = expectError(await f.api.raw(operation, input(text)));
      const reason = TEXT_PROBLEM_REFUSALS[problem];
      expect(error, `${problem} ${JSON.stringify(text)}`).toEqual({ code: 'validation', field, message: `${field} ${refusalMessage({ key: reason })}`, reason });
    }
    expect(snapshot(f.sqlite)).toEqual(before);
  });
});
