import { expect, test } from './fixtures';
import { dataRows, grid, openWorklist } from './ui';

test('j/k and the arrows move the selection, Enter opens the account, Escape goes back', async ({ server, page }) => {
  await openWorklist(page, server.url);
  const worklist = grid(page);
  await expect(worklist).toHaveAttribute('aria-activedescendant', 'wl-row-0');
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await expect(worklist).toHaveAttribute('aria-activedescendant', 'wl-row-2');
  await expect(worklist).toBeFocused();
  await page.keyboard.press('k');
  await expect(worklist).toHaveAttribute('aria-activedescendant', 'wl-row-1');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await expect(worklist).toHaveAttribute('aria-activedescendant', 'wl-row-2');
  const row = page.locator('#wl-row-2');
  await expect(row).toHaveAttribute('aria-selected', 'true');
  const customerId = await row.getAttribute('data-customer-id');
  const name = (await row.locator('a').first().textContent()) ?? '';

  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/customer/${customerId ?? 'missing'}$`));
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();

  await page.keyboard.press('Escape');
  await expect(page).not.toHaveURL(/customer/);
  await expect(worklist).toBeVisible();
  await expect(worklist).toHaveAttribute('aria-activedescendant', 'wl-row-2');
});

test('back from an account far down the list, the keyboard is on the list and the selected row is shown where it was, every time', async ({ server, page }) => {
  await openWorklist(page, server.url);
  const worklist = grid(page);
  await worklist.focus();
  for (let step = 0; step < 25; step++) await page.keyboard.press('ArrowDown');
  for (const index of [25, 26, 27]) {
    await expect(worklist).toHaveAttribute('aria-activedescendant', `wl-row-${index}`);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Open items' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(worklist).toBeFocused();
    const row = page.locator(`#wl-row-${index}`);
    await expect(row).toBeInViewport();
    await expect(row).toHaveAttribute('aria-selected', 'true');
    // The keyboard goes on from there.
    await page.keyboard.press('j');
  }
  await expect(worklist).toHaveAttribute('aria-activedescendant', 'wl-row-28');
});

test('End and Home jump through the whole list, loading rows on demand', async ({ server, page }) => {
  await openWorklist(page, server.url);
  await grid(page).focus();
  await page.keyboard.press('End');
  const total = Number(await grid(page).getAttribute('aria-rowcount')) - 1;
  const last = page.locator(`#wl-row-${total - 1}`);
  await expect(last).toBeVisible();
  await expect(last).toHaveAttribute('data-customer-id', /.+/);
  await page.keyboard.press('Home');
  await expect(page.locator('#wl-row-0')).toBeVisible();
  await expect(grid(page)).toHaveAttribute('aria-activedescendant', 'wl-row-0');
});

test('Alt+Left goes back from an account', async ({ server, page }) => {
  await openWorklist(page, server.url);
  await dataRows(page).first().locator('a').first().click();
  await expect(page).toHaveURL(/#\/customer\//);
  await expect(page.getByRole('heading', { name: 'Open items' })).toBeVisible();
  await page.keyboard.press('Alt+ArrowLeft');
  await expect(page).not.toHaveURL(/customer/);
  await expect(grid(page)).toBeVisible();
});

test('/ focuses search, f the filters, e explains, ? shows the shortcuts, Escape closes', async ({ server, page }) => {
  await openWorklist(page, server.url);
  await page.keyboard.press('/');
  await expect(page.getByLabel('Search the worklist')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByLabel('Search the worklist')).not.toBeFocused();

  await page.keyboard.press('f');
  await expect(page.getByRole('button', { name: /Filter by overdue bucket/ })).toBeFocused();

  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('j');
  await page.keyboard.press('e');
  const explain = page.getByRole('dialog', { name: 'Why this customer is ranked here' });
  await expect(explain).toBeVisible();
  await expect(explain.locator('li[data-factor]').first()).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(explain).toBeHidden();

  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Open the account');
  await expect(help).toContainText('Explain the priority score');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await expect(page).not.toHaveURL(/customer/);
});

test('ArrowDown in the search box moves into the list', async ({ server, page }) => {
  await openWorklist(page, server.url);
  await page.keyboard.press('/');
  await page.keyboard.press('ArrowDown');
  await expect(grid(page)).toBeFocused();
  await page.keyboard.press('j');
  await expect(grid(page)).toHaveAttribute('aria-activedescendant', 'wl-row-1');
});

test('Escape in an account field leaves the field first, then goes back', async ({ server, page }) => {
  await openWorklist(page, server.url);
  await dataRows(page).first().locator('a').first().click();
  const field = page.getByLabel('Document or reference');
  await field.fill('9');
  await page.keyboard.press('Escape');
  await expect(field).not.toBeFocused();
  await expect(page).toHaveURL(/#\/customer\//);
  await page.keyboard.press('Escape');
  await expect(page).not.toHaveURL(/customer/);
  await expect(grid(page)).toBeVisible();
});
