import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../shared/domain/clock';
import { daysBetween } from '../../../shared/domain/dates';
import { runImport } from '../../../server/import/run';
import type { ImportReport } from '../../../server/import/types';
import { BACKENDS, openTestDb, type TestDb } from './support/backends';

// A copy of ../shared/data/ibm-accounts-receivable.csv (the handbook's sample), so a bare clone tests too.
const content = readFileSync(new URL('../../fixtures/import/ibm-accounts-receivable.csv', import.meta.url), 'utf8');

interface IbmRow {
  customerID: string;
  invoiceNumber: string;
  InvoiceAmount: string;
  Disputed: string;
  DaysToSettle: string;
  DaysLate: string;
}
const fileRows = parse<IbmRow>(content, { columns: true });

const mean = (values: readonly number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;

describe.each(BACKENDS)('IBM accounts-receivable import (ibm-ar preset) on %s', (kind) => {
  let testDb: TestDb;
  let first: ImportReport;
  const clock = manualClock('2026-03-02T09:00:00.000Z');
  const importIbm = (text = content) => runImport(testDb.db, { clock: clock, defaultTimeZone: 'UTC' }, { source: { format: 'csv', preset: 'ibm-ar', content: text } });
  const changeLogCount = async () => Number((await testDb.db.selectFrom('change_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    testDb = await openTestDb(kind);
    first = await importIbm();
  });
  afterAll(() => testDb.dispose());

  it('imports 100 customers and 2,466 settled invoices with their payments and clearings', async () => {
    expect(first.committed).toBe(true);
    expect(first.rejected).toEqual([]);
    expect(first.applied.customers).toEqual({ inserted: 100, updated: 0, unchanged: 0 });
    for (const entity of ['openItems', 'payments', 'clearings'] as const) expect(first.applied[entity]).toEqual({ inserted: 2466, updated: 0, unchanged: 0 });
    const { db } = testDb;
    expect(await changeLogCount()).toBe(100 + 3 * 2466);

    const item = await db.selectFrom('open_items').selectAll().where('erp_key', '=', '0007900770').executeTakeFirstOrThrow();
    expect(item).toMatchObject({
      kind: 'invoice',
      document_number: '0007900770',
      document_date: '2013-01-26',
      due_date: '2013-02-25',
      currency: 'USD',
      original_minor: 6174,
      open_minor: 0,
      disputed_minor: 0,
      erp_disputed: true,
      cleared_at: '2013-03-03',
      version: 1,
    });
    const customer = await db.selectFrom('customers').selectAll().where('id', '=', item.customer_id).executeTakeFirstOrThrow();
    expect(customer).toMatchObject({ erp_key: '8976-AMJEO', number: '8976-AMJEO', country: 'US', erp_country_code: '406', currency: 'USD', payment_terms_days: 30, collector_id: null });
    const payment = await db.selectFrom('payments').selectAll().where('erp_key', '=', 'PAY-0007900770').executeTakeFirstOrThrow();
    expect(payment).toMatchObject({ customer_id: customer.id, amount_minor: 6174, value_date: '2013-03-03', reference: '0007900770' });
    const clearing = await db.selectFrom('clearings').selectAll().where('erp_key', '=', 'CLR-0007900770').executeTakeFirstOrThrow();
    expect(clearing).toMatchObject({ customer_id: customer.id, open_item_id: item.id, payment_id: payment.id, amount_minor: 6174, cleared_on: '2013-03-03' });
  });

  it('keeps every amount exact: the imported total equals the file total in cents', async () => {
    const fileCents = fileRows.reduce((sum, row) => {
      const [whole = '0', fraction = ''] = row.InvoiceAmount.split('.');
      return sum + Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
    }, 0);
    const stored = await testDb.db.selectFrom('open_items').select((eb) => eb.fn.sum<string | number>('original_minor').as('total')).executeTakeFirstOrThrow();
    expect(Number(stored.total)).toBe(fileCents);
  });

  it('derives per-customer days to settle, days late and dispute rate equal to the file columns, for all 100 customers', async () => {
    const settled = await testDb.db
      .selectFrom('open_items')
      .innerJoin('customers', 'customers.id', 'open_items.customer_id')
      .innerJoin('clearings', 'clearings.open_item_id', 'open_items.id')
      .innerJoin('payments', 'payments.id', 'clearings.payment_id')
      .select(['customers.erp_key as customerKey', 'open_items.document_date', 'open_items.due_date', 'open_items.erp_disputed', 'payments.value_date'])
      .execute();
    expect(settled).toHaveLength(2466);
    // The file's DaysToSettle and DaysLate are derived columns (days late floored at 0): the imported dates give them back.
    const derived = new Map<string, { invoices: number; settle: number[]; late: number[]; disputed: number }>();
    for (const row of settled) {
      const entry = derived.get(row.customerKey) ?? { invoices: 0, settle: [], late: [], disputed: 0 };
      entry.invoices += 1;
      entry.settle.push(daysBetween(row.document_date, row.value_date));
      entry.late.push(Math.max(0, daysBetween(row.due_date, row.value_date)));
      if (row.erp_disputed) entry.disputed += 1;
      derived.set(row.customerKey, entry);
    }
    const byCustomer = new Map<string, IbmRow[]>();
    for (const row of fileRows) byCustomer.set(row.customerID, [...(byCustomer.get(row.customerID) ?? []), row]);
    expect(derived.size).toBe(100);
    expect(byCustomer.size).toBe(100);
    for (const [customer, rows] of byCustomer) {
      const history = derived.get(customer);
      expect(history, customer).toBeDefined();
      expect(history?.invoices).toBe(rows.length);
      expect(mean(history?.settle ?? []), `${customer} days to settle`).toBe(mean(rows.map((row) => Number(row.DaysToSettle))));
      expect(mean(history?.late ?? []), `${customer} days late`).toBe(mean(rows.map((row) => Number(row.DaysLate))));
      expect((history?.disputed ?? 0) / rows.length, `${customer} dispute rate`).toBe(rows.filter((row) => row.Disputed === 'Yes').length / rows.length);
    }
  });

  it('re-importing the same file changes nothing: all unchanged, no version bump, no change_log entry', async () => {
    const before = await changeLogCount();
    const again = await importIbm();
    expect(again.committed).toBe(true);
    expect(again.applied.customers).toEqual({ inserted: 0, updated: 0, unchanged: 100 });
    for (const entity of ['openItems', 'payments', 'clearings'] as const) expect(again.applied[entity]).toEqual({ inserted: 0, updated: 0, unchanged: 2466 });
    expect(await changeLogCount()).toBe(before);
    const bumped = await testDb.db.selectFrom('open_items').select('erp_key').where('version', '>', 1).execute();
    expect(bumped).toEqual([]);
  });

  it('a changed row bumps its version and logs one change per changed record', async () => {
    const before = await changeLogCount();
    const changed = content.replace('0000611365,1/2/2013,2/1/2013,55.94,No', '0000611365,1/2/2013,2/1/2013,55.95,Yes');
    expect(changed).not.toBe(content);
    const report = await importIbm(changed);
    expect(report.applied.openItems).toEqual({ inserted: 0, updated: 1, unchanged: 2465 });
    expect(report.applied.payments).toEqual({ inserted: 0, updated: 1, unchanged: 2465 });
    expect(report.applied.clearings).toEqual({ inserted: 0, updated: 1, unchanged: 2465 });
    expect(report.applied.customers.updated).toBe(0);
    const item = await testDb.db.selectFrom('open_items').selectAll().where('erp_key', '=', '0000611365').executeTakeFirstOrThrow();
    expect(item).toMatchObject({ original_minor: 5595, erp_disputed: true, version: 2 });
    expect(await changeLogCount()).toBe(before + 3);
    const entry = await testDb.db.selectFrom('change_log').selectAll().where('seq', '=', item.updated_seq).executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ entity: 'open_items', entity_id: item.id, customer_id: item.customer_id, op: 'upsert' });
  });
});
