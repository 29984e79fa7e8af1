/**
 * Reports end to end on the small demo: a filtered notes export in each format read back from the
 * browser's download, cancel, the aging screen against report.aging, the statement from an account;
 * axe and screenshots (`/tmp/shots/reports-*.png`) in light and dark.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import type { APIRequestContext, Download, Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { formatAmount } from '../../shared/domain/money';
import { seriousViolations } from './axe';
import { E2E_TODAY, expect, test } from './fixtures';
import { parseCsv } from '../integration/reports/read-back';
import { dateField, expectDate, fillDate, openWorklist } from './ui';

const SHOTS = '/tmp/shots';
const COLLECTOR = 'Jordan Reyes';

/** Calls an operation over HTTP, as the renderer does; throws on an error Result. */
async function call<T>(request: APIRequestContext, url: string, operation: string, input: object): Promise<T> {
  const response = await request.post(`${url}api/${operation}`, { data: input });
  const body = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!body.ok || body.value === undefined) throw new Error(`${operation}: ${body.error?.message ?? 'no value'}`);
  return body.value;
}

async function openReports(page: Page, url: string): Promise<void> {
  await openWorklist(page, url);
  await page.keyboard.press('g');
  await page.keyboard.press('r');
  await expect(page.getByRole('heading', { name: 'Reports', level: 1 })).toBeVisible();
}

/** Collector Jordan Reyes, phone contacts only, November (the form's default month). */
async function chooseFilter(page: Page): Promise<void> {
  await page.getByRole('radio', { name: 'Collectors' }).check();
  await page.getByRole('combobox', { name: 'Collectors' }).click();
  await page.getByRole('option', { name: new RegExp(COLLECTOR) }).click();
  await page.keyboard.press('Escape');
  for (const type of ['Note', 'Promise to pay', 'Dispute']) await page.getByRole('checkbox', { name: type, exact: true }).uncheck();
  await page.getByRole('button', { name: 'Phone' }).click();
}

/** Exports and downloads the file once the panel shows this export's file (the last one's, of another format, may still be shown). */
async function exportAndDownload(page: Page, extension: 'csv' | 'xlsx' | 'pdf'): Promise<Download> {
  await page.getByTestId('notes-export').click();
  const done = page.getByTestId('export-done');
  await expect(done.getByTestId('export-file-name')).toHaveText(new RegExp(`\\.${extension}$`));
  const downloading = page.waitForEvent('download');
  await done.getByRole('link', { name: 'Download' }).click();
  return downloading;
}

