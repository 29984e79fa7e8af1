/**
 * The ERP's dispute history reaches the desktop (issue 32, point 1): the IBM sample imported on the
 * server, its customers assigned, a desktop signed in pulls them through a real sync, and the
 * collector's own figures count the 561 disputed invoices the file flags (22.75 %), per customer as
 * the file says, with an open disputed item shown as such on the account.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TEAM, DEMO_USERNAMES } from '../../../server/demo/credentials';
import { runImport } from '../../../server/import/run';
import { signedInClient, startSyncServer, type SyncServer, type TestClient } from './support';

const content = readFileSync(new URL('../../fixtures/import/ibm-accounts-receivable.csv', import.meta.url), 'utf8');
const fileRows = parse<{ customerID: string; Disputed: string }>(content, { columns: true });

describe('the ERP dispute flag, from the import through a real sync to the collector', () => {
  let server: SyncServer;
  let client: TestClient;

  beforeAll(async () => {
    server = await startSyncServer('postgres');
    const { db } = server.h.testDb;
    const imported = await runImport(db, { clock: server.h.clock, defaultTimeZone: 'UTC' }, { source: { format: 'csv', preset: 'ibm-ar', content } });
    expect(imported).toMatchObject({ committed: true, rejected: [] });
    // An open invoice the ERP flags as disputed, for one of the file's customers.
    const open = await runImport(db, { clock: server.h.clock, defaultTimeZone: 'UTC' }, {
      source: {
        format: 'json',
        entity: 'openItems',
        records: [{ key: 'OPEN-DISPUTED-1', customerKey: '8976-AMJEO', documentNumber: 'OPEN-DISPUTED-1', documentDate: '2026-02-01', dueDate: '2026-03-01', currency: 'USD', originalAmount: '120.00', openAmount: '120.00', disputed: 'Yes' }],
      },
    });
    expect(open).toMatchObject({ committed: true, rejected: [] });
    // The import leaves customers unassigned: give the file's customers to the demo collector (a snapshot reads rows as they stand).
    const collector = await db.selectFrom('users').select('id').where('username', '=', DEMO_USERNAMES.collector).executeTakeFirstOrThrow();
    await db.updateTable('customers').set({ collector_id: collector.id, team_id: DEMO_TEAM.id }).where('collector_id', 'is', null).execute();
    client = await signedInClient(server);
  });
  afterAll(async () => {
    await client.close();
    await server.dispose();
  });

  const sqlite = () => client.workspace.store.sqlite;
  const ibmCustomerId = (key: string): string => (sqlite().prepare('SELECT id FROM customers WHERE erp_key = ?').pluck().get(key) as string | undefined) ?? '';

  it('holds the flag of every disputed invoice of the file', () => {
    const disputed = sqlite().prepare("SELECT count(*) FROM open_items WHERE erp_disputed = 1 AND erp_key <> 'OPEN-DISPUTED-1'").pluck().get();
    expect(disputed).toBe(fileRows.filter((row) => row.Disputed === 'Yes').length);
    expect(disputed).toBe(561);
  });

  it("shows each customer's disputed invoices on the account as the file counts them", async () => {
    const perCustomer = new Map<string, { invoices: number; disputed: number }>();
    for (const row of fileRows) {
      const entry = perCustomer.get(row.customerID) ?? { invoices: 0, disputed: 0 };
      entry.invoices += 1;
      if (row.Disputed === 'Yes') entry.disputed += 1;
      perCustomer.set(row.customerID, entry);
    }
    const allDisputed = [...perCustomer.entries()].find(([, entry]) => entry.invoices === 17 && entry.disputed === 17);
    expect(allDisputed).toBeDefined();
    // The customer given an extra open invoice below is left out; the one with 17 of 17 and five others are checked.
    const checked = [allDisputed, ...[...perCustomer.entries()].filter(([key]) => key !== '8976-AMJEO').slice(0, 5)];
    for (const [key, expected] of checked.filter((entry) => entry !== undefined)) {
      const account = await client.call('customer.account', { customerId: ibmCustomerId(key) });
      expect(account.disputeHistory, key).toEqual(expected);
    }
  });

  it('marks an open item the ERP flags as disputed', async () => {
    const account = await client.call('customer.account', { customerId: ibmCustomerId('8976-AMJEO') });
    const item = account.openItems.find((candidate) => candidate.documentNumber === 'OPEN-DISPUTED-1');
    // Flagged without an amount: all that is open is in dispute, so none of it is collectible.
    expect(item).toMatchObject({ erpDisputed: true, openMinor: 12_000, disputedMinor: 12_000 });
    expect(account.openItems.filter((candidate) => candidate.erpDisputed)).toHaveLength(1);
  });
});
