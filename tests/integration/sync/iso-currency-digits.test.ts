/**
 * Amounts at ISO 4217 precision end to end (issue 32, point 4): a Hungarian customer imported on the
 * server with forint amounts in fillér, pulled by a desktop through a real sync, shown and promised
 * there to the fillér, and the promise pushed back unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../../shared/domain/money';
import { DEMO_TEAM, DEMO_USERNAMES } from '../../../server/demo/credentials';
import { runImport, type ImportSource } from '../../../server/import/run';
import { signedInClient, startSyncServer, type SyncServer, type TestClient } from './support';

describe('forint amounts with their decimals, from the import through a real sync and back', () => {
  let server: SyncServer;
  let client: TestClient;
  const sources: ImportSource[] = [
    { format: 'json', entity: 'customers', records: [{ key: 'HU-1', name: 'Budapesti Kft.', country: 'HU', currency: 'HUF', creditLimit: '2500000.00' }] },
    {
      format: 'json',
      entity: 'openItems',
      records: [{ key: 'HU-INV-1', customerKey: 'HU-1', documentNumber: 'HU-INV-1', documentDate: '2026-01-15', dueDate: '2026-02-14', currency: 'HUF', originalAmount: '123456.50', openAmount: '123456.50' }],
    },
  ];

  beforeAll(async () => {
    server = await startSyncServer('postgres');
    const { db } = server.h.testDb;
    for (const source of sources) expect(await runImport(db, { clock: server.h.clock, defaultTimeZone: 'UTC' }, { source })).toMatchObject({ committed: true, rejected: [] });
    const collector = await db.selectFrom('users').select('id').where('username', '=', DEMO_USERNAMES.collector).executeTakeFirstOrThrow();
    await db.updateTable('customers').set({ collector_id: collector.id, team_id: DEMO_TEAM.id }).where('erp_key', '=', 'HU-1').execute();
    client = await signedInClient(server);
  });
  afterAll(async () => {
    await client.close();
    await server.dispose();
  });

  const customerId = (): string => (client.workspace.store.sqlite.prepare("SELECT id FROM customers WHERE erp_key = 'HU-1'").pluck().get() as string | undefined) ?? '';

  it('shows the item and the credit limit to the fillér', async () => {
    const account = await client.call('customer.account', { customerId: customerId() });
    const item = account.openItems.find((candidate) => candidate.documentNumber === 'HU-INV-1');
    expect(item).toMatchObject({ currency: 'HUF', openMinor: 12_345_650 });
    expect(formatMoney({ amountMinor: item?.openMinor ?? 0, currency: 'HUF' })).toBe('HUF\u00a0123,456.50');
    expect(account.customer.creditLimitMinor).toBe(250_000_000);
  });

  it('pushes a promise of part of it with its decimals unchanged', async () => {
    const itemId = client.workspace.store.sqlite.prepare("SELECT id FROM open_items WHERE erp_key = 'HU-INV-1'").pluck().get() as string;
    const promise = await client.call('promise.create', { customerId: customerId(), itemIds: [itemId], amountMinor: 5_000_050, promisedDate: '2026-03-20' });
    const status = await client.workspace.engine?.syncOnce();
    expect(status).toMatchObject({ pending: 0 });
    const stored = await server.h.testDb.db.selectFrom('promises').select(['amount_minor', 'currency']).where('id', '=', promise.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ amount_minor: 5_000_050, currency: 'HUF' });
  });
});
