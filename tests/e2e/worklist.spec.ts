import { expect, test } from './fixtures';
import { countChangesFrom, countText, customerCount, dataRows, grid, openWorklist, rowNames } from './ui';

test('the worklist shows the portfolio ranked by priority score', async ({ server, page }) => {
  await openWorklist(page, server.url);
  const total = await customerCount(page);
  expect(total).toBeGreaterThan(10);
  await expect(grid(page)).toHaveAttribute('aria-rowcount', String(total + 1));
  // Pinned customers stay on top and snoozed ones drop down whatever their score; the rest are ranked.
  const scores = await dataRows(page)
    .and(page.locator(':not([data-override])'))
    .locator('[aria-label$=": explain"]')
    .evaluateAll((buttons) => buttons.slice(0, 15).map((button) => Number(button.textContent)));
  expect(scores.length).toBe(15);
  expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  await expect(dataRows(page).first()).toContainText(/\d/);
  await expect(page.getByRole('columnheader', { name: 'Score' })).toHaveAttribute('aria-sort', 'descending');
});

test('a flag filter narrows the list and clearing restores it', async ({ server, page }) => {
  await openWorklist(page, server.url);
  const total = await customerCount(page);
  await page.getByRole('button', { name: 'Open dispute' }).click();
  const narrowed = await countChangesFrom(page, total);
  expect(narrowed).toBeLessThan(total);
  await expect(page.getByRole('button', { name: 'Open dispute' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: /Clear filters/ }).click();
  await expect.poll(() => customerCount(page)).toBe(total);
});

test('a risk filter shows only customers of that risk class', async ({ server, page }) => {
  await openWorklist(page, server.url);
  const total = await customerCount(page);
  await page.getByRole('button', { name: /Filter by risk/ }).click();
  await page.getByRole('menuitemcheckbox', { name: 'High' }).click();
  await page.keyboard.press('Escape');
  await countChangesFrom(page, total);
  const risks = await dataRows(page).locator('[aria-label^="Risk "]').evaluateAll((chips) => chips.map((chip) => chip.getAttribute('aria-label')));
  expect(risks.length).toBeGreaterThan(0);
  expect(new Set(risks)).toEqual(new Set(['Risk high']));
  await page.getByRole('button', { name: /Clear filters/ }).click();
  await expect.poll(() => customerCount(page)).toBe(total);
});

test('filters that match nothing show an empty state with a way out', async ({ server, page }) => {
  await openWorklist(page, server.url);
  const total = await customerCount(page);
  await page.getByLabel('Search the worklist').fill('zzqqxx-no-such-customer');
  await expect(page.getByText('No customers match these filters')).toBeVisible();
  await expect(countText(page)).toHaveText(/^0 customers/);
  await page.getByRole('button', { name: 'Clear filters and search' }).click();
  await expect.poll(() => customerCount(page)).toBe(total);
});

test('instant search filters the worklist as you type', async ({ server, page }) => {
  await openWorklist(page, server.url);
  const total = await customerCount(page);
  const [, , third] = await rowNames(page, 3);
  expect(third).toBeTruthy();
  const word = (third ?? '').split(/\s+/)[0] ?? '';
  await page.getByLabel('Search the worklist').fill(word);
  const found = await countChangesFrom(page, total);
  expect(found).toBeGreaterThanOrEqual(1);
  expect(found).toBeLessThan(total);
  await expect(dataRows(page).filter({ hasText: third ?? '' }).first()).toBeVisible();
  await page.getByLabel('Search the worklist').fill('');
  await expect.poll(() => customerCount(page)).toBe(total);
});

test('sorting by a header re-orders the rows and is remembered after reload', async ({ server, page }) => {
  await openWorklist(page, server.url);
  await page.getByRole('columnheader', { name: 'Customer' }).getByRole('button').click();
  await expect(page.getByRole('columnheader', { name: 'Customer' })).toHaveAttribute('aria-sort', 'ascending');
  await expect
    .poll(async () => {
      const names = await rowNames(page, 10);
      return names.join('|') === [...names].sort((a, b) => a.localeCompare(b)).join('|');
    })
    .toBe(true);
  await page.getByRole('button', { name: 'Broken promise' }).click();
  await expect(page.getByRole('button', { name: 'Broken promise' })).toHaveAttribute('aria-pressed', 'true');
  await page.reload();
  await expect(dataRows(page).first()).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Customer' })).toHaveAttribute('aria-sort', 'ascending');
  await expect(page.getByRole('button', { name: 'Broken promise' })).toHaveAttribute('aria-pressed', 'true');
});

test('the score explanation lists the factors and their contributions', async ({ server, page }) => {
  await openWorklist(page, server.url);
  await dataRows(page).first().getByRole('button', { name: /explain/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Why this customer is ranked here' });
  await expect(dialog).toBeVisible();
  const factors = dialog.locator('li[data-factor]');
  expect(await factors.count()).toBeGreaterThan(0);
  await expect(factors.first()).toContainText(/[+−]\d/);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('searching a document number finds its customer and links straight to the account', async ({ server, page }) => {
  await openWorklist(page, server.url);
  const total = await customerCount(page);
  const first = dataRows(page).first();
  const name = (await first.locator('a').first().textContent()) ?? '';
  await first.locator('a').first().click();
  const documentNumber = (await page.locator('tbody tr[data-item-id] td:nth-child(2) div').first().textContent()) ?? '';
  expect(documentNumber).not.toBe('');
  await page.keyboard.press('Escape');

  await page.getByLabel('Search the worklist').fill(documentNumber);
  await countChangesFrom(page, total);
  await expect(dataRows(page).first()).toContainText(name);
  const match = page.getByRole('navigation', { name: 'Other matches' }).getByRole('link', { name: new RegExp(`Document ${documentNumber}`) });
  await match.click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
});

test('an API error shows its message, and Retry recovers', async ({ server, page }) => {
  await page.route('**/api/worklist.query', (route) =>
    route.fulfill({
      status: 500,
      contentType: 'application/json',
      body: JSON.stringify({ ok: false, error: { code: 'database', message: 'database is locked' } }),
    }),
  );
  await page.goto(server.url);
  const alert = page.getByRole('alert').filter({ hasText: 'Could not load the worklist: database is locked' });
  await expect(alert).toBeVisible();
  await expect(countText(page)).toHaveText('Not loaded');
  await page.unroute('**/api/worklist.query');
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(dataRows(page).first()).toBeVisible();
  await expect(alert).toBeHidden();
  await expect(countText(page)).toHaveText(/\d customers/);
});
