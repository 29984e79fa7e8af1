import { seriousViolations } from './axe';
import { expect, test } from './fixtures';
import { dataRows, openWorklist } from './ui';

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

  test(`the notifications have no serious accessibility violations (${scheme})`, async ({ server, page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await openWorklist(page, server.url);
    await page.getByTestId('notifications-button').click();
    const dialog = page.getByRole('dialog', { name: 'Notifications' });
    await expect(dialog.getByTestId('notification').first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    // Opening one goes to its customer and marks it read.
    const first = dialog.getByTestId('notification').first();
    const customer = (await first.locator('p').nth(1).textContent()) ?? '';
    await first.click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('heading', { level: 1, name: customer })).toBeVisible();
    // The account opened has the keyboard (the closing menu did not hand it back to the bell)...
    await expect(page.locator('section[aria-labelledby="account-title"]')).toBeFocused();
    // ...while a menu closed with Escape does give it back.
    await page.getByTestId('notifications-button').click();
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('notifications-button')).toBeFocused();
  });
}

test('the help overlay has no serious accessibility violations', async ({ server, page }) => {
  await openWorklist(page, server.url);
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