test('a team lead exports a filtered notes report as CSV, Excel and PDF; each file holds just what the filter chose', async ({ server, page, request }) => {
  const users = await call<{ id: string; displayName: string }[]>(request, server.url, 'users.list', {});
  const jordan = users.find((user) => user.displayName === COLLECTOR);
  if (!jordan) throw new Error(`no ${COLLECTOR} in the demo`);
  const filter = { scope: { kind: 'collectors', collectorIds: [jordan.id] }, from: '2026-11-01', to: '2026-11-30', types: ['contact'], channels: ['phone'] };
  const expected = await call<{ count: number; customers: number }>(request, server.url, 'report.notesCount', filter);
  const everything = await call<{ count: number }>(request, server.url, 'report.notesCount', {});
  expect(expected.count).toBeGreaterThan(0);
  expect(expected.count).toBeLessThan(everything.count);

  await openReports(page, server.url);
  await expectDate(dateField(page, 'From'), '2026-11-01');
  await expectDate(dateField(page, 'To'), '2026-11-30');
  await chooseFilter(page);
  const preview = page.getByTestId('notes-preview');
  await expect(preview).toHaveText(`${expected.count.toLocaleString('en-US')} ${expected.count === 1 ? 'entry' : 'entries'} for ${expected.customers} customer${expected.customers === 1 ? '' : 's'}`);

  // CSV with the byte order mark.
  await page.getByRole('radio', { name: 'CSV' }).check();
  await expect(page.getByRole('checkbox', { name: 'Excel-friendly (BOM)' })).toBeChecked();
  const csvDownload = await exportAndDownload(page, 'csv');
  expect(csvDownload.suggestedFilename()).toMatch(/^portfolio-notes_.*\.csv$/);
  const csvText = readFileSync(await csvDownload.path(), 'utf8');
  expect(csvText.startsWith('\uFEFF')).toBe(true);
  const [header, ...rows] = parseCsv(csvText.slice(1));
  const column = (name: string) => header?.indexOf(name) ?? -1;
  expect(rows).toHaveLength(expected.count);
  expect(new Set(rows.map((row) => row[column('Collector')]))).toEqual(new Set([COLLECTOR]));
  expect(new Set(rows.map((row) => row[column('Type')]))).toEqual(new Set(['Contact']));
  expect(new Set(rows.map((row) => row[column('Channel')]))).toEqual(new Set(['Phone']));
  for (const row of rows) expect(row[column('Date and time (UTC)')]?.slice(0, 7)).toBe('2026-11');
  await page.screenshot({ path: `${SHOTS}/reports-notes-done-light.png`, fullPage: true });

  // Excel, one sheet per customer.
  await page.getByRole('radio', { name: 'Excel (.xlsx)' }).check();
  await page.getByRole('checkbox', { name: 'One sheet per customer' }).check();
  const xlsxDownload = await exportAndDownload(page, 'xlsx');
  expect(xlsxDownload.suggestedFilename()).toMatch(/\.xlsx$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await xlsxDownload.path());
  expect(book.worksheets).toHaveLength(expected.customers);
  let xlsxRows = 0;
  for (const sheet of book.worksheets) {
    const headers = (sheet.getRow(1).values as unknown[]).map(String);
    sheet.eachRow((row, index) => {
      if (index === 1) return;
      xlsxRows += 1;
      expect(row.getCell(headers.indexOf('Type')).text).toBe('Contact');
      expect(row.getCell(headers.indexOf('Channel')).text).toBe('Phone');
      expect(row.getCell(headers.indexOf('Collector')).text).toBe(COLLECTOR);
    });
  }
  expect(xlsxRows).toBe(expected.count);

  // PDF: the filter in words on the page, and only phone contacts.
  await page.getByRole('radio', { name: 'PDF' }).check();
  const pdfDownload = await exportAndDownload(page, 'pdf');
  expect(pdfDownload.suggestedFilename()).toMatch(/\.pdf$/);
  const text = execFileSync('pdftotext', ['-layout', await pdfDownload.path(), '-'], { encoding: 'utf8' });
  expect(text).toContain(`collectors ${COLLECTOR}`);
  expect(text).toContain('2026-11-01 to 2026-11-30');
  expect(text).toContain('types: Contact');
  expect(text).toContain('channels: Phone');
  const entries = [...text.matchAll(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}\s+(\S+)\s+(\w+),/gm)];
  expect(entries).toHaveLength(expected.count);
  expect(new Set(entries.map((entry) => `${entry[1] ?? ''} ${entry[2] ?? ''}`))).toEqual(new Set(['Contact Phone']));
});

test('a long export offers Cancel while it runs and says what became of it', async ({ server, page }) => {
  await openReports(page, server.url);
  await fillDate(dateField(page, 'From'), '');
  await fillDate(dateField(page, 'To'), '');
  await page.getByRole('radio', { name: 'PDF' }).check();
  await expect(page.getByTestId('notes-preview')).toHaveText(/entries for \d+ customers/);
  await page.getByTestId('notes-export').click();
  const progress = page.getByTestId('export-progress');
  const done = page.getByTestId('export-done');
  await expect(progress.or(done)).toBeVisible();
  // The small demo exports in moments: every step below also accepts the job having finished meanwhile.
  const cancel = page.getByRole('button', { name: 'Cancel' });
  if (await progress.isVisible()) {
    await expect(progress.or(done)).toHaveText(/Exporting… [\d,]+ of [\d,]+ rows · \d+ %|Ready/);
    await expect(cancel.or(done)).toBeVisible();
    if (await cancel.isVisible()) await cancel.click({ timeout: 2_000 }).catch(() => undefined);
    // The job may still finish between the click and the cancel arriving; either end is said in words.
    const cancelled = page.getByTestId('export-cancelled');
    await expect(cancelled.or(done)).toBeVisible();
    if (await cancelled.isVisible()) await expect(cancelled).toHaveText(/Export cancelled after [\d,]+ of [\d,]+ rows\. No file was kept\./);
  } else {
    test.info().annotations.push({ type: 'note', description: 'the small demo exported before the first status poll: Cancel could not be shown' });
  }
  await expect(page.getByTestId('notes-export')).toBeEnabled();
});

