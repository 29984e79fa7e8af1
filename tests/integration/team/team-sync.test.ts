/**
 * A team lead's work travelling through the sync server to the collectors' clients: a reassigned
 * customer leaves the old collector's worklist and arrives whole (notes included) at the new
 * one's; an approved write-off reaches the requester with its decision on the timeline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERNAMES } from '../../../server/demo/credentials';
import { BACKENDS } from '../server/support/backends';
import { signedInClient, startSyncServer, type SyncServer, type TestClient } from '../sync/support';

const userId = (client: TestClient, username: string): string =>
  (client.workspace.store.sqlite.prepare('SELECT id FROM users WHERE username = ?').get(username) as { id: string }).id;
const hasCustomer = (client: TestClient, customerId: string): boolean =>
  client.workspace.store.sqlite.prepare('SELECT 1 FROM customers WHERE id = ?').get(customerId) !== undefined;
const sync = async (client: TestClient) => {
  expect(await client.workspace.engine?.syncOnce()).toMatchObject({ state: 'idle', pending: 0, issues: 0 });
};

describe.each(BACKENDS)('team lead work through sync on %s', (kind) => {
  let server: SyncServer;
  let lead: TestClient;
  let jordan: TestClient;
  let priya: TestClient;

  beforeAll(async () => {
    server = await startSyncServer(kind);
    lead = await signedInClient(server, DEMO_USERNAMES.teamLead);
    jordan = await signedInClient(server, DEMO_USERNAMES.collector);
    priya = await signedInClient(server, DEMO_USERNAMES.secondCollector);
  });
  afterAll(async () => {
    for (const client of [lead, jordan, priya]) await client.close();
    await server.dispose();
  });

  it("a reassigned customer leaves the old collector's worklist and reaches the new one with its notes", async () => {
    const jordanId = userId(lead, DEMO_USERNAMES.collector);
    const priyaId = userId(lead, DEMO_USERNAMES.secondCollector);
    const load = await lead.call('team.load', {});
    expect(load.collectors.map((c) => c.collectorId)).toEqual(expect.arrayContaining([jordanId, priyaId]));
    const jordanLoad = load.collectors.find((c) => c.collectorId === jordanId)?.customers ?? 0;
    expect(jordanLoad).toBeGreaterThan(0);

    const [customer] = (await lead.call('worklist.query', { filters: { collectorIds: [jordanId] }, limit: 1 })).rows;
    if (!customer) throw new Error('Jordan has no customer on the server');
    const note = await jordan.call('note.add', { customerId: customer.customerId, body: 'Agreed to send the remittance advice by Friday' });
    await sync(jordan);
    expect(hasCustomer(priya, customer.customerId)).toBe(false);

    await sync(lead);
    await lead.call('customer.reassign', { customerIds: [customer.customerId], toCollectorId: priyaId, reason: 'Priya takes the Benelux accounts' });
    await sync(lead);

    await sync(jordan);
    expect(hasCustomer(jordan, customer.customerId)).toBe(false);
    expect((await jordan.call('worklist.query', { search: customer.name })).rows.map((row) => row.customerId)).not.toContain(customer.customerId);

    await sync(priya);
    expect((await priya.call('worklist.query', { limit: 500 })).rows.map((row) => row.customerId)).toContain(customer.customerId);
    // The reason went with the customer: Priya's account header says who moved it and why.
    expect((await priya.call('customer.account', { customerId: customer.customerId })).customer.assignment).toMatchObject({ reason: 'Priya takes the Benelux accounts' });
    const notes = (await priya.call('customer.work', { customerId: customer.customerId })).notes;
    expect(notes.map((n) => [n.id, n.body])).toContainEqual([note.id, 'Agreed to send the remittance advice by Friday']);

    // The lead still sees the customer (the team's), now under Priya, and the reassignment on its timeline.
    const after = await lead.call('team.load', {});
    expect(after.collectors.find((c) => c.collectorId === jordanId)?.customers).toBe(jordanLoad - 1);
    const timeline = await lead.call('customer.timeline', { customerId: customer.customerId, types: ['note'] });
    expect(timeline.entries.map((e) => e.title)).toContain('Reassigned from Jordan Reyes to Priya Natarajan by Sabine Krüger');
  });

  it('an approved write-off reaches the requesting collector with the decision on the timeline', async () => {
    const [customer] = (await jordan.call('worklist.query', { limit: 1 })).rows;
    if (!customer) throw new Error('Jordan has no customer');
    const requested = await jordan.call('escalation.request', { customerId: customer.customerId, kind: 'write_off', amountMinor: 1_250, reason: 'Bank charges on the last payment' });
    await sync(jordan);

    await sync(lead);
    expect((await lead.call('team.escalations', {})).map((e) => e.id)).toContain(requested.id);
    await lead.call('escalation.decide', { escalationId: requested.id, decision: 'approve', comment: 'Below the threshold' });
    await sync(lead);
    expect((await lead.call('team.escalations', {})).map((e) => e.id)).not.toContain(requested.id);

    await sync(jordan);
    const timeline = await jordan.call('customer.timeline', { customerId: customer.customerId, types: ['escalation'] });
    expect(timeline.entries[0]).toMatchObject({ title: 'Write-off approved', detail: 'Below the threshold', by: 'Sabine Krüger', status: 'approved' });
  });
});
