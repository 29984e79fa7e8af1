import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { runCommand, type Command } from '../../../db/commands/run-command';
import { logContactCommand } from '../../../db/commands/contact-log';
import { createDisputeCommand, transitionDisputeCommand } from '../../../db/commands/dispute';
import { requestEscalationCommand, withdrawEscalationCommand } from '../../../db/commands/escalation';
import { cancelFollowUpCommand, completeFollowUpCommand, createFollowUpCommand } from '../../../db/commands/follow-up';
import { addNoteCommand, editNoteCommand } from '../../../db/commands/note';
import { createPaymentPlanCommand } from '../../../db/commands/payment-plan';
import { cancelPromiseCommand, createPromiseCommand } from '../../../db/commands/promise';
import { addDispute, addFollowUp, addNote, addPromise, insertRow } from '../../support/builders';
import { createCollectorFixture, snapshot, type CollectorFixture } from './fixture';

let f: CollectorFixture;
beforeEach(async () => {
  f = await createCollectorFixture();
});
afterEach(async () => f.api.cleanup());

type AnyCommand = Command<z.ZodType, unknown>;

/** Each command with a valid input, built on rows the case inserts first. */
const CASES: [string, AnyCommand, () => unknown][] = [
  ['contact.log', logContactCommand, () => ({ customerId: f.customerId, channel: 'phone', outcome: 'promise_to_pay', followUpDate: '2026-11-30', promise: { promisedDate: '2026-11-30', itemIds: [f.items[0]] } })],
  ['promise.create', createPromiseCommand, () => ({ customerId: f.customerId, promisedDate: '2026-11-30', amountMinor: 100 })],
  ['promise.plan', createPaymentPlanCommand, () => ({ customerId: f.customerId, instalments: [{ promisedDate: '2026-11-30', amountMinor: 100 }, { promisedDate: '2026-12-30', amountMinor: 100 }] })],
  ['promise.cancel', cancelPromiseCommand, () => ({ promiseId: addPromise(f.sqlite, f.customerId).id, reason: 'x' })],
  ['dispute.create', createDisputeCommand, () => ({ customerId: f.customerId, items: [{ itemId: f.items[1], disputedMinor: 100 }], reasonCode: 'tax' })],
  [
    'dispute.transition',
    transitionDisputeCommand,
    () => {
      const dispute = addDispute(f.sqlite, f.customerId, { status: 'in_process', disputed_minor: 100 });
      insertRow(f.sqlite, 'dispute_items', { dispute_id: dispute.id, open_item_id: f.items[2], disputed_minor: 100 });
      f.sqlite.prepare('UPDATE open_items SET disputed_minor = 100 WHERE id = ?').run(f.items[2]);
      return { disputeId: dispute.id, action: 'resolve', resolution: 'credit_memo_issued', rootCause: 'billing' };
    },
  ],
  ['note.add', addNoteCommand, () => ({ customerId: f.customerId, body: 'x' })],
  ['note.edit', editNoteCommand, () => ({ noteId: addNote(f.sqlite, f.customerId, 'old').id, body: 'new' })],
  ['followUp.create', createFollowUpCommand, () => ({ customerId: f.customerId, dueDate: '2026-11-30', title: 'x' })],
  ['followUp.complete', completeFollowUpCommand, () => ({ followUpId: addFollowUp(f.sqlite, f.customerId).id })],
  ['followUp.cancel', cancelFollowUpCommand, () => ({ followUpId: addFollowUp(f.sqlite, f.customerId).id })],
  ['escalation.request', requestEscalationCommand, () => ({ customerId: f.customerId, kind: 'legal', reason: 'x' })],
  [
    'escalation.withdraw',
    withdrawEscalationCommand,
    () => {
      const id = '01900000-0000-7000-8000-0000000000e1';
      insertRow(f.sqlite, 'escalations', { id, customer_id: f.customerId, kind: 'legal', amount_minor: null, currency: null, reason: 'x', status: 'requested', requested_by: null, requested_at: '2026-11-01T08:00:00.000Z', decided_by: null, decided_at: null, decision_comment: null });
      return { escalationId: id };
    },
  ],
];

describe('every collector command is one transaction', () => {
  it.each(CASES)('%s: a failure just before commit leaves neither rows, audit nor outbox; success writes one mutation', (name, command, input) => {
    const args = input();
    const before = snapshot(f.sqlite);
    const ctx = f.api.commands;
    expect(() =>
      runCommand(ctx, command, args, {
        beforeCommit: () => {
          throw new Error('power cut');
        },
      }),
    ).toThrow('power cut');
    expect(snapshot(f.sqlite)).toEqual(before);

    runCommand(ctx, command, args);
    const outbox = f.sqlite.prepare('SELECT id, name FROM outbox').all() as { id: string; name: string }[];
    expect(outbox.map((row) => row.name)).toEqual([name]);
    const mutations = f.sqlite.prepare('SELECT DISTINCT mutation_id AS id FROM audit_log').all();
    expect(mutations).toEqual([{ id: outbox[0]?.id }]);
  });
});
