import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { dataRows, openWorklist } from './ui';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({ id: violation.id, help: violation.help, targets: violation.nodes.slice(0, 3).map((node) => node.target.join(' ')) }));
}

for (const scheme of ['light', 'dark'] as const) {
  test(`the worklist has no serious accessibility violations (${scheme})`, async ({ server, page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await openWorklist(page, server.url);
    expect(await seriousViolations(page)).toEqual([]);
  });

  test(`the account has no serious accessibility violations (${scheme})`, async ({ server, page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await openWorklist(page, server.url);
    await dataRows(page).first().locator('a').first().click();
    await expect(page.getByRole('heading', { name: 'Open items' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test('the help overlay has no serious accessibility violations', async ({ server, page }) => {
  await openWorklist(page, server.url);
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
