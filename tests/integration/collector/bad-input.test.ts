import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTOR_OPERATIONS } from '../../../db/handlers/collector-handlers';
import { createCollectorFixture, expectError, type CollectorFixture } from './fixture';

let f: CollectorFixture;
beforeAll(async () => {
  f = await createCollectorFixture();
});
afterAll(async () => f.api.cleanup());

const ghost = '01900000-0000-7000-8000-00000000beef';

describe('collector operations with bad input', () => {
  it.each([
    ['contact.log', { customerId: ghost, channel: 'phone', outcome: 'no_answer' }, 'customerId'],
    ['promise.create', { customerId: ghost, promisedDate: '2026-12-01', amountMinor: 1 }, 'customerId'],
    ['promise.plan', { customerId: ghost, instalments: [{ promisedDate: '2026-12-01', amountMinor: 1 }, { promisedDate: '2026-12-02', amountMinor: 1 }] }, 'customerId'],
    ['promise.cancel', { promiseId: ghost, reason: 'x' }, 'promiseId'],
    ['dispute.create', { customerId: ghost, items: [{ itemId: ghost, disputedMinor: 1 }], reasonCode: 'tax' }, 'customerId'],
    ['dispute.transition', { disputeId: ghost, action: 'start' }, 'disputeId'],
    ['note.add', { customerId: ghost, body: 'x' }, 'customerId'],
    ['note.edit', { noteId: ghost, body: 'x' }, 'noteId'],
    ['note.history', { noteId: ghost }, 'noteId'],
    ['followUp.create', { customerId: ghost, dueDate: '2026-12-01', title: 'x' }, 'customerId'],
    ['followUp.complete', { followUpId: ghost }, 'followUpId'],
    ['followUp.cancel', { followUpId: ghost }, 'followUpId'],
    ['escalation.request', { customerId: ghost, kind: 'legal', reason: 'x' }, 'customerId'],
    ['escalation.withdraw', { escalationId: ghost }, 'escalationId'],
    ['customer.timeline', { customerId: ghost }, 'customerId'],
  ] as const)('%s answers not_found for an id that does not exist', async (operation, input, field) => {
    expect(expectError(await f.api.raw(operation, input))).toMatchObject({ code: 'not_found', field });
  });

  it.each([
    ['contact.log', { customerId: ghost, channel: 'fax', outcome: 'no_answer' }, 'channel'],
    ['contact.log', { customerId: ghost, channel: 'phone', outcome: 'no_answer', durationSeconds: -1 }, 'durationSeconds'],
    ['promise.create', { customerId: ghost, promisedDate: '2026-02-30', amountMinor: 1 }, 'promisedDate'],
    ['promise.create', { customerId: ghost, promisedDate: '2026-12-01', amountMinor: 1.5 }, 'amountMinor'],
    ['promise.plan', { customerId: ghost, instalments: Array.from({ length: 61 }, () => ({ promisedDate: '2026-12-01', amountMinor: 1 })) }, 'instalments'],
    ['dispute.create', { customerId: ghost, items: [{ itemId: ghost, disputedMinor: -5 }], reasonCode: 'tax' }, 'items.0.disputedMinor'],
    ['dispute.transition', { disputeId: ghost, action: 'explode' }, 'action'],
    ['escalation.request', { customerId: ghost, kind: 'prison', reason: 'x' }, 'kind'],
    ['draft.save', { key: '', value: 1 }, 'key'],
    ['draft.save', { key: 'k' }, 'value'],
  ] as const)('%s names the malformed field', async (operation, input, field) => {
    expect(expectError(await f.api.raw(operation, input))).toMatchObject({ code: 'validation', field });
  });

  it('never answers internal, whatever the input', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...COLLECTOR_OPERATIONS), fc.jsonValue(), async (operation, input) => {
        const result = await f.api.raw(operation, input);
        if (!result.ok) expect(['validation', 'not_found', 'conflict']).toContain(result.error.code);
      }),
      { numRuns: 400 },
    );
  });
});
