/**
 * Collector work end to end: the quick-log panel, promises, disputes, broken promises on the
 * worklist, drafts across a restart, form validation and accessibility of the forms.
 */
import type { Locator, Page } from '@playwright/test';
import { E2E_TODAY, expect, test } from './fixtures';
import { dataRows, openWorklist } from './ui';

const itemRows = (page: Page): Locator => page.locator('tr[data-item-id]');
const drawer = (page: Page): Locator => page.getByRole('dialog', { name: /Log contact|Promise to pay|Raise a dispute/ });

/** Opens the top customer of the worklist with Enter and waits for its open items. */
async function openTopAccount(page: Page, url: string): Promise<string> {
  await openWorklist(page, url);
  const name = (await dataRows(page).first().locator('a').first().textContent()) ?? '';
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Open items' })).toBeVisible();
  return name;
}

/**
 * Indexes (in shown order) of invoices with something open, not disputed and not promised, all in
 * the currency of the first such invoice.
 */
async function freeInvoiceRows(page: Page): Promise<number[]> {
  const rows = itemRows(page);
  const free: number[] = [];
  let currency: string | undefined;
  const n = await rows.count();
  for (let i = 0; i < n; i += 1) {
    const text = (await rows.nth(i).textContent()) ?? '';
    const disputed = (await rows.nth(i).locator('td').last().textContent()) ?? '';
    const open = (await rows.nth(i).locator('td').nth(6).textContent()) ?? '';
    const symbol = /^[^\d]*/.exec(open)?.[0] ?? '';
    if (!text.includes('Invoice') || text.includes('promised') || disputed.trim() !== '—') continue;
    currency ??= symbol;
    if (symbol === currency) free.push(i);
  }
  return free;
}

/** Moves the keyboard onto the first open item row with Tab, as a person would. */
async function tabToFirstItem(page: Page): Promise<void> {
  for (let i = 0; i < 60; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.hasAttribute('data-item-id') ?? false)) return;
  }
  throw new Error('Tab never reached an open item');
}

/** Selects the item rows at the given indexes with the arrow keys and Space. */
async function selectRowsByKeyboard(page: Page, indexes: readonly number[]): Promise<void> {
  await tabToFirstItem(page);
  let at = 0;
  for (const index of indexes) {
    for (; at < index; at += 1) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
  }
}

test('logs a call with a promise purely from the keyboard', async ({ server, page }) => {
  await openTopAccount(page, server.url);
  const free = (await freeInvoiceRows(page)).slice(0, 2);
  expect(free.length).toBeGreaterThan(0);
  await selectRowsByKeyboard(page, free);
  await expect(page.getByTestId('items-selection')).toContainText(`${free.length} selected`);

  await page.keyboard.press('l');
  await expect(drawer(page)).toBeVisible();
  await expect(page.getByRole('radio', { name: /Promise to pay/ })).toBeVisible();
  await page.keyboard.press('p');
  await expect(page.getByRole('radio', { name: /Promise to pay/ })).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByLabel('Promised date')).toBeFocused();
  await page.keyboard.type('12042026');
  await expect(page.getByLabel('Promised date')).toHaveValue('2026-12-04');
  await page.keyboard.press('Control+Enter');

  await expect(drawer(page)).toBeHidden();
  await expect(page.getByTestId('saved-message')).toHaveText('Contact and promise logged');
  const promise = page.getByTestId('promise-row').filter({ hasText: 'Promise to pay by 2026-12-04' });
  await expect(promise).toHaveCount(1);
  await expect(promise).toContainText('Open');
  const timeline = page.getByRole('list', { name: 'Timeline entries, newest first' });
  await expect(timeline.locator('li').filter({ hasText: 'Promise to pay by 2026-12-04' })).toHaveCount(1);
  await expect(timeline.locator('li[data-type="activity"]').first()).toContainText('Promise to pay');
  await page.screenshot({ path: '/tmp/shots/collector-account-after-promise.png' });
  expect(E2E_TODAY).toBe('2026-11-23');
});
