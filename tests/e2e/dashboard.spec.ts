/** The KPI dashboard: reached with `g d`, scope and month switched, a formula opened, the forecast exported; axe clean. */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { seriousViolations } from './axe';
import { expect, test } from './fixtures';
import { openWorklist } from './ui';

async function openDashboard(page: Page, url: string): Promise<void> {
  await openWorklist(page, url);
  await page.keyboard.press('g');
  await page.keyboard.press('d');
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  await expect(page.getByTestId('kpi-cards')).toBeVisible();
}

async function choose(page: Page, picker: string, option: string | RegExp): Promise<void> {
  await page.getByRole('combobox', { name: picker }).click();
  await page.getByRole('option', { name: option }).click();
}

test('a team lead switches scope and month and reads how DSO was reached', async ({ server, page }) => {
  await openDashboard(page, server.url);
  await expect(page.getByTestId('dashboard-period')).toHaveText(
    "Whole team · Nov 01, 2026 – Nov 23, 2026 (month to date, 23 of 30 days) · all currencies in EUR at the settings' rates",
  );
  await expect(page.getByText('month to date: 23 of 30 days, so the figures are partial')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Key figures, November 2026' })).toBeVisible();

  await choose(page, 'Scope', /Jordan Reyes \(me\)/);
  await expect(page.getByTestId('dashboard-period')).toHaveText(/^Jordan Reyes \(me\) · /);
  await choose(page, 'Month', 'October 2026');
  await expect(page.getByRole('heading', { name: 'Key figures, October 2026' })).toBeVisible();
  await expect(page.getByTestId('dashboard-period')).toHaveText(/Oct 01, 2026 – Oct 31, 2026/);

  const dsoCard = page.getByTestId('kpi-card-dso');
  const shown = (await dsoCard.getByTestId('kpi-value').textContent()) ?? '';
  await dsoCard.getByRole('button', { name: 'Formula and inputs of DSO' }).click();
  const dialog = page.getByRole('dialog', { name: 'DSO' });
  await expect(dialog.getByTestId('formula-text')).toHaveText('ending AR ÷ credit sales × days in period');
  await expect(dialog.getByTestId('formula-value')).toContainText(shown);
  await expect(dialog.getByRole('row', { name: /Days in period 31/ })).toBeVisible();
  await expect(dialog.getByRole('row', { name: /Ending AR €/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  // The keyboard came back to the button that opened the dialog.
  await expect(dsoCard.getByRole('button', { name: 'Formula and inputs of DSO' })).toBeFocused();

  // The team lead holds no customers of her own: the figures say so instead of showing zeros.
  await choose(page, 'Scope', 'Sabine Krüger');
  await expect(page.getByRole('status').filter({ hasText: 'No receivables in this scope' })).toBeVisible();
  await expect(page.getByText('Nothing open in this scope.')).toBeVisible();
});

test('the figures count every currency converted at the stated rates, and one currency can be read alone', async ({ server, page }) => {
  await openDashboard(page, server.url);
  const table = page.getByTestId('currency-table');
  await expect(table.getByRole('columnheader', { name: 'Rate (EUR per unit)' })).toBeVisible();
  // Every currency of the demo book has a row; GBP converts at the settings' 1.17.
  const gbp = table.getByRole('row', { name: /^GBP / });
  await expect(gbp.getByRole('cell').nth(4)).toHaveText('1.17');
  await expect(table.getByRole('row', { name: /^EUR / }).getByRole('cell').nth(4)).toHaveText('1');
  await expect(table.getByRole('row', { name: /^USD / })).toBeVisible();
  // The total of the converted column is the ending AR the DSO card divides.
  const total = (await page.getByTestId('currency-table-total').textContent()) ?? '';
  await page.getByTestId('kpi-card-dso').getByRole('button', { name: 'Formula and inputs of DSO' }).click();
  await expect(page.getByRole('dialog', { name: 'DSO' }).getByRole('row', { name: `Ending AR ${total}` })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('figure', { name: 'Expected collections per week, all currencies in EUR' })).toBeVisible();

  await choose(page, 'Currency', 'GBP only');
  await expect(page.getByTestId('dashboard-period')).toHaveText(/ · GBP alone$/);
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('columnheader', { name: /Rate/ })).toHaveCount(0);
  await expect(page.getByRole('figure', { name: 'Expected collections per week, GBP' })).toBeVisible();
  const dsoCard = page.getByTestId('kpi-card-dso');
  await dsoCard.getByRole('button', { name: 'Formula and inputs of DSO' }).click();
  await expect(page.getByRole('dialog', { name: 'DSO' }).getByRole('row', { name: /Ending AR £/ })).toBeVisible();
  await page.keyboard.press('Escape');

  await choose(page, 'Currency', 'All currencies');
  await expect(page.getByTestId('dashboard-period')).toHaveText(/all currencies in EUR/);
});

test('the 13-week forecast is drawn and exported as CSV', async ({ server, page }) => {
  await openDashboard(page, server.url);
  await expect(page.getByRole('figure', { name: 'Expected collections per week, all currencies in EUR' })).toBeVisible();
  await expect(page.getByTestId('forecast-summary')).toContainText('expected in 13 weeks from Nov 23');
  await expect(page.getByTestId('forecast-summary')).toContainText('from invoices not yet written');
  const downloading = page.waitForEvent('download');
  await page.getByTestId('forecast-export').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('collection-forecast-2026-11-23.csv');
  const lines = readFileSync(await download.path(), 'utf8').trimEnd().split('\r\n');
  expect(lines[0]).toBe('Week,From,To,Currency,From promises,From open items,From expected billing,Total');
  expect(lines[1]).toMatch(/^1,2026-11-23,2026-11-29,[A-Z]{3},-?\d+\.\d{2},-?\d+\.\d{2},\d+\.\d{2},-?\d+\.\d{2}$/);
  expect(lines.some((line) => /^billed in the last 26 weeks,,,[A-Z]{3},,,\d+\.\d{2},$/.test(line))).toBe(true);
  expect(lines.filter((line) => line.startsWith('13,2027-02-15,2027-02-21,')).length).toBeGreaterThan(0);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`the dashboard and its formula dialog have no serious accessibility violations (${scheme})`, async ({ server, page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await openDashboard(page, server.url);
    await expect(page.getByRole('figure', { name: 'Expected collections per week, all currencies in EUR' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Formula and inputs of CEI' }).click();
    await expect(page.getByRole('dialog', { name: 'CEI' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
}