test('the export form shows its errors on the fields they belong to', async ({ server, page }) => {
  await openReports(page, server.url);
  await fillDate(dateField(page, 'From'), '2026-11-20');
  await fillDate(dateField(page, 'To'), '2026-11-10');
  await expect(page.getByText('The end date is before the start date')).toBeVisible();
  await fillDate(dateField(page, 'To'), '2026-11-30');
  await page.getByRole('radio', { name: 'Customers' }).check();
  await page.getByTestId('notes-export').click();
  await expect(page.getByText('Choose at least one customer')).toBeVisible();
  await page.getByRole('combobox', { name: 'Customers' }).fill('Golomski');
  await page.getByRole('option', { name: /Golomski Gruppe/ }).click();
  await expect(page.getByText('Choose at least one customer')).toBeHidden();
  await expect(page.getByTestId('notes-preview')).toHaveText(/^[\d,]+ entr(y|ies) for [01] customers?$/);
});

test('the aging screen shows the totals report.aging computes, and exports them', async ({ server, page, request }) => {
  const report = await call<{ rows: unknown[]; collectorTotals: unknown[]; totals: { currency: string; buckets: { amountMinor: number }[]; unappliedMinor: number; totalMinor: number; overdueMinor: number }[] }>(
    request,
    server.url,
    'report.aging',
    { asOf: E2E_TODAY },
  );
  await openReports(page, server.url);
  await page.getByRole('tab', { name: 'Aging' }).click();
  await expect(page.getByTestId('aging-summary')).toContainText('As of Nov 23, 2026');
  await expect(page.getByTestId('aging-row')).toHaveCount(report.rows.length);
  await expect(page.getByTestId('aging-subtotal')).toHaveCount(report.collectorTotals.length);
  const totals = page.getByTestId('aging-total');
  await expect(totals).toHaveCount(report.totals.length);
  for (const total of report.totals) {
    const show = (minor: number) => (minor === 0 ? '' : formatAmount(minor, total.currency));
    const cells = await totals.and(page.locator(`[data-currency="${total.currency}"]`)).locator('td').allTextContents();
    expect(cells).toEqual([
      'Total',
      total.currency,
      ...total.buckets.map((bucket) => show(bucket.amountMinor)),
      show(total.unappliedMinor),
      formatAmount(total.totalMinor, total.currency),
      formatAmount(total.overdueMinor, total.currency),
    ]);
  }

  await page.getByRole('radio', { name: 'CSV' }).check();
  await page.getByTestId('aging-export').click();
  const done = page.getByTestId('export-done');
  await expect(done).toBeVisible();
  const downloading = page.waitForEvent('download');
  await done.getByRole('link', { name: 'Download' }).click();
  const [header, ...rows] = parseCsv(readFileSync(await (await downloading).path(), 'utf8').replace(/^\uFEFF/, ''));
  expect(header?.length).toBeGreaterThan(4);
  const totalRows = rows.filter((row) => row.includes('Total'));
  expect(totalRows.length).toBeGreaterThanOrEqual(report.totals.length);

  // An earlier date is a different report.
  await fillDate(dateField(page, 'As of'), '2026-10-31');
  await expect(page.getByTestId('aging-summary')).toContainText('As of Oct 31, 2026');
});

