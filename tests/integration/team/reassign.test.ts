import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommand } from '../../../db/commands/run-command';
import { reassignCustomersCommand } from '../../../db/commands/team';
import { expectError } from '../collector/fixture';
import { createTeamFixture, signInAs, snapshot, type TeamFixture } from './fixture';

let f: TeamFixture;
beforeEach(async () => {
  f = await createTeamFixture();
});
afterEach(async () => f.api.cleanup());

const collectorOf = (customerId: string) => (f.sqlite.prepare('SELECT collector_id FROM customers WHERE id = ?').get(customerId) as { collector_id: string }).collector_id;

describe('customer.reassign', () => {
  it('moves the customers to the target, with an audit entry each, one outbox mutation and a timeline entry', async () => {
    const summaryBefore = f.sqlite.prepare('SELECT updated_at FROM customer_summary WHERE customer_id = ?').get(f.annCustomers[0]);
    f.api.clock.set('2026-11-23T10:00:00.000Z');
    const result = await f.api.call('customer.reassign', { customerIds: [...f.annCustomers], toCollectorId: f.bobId, reason: 'Ann is on leave' });
    expect(result).toEqual({ customerIds: [...f.annCustomers], toCollector: { id: f.bobId, displayName: 'Bob' } });
    expect(f.annCustomers.map(collectorOf)).toEqual([f.bobId, f.bobId]);

    const audit = f.sqlite.prepare("SELECT entity_id, user_id, before_json, after_json, mutation_id FROM audit_log WHERE action = 'reassign' ORDER BY seq").all() as { entity_id: string; user_id: string; before_json: string; after_json: string; mutation_id: string }[];
    expect(audit.map((row) => row.entity_id)).toEqual([...f.annCustomers]);
    expect(audit.every((row) => row.user_id === f.leadId)).toBe(true);
    expect(JSON.parse(audit[0]?.before_json ?? '')).toEqual({ collectorId: f.annId, collectorName: 'Ann' });
    expect(JSON.parse(audit[0]?.after_json ?? '')).toEqual({ collectorId: f.bobId, collectorName: 'Bob', byName: 'Lena Lead', reason: 'Ann is on leave' });

    const outbox = f.sqlite.prepare('SELECT id, name, args_json FROM outbox').all() as { id: string; name: string; args_json: string }[];
    expect(outbox).toHaveLength(1);
    expect(outbox[0]?.name).toBe('customer.reassign');
    expect(outbox[0]?.id).toBe(audit[0]?.mutation_id);
    expect(JSON.parse(outbox[0]?.args_json ?? '')).toEqual({ customerIds: [...f.annCustomers], toCollectorId: f.bobId, reason: 'Ann is on leave' });

    const summaryAfter = f.sqlite.prepare('SELECT updated_at FROM customer_summary WHERE customer_id = ?').get(f.annCustomers[0]);
    expect(summaryAfter).not.toEqual(summaryBefore);

    const timeline = await f.api.call('customer.timeline', { customerId: f.annCustomers[0] });
    expect(timeline.entries[0]).toMatchObject({ type: 'note', title: 'Reassigned from Ann to Bob by Lena Lead', detail: 'Ann is on leave', by: 'Lena Lead', at: '2026-11-23T10:00:00.000Z' });
  });

  it('refuses a collector the server disabled, as the server does, and changes nothing', async () => {
    f.sqlite.prepare('UPDATE users SET disabled = 1 WHERE id = ?').run(f.bobId);
    const before = snapshot(f.sqlite);
    const error = expectError(await f.api.raw('customer.reassign', { customerIds: [...f.annCustomers], toCollectorId: f.bobId }));
    expect(error).toMatchObject({ code: 'validation', field: 'toCollectorId', message: 'Bob is disabled' });
    expect(snapshot(f.sqlite)).toEqual(before);
    // The team screen still lists Bob (he may own customers to move away), marked, so the dialog leaves him out.
    const load = await f.api.call('team.load', {});
    expect(load.collectors.map((collector) => [collector.displayName, collector.disabled])).toContainEqual(['Bob', true]);
    expect(load.collectors.filter((collector) => collector.disabled)).toHaveLength(1);
  });

  it('the team worklist filters by collector', async () => {
    const annList = await f.api.call('worklist.query', { filters: { collectorIds: [f.annId] } });
    expect(annList.rows.map((row) => row.name).sort()).toEqual(['Acme Paint', 'Birch Tools']);
    expect(annList.total).toBe(2);
    await f.api.call('customer.reassign', { customerIds: [f.annCustomers[1]], toCollectorId: f.bobId });
    expect((await f.api.call('worklist.query', { filters: { collectorIds: [f.annId] } })).rows.map((row) => row.name)).toEqual(['Acme Paint']);
    expect((await f.api.call('worklist.query', { filters: { collectorIds: [f.bobId, f.cemId] } })).rows.map((row) => row.name).sort()).toEqual(['Birch Tools', 'Southern Steel']);
    expect(expectError(await f.api.raw('worklist.query', { filters: { collectorIds: ['nope'] } }))).toMatchObject({ code: 'validation', field: 'filters.collectorIds.0' });
  });

  it('leaves customers already with the target alone, and refuses when nothing would change', async () => {
    await f.api.call('customer.reassign', { customerIds: [f.annCustomers[0]], toCollectorId: f.bobId });
    const result = await f.api.call('customer.reassign', { customerIds: [...f.annCustomers], toCollectorId: f.bobId });
    expect(result.customerIds).toEqual([f.annCustomers[1]]);
    const error = expectError(await f.api.raw('customer.reassign', { customerIds: [...f.annCustomers], toCollectorId: f.bobId }));
    expect(error).toMatchObject({ code: 'validation', field: 'customerIds' });
    expect(error.message).toContain('already assigned to Bob');
  });

  describe('refuses, and writes nothing, when', () => {
    const refusals: [string, () => unknown, { code: string; field?: string }, string][] = [
      ['the local profile is a collector', () => (signInAs(f.sqlite, f.annId), { customerIds: [f.annCustomers[0]], toCollectorId: f.bobId }), { code: 'forbidden' }, 'Only a team lead can reassign'],
      ['a customer is in another team', () => ({ customerIds: [f.annCustomers[0], f.cemCustomer], toCollectorId: f.bobId }), { code: 'forbidden', field: 'customerIds.1' }, "not in your team's portfolio"],
      ['the target collects for another team', () => ({ customerIds: [f.annCustomers[0]], toCollectorId: f.cemId }), { code: 'forbidden', field: 'toCollectorId' }, 'Cem is not a collector of your team'],
      ['the target is not a collector', () => ({ customerIds: [f.annCustomers[0]], toCollectorId: f.leadId }), { code: 'validation', field: 'toCollectorId' }, 'Lena Lead is a team lead, not a collector'],
      ['the target does not exist', () => ({ customerIds: [f.annCustomers[0]], toCollectorId: '01900000-0000-7000-8000-00000000dead' }), { code: 'not_found', field: 'toCollectorId' }, 'does not exist'],
      ['a customer does not exist', () => ({ customerIds: [f.annCustomers[0], '01900000-0000-7000-8000-00000000dead'], toCollectorId: f.bobId }), { code: 'not_found', field: 'customerIds.1' }, 'does not exist'],
      ['a customer is named twice', () => ({ customerIds: [f.annCustomers[0], f.annCustomers[0]], toCollectorId: f.bobId }), { code: 'validation', field: 'customerIds' }, 'names a customer twice'],
      ['no customer is named', () => ({ customerIds: [], toCollectorId: f.bobId }), { code: 'validation', field: 'customerIds' }, 'at least one'],
    ];
    it.each(refusals)('%s', async (_name, input, expected, message) => {
      const args = input();
      const before = snapshot(f.sqlite);
      const error = expectError(await f.api.raw('customer.reassign', args));
      expect(error).toMatchObject(expected);
      expect(error.message).toContain(message);
      expect(snapshot(f.sqlite)).toEqual(before);
    });
  });

  it('an admin may move customers between teams', async () => {
    const adminId = f.sqlite.prepare("INSERT INTO users (id, username, display_name, role, team_id, created_at) VALUES ('01900000-0000-7000-8000-0000000000ad', 'root', 'Root', 'admin', NULL, '2026-11-01T08:00:00.000Z') RETURNING id").get() as { id: string };
    signInAs(f.sqlite, adminId.id);
    await f.api.call('customer.reassign', { customerIds: [f.cemCustomer], toCollectorId: f.annId });
    expect(collectorOf(f.cemCustomer)).toBe(f.annId);
  });

  it('a failure just before commit leaves nothing behind', () => {
    const before = snapshot(f.sqlite);
    expect(() =>
      runCommand(f.api.commands, reassignCustomersCommand, { customerIds: [...f.annCustomers], toCollectorId: f.bobId }, {
        beforeCommit: () => {
          throw new Error('disk full');
        },
      }),
    ).toThrow('disk full');
    expect(snapshot(f.sqlite)).toEqual(before);
  });
});
