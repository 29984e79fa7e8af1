import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from './support/backends';
import { login, seedCustomer, seedTeam, seedUser, startHarness, type Harness } from './support/harness';
import { pullAll, seedItem, TestClient } from './sync-client';

describe.each(BACKENDS)('sync push of disputes on %s', (kind) => {
  let h: Harness;
  let ann: TestClient;
  let lead: TestClient;
  let customerId = '';
  let annToken = '';
  const items: string[] = [];

  const disputedOn = async (itemId: string) =>
    (await h.testDb.db.selectFrom('open_items').select(['disputed_minor', 'version']).where('id', '=', itemId).executeTakeFirstOrThrow()).disputed_minor;

  beforeAll(async () => {
    h = await startHarness(kind);
    const team = await seedTeam(h);
    const collector = await seedUser(h, 'collector', team);
    const teamLead = await seedUser(h, 'team_lead', team);
    customerId = (await seedCustomer(h, collector.id, team)).id;
    items.push(await seedItem(h, customerId, 50_000), await seedItem(h, customerId, 20_000));
    annToken = (await login(h, collector.username)).accessToken;
    ann = new TestClient(h, annToken);
    lead = new TestClient(h, (await login(h, teamLead.username)).accessToken);
  });
  afterAll(() => h.dispose());

  it('a dispute reserves its amounts, follows the shared state machine, and a stale transition is a conflict', async () => {
    const disputeId = uuidv7();
    const [item0 = '', item1 = ''] = items;
    const created = await ann.pushOk([
      ann.make(
        'dispute.create',
        { customerId, reasonCode: 'pricing', description: 'wrong price', items: [{ itemId: item0, disputedMinor: 10_000 }, { itemId: item1, disputedMinor: 20_000 }] },
        { disputes: disputeId },
      ),
      ann.make('dispute.create', { customerId, reasonCode: 'pricing', items: [{ itemId: item1, disputedMinor: 1 }] }),
    ]);
    // The second case asks for more than is still undisputed on the item.
    expect(created).toMatchObject([{ status: 'applied' }, { status: 'rejected', error: { code: 'validation', field: 'args.items.0.disputedMinor' } }]);
    expect(await disputedOn(item0)).toBe(10_000);
    expect(await disputedOn(item1)).toBe(20_000);

    // Offline, ann still sees the case as new; meanwhile the lead works it through to closed.
    const leadResults = await lead.pushOk([
      lead.make('dispute.transition', { disputeId, action: 'start' }),
      lead.make('dispute.transition', { disputeId, action: 'resolve', resolution: 'credit_memo_issued', rootCause: 'billing' }),
      lead.make('dispute.transition', { disputeId, action: 'close', comment: 'credited' }),
    ]);
    expect(leadResults.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    expect(await disputedOn(item0)).toBe(0);

    const [stale] = await ann.pushOk([ann.make('dispute.transition', { disputeId, action: 'escalate', comment: 'customer angry' })]);
    expect(stale).toMatchObject({ status: 'rejected', error: { code: 'conflict', field: 'args.action' } });
    expect(stale?.error?.message).toContain('closed');

    const dispute = await h.testDb.db.selectFrom('disputes').selectAll().where('id', '=', disputeId).executeTakeFirstOrThrow();
    expect(dispute).toMatchObject({ status: 'closed', resolution: 'credit_memo_issued', version: 4 });
    const events = await h.testDb.db.selectFrom('dispute_events').select(['from_status', 'to_status']).where('dispute_id', '=', disputeId).orderBy('updated_seq').execute();
    expect(events).toEqual([
      { from_status: null, to_status: 'new' },
      { from_status: 'new', to_status: 'in_process' },
      { from_status: 'in_process', to_status: 'resolved' },
      { from_status: 'resolved', to_status: 'closed' },
    ]);

    // Reopening reserves again; the pull carries the case with its items and the changed items.
    expect(await ann.pushOk([ann.make('dispute.transition', { disputeId, action: 'reopen' })])).toMatchObject([{ status: 'applied' }]);
    expect(await disputedOn(item0)).toBe(10_000);
    const { changes } = await pullAll(h, annToken, null);
    const pulled = changes.find((c) => c.entity === 'disputes' && c.id === disputeId);
    expect(pulled?.row).toMatchObject({ status: 'in_process', disputed_minor: 30_000 });
    expect(pulled?.row?.items).toEqual(
      [
        { open_item_id: item0, disputed_minor: 10_000 },
        { open_item_id: item1, disputed_minor: 20_000 },
      ].sort((a, b) => a.open_item_id.localeCompare(b.open_item_id)),
    );
    expect(changes.find((c) => c.entity === 'open_items' && c.id === item0)?.row).toMatchObject({ disputed_minor: 10_000 });
  });
});
