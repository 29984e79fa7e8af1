/**
 * Attachments on the account: a remittance PDF on a note (its pages drawn in the preview, the same
 * bytes downloaded), a photo on a dispute, a customer's email on a logged contact (shown as text),
 * and the files the app refuses, each with the reason beside the button.
 */
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import PDFDocument from 'pdfkit';
import { expect, test } from './fixtures';
import { dataRows, openWorklist } from './ui';

/** A one-page PDF as a remittance advice looks: made by pdfkit, so the preview draws a real document. */
function remittancePdf(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 56 });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    doc.on('error', reject);
    doc.fontSize(20).text('Remittance advice', { underline: true });
    doc.moveDown().fontSize(12).text('Payment run 2026-12-04 · bank transfer');
    doc.moveDown().text('INV-10231    EUR 12,400.00');
    doc.text('INV-10244    EUR  3,150.00');
    doc.end();
  });
}

/** Calls an operation over HTTP, as the renderer does; throws on an error Result. */
async function call<T>(page: Page, url: string, operation: string, input: object): Promise<T> {
  const response = await page.request.post(`${url}api/${operation}`, { data: input });
  const body = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!body.ok || body.value === undefined) throw new Error(`${operation}: ${body.error?.message ?? 'no value'}`);
  return body.value;
}

async function openTopAccount(page: Page, url: string): Promise<void> {
  await openWorklist(page, url);
  await dataRows(page).first().locator('a').first().click();
  await expect(page.getByTestId('notes')).toBeVisible();
}

const noteRow = (page: Page, text: string): Locator => page.getByTestId('notes').getByTestId('note-row').filter({ hasText: text });

test('a remittance PDF on a note: attached, its pages previewed, the same bytes downloaded', async ({ server, page }) => {
  await openTopAccount(page, server.url);
  const notes = page.getByTestId('notes');
  await notes.getByLabel('New note').fill('Remittance advice received by email');
  await notes.getByRole('button', { name: 'Add' }).click();
  const note = noteRow(page, 'Remittance advice received by email');
  const pdf = await remittancePdf();
  await note.getByTestId('attach-input-note').setInputFiles({ name: 'remittance 2026-12-04.pdf', mimeType: 'application/pdf', buffer: pdf });
  const chip = note.getByRole('button', { name: /^remittance 2026-12-04\.pdf, \d+ (KB|bytes): show$/ });
  await expect(chip).toBeVisible();

  await chip.click();
  const dialog = page.getByRole('dialog', { name: /remittance 2026-12-04\.pdf/ });
  await expect(dialog.getByRole('img', { name: 'remittance 2026-12-04.pdf, page 1 of 1' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('pdf-preview.png') });
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download' }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toBe('remittance 2026-12-04.pdf');
  const path = await saved.path();
  expect((await readFile(path)).equals(pdf)).toBe(true);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  // The file stays on the note through an edit: it is kept on the note, not on one version.
  await note.getByRole('button', { name: 'Edit' }).click();
  await page.getByRole('dialog', { name: 'Edit the note' }).getByLabel('Note').fill('Remittance advice received by email, two invoices');
  await page.getByRole('button', { name: 'Save new version' }).click();
  await expect(noteRow(page, 'two invoices').getByRole('button', { name: /^remittance 2026-12-04\.pdf/ })).toBeVisible();
});

test('a photo on a dispute and an email on a logged contact are shown as an image and as text', async ({ server, page }) => {
  await openWorklist(page, server.url);
  const customerId = (await dataRows(page).first().getAttribute('data-customer-id')) ?? '';
  const account = await call<{ openItems: { id: string; kind: string; openMinor: number; disputedMinor: number }[] }>(page, server.url, 'customer.account', { customerId });
  const item = account.openItems.find((candidate) => candidate.kind === 'invoice' && candidate.openMinor > candidate.disputedMinor);
  if (item === undefined) throw new Error('the top account has no invoice free to dispute');
  await call(page, server.url, 'dispute.create', { customerId, reasonCode: 'damaged_or_quality', items: [{ itemId: item.id, disputedMinor: 100 }], description: 'Goods arrived damaged' });
  await dataRows(page).first().locator('a').first().click();
  // A photo of the delivery: a real PNG, taken of the screen itself.
  const photo = await page.screenshot({ clip: { x: 0, y: 0, width: 320, height: 200 } });
  const dispute = page.getByTestId('dispute-row').filter({ hasText: 'Goods arrived damaged' });
  await dispute.getByTestId('attach-input-dispute').setInputFiles({ name: 'damaged pallet.png', mimeType: 'image/png', buffer: photo });
  await dispute.getByRole('button', { name: /^damaged pallet\.png/ }).click();
  const imageDialog = page.getByRole('dialog', { name: /damaged pallet\.png/ });
  await expect(imageDialog.getByRole('img', { name: 'damaged pallet.png' })).toBeVisible();
  await imageDialog.getByRole('button', { name: 'Close' }).click();

  const contact = page.locator('li[data-type="activity"]').first();
  await expect(contact).toBeVisible();
  const email = 'From: ap@customer.example\nSubject: Payment of INV-10231\n\nWe paid on Friday; the remittance follows.\n';
  await contact.locator('input[type="file"]').setInputFiles({ name: 'their reply.eml', mimeType: 'message/rfc822', buffer: Buffer.from(email) });
  await contact.getByRole('button', { name: /^their reply\.eml/ }).click();
  const textDialog = page.getByRole('dialog', { name: /their reply\.eml/ });
  await expect(textDialog.getByTestId('text-preview')).toContainText('We paid on Friday; the remittance follows.');
});

test('files the app does not take are refused with the reason, and nothing is attached', async ({ server, page }) => {
  await openTopAccount(page, server.url);
  const notes = page.getByTestId('notes');
  await notes.getByLabel('New note').fill('Files that must not go in');
  await notes.getByRole('button', { name: 'Add' }).click();
  const note = noteRow(page, 'Files that must not go in');
  const input = note.getByTestId('attach-input-note');

  await input.setInputFiles({ name: 'invoice.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') });
  await expect(note.getByRole('alert')).toContainText('invoice.exe: the name must end in one of .pdf');

  await input.setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(5 * 1024 * 1024 + 1, 0x20) });
  await expect(note.getByRole('alert')).toHaveText('scan.pdf is larger than 5.0 MB, the most an attachment may be');

  // The name says PDF, the bytes are a PNG: the store's rule refuses it, as the server's would.
  const png = await page.screenshot({ clip: { x: 0, y: 0, width: 40, height: 40 } });
  await input.setInputFiles({ name: 'statement.pdf', mimeType: 'application/pdf', buffer: png });
  await expect(note.getByRole('alert')).toHaveText('statement.pdf: the content is not application/pdf, which the file name says it is');
  await expect(note.getByRole('button', { name: /: show$/ })).toHaveCount(0);
});
