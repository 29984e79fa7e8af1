import { copyFileSync, readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NOTES_COLUMNS } from '../../../db/reports/notes-report';
import { expectError } from '../collector/fixture';
import { createReportFixture, KRUEGER_NAME, LODZ_NAME, MULTILINE_NOTE, QUOTED_NOTE, type ReportFixture } from './fixture';
import { parseCsv, pdfText, renderPage } from './read-back';

let fx: ReportFixture;
beforeEach(async () => {
  fx = await createReportFixture();
});
afterEach(async () => {
  await fx.api.cleanup();
});

async function exportFile(input: unknown, unprintable: readonly string[] = []): Promise<string> {
  const { jobId, fileName } = await fx.api.call('report.exportStart', input);
  const status = await fx.settled(jobId);
  expect(status).toMatchObject({ state: 'done', fileName, percent: 100, error: null });
  expect(status.rows).toBe(status.total);
  expect(status.unprintable).toEqual(unprintable);
  return status.filePath;
}

const count = async (filter: unknown) => (await fx.api.call('report.notesCount', filter)).count;

describe('report.notesCount', () => {
  it('counts contacts, current notes, promises and disputes of every customer', async () => {
    expect(await fx.api.call('report.notesCount', {})).toEqual({ count: 6, customers: 2 });
  });

  it('narrows by type, channel, outcome, date range and scope, in combination', async () => {
    expect(await count({ types: ['contact'] })).toBe(3);
    expect(await count({ types: ['note'] })).toBe(1);
    expect(await count({ types: ['promise', 'dispute'] })).toBe(2);
    expect(await count({ types: ['contact'], channels: ['phone', 'meeting'] })).toBe(2);
    // Channels and outcomes narrow contacts only; the other types stay.
    expect(await count({ outcomes: ['promise_to_pay'] })).toBe(4);
    expect(await count({ types: ['contact'], outcomes: ['promise_to_pay', 'dispute_raised'] })).toBe(2);
    expect(await count({ from: '2026-11-05', to: '2026-11-05' })).toBe(2);
    expect(await count({ from: '2026-11-10' })).toBe(3);
    expect(await count({ to: '2026-11-04' })).toBe(1);
    expect(await count({ scope: { kind: 'collectors', collectorIds: [fx.anna] } })).toBe(4);
    expect(await count({ scope: { kind: 'collectors', collectorIds: [fx.ben] }, types: ['dispute'] })).toBe(1);
    expect(await count({ scope: { kind: 'customers', customerIds: [fx.lodz, fx.quiet] } })).toBe(2);
    expect(await count({ scope: { kind: 'worklist', filters: { currencies: ['PLN'] } } })).toBe(2);
    expect(await count({ scope: { kind: 'worklist', filters: {}, search: 'Quiet' } })).toBe(0);
    expect(await count({ scope: { kind: 'collectors', collectorIds: [fx.anna] }, from: '2026-11-10', to: '2026-11-10', types: ['contact', 'promise'] })).toBe(2);
  });

  it('names the field of a bad filter', async () => {
    expect(expectError(await fx.api.raw('report.notesCount', { from: '2026-11-10', to: '2026-11-01' }))).toMatchObject({ code: 'validation', field: 'to' });
    expect(expectError(await fx.api.raw('report.notesCount', { types: [] }))).toMatchObject({ code: 'validation', field: 'types' });
    expect(expectError(await fx.api.raw('report.notesCount', { outcomes: ['maybe'] }))).toMatchObject({ code: 'validation', field: 'outcomes.0' });
    expect(expectError(await fx.api.raw('report.notesCount', { from: '2026-02-30' }))).toMatchObject({ code: 'validation', field: 'from' });
    const unknown = '01900000-0000-7000-8000-000000000000';
    expect(expectError(await fx.api.raw('report.notesCount', { scope: { kind: 'customers', customerIds: [fx.lodz, unknown] } }))).toMatchObject({
      code: 'not_found',
      field: 'scope.customerIds.1',
    });
    expect(expectError(await fx.api.raw('report.exportStart', { kind: 'notes', format: 'csv', filter: { scope: { kind: 'collectors', collectorIds: [unknown] } } }))).toMatchObject({
      code: 'not_found',
      field: 'filter.scope.collectorIds.0',
    });
    expect(expectError(await fx.api.raw('report.exportStart', { kind: 'notes', format: 'docx' }))).toMatchObject({ code: 'validation', field: 'format' });
  });
});

