/**
 * The user's calendar day (issue 32, point 3): at 23:30 UTC on 23 November it is already the 24th
 * in Sydney. Choosing that zone in the settings moves "today" at once: the aging report dates
 * itself the 24th, and instants read on Sydney's wall clock. The choice survives a reload.
 */
import { expect, test } from './fixtures';
import { openWorklist } from './ui';

test('choosing a time zone moves the day the app works on, at once and for good', async ({ server, page }) => {
  server.clock.set('2026-11-23T23:30:00.000Z');
  await openWorklist(page, server.url);
  await expect(page.getByTestId('session-info')).toContainText('today Nov 23, 2026');
  const openAging = async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('g');
    await page.keyboard.press('r');
    await page.getByRole('tab', { name: 'Aging' }).click();
  };

  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('menuitem', { name: /Time zone/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Time zone' });
  const zone = dialog.getByRole('combobox', { name: 'Time zone' });
  await zone.fill('Sydney');
  await page.getByRole('option', { name: 'Australia/Sydney' }).click();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  await expect(page.getByTestId('session-info')).toContainText('today Nov 24, 2026');
  await openAging();
  await expect(page.getByTestId('aging-summary')).toContainText('As of Nov 24, 2026');

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Reports', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('menuitem', { name: /Time zone/ })).toContainText('Australia/Sydney');
  await page.keyboard.press('Escape');

  // Back to UTC: the 23rd again.
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('menuitem', { name: /Time zone/ }).click();
  await dialog.getByRole('combobox', { name: 'Time zone' }).fill('UTC');
  await page.getByRole('option', { name: 'UTC', exact: true }).click();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('session-info')).toContainText('today Nov 23, 2026');
  await openAging();
  await expect(page.getByTestId('aging-summary')).toContainText('As of Nov 23, 2026');
});
