import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { dataRows, openWorklist } from './ui';

const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const isDark = (rgb: string) => {
  const [r = 255, g = 255, b = 255] = (rgb.match(/\d+/g) ?? []).map(Number);
  return r + g + b < 200;
};

async function choose(page: Page, item: string) {
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('menuitemradio', { name: item }).click();
}

test('switching to dark theme applies at once and persists across reload', async ({ server, page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openWorklist(page, server.url);
  expect(isDark(await background(page))).toBe(false);

  await choose(page, 'Dark');
  await expect.poll(async () => isDark(await background(page))).toBe(true);

  await page.reload();
  await expect(dataRows(page).first()).toBeVisible();
  await expect.poll(async () => isDark(await background(page))).toBe(true);
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('menuitemradio', { name: 'Dark' })).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('Escape');

  await choose(page, 'Light');
  await expect.poll(async () => isDark(await background(page))).toBe(false);
});

test('the system theme follows the operating system', async ({ server, page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openWorklist(page, server.url);
  await choose(page, 'Same as system');
  await expect.poll(async () => isDark(await background(page))).toBe(true);
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(async () => isDark(await background(page))).toBe(false);
});

test('compact density makes rows shorter and is remembered', async ({ server, page }) => {
  await openWorklist(page, server.url);
  const height = async () => (await dataRows(page).first().boundingBox())?.height ?? 0;
  const comfortable = await height();
  await choose(page, 'Compact');
  await expect.poll(height).toBeLessThan(comfortable);
  await page.reload();
  await expect(dataRows(page).first()).toBeVisible();
  await expect.poll(height).toBeLessThan(comfortable);
});

test('the system setting for less motion opens and closes menus at once; without it they move', async ({ readOnlyServer, page }) => {
  const menuTransition = async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    const menu = page.getByRole('menu');
    await expect(menu).toBeVisible();
    const seconds = await menu.evaluate((element) => {
      const paper = element.closest('.MuiPaper-root') ?? element;
      return Math.max(...getComputedStyle(paper).transitionDuration.split(',').map((part) => Number.parseFloat(part)));
    });
    await page.keyboard.press('Escape');
    await expect(menu).toBeHidden();
    return seconds;
  };
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await openWorklist(page, readOnlyServer.url);
  expect(await menuTransition()).toBeLessThan(0.001);
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  expect(await menuTransition()).toBeGreaterThan(0.1);
});