describe('notes export as CSV', () => {
  it('parses back to the data: header, customer then date order, quotes, commas and line breaks intact', async () => {
    const path = await exportFile({ kind: 'notes', format: 'csv' });
    expect(path).toMatch(/exports\/portfolio-notes_start-to-2026-11-23_20261123-090000_[0-9a-f]{6}\.csv$/);
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(false);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual(NOTES_COLUMNS.map((column) => column.header));
    const pick = (row: string[] | undefined) => (row ? [row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8], row[9], row[10], row[11], row[12], row[13], row[14], row[15], row[16]] : []);
    expect(rows.map(pick)).toEqual([
      ['1000001', KRUEGER_NAME, 'Anna Nowak', '2026-11-02 10:00:00', 'Contact', 'Phone', 'Outbound', 'No answer', 'Hans Krüger', MULTILINE_NOTE, '', '', '', '', '', '', 'Anna Nowak'],
      ['1000001', KRUEGER_NAME, 'Anna Nowak', '2026-11-10 09:30:00', 'Contact', 'Email', 'Inbound', 'Promise to pay', 'Hans Krüger', QUOTED_NOTE, '', '', '', '', '', '', 'Anna Nowak'],
      ['1000001', KRUEGER_NAME, 'Anna Nowak', '2026-11-10 09:35:00', 'Promise to pay', '', '', '', '', 'Pays by transfer', '1234.56', 'EUR', '2026-11-30', 'Open', '', '', 'Anna Nowak'],
      ['1000001', KRUEGER_NAME, 'Anna Nowak', '2026-11-11 08:30:00', 'Note', '', '', '', '', 'Current wording of the note', '', '', '', '', '', '', 'Anna Nowak'],
      ['1000002', LODZ_NAME, 'Ben Ito', '2026-11-05 08:00:00', 'Contact', 'Meeting', 'Outbound', 'Dispute raised', '', 'Visit in Łódź and 東京', '', '', '', '', '', '', 'Ben Ito'],
      ['1000002', LODZ_NAME, 'Ben Ito', '2026-11-05 08:10:00', 'Dispute', '', '', '', '', 'Wrong unit price', '500.00', 'PLN', '', '', 'Pricing', 'In process', 'Ben Ito'],
    ]);
    expect(text).toContain('"Line one\r\nLine two, with a comma"');
    expect(text).toContain('"He said ""tomorrow"", again"');
  });

  it('starts with a UTF-8 byte order mark when asked, and honours the filter', async () => {
    const path = await exportFile({ kind: 'notes', format: 'csv', filter: { types: ['dispute'] }, options: { bom: true } });
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [, ...rows] = parseCsv(bytes.subarray(3).toString('utf8'));
    expect(rows.map((row) => row[4])).toEqual(['Dispute']);
  });
});

