/**
 * Rows a bug or an older client left damaged in the local store (a date that is no real day, a
 * timestamp that is no instant, a currency that is no ISO code) are shown as stored and marked,
 * every screen still opens, and the damaged promise can be cancelled from the account (issue 24).
 */
import { join } from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import Database from 'better-sqlite3';
import { expect, test } from './fixtures';
import { dataRows, openWorklist } from './ui';

async function call<T>(request: APIRequestContext, url: string, operation: string, input: object): Promise<T> {
  const response = await request.post(`${url}api/${operation}`, { data: input });
  const body = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!body.ok || body.value === undefined) throw new Error(`${operation}: ${body.error?.message ?? 'no value'}`);
  return body.value;
}

test('damaged rows are shown marked, every screen opens, and the damaged promise can be cancelled', async ({ server, page, request }) => {
  await openWorklist(page, server.url);
  const first = dataRows(page).first();
  const customerId = (await first.getAttribute('data-customer-id')) ?? '';
  const name = (await first.locator('a').first().textContent()) ?? '';
  const promise = await call<{ id: string }>(request, server.url, 'promise.create', { customerId, amountMinor: 10_000, promisedDate: '2026-11-30' });
  const followUp = await call<{ id: string }>(request, server.url, 'followUp.create', { customerId, dueDate: '2026-11-30', title: 'Damaged follow-up' });

  // As a bug would write them: the store checks only the shape of a date and of a currency.
  const sqlite = new Database(join(server.dataDir, 'ledgerline.db'));
  let damagedDocument = '';
  try {
    sqlite.transaction(() => {
      sqlite.prepare("UPDATE promises SET promised_date = '2026-12-32', created_at = 'yesterday' WHERE id = ?").run(promise.id);
      sqlite.prepare("UPDATE follow_ups SET due_date = '0000-00-00' WHERE id = ?").run(followUp.id);
      const item = sqlite.prepare('SELECT id, document_number FROM open_items WHERE customer_id = ? AND open_minor > 0 ORDER BY id LIMIT 1').get(customerId) as { id: string; document_number: string };
      damagedDocument = item.document_number;
      sqlite.prepare("UPDATE open_items SET due_date = '2026-02-31', currency = '???' WHERE id = ?").run(item.id);
      sqlite.prepare("UPDATE activities SET occurred_at = 'last week' WHERE customer_id = ?").run(customerId);
    })();
  } finally {
    sqlite.close();
  }

  await page.reload();
  await expect(dataRows(page).first()).toBeVisible();
  await first.locator('a').first().click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByText(/^Could not load/)).toHaveCount(0);
  const items = page.getByRole('table', { name: 'Open items' });
  // Only the rows in sight are rendered: the damaged one is found with the table's own filter.
  await page.getByLabel('Document or reference').fill(damagedDocument);
  await expect(items.locator('tr[data-item-id]').filter({ hasText: '⚠ 2026-02-31' })).toHaveCount(1);
  await expect(page.getByRole('region', { name: 'Timeline' }).getByText('⚠ last week').first()).toBeVisible();
  await expect(page.getByTestId('follow-ups').getByText('⚠ 0000-00-00')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('damaged-account.png'), fullPage: true });

  const damaged = page.getByTestId('promise-row').filter({ hasText: '2026-12-32' });
  await damaged.getByRole('button', { name: 'Cancel' }).click();
  const dialog = page.getByRole('dialog', { name: 'Cancel the promise' });
  await dialog.getByLabel('Reason').fill('Entered with a broken date');
  await dialog.getByRole('button', { name: 'Cancel promise' }).click();
  await expect(dialog).toBeHidden();
  await expect(damaged).toHaveCount(0);

  for (const [key, heading] of [['f', 'My follow-ups'], ['d', 'Dashboard'], ['r', 'Reports']] as const) {
    await page.getByRole('link', { name: 'Ledgerline', exact: true }).click();
    await expect(dataRows(page).first()).toBeVisible();
    await page.keyboard.press('g');
    await page.keyboard.press(key);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(page.getByText(/^Could not load/)).toHaveCount(0);
  }
});
