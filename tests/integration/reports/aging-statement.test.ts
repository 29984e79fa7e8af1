import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectError } from '../collector/fixture';
import { createReportFixture, KRUEGER_NAME, type ReportFixture } from './fixture';
import { parseCsv, pdfText } from './read-back';
import { addItem } from '../../support/builders';

let fx: ReportFixture;
beforeEach(async () => {
  fx = await createReportFixture();
});
afterEach(async () => {
  await fx.api.cleanup();
});

async function exportFile(input: unknown): Promise<string> {
  const { jobId } = await fx.api.call('report.exportStart', input);
  const status = await fx.settled(jobId);
  expect(status).toMatchObject({ state: 'done', percent: 100, error: null });
  return status.filePath;
}

const amounts = (entry: { buckets: { amountMinor: number }[]; totalMinor: number; overdueMinor: number }) => [
  ...entry.buckets.map((bucket) => bucket.amountMinor),
  entry.totalMinor,
  entry.overdueMinor,
];

describe('report.aging', () => {
  it('ages open items per collector, customer and currency, with totals that never mix currencies', async () => {
    const report = await fx.api.call('report.aging', {});
    expect(report).toMatchObject({ asOf: '2026-11-23', basis: 'due_date' });
    expect(report.buckets.map((bucket) => bucket.label)).toEqual(['Current', '1–30', '31–60', '61–90', '91–120', '>120']);
    // Columns: the six buckets, total, overdue. The item cleared on 2026-11-15 is gone; the credit memo reduces 1–30.
    expect(report.rows.map((row) => [row.collectorName, row.customerNumber, row.currency, ...amounts(row)])).toEqual([
      ['Anna Nowak', '1000001', 'EUR', 10_000, -5_000, 20_000, 0, 0, 0, 25_000, 15_000],
      ['Ben Ito', '1000002', 'EUR', 0, 3_000, 0, 0, 0, 0, 3_000, 3_000],
      ['Ben Ito', '1000002', 'PLN', 0, 0, 0, 0, 0, 70_000, 70_000, 70_000],
    ]);
    expect(report.collectorTotals.map((row) => [row.collectorName, row.currency, row.totalMinor])).toEqual([
      ['Anna Nowak', 'EUR', 25_000],
      ['Ben Ito', 'EUR', 3_000],
      ['Ben Ito', 'PLN', 70_000],
    ]);
    expect(report.totals.map((row) => [row.currency, ...amounts(row)])).toEqual([
      ['EUR', 10_000, -2_000, 20_000, 0, 0, 0, 28_000, 18_000],
      ['PLN', 0, 0, 0, 0, 0, 70_000, 70_000, 70_000],
    ]);
  });

  it('keeps cash received on account apart: in the total, in no bucket, never lowering overdue', async () => {
    addItem(fx.api.store.sqlite, fx.krueger, { document_number: 'PAY-K9', kind: 'payment_on_account', document_date: '2026-10-01', due_date: '2026-10-01', original_minor: -4_000, open_minor: -4_000 });
    const report = await fx.api.call('report.aging', { scope: { kind: 'collectors', collectorIds: [fx.anna] } });
    expect(report.rows.map((row) => [row.customerNumber, ...amounts(row), row.unappliedMinor])).toEqual([['1000001', 10_000, -5_000, 20_000, 0, 0, 0, 21_000, 15_000, -4_000]]);
    expect(report.totals.map((row) => [row.currency, row.unappliedMinor, row.totalMinor, row.overdueMinor])).toEqual([['EUR', -4_000, 21_000, 15_000]]);
    const [, first] = parseCsv(readFileSync(await exportFile({ kind: 'aging', format: 'csv' }), 'utf8'));
    expect(first).toEqual(['Anna Nowak', '1000001', KRUEGER_NAME, 'EUR', '100.00', '-50.00', '200.00', '0.00', '0.00', '0.00', '-40.00', '210.00', '150.00']);
    const statement = pdfText(await exportFile({ kind: 'statement', format: 'pdf', filter: { customerId: fx.krueger } }));
    expect(statement).toMatch(/Unapplied cash\s+100\.00\s+-50\.00\s+200\.00\s+0\.00\s+0\.00\s+0\.00\s+-40\.00/);
    const account = await fx.api.call('customer.account', { customerId: fx.krueger });
    expect(account.aging.map((entry) => [entry.currency, entry.unappliedMinor, entry.totalMinor, entry.overdueMinor])).toEqual([['EUR', -4_000, 21_000, 15_000]]);
    // Among the open items it is in no aging bucket either, and the statement gives it no days overdue.
    expect(account.openItems.find((item) => item.documentNumber === 'PAY-K9')?.bucketKey).toBe('unapplied');
    // Document, kind, dates, then straight to the amounts: no days-overdue figure between.
    expect(statement).toMatch(/PAY-K9\s+Payment on\s+2026-10-01\s+2026-10-01\s+-40\.00\s+-40\.00/);
    expect(statement).toMatch(/INV-K3\s+Invoice\s+2026-09-15\s+2026-10-15\s+39\s+200\.00/);
  });

  it('as of an earlier date counts items open then: issued by the date, not yet cleared', async () => {
    const report = await fx.api.call('report.aging', { asOf: '2026-11-10', scope: { kind: 'collectors', collectorIds: [fx.anna] } });
    expect(report.rows.map((row) => [row.customerNumber, row.currency, ...amounts(row)])).toEqual([
      // INV-K4 (80.00, paid 2026-11-15) is back, 26 days past due; the credit memo and INV-K3 are 9 and 26 days past due.
      ['1000001', 'EUR', 10_000, 23_000, 0, 0, 0, 0, 33_000, 23_000],
    ]);
    const before = await fx.api.call('report.aging', { asOf: '2026-10-01' });
    expect(before.rows.map((row) => [row.customerNumber, row.currency, row.totalMinor])).toEqual([
      ['1000001', 'EUR', 28_000],
      ['1000002', 'PLN', 70_000],
    ]);
  });

  it('narrows by currency and scope', async () => {
    const pln = await fx.api.call('report.aging', { currencies: ['PLN'] });
    expect(pln.rows.map((row) => [row.customerNumber, row.currency])).toEqual([['1000002', 'PLN']]);
    expect(pln.totals.map((row) => row.currency)).toEqual(['PLN']);
    const worklist = await fx.api.call('report.aging', { scope: { kind: 'worklist', filters: { countries: ['PL'] } } });
    expect(worklist.rows.map((row) => row.customerNumber)).toEqual(['1000002', '1000002']);
    expect(expectError(await fx.api.raw('report.aging', { asOf: '23.11.2026' }))).toMatchObject({ code: 'validation', field: 'asOf' });
    expect(expectError(await fx.api.raw('report.aging', { currencies: ['eur'] }))).toMatchObject({ code: 'validation', field: 'currencies.0' });
  });

  it('exports as CSV with collector subtotals and grand totals per currency', async () => {
    const [header, ...rows] = parseCsv(readFileSync(await exportFile({ kind: 'aging', format: 'csv' }), 'utf8'));
    expect(header).toEqual(['Collector', 'Customer number', 'Customer name', 'Currency', 'Current', '1–30', '31–60', '61–90', '91–120', '>120', 'Unapplied cash', 'Total', 'Overdue']);
    expect(rows).toEqual([
      ['Anna Nowak', '1000001', KRUEGER_NAME, 'EUR', '100.00', '-50.00', '200.00', '0.00', '0.00', '0.00', '0.00', '250.00', '150.00'],
      ['Total Anna Nowak', '', '', 'EUR', '100.00', '-50.00', '200.00', '0.00', '0.00', '0.00', '0.00', '250.00', '150.00'],
      ['Ben Ito', '1000002', 'Łódź Trading 東京', 'EUR', '0.00', '30.00', '0.00', '0.00', '0.00', '0.00', '0.00', '30.00', '30.00'],
      ['Ben Ito', '1000002', 'Łódź Trading 東京', 'PLN', '0.00', '0.00', '0.00', '0.00', '0.00', '700.00', '0.00', '700.00', '700.00'],
      ['Total Ben Ito', '', '', 'EUR', '0.00', '30.00', '0.00', '0.00', '0.00', '0.00', '0.00', '30.00', '30.00'],
      ['Total Ben Ito', '', '', 'PLN', '0.00', '0.00', '0.00', '0.00', '0.00', '700.00', '0.00', '700.00', '700.00'],
      ['Total', '', '', 'EUR', '100.00', '-20.00', '200.00', '0.00', '0.00', '0.00', '0.00', '280.00', '180.00'],
      ['Total', '', '', 'PLN', '0.00', '0.00', '0.00', '0.00', '0.00', '700.00', '0.00', '700.00', '700.00'],
    ]);
  });

  it('exports as Excel with amounts as numbers in their currency format, and as a PDF', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await exportFile({ kind: 'aging', format: 'xlsx' }));
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    expect(sheet.name).toBe('Aging 2026-11-23');
    expect(sheet.autoFilter).toBe('A1:M1');
    expect(sheet.getCell('E2').value).toBe(100);
    expect(sheet.getCell('F2').value).toBe(-50);
    expect(sheet.getCell('F2').numFmt).toBe('#,##0.00 "EUR"');
    expect(sheet.getCell('J5').numFmt).toBe('#,##0.00 "PLN"');

    const text = pdfText(await exportFile({ kind: 'aging', format: 'pdf', filter: { asOf: '2026-11-23' } }));
    expect(text).toContain('Aging report as of 2026-11-23');
    expect(text).toContain('all customers · all currencies · buckets by days past the due date');
    expect(text).toContain('Anna Nowak');
    expect(text).toMatch(/1000001\s+Krüger\/Sohn, "Quote" GmbH\s+EUR\s+100\.00\s+-50\.00\s+200\.00\s+0\.00\s+0\.00\s+0\.00\s+0\.00\s+250\.00/);
    expect(text).toMatch(/Totals per currency[\s\S]*Total\s+PLN\s+0\.00\s+0\.00\s+0\.00\s+0\.00\s+0\.00\s+700\.00\s+0\.00\s+700\.00/);
    expect(text).toContain('Page 1');
  });
});

