/**
 * Page helpers shared by the UI specs: where the worklist is and how to wait for it.
 * Specs list `server` before `page` so the page (and any socket Chromium opened speculatively)
 * is torn down first; otherwise closing the server waits for those sockets to time out.
 */
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

export const grid = (page: Page): Locator => page.getByRole('grid', { name: /Worklist/ });
export const dataRows = (page: Page): Locator => grid(page).locator('[role="row"][data-customer-id]');
export const countText = (page: Page): Locator => page.getByTestId('worklist-count');

/** The number in "1,234 customers". */
export async function customerCount(page: Page): Promise<number> {
  const text = (await countText(page).textContent()) ?? '';
  const match = /([\d,]+) customers?/.exec(text);
  if (!match?.[1]) throw new Error(`no customer count in "${text}"`);
  return Number(match[1].replaceAll(',', ''));
}

/** Opens the app and waits until the first worklist rows are on screen. */
export async function openWorklist(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(dataRows(page).first()).toBeVisible();
  await expect(countText(page)).toHaveText(/\d customers?/);
}

/** Waits until the count settles on a value different from `before`. */
export async function countChangesFrom(page: Page, before: number): Promise<number> {
  await expect.poll(() => customerCount(page)).not.toBe(before);
  return customerCount(page);
}

export async function rowNames(page: Page, limit: number): Promise<string[]> {
  const rows = dataRows(page);
  const n = Math.min(limit, await rows.count());
  const names: string[] = [];
  for (let i = 0; i < n; i += 1) names.push((await rows.nth(i).locator('a').first().textContent()) ?? '');
  return names;
}

/**
 * Picks an option of a select (MUI's combobox and its listbox), then checks the select shows it.
 * A click that lands while the listbox is still opening can be lost; the pick is then made again,
 * never assumed.
 */
export async function chooseOption(page: Page, combobox: Locator, option: string | RegExp, shows: string | RegExp = option): Promise<void> {
  await expect(async () => {
    const listbox = page.getByRole('listbox');
    if ((await listbox.count()) === 0) await combobox.click();
    await listbox.getByRole('option', { name: option }).click({ timeout: 2_000 });
    await expect(listbox).toHaveCount(0, { timeout: 2_000 });
    await expect(combobox).toHaveText(shows, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
}
