import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disableUser } from '../../../server/cli/admin-commands';
import { BACKENDS } from './support/backends';
import { login, seedCustomer, seedTeam, seedUser, startHarness, type Harness } from './support/harness';
import { pullAll, seedItem, TestClient } from './sync-client';

describe.each(BACKENDS)('sync push of team lead mutations on %s', (kind) => {
  let h: Harness;
  const users = { ann: { id: '', token: '' }, bob: { id: '', token: '' }, cem: { id: '', token: '' }, lead: { id: '', token: '' }, southLead: { id: '', token: '' }, disabled: { id: '', token: '' } };
  let lead: TestClient;
  let ann: TestClient;
  let southLead: TestClient;

  beforeAll(async () => {
    h = await startHarness(kind);
    const north = await seedTeam(h);
    const south = await seedTeam(h);
    const make = async (name: keyof typeof users, role: 'collector' | 'team_lead', team: string) => {
      const user = await seedUser(h, role, team);
      users[name] = { id: user.id, token: (await login(h, user.username)).accessToken };
      return user;
    };
    await make('ann', 'collector', north);
    await make('bob', 'collector', north);
    await make('cem', 'collector', south);
    await make('lead', 'team_lead', north);
    await make('southLead', 'team_lead', south);
    const gone = await make('disabled', 'collector', north);
    await disableUser(h.testDb.db, h.clock, gone.username);
    lead = new TestClient(h, users.lead.token);
    ann = new TestClient(h, users.ann.token);
    southLead = new TestClient(h, users.southLead.token);
  });
  afterAll(() => h.dispose());

  const customer = async (collector: 'ann' | 'cem', team: string) => (await seedCustomer(h, users[collector].id, team)).id;
  const teamOf = async (customerId: string) => (await h.testDb.db.selectFrom('customers').select(['collector_id', 'team_id', 'version', 'credit_hold']).where('id', '=', customerId).executeTakeFirstOrThrow());

  it("moves a customer: the old collector's pull removes it, the new collector's pull brings it with all its rows", async () => {
    const northTeam = (await h.testDb.db.selectFrom('users').select('team_id').where('id', '=', users.ann.id).executeTakeFirstOrThrow()).team_id ?? '';
    const teamName = (await h.testDb.db.selectFrom('teams').select('name').where('id', '=', northTeam).executeTakeFirstOrThrow()).name;
    const moved = await customer('ann', teamName);
    const stays = await customer('ann', teamName);
    const item = await seedItem(h, moved, 40_000);
    const noteId = uuidv7();
    expect(await ann.pushOk([ann.make('note.add', { customerId: moved, body: 'asked for a copy of INV-1' }, { notes: noteId })])).toMatchObject([{ status: 'applied' }]);

    const annBefore = await pullAll(h, users.ann.token, null);
    const bobBefore = await pullAll(h, users.bob.token, null);
    expect(bobBefore.changes.some((c) => c.customerId === moved)).toBe(false);
    const versionBefore = (await teamOf(moved)).version;

    const [result] = await lead.pushOk([lead.make('customer.reassign', { customerIds: [moved], toCollectorId: users.bob.id, reason: 'Ann is on leave' })]);
    expect(result).toMatchObject({ status: 'applied' });
    expect(await teamOf(moved)).toMatchObject({ collector_id: users.bob.id, team_id: northTeam, version: versionBefore + 1 });
    expect((await teamOf(stays)).collector_id).toBe(users.ann.id);

    const annAfter = await pullAll(h, users.ann.token, annBefore.cursor);
    expect(annAfter.changes).toEqual([{ op: 'remove', entity: 'customers', id: moved, customerId: moved, row: null }]);

    const bobAfter = await pullAll(h, users.bob.token, bobBefore.cursor);
    const ofMoved = bobAfter.changes.filter((c) => c.customerId === moved);
    // Who moved it, when and why travel with the customer, to every desktop that holds it.
    expect(ofMoved.find((c) => c.entity === 'customers')?.row).toMatchObject({ id: moved, collector_id: users.bob.id, assigned_by: users.lead.id, assignment_reason: 'Ann is on leave' });
    expect(ofMoved.find((c) => c.entity === 'open_items')?.id).toBe(item);
    expect(ofMoved.find((c) => c.entity === 'notes')?.row).toMatchObject({ id: noteId, body: 'asked for a copy of INV-1' });
    expect(bobAfter.changes.every((c) => c.op === 'upsert')).toBe(true);

    // A customer already with the target is left alone; naming only such customers is refused.
    const [again] = await lead.pushOk([lead.make('customer.reassign', { customerIds: [moved], toCollectorId: users.bob.id })]);
    expect(again).toMatchObject({ status: 'rejected', error: { code: 'validation', field: 'args.customerIds' } });
  });

  it('refuses collectors, customers of another team, and targets that are not active collectors of the team', async () => {
    const north = await h.testDb.db.selectFrom('teams').innerJoin('users', 'users.team_id', 'teams.id').select('teams.name').where('users.id', '=', users.ann.id).executeTakeFirstOrThrow();
    const south = await h.testDb.db.selectFrom('teams').innerJoin('users', 'users.team_id', 'teams.id').select('teams.name').where('users.id', '=', users.cem.id).executeTakeFirstOrThrow();
    const annCustomer = await customer('ann', north.name);
    const cemCustomer = await customer('cem', south.name);
    const reassign = (customerIds: string[], toCollectorId: string) => ({ customerIds, toCollectorId });

    const [byCollector] = await ann.pushOk([ann.make('customer.reassign', reassign([annCustomer], users.bob.id))]);
    expect(byCollector).toMatchObject({ status: 'rejected', error: { code: 'forbidden' } });
    expect(byCollector?.error?.message).toContain('Only a team lead can reassign');

    const results = await lead.pushOk([
      lead.make('customer.reassign', reassign([annCustomer, cemCustomer], users.bob.id)),
      lead.make('customer.reassign', reassign([annCustomer], users.cem.id)),
      lead.make('customer.reassign', reassign([annCustomer], users.lead.id)),
      lead.make('customer.reassign', reassign([annCustomer], users.disabled.id)),
      lead.make('customer.reassign', reassign([annCustomer, uuidv7()], users.bob.id)),
    ]);
    expect(results).toMatchObject([
      { status: 'rejected', error: { code: 'forbidden' } },
      { status: 'rejected', error: { code: 'forbidden', field: 'args.toCollectorId' } },
      { status: 'rejected', error: { code: 'validation', field: 'args.toCollectorId' } },
      { status: 'rejected', error: { code: 'validation', field: 'args.toCollectorId' } },
      // A customer that does not exist is answered like one outside the scope: ids cannot be probed.
      { status: 'rejected', error: { code: 'forbidden', message: 'This customer is not in your portfolio.' } },
    ]);
    expect(results[2]?.error?.message).toContain('not a collector');
    expect(results[3]?.error?.message).toContain('disabled');
    // Nothing moved, the customer of the other team included.
    expect((await teamOf(annCustomer)).collector_id).toBe(users.ann.id);
    expect((await teamOf(cemCustomer)).collector_id).toBe(users.cem.id);
  });

  it("an admin moves customers across teams; the customer takes the target's team", async () => {
    const admin = await seedUser(h, 'admin');
    const client = new TestClient(h, (await login(h, admin.username)).accessToken);
    const south = await h.testDb.db.selectFrom('teams').innerJoin('users', 'users.team_id', 'teams.id').select(['teams.name', 'teams.id']).where('users.id', '=', users.cem.id).executeTakeFirstOrThrow();
    const northTeam = (await h.testDb.db.selectFrom('users').select('team_id').where('id', '=', users.ann.id).executeTakeFirstOrThrow()).team_id;
    const moved = await customer('cem', south.name);
    expect(await client.pushOk([client.make('customer.reassign', { customerIds: [moved], toCollectorId: users.ann.id })])).toMatchObject([{ status: 'applied' }]);
    expect(await teamOf(moved)).toMatchObject({ collector_id: users.ann.id, team_id: northTeam });
    // The south lead no longer sees it: moving it back is outside their scope.
    const [back] = await southLead.pushOk([southLead.make('customer.reassign', { customerIds: [moved], toCollectorId: users.cem.id })]);
    expect(back).toMatchObject({ status: 'rejected', error: { code: 'forbidden' } });
  });

  it('decides a request once, for team leads of the customer team only; approving a credit hold puts the customer on hold', async () => {
    const north = await h.testDb.db.selectFrom('teams').innerJoin('users', 'users.team_id', 'teams.id').select('teams.name').where('users.id', '=', users.ann.id).executeTakeFirstOrThrow();
    const target = await customer('ann', north.name);
    // A write-off refers to what the customer owes.
    await seedItem(h, target, 40_000);
    const annCursor = (await pullAll(h, users.ann.token, null)).cursor;
    const hold = uuidv7();
    const writeOff = uuidv7();
    expect(
      await ann.pushOk([
        ann.make('escalation.request', { customerId: target, kind: 'credit_hold', reason: 'ignores every reminder' }, { escalations: hold }),
        ann.make('escalation.request', { customerId: target, kind: 'write_off', amountMinor: 1_500, reason: 'bank charges' }, { escalations: writeOff }),
      ]),
    ).toMatchObject([{ status: 'applied' }, { status: 'applied' }]);

    const [byCollector] = await ann.pushOk([ann.make('escalation.decide', { escalationId: hold, decision: 'approve' })]);
    expect(byCollector).toMatchObject({ status: 'rejected', error: { code: 'forbidden' } });
    expect(byCollector?.error?.message).toContain('Only a team lead');
    const [byOtherTeam] = await southLead.pushOk([southLead.make('escalation.decide', { escalationId: hold, decision: 'approve' })]);
    expect(byOtherTeam).toMatchObject({ status: 'rejected', error: { code: 'forbidden' } });

    const results = await lead.pushOk([
      lead.make('escalation.decide', { escalationId: writeOff, decision: 'reject' }),
      lead.make('escalation.decide', { escalationId: hold, decision: 'approve', comment: 'agreed' }),
      lead.make('escalation.decide', { escalationId: writeOff, decision: 'approve' }),
      lead.make('escalation.decide', { escalationId: writeOff, decision: 'reject', comment: 'too late' }),
      lead.make('escalation.decide', { escalationId: uuidv7(), decision: 'approve' }),
    ]);
    expect(results).toMatchObject([
      { status: 'rejected', error: { code: 'validation', field: 'args.comment' } },
      { status: 'applied' },
      { status: 'applied' },
      { status: 'rejected', error: { code: 'conflict', field: 'args.escalationId' } },
      { status: 'rejected', error: { code: 'not_found', field: 'args.escalationId' } },
    ]);
    const rows = await h.testDb.db.selectFrom('escalations').select(['id', 'status', 'decided_by', 'decision_comment', 'version']).where('customer_id', '=', target).orderBy('id').execute();
    expect(rows).toEqual(
      [
        { id: hold, status: 'approved', decided_by: users.lead.id, decision_comment: 'agreed', version: 2 },
        { id: writeOff, status: 'approved', decided_by: users.lead.id, decision_comment: null, version: 2 },
      ].sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect((await teamOf(target)).credit_hold).toBe(true);

    // The collector learns of the decisions and of the hold with the next pull.
    const pulled = (await pullAll(h, users.ann.token, annCursor)).changes;
    expect(pulled.find((c) => c.entity === 'escalations' && c.id === hold)?.row).toMatchObject({ status: 'approved', decided_by: users.lead.id });
    expect(pulled.find((c) => c.entity === 'customers' && c.id === target)?.row).toMatchObject({ credit_hold: true });

    // A team lead's own request needs another lead's decision.
    const own = uuidv7();
    const [requested, decided] = await lead.pushOk([
      lead.make('escalation.request', { customerId: target, kind: 'legal', reason: 'no reaction' }, { escalations: own }),
      lead.make('escalation.decide', { escalationId: own, decision: 'approve' }),
    ]);
    expect(requested).toMatchObject({ status: 'applied' });
    expect(decided).toMatchObject({ status: 'rejected', error: { code: 'forbidden', field: 'args.escalationId' } });
  });
});