describe('notes export as Excel', () => {
  it('has typed cells, currency formats, a frozen header row and an autofilter on one sheet', async () => {
    const path = await exportFile({ kind: 'notes', format: 'xlsx' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Notes']);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBe('A1:Q1');
    expect(sheet.getRow(1).values).toEqual([undefined, ...NOTES_COLUMNS.map((column) => column.header)]);
    expect(sheet.getRow(1).font).toMatchObject({ bold: true });
    expect(sheet.rowCount).toBe(7);
    expect(sheet.getColumn(10).width).toBe(60);

    const when = sheet.getCell('D2');
    expect(when.value).toEqual(new Date('2026-11-02T10:00:00.000Z'));
    expect(when.numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(sheet.getCell('J2').value).toBe(MULTILINE_NOTE.replace('\r\n', '\n'));

    const promise = sheet.getRow(4);
    expect(promise.getCell(11).value).toBe(1234.56);
    expect(promise.getCell(11).numFmt).toBe('#,##0.00 "EUR"');
    expect(promise.getCell(13).value).toEqual(new Date('2026-11-30T00:00:00.000Z'));
    expect(promise.getCell(13).numFmt).toBe('yyyy-mm-dd');

    const dispute = sheet.getRow(7);
    expect(dispute.getCell(11).value).toBe(500);
    expect(dispute.getCell(11).numFmt).toBe('#,##0.00 "PLN"');
    expect(dispute.getCell(2).value).toBe(LODZ_NAME);
  });

  it('puts each customer with entries on its own validly named sheet', async () => {
    const path = await exportFile({ kind: 'notes', format: 'xlsx', options: { sheetPerCustomer: true } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    // "/" is not allowed in a sheet name, 31 characters at most; the customer without entries gets none.
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['1000001 Krüger Sohn, "Quote" Gm', '1000002 Łódź Trading 東京']);
    expect(workbook.worksheets.map((sheet) => sheet.rowCount)).toEqual([5, 3]);
    for (const sheet of workbook.worksheets) {
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.autoFilter).toBe('A1:Q1');
    }
  });

  it('still makes a workbook with a sheet when nothing matches', async () => {
    const path = await exportFile({ kind: 'notes', format: 'xlsx', filter: { from: '2030-01-01' }, options: { sheetPerCustomer: true } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    expect(workbook.worksheets.map((sheet) => [sheet.name, sheet.rowCount])).toEqual([['Notes', 1]]);
  });
});

describe('notes export as PDF', () => {
  it('reads as a report: title, filters, per customer balances and aging, then the entries; page numbers and print date', async () => {
    const path = await exportFile({ kind: 'notes', format: 'pdf', filter: { from: '2026-11-01', to: '2026-11-30' } });
    const text = pdfText(path);
    expect(text).toContain('Portfolio notes');
    expect(text).toContain('all customers · 2026-11-01 to 2026-11-30 · all types');
    expect(text).toContain('Printed 2026-11-23 09:00 UTC');
    expect(text).toContain('Page 1');
    expect(text).toContain('1000001 Krüger/Sohn, "Quote" GmbH');
    // Polish prints as written; the Japanese the font has no letters for is named by the export (below).
    expect(text).toContain('1000002 Łódź Trading');
    expect(text).toContain('Visit in Łódź and');
    expect(text).not.toContain('?');
    expect(text).toContain('Collector: Anna Nowak');
    expect(text).toMatch(/EUR: open EUR 250\.00 · overdue EUR 150\.00/);
    expect(text).toMatch(/1–30: -50\.00\s+31–60: 200\.00/);
    expect(text).toContain('He said "tomorrow", again');
    expect(text).toContain('EUR 1,234.56');
    expect(text).toContain('Wrong unit price');
    expect(text).toContain('PLN 500.00');
    expect(text).not.toContain('Old wording');
    renderPage(path, 1, `${fx.api.dir}/notes-page`);
    if (process.env.LEDGERLINE_KEEP_PNG) copyFileSync(`${fx.api.dir}/notes-page-1.png`, process.env.LEDGERLINE_KEEP_PNG);
    expect(readFileSync(`${fx.api.dir}/notes-page-1.png`).subarray(1, 4).toString()).toBe('PNG');
  });

  it('numbers every page and repeats the filters on each', async () => {
    const { sqlite } = fx.api.store;
    for (let k = 0; k < 120; k++) {
      sqlite
        .prepare("INSERT INTO activities (id, customer_id, channel, direction, outcome, note, occurred_at, created_at) VALUES (?, ?, 'phone', 'outbound', 'no_answer', ?, ?, ?)")
        .run(`0190${String(k).padStart(4, '0')}-0000-7000-8000-000000000000`, fx.quiet, `Call number ${k}`, '2026-11-20T10:00:00.000Z', '2026-11-20T10:00:00.000Z');
    }
    const path = await exportFile({ kind: 'notes', format: 'pdf', filter: { types: ['contact'] } });
    const pages = pdfText(path).split('\f').filter((page) => page.trim() !== '');
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((page, index) => {
      expect(page).toContain(`Page ${index + 1}`);
      expect(page).toContain('all customers · all dates · types: Contact');
      expect(page).toContain('Printed 2026-11-23 09:00 UTC');
    });
    // A continued page names its customer and repeats the table header.
    expect(pages[2]).toContain('1000003 Quiet Ltd (continued)');
    expect(pages[2]).toContain('Date (UTC)');
  });
});