describe('customer statement', () => {
  it('lists the open items with days overdue, totals by bucket and the balance, under the issuer header', async () => {
    const path = await exportFile({
      kind: 'statement',
      format: 'pdf',
      filter: { customerId: fx.krueger },
      options: { issuer: { name: 'Nordwind Handel GmbH', lines: ['Hafenstraße 1', '20457 Hamburg'] } },
    });
    expect(path).toMatch(/statement_1000001_2026-11-23_20261123-090000_[0-9a-f]{6}\.pdf$/);
    const text = pdfText(path);
    expect(text).toContain('Nordwind Handel GmbH');
    expect(text).toContain('Hafenstraße 1');
    expect(text).toContain('Statement of account');
    expect(text).toContain('Statement date: 2026-11-23');
    expect(text).toContain('Attn. Hans Krüger <hans@krueger.example>');
    expect(text).toContain('Customer number 1000001');
    expect(text).toMatch(/INV-K3\s+Invoice\s+2026-09-15\s+2026-10-15\s+39\s+200\.00\s+200\.00/);
    expect(text).toMatch(/CM-K2\s+Credit memo\s+2026-10-20\s+2026-11-01\s+22\s+-50\.00\s+-50\.00/);
    expect(text).toMatch(/INV-K1\s+Invoice\s+2026-11-01\s+2026-12-01\s+100\.00\s+100\.00/);
    expect(text).not.toContain('INV-K4');
    expect(text).toMatch(/Total\s+EUR 250\.00/);
    expect(text).toMatch(/Current\s+1–30\s+31–60\s+61–90\s+91–120\s+>120\s+100\.00\s+-50\.00\s+200\.00\s+0\.00\s+0\.00\s+0\.00/);
    expect(text).toContain('Balance EUR 250.00 · overdue EUR 150.00');
    expect(text).toContain('Page 1');
  });

  it('shows each currency apart and what is disputed; an earlier date brings back an item paid since', async () => {
    const lodz = pdfText(await exportFile({ kind: 'statement', format: 'pdf', filter: { customerId: fx.lodz } }));
    // The addressee's name as written: the Polish letters are the font's; the Japanese is not (the export names it).
    expect(lodz).toContain('Statement of account · Łódź Trading');
    expect(lodz).toContain('Open items in EUR');
    expect(lodz).toContain('Open items in PLN');
    expect(lodz).toContain('(500.00 disputed)');
    expect(lodz).toContain('Balance PLN 700.00 · overdue PLN 700.00 · of which disputed PLN 500.00');
    const earlier = pdfText(await exportFile({ kind: 'statement', format: 'pdf', filter: { customerId: fx.krueger, asOf: '2026-11-10' } }));
    expect(earlier).toMatch(/INV-K4\s+Invoice\s+2026-09-15\s+2026-10-15\s+26\s+80\.00\s+80\.00/);
    const quiet = pdfText(await exportFile({ kind: 'statement', format: 'pdf', filter: { customerId: fx.quiet } }));
    expect(quiet).toContain('No open items as of 2026-11-23.');
  });

  it('is a PDF only, for a customer that exists', async () => {
    expect(expectError(await fx.api.raw('report.exportStart', { kind: 'statement', format: 'csv', filter: { customerId: fx.krueger } }))).toMatchObject({
      code: 'validation',
      field: 'format',
      message: 'format a customer statement is a PDF only',
    });
    expect(expectError(await fx.api.raw('report.exportStart', { kind: 'statement', format: 'pdf', filter: {} }))).toMatchObject({ field: 'filter.customerId' });
    expect(
      expectError(await fx.api.raw('report.exportStart', { kind: 'statement', format: 'pdf', filter: { customerId: '01900000-0000-7000-8000-000000000000' } })),
    ).toMatchObject({ code: 'not_found', field: 'filter.customerId' });
  });
});