test('a customer statement from the account, in the customer’s language, as a PDF download', async ({ server, page }) => {
  await openWorklist(page, server.url);
  await page.keyboard.press('Enter');
  const number = (await page.getByTestId('customer-number').textContent()) ?? '';
  const statement = page.getByTestId('statement');
  await statement.getByRole('button', { name: 'Statement (PDF)' }).click();
  const link = statement.getByRole('link', { name: 'Download' });
  await expect(link).toBeVisible();
  const downloading = page.waitForEvent('download');
  await link.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(new RegExp(`^statement_${number}_2026-11-23_.*\\.pdf$`));
  const text = execFileSync('pdftotext', ['-layout', await download.path(), '-'], { encoding: 'utf8' });
  // The top customer is Swiss (its ERP language de-CH): its statement is German, whatever the user's language.
  expect(text).toContain('Kontoauszug');
  expect(text).toContain(number);
  await expect(statement.getByTestId('statement-unprintable')).toHaveCount(0);
});

test('a statement names the characters no font of it can show, and prints Polish and Chinese names as written', async ({ server, page, request }) => {
  await openWorklist(page, server.url);
  const customerId = (await page.locator('[role="row"][data-customer-id]').first().getAttribute('data-customer-id')) ?? '';
  await call(request, server.url, 'contactPerson.save', { customerId, name: 'Sylwia Gaweł 王 ሰ', email: 'sylwia@example.com', isPrimary: true });
  await page.keyboard.press('Enter');
  const statement = page.getByTestId('statement');
  await statement.getByRole('button', { name: 'Statement (PDF)' }).click();
  await expect(statement.getByTestId('statement-unprintable')).toHaveText('Check before sending: the PDF shows ሰ as empty boxes, its font has no letters for them.');
  const downloading = page.waitForEvent('download');
  await statement.getByRole('link', { name: 'Download' }).click();
  const text = execFileSync('pdftotext', ['-layout', await (await downloading).path(), '-'], { encoding: 'utf8' });
  expect(text).toContain('z. Hd. Sylwia Gaweł 王');
});

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`accessibility of the reports screens (${scheme})`, () => {
    test.beforeEach(async ({ page }) => {
      mkdirSync(SHOTS, { recursive: true });
      await page.emulateMedia({ colorScheme: scheme });
    });

    test('the notes export form with a customer chosen', async ({ readOnlyServer, page }) => {
      await openReports(page, readOnlyServer.url);
      await page.getByRole('radio', { name: 'Customers' }).check();
      await page.getByRole('combobox', { name: 'Customers' }).fill('Gruppe');
      await page.getByRole('option').first().click();
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Email' }).click();
      await expect(page.getByTestId('notes-preview')).toHaveText(/entr(y|ies) for 1 customer/);
      await page.screenshot({ path: `${SHOTS}/reports-notes-${scheme}.png`, fullPage: true });
      expect(await seriousViolations(page)).toEqual([]);
    });

    // Its own server: the export writes a file into the data folder.
    test('a finished export', async ({ server, page }) => {
      await openReports(page, server.url);
      await page.getByRole('radio', { name: 'Current worklist filter' }).check();
      await expect(page.getByTestId('worklist-scope')).toContainText('no filter');
      await page.getByTestId('notes-export').click();
      await expect(page.getByTestId('export-done')).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });

    test('the aging report', async ({ readOnlyServer, page }) => {
      await openReports(page, readOnlyServer.url);
      await page.getByRole('tab', { name: 'Aging' }).click();
      await expect(page.getByTestId('aging-total').first()).toBeVisible();
      await page.screenshot({ path: `${SHOTS}/reports-aging-${scheme}.png` });
      expect(await seriousViolations(page)).toEqual([]);
    });
  });

  test(`the statement action and the shortcuts overlay have no serious accessibility violations (${scheme})`, async ({ server, page }) => {
    mkdirSync(SHOTS, { recursive: true });
    await page.emulateMedia({ colorScheme: scheme });
    await openWorklist(page, server.url);
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText('Reports: export portfolio notes, the aging report');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Statement (PDF)' }).click();
    await expect(page.getByTestId('statement').getByRole('link', { name: 'Download' })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/reports-statement-${scheme}.png` });
    expect(await seriousViolations(page)).toEqual([]);
  });
}
