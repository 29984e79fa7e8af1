import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommand } from '../../../db/commands/run-command';
import { decideEscalationCommand } from '../../../db/commands/team';
import { expectError } from '../collector/fixture';
import { addEscalation, createTeamFixture, signInAs, snapshot, type TeamFixture } from './fixture';

let f: TeamFixture;
beforeEach(async () => {
  f = await createTeamFixture();
});
afterEach(async () => f.api.cleanup());

const escalation = (id: string) => f.sqlite.prepare('SELECT status, decided_by, decided_at, decision_comment FROM escalations WHERE id = ?').get(id);
const creditHold = (customerId: string) => (f.sqlite.prepare('SELECT credit_hold FROM customers WHERE id = ?').get(customerId) as { credit_hold: number }).credit_hold;

describe('escalation.decide', () => {
  it('approves a write-off: status, decider and time, audit entry, one outbox mutation, a timeline entry', async () => {
    const id = addEscalation(f.sqlite, f.annCustomers[0], 'write_off', f.annId, 12_345);
    const decided = await f.api.call('escalation.decide', { escalationId: id, decision: 'approve', comment: ' small balance ' });
    expect(decided).toMatchObject({ id, status: 'approved', kind: 'write_off', amountMinor: 12_345, decidedBy: f.leadId, decidedAt: '2026-11-23T09:00:00.000Z', decisionComment: 'small balance', creditHoldSet: false });
    expect(escalation(id)).toEqual({ status: 'approved', decided_by: f.leadId, decided_at: '2026-11-23T09:00:00.000Z', decision_comment: 'small balance' });

    const audit = f.sqlite.prepare("SELECT entity, entity_id, action, before_json, after_json, mutation_id FROM audit_log WHERE entity = 'escalation'").all() as { action: string; before_json: string; after_json: string; mutation_id: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]?.action).toBe('approve');
    expect(JSON.parse(audit[0]?.before_json ?? '')).toMatchObject({ status: 'requested' });
    expect(JSON.parse(audit[0]?.after_json ?? '')).toMatchObject({ status: 'approved', decided_by: f.leadId });
    const outbox = f.sqlite.prepare('SELECT id, name, args_json FROM outbox').all() as { id: string; name: string; args_json: string }[];
    expect(outbox.map((row) => [row.id, row.name, JSON.parse(row.args_json) as unknown])).toEqual([[audit[0]?.mutation_id, 'escalation.decide', { escalationId: id, decision: 'approve', comment: 'small balance' }]]);

    const timeline = await f.api.call('customer.timeline', { customerId: f.annCustomers[0], types: ['escalation'] });
    expect(timeline.entries.map((entry) => [entry.title, entry.by, entry.detail, entry.status])).toEqual([
      ['Write-off approved', 'Lena Lead', 'small balance', 'approved'],
      ['Escalation: Write-off', 'Ann', 'please write_off', 'approved'],
    ]);
    // The kind and values a screen words the title from in the interface language.
    expect(timeline.entries.map((entry) => [entry.titleKey, entry.titleParams])).toEqual([
      ['decision', { kind: 'write_off', status: 'approved' }],
      ['escalation', { kind: 'write_off' }],
    ]);
    expect(await f.api.call('team.escalations', {})).toEqual([]);
  });

  it('rejects with a comment, and a rejection without one names the comment field', async () => {
    const id = addEscalation(f.sqlite, f.annCustomers[0], 'legal', f.annId);
    expect(expectError(await f.api.raw('escalation.decide', { escalationId: id, decision: 'reject' }))).toMatchObject({ code: 'validation', field: 'comment' });
    expect(expectError(await f.api.raw('escalation.decide', { escalationId: id, decision: 'reject', comment: '   ' }))).toMatchObject({ code: 'validation', field: 'comment' });
    await f.api.call('escalation.decide', { escalationId: id, decision: 'reject', comment: 'call them once more first' });
    expect(escalation(id)).toMatchObject({ status: 'rejected', decision_comment: 'call them once more first' });
    const timeline = await f.api.call('customer.timeline', { customerId: f.annCustomers[0], types: ['escalation'] });
    expect(timeline.entries[0]).toMatchObject({ title: 'Legal action request rejected', titleKey: 'decision', titleParams: { kind: 'legal', status: 'rejected' }, detail: 'call them once more first' });
  });

  it('approving a credit hold request puts the customer on hold; rejecting one does not', async () => {
    const approved = addEscalation(f.sqlite, f.annCustomers[0], 'credit_hold', f.annId);
    const rejected = addEscalation(f.sqlite, f.annCustomers[1], 'credit_hold', f.annId);
    expect((await f.api.call('escalation.decide', { escalationId: approved, decision: 'approve' })).creditHoldSet).toBe(true);
    await f.api.call('escalation.decide', { escalationId: rejected, decision: 'reject', comment: 'pays slowly but pays' });
    expect([creditHold(f.annCustomers[0]), creditHold(f.annCustomers[1])]).toEqual([1, 0]);
    const rows = (await f.api.call('worklist.query', { filters: { collectorIds: [f.annId] } })).rows;
    expect(rows.find((row) => row.customerId === f.annCustomers[0])?.creditHold).toBe(true);
    // The hold is audited as a change of the customer's row, in the same mutation as the approval that set it.
    const holdAudit = f.sqlite.prepare("SELECT before_json, after_json, mutation_id FROM audit_log WHERE entity = 'customer' AND action = 'credit_hold'").all() as { before_json: string; after_json: string; mutation_id: string }[];
    expect(holdAudit.map((row) => [(JSON.parse(row.before_json) as { credit_hold: number }).credit_hold, (JSON.parse(row.after_json) as { credit_hold: number }).credit_hold])).toEqual([[0, 1]]);
    const approval = f.sqlite.prepare("SELECT mutation_id FROM audit_log WHERE entity = 'escalation' AND entity_id = ? AND action = 'approve'").get(approved) as { mutation_id: string };
    expect(holdAudit[0]?.mutation_id).toBe(approval.mutation_id);
  });

  describe('refuses, and writes nothing, when', () => {
    const cases: [string, () => unknown, { code: string; field?: string }, string][] = [
      ['the local profile is a collector', () => (signInAs(f.sqlite, f.bobId), { escalationId: addEscalation(f.sqlite, f.annCustomers[0], 'legal', f.annId), decision: 'approve' }), { code: 'forbidden' }, 'Only a team lead can approve or reject'],
      ['the customer is in another team', () => ({ escalationId: addEscalation(f.sqlite, f.cemCustomer, 'legal', f.cemId), decision: 'approve' }), { code: 'forbidden', field: 'escalationId' }, "Only a team lead of this customer's team"],
      ['the lead requested it themselves', () => ({ escalationId: addEscalation(f.sqlite, f.annCustomers[0], 'legal', f.leadId), decision: 'approve' }), { code: 'forbidden', field: 'escalationId' }, 'another team lead has to decide'],
      [
        'the request is no longer pending',
        () => {
          const id = addEscalation(f.sqlite, f.annCustomers[0], 'legal', f.annId);
          f.sqlite.prepare("UPDATE escalations SET status = 'withdrawn' WHERE id = ?").run(id);
          return { escalationId: id, decision: 'approve' };
        },
        { code: 'conflict', field: 'escalationId' },
        'this one is withdrawn',
      ],
      ['the request does not exist', () => ({ escalationId: '01900000-0000-7000-8000-00000000dead', decision: 'approve' }), { code: 'not_found', field: 'escalationId' }, 'does not exist'],
      ['the decision is unknown', () => ({ escalationId: '01900000-0000-7000-8000-00000000dead', decision: 'maybe' }), { code: 'validation', field: 'decision' }, ''],
    ];
    it.each(cases)('%s', async (_name, input, expected, message) => {
      const args = input();
      const before = snapshot(f.sqlite);
      const error = expectError(await f.api.raw('escalation.decide', args));
      expect(error).toMatchObject(expected);
      expect(error.message).toContain(message);
      expect(snapshot(f.sqlite)).toEqual(before);
    });
  });

  it('a second decision on the same request is a conflict', async () => {
    const id = addEscalation(f.sqlite, f.annCustomers[0], 'agency', f.annId);
    await f.api.call('escalation.decide', { escalationId: id, decision: 'approve' });
    expect(expectError(await f.api.raw('escalation.decide', { escalationId: id, decision: 'reject', comment: 'changed my mind' }))).toMatchObject({ code: 'conflict', field: 'escalationId' });
  });

  it('a failure just before commit leaves nothing behind, credit hold included', () => {
    const id = addEscalation(f.sqlite, f.annCustomers[0], 'credit_hold', f.annId);
    const before = snapshot(f.sqlite);
    expect(() =>
      runCommand(f.api.commands, decideEscalationCommand, { escalationId: id, decision: 'approve' }, {
        beforeCommit: () => {
          throw new Error('disk full');
        },
      }),
    ).toThrow('disk full');
    expect(snapshot(f.sqlite)).toEqual(before);
  });
});
