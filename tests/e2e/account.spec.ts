import { join } from 'node:path';
import type { Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { expect, test } from './fixtures';
import { accountComplete, dataRows, MARKUP_NOTE, markupShownAsText, openCustomer, openWorklist, REFUSED_TEXTS, refusedUnder } from './ui';

/** Opens the account of the top-ranked customer (the one with the most going on). */
async function openTopAccount(page: Page, url: string): Promise<string> {
  await openWorklist(page, url);
  const first = dataRows(page).first();
  const name = (await first.locator('a').first().textContent()) ?? '';
  await first.locator('a').first().click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await accountComplete(page);
  return name;
}

test('the account shows header, balances, open items, contacts and timeline', async ({ server, page }) => {
  await openTopAccount(page, server.url);
  const header = page.getByRole('banner', { name: 'Customer' }).or(page.locator('header[aria-label="Customer"]'));
  await expect(header).toContainText('Payment terms');
  await expect(header).toContainText('Credit used');
  await expect(header).toContainText('Collector');
  await expect(page.getByTestId('customer-number')).toHaveText(/\S+/);

  const balances = page.getByRole('table', { name: /Balances and aging/ });
  await expect(balances.getByRole('columnheader', { name: 'Total' })).toBeVisible();
  expect(await balances.locator('tbody tr').count()).toBeGreaterThan(0);

  const items = page.getByRole('table', { name: 'Open items' });
  expect(await items.locator('tbody tr[data-item-id]').count()).toBeGreaterThan(0);

  const contacts = page.getByRole('region', { name: 'Contact persons' });
  await expect(contacts.getByTestId('contact-person').first()).toBeVisible();
  const links = await contacts.getByRole('link').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href') ?? ''));
  expect(links.some((href) => href.startsWith('tel:') || href.startsWith('mailto:'))).toBe(true);

  const timeline = page.getByRole('region', { name: 'Timeline' });
  const entries = timeline.getByRole('list', { name: /Timeline entries/ }).locator(':scope > li');
  expect(await entries.count()).toBeGreaterThan(0);
  const times = await entries.locator('time').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('datetime') ?? ''));
  expect([...times].sort().reverse()).toEqual(times);

  await expect(page.getByRole('region', { name: 'Why this priority' }).locator('li[data-factor]').first()).toBeVisible();
});

test('open items can be multi-selected with checkboxes, shift-click and Space', async ({ server, page }) => {
  await openTopAccount(page, server.url);
  const items = page.getByRole('table', { name: 'Open items' });
  const rows = items.locator('tbody tr[data-item-id]');
  expect(await rows.count()).toBeGreaterThanOrEqual(3);
  // Only the rows in sight are rendered; the table says how many there are (the header row is one).
  const count = Number(await items.getAttribute('aria-rowcount')) - 1;
  expect(count).toBe(Number((await page.getByTestId('items-count').textContent())?.replace(/\D/g, '')));
  const selection = page.getByTestId('items-selection');

  await rows.nth(0).getByRole('checkbox').click();
  await expect(selection).toContainText('1 selected');
  await rows.nth(2).click({ modifiers: ['Shift'] });
  await expect(selection).toContainText('3 selected');
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');

  await rows.nth(1).focus();
  await page.keyboard.press('Space');
  await expect(selection).toContainText('2 selected');
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'false');

  await page.getByRole('checkbox', { name: 'Select all shown items' }).click();
  await expect(selection).toContainText(`${count} selected`);
  await page.getByRole('button', { name: 'Clear selection' }).click();
  await expect(selection).not.toContainText('selected ');
});

test('the open items are one Tab stop with the arrows, pages and Home/End inside; u adds a follow-up', async ({ server, page }) => {
  await openTopAccount(page, server.url);
  const table = page.getByRole('table', { name: 'Open items' });
  const rows = table.locator('tbody tr[data-item-id]');
  expect(await rows.count()).toBeGreaterThanOrEqual(3);
  const count = Number(await table.getAttribute('aria-rowcount')) - 1;
  const focusedItem = () => page.evaluate(() => document.activeElement?.getAttribute('data-item-id') ?? null);
  const idOf = async (index: number) => (await rows.nth(index).getAttribute('data-item-id')) ?? '';
  /** The focused row's place among all items (0 the first), and whether it is in sight below the sticky header. */
  const focusedRow = () =>
    page.evaluate(() => {
      const row = document.activeElement;
      const scroller = row?.closest('.MuiTableContainer-root');
      const head = scroller?.querySelector('thead');
      if (!(row instanceof HTMLTableRowElement) || !scroller || !head) return null;
      const box = row.getBoundingClientRect();
      const view = scroller.getBoundingClientRect();
      const inSight = box.top >= head.getBoundingClientRect().bottom - 1 && box.bottom <= view.bottom + 1;
      return { index: Number(row.getAttribute('aria-rowindex')) - 2, inSight };
    });

  // Only one row is in the Tab order, whatever the number of items.
  expect(await rows.evaluateAll((trs) => trs.filter((tr) => tr.getAttribute('tabindex') === '0').length)).toBe(1);
  let tabs = 0;
  while ((await focusedItem()) === null) {
    await page.keyboard.press('Tab');
    tabs += 1;
    expect(tabs, 'Tab never reached an open item').toBeLessThan(40);
  }
  expect(await focusedItem()).toBe(await idOf(0));
  await page.keyboard.press('ArrowDown');
  expect(await focusedItem()).toBe(await idOf(1));
  await page.keyboard.press('End');
  await expect.poll(focusedRow).toEqual({ index: count - 1, inSight: true });
  await page.keyboard.press('Home');
  await expect.poll(focusedRow).toEqual({ index: 0, inSight: true });
  await page.keyboard.press('PageDown');
  await expect.poll(focusedRow).toEqual({ index: Math.min(10, count - 1), inSight: true });
  const remembered = await focusedItem();

  // One Tab leaves the list; Shift+Tab comes back to the row last used.
  await page.keyboard.press('Tab');
  expect(await focusedItem()).toBeNull();
  await page.keyboard.press('Shift+Tab');
  expect(await focusedItem()).toBe(remembered);

  await page.keyboard.press('u');
  const add = page.getByRole('dialog', { name: 'Add a follow-up' });
  await expect(add).toBeVisible();
  await expect(add.getByRole('textbox', { name: 'What to do' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(add).toBeHidden();

  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help.getByRole('region', { name: 'Account' })).toContainText('Add a follow-up');
  await expect(help.getByRole('region', { name: 'Open items' })).toContainText('First / last item');
});

test('a customer with many items renders the rows in sight; scrolling and select-all reach them all', async ({ server, page }) => {
  await openWorklist(page, server.url);
  await openCustomer(page, 'Littel and Sons');
  const table = page.getByRole('table', { name: 'Open items' });
  const rows = table.locator('tbody tr[data-item-id]');
  const count = Number(await table.getAttribute('aria-rowcount')) - 1;
  expect(count).toBeGreaterThan(100);
  expect(await rows.count()).toBeLessThan(40);
  // Spacer rows hold the height of the others, hidden from screen readers.
  await expect(table.locator('tbody tr[aria-hidden="true"]')).toHaveCount(1);

  const scroller = page.locator('section[aria-labelledby="items-title"] .MuiTableContainer-root');
  await scroller.evaluate((element) => {
    element.scrollTop = element.scrollHeight;
  });
  const last = table.locator(`tbody tr[aria-rowindex="${String(count + 1)}"]`);
  await expect(last).toBeVisible();
  // The rows scrolled past are gone, but the first (the keyboard's row, the table's one Tab stop) stays.
  await expect(table.locator('tbody tr[aria-rowindex="3"]')).toHaveCount(0);
  await expect(table.locator('tbody tr[aria-rowindex="2"]')).toHaveAttribute('tabindex', '0');
  // The columns keep their widths whatever rows are in sight.
  const widths = () => table.locator('thead th').evaluateAll((cells) => cells.map((cell) => Math.round(cell.getBoundingClientRect().width)));
  const atBottom = await widths();
  await scroller.evaluate((element) => {
    element.scrollTop = 0;
  });
  await expect(table.locator('tbody tr[aria-rowindex="2"]')).toBeVisible();
  expect(await widths()).toEqual(atBottom);

  await page.getByRole('checkbox', { name: 'Select all shown items' }).click();
  await expect(page.getByTestId('items-selection')).toContainText(`${String(count)} selected`);
});

test('open items sort by a column and filter by text', async ({ server, page }) => {
  await openTopAccount(page, server.url);
  const items = page.getByRole('table', { name: 'Open items' });
  const rows = items.locator('tbody tr[data-item-id]');
  await items.getByRole('button', { name: 'Document', exact: true }).click();
  const documents = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector('td:nth-child(2) div')?.textContent ?? ''));
  expect(documents).toEqual([...documents].sort((a, b) => a.localeCompare(b)));

  const firstDocument = documents[0] ?? '';
  await page.getByLabel('Document or reference').fill(firstDocument);
  await expect(rows.first()).toContainText(firstDocument);
  expect(await rows.count()).toBeLessThanOrEqual(documents.length);
  await page.getByLabel('Document or reference').fill('no-such-document-zz');
  await expect(items).toContainText('No items match these filters.');
});

test('the timeline filters by entry type', async ({ server, page }) => {
  await openTopAccount(page, server.url);
  const timeline = page.getByRole('region', { name: 'Timeline' });
  const types = timeline.getByRole('group', { name: 'Show timeline entries of type' }).getByRole('button');
  // The type buttons come with the timeline's first page.
  await expect.poll(() => types.count()).toBeGreaterThan(1);
  const second = types.nth(1);
  await second.click();
  await expect(second).toHaveAttribute('aria-pressed', 'true');
  const shownTypes = await timeline.locator('li[data-type]').evaluateAll((lis) => [...new Set(lis.map((li) => li.getAttribute('data-type')))]);
  expect(shownTypes.length).toBe(1);
});

test("an item the ERP flags as disputed says so, and the header counts the customer's disputed invoices", async ({ server, page }) => {
  await openWorklist(page, server.url);
  const first = dataRows(page).first();
  const customerId = (await first.getAttribute('data-customer-id')) ?? '';
  // As a sync from a server holding the ERP's flag would write it: one open invoice, one settled.
  const sqlite = new Database(join(server.dataDir, 'ledgerline.db'));
  const { documentNumber, expected } = ((): { documentNumber: string; expected: string } => {
    try {
      const open = sqlite.prepare("SELECT id, document_number FROM open_items WHERE customer_id = ? AND kind = 'invoice' AND open_minor > 0 ORDER BY due_date, id LIMIT 1").get(customerId) as { id: string; document_number: string };
      sqlite.prepare("UPDATE open_items SET erp_disputed = 1 WHERE id = ? OR id = (SELECT id FROM open_items WHERE customer_id = ? AND kind = 'invoice' AND open_minor = 0 ORDER BY id LIMIT 1)").run(open.id, customerId);
      const counts = sqlite
        .prepare("SELECT count(*) AS invoices, sum(erp_disputed = 1 OR EXISTS (SELECT 1 FROM dispute_items d WHERE d.open_item_id = i.id)) AS disputed FROM open_items i WHERE customer_id = ? AND kind = 'invoice'")
        .get(customerId) as { invoices: number; disputed: number };
      return { documentNumber: open.document_number, expected: `${String(counts.disputed)} of ${String(counts.invoices)} (${String(Math.round((counts.disputed * 100) / counts.invoices))}%)` };
    } finally {
      sqlite.close();
    }
  })();
  // Written behind the app's back: a sync tells the app its data changed; here a reload does (the
  // account read ahead for the selected row before the write is for the data as it was).
  await page.reload();
  await expect(first).toHaveAttribute('data-customer-id', customerId);
  await first.locator('a').first().click();
  await expect(page.getByTestId('dispute-history')).toHaveText(expected);
  const row = page.getByRole('table', { name: 'Open items' }).locator('tbody tr[data-item-id]').filter({ hasText: documentNumber });
  await expect(row.getByTestId('erp-disputed')).toHaveText('ERP dispute');
  await expect(page.getByTestId('erp-disputed')).toHaveCount(1);
});

test('cash received on account shows apart from the aging, and overdue is not lowered by it', async ({ server, page }) => {
  await openWorklist(page, server.url);
  const sqlite = new Database(join(server.dataDir, 'ledgerline.db'), { readonly: true });
  const found = ((): { customerId: string; currency: string; unapplied: number } => {
    try {
      return sqlite
        .prepare("SELECT customer_id AS customerId, currency, sum(open_minor) AS unapplied FROM open_items WHERE kind = 'payment_on_account' AND open_minor <> 0 GROUP BY 1, 2 ORDER BY 1 LIMIT 1")
        .get() as { customerId: string; currency: string; unapplied: number };
    } finally {
      sqlite.close();
    }
  })();
  await page.goto(`${server.url}#/customer/${found.customerId}`);
  const balances = page.getByRole('table', { name: /Balances and aging/ });
  await expect(balances.getByRole('columnheader', { name: 'Unapplied cash' })).toBeVisible();
  const row = balances.locator(`tr[data-currency="${found.currency}"]`);
  const shown = (await row.getByTestId('unapplied-cash').textContent()) ?? '';
  // The amount as stored, in the table's number format (a minus and the decimals of the currency).
  expect(shown.replace(/[^\d-]/g, '')).toBe(String(found.unapplied));
});

test('a customer over its credit limit is marked in the worklist and warned about on its account', async ({ server, page }) => {
  await openWorklist(page, server.url);
  await page.getByRole('columnheader', { name: 'Credit' }).getByRole('button').click();
  await expect(page.getByRole('columnheader', { name: 'Credit' })).toHaveAttribute('aria-sort', 'descending');
  const first = dataRows(page).first();
  const cell = first.getByTestId('credit-used');
  await expect(cell).toHaveAttribute('data-over', 'true');
  const shown = (await cell.textContent()) ?? '';
  expect(shown).toMatch(/^\d+ %$/);
  expect(Number(shown.replace(' %', ''))).toBeGreaterThan(100);
  await first.locator('a').first().click();
  await expect(page.getByTestId('credit-limit-warning')).toContainText(`Over the credit limit: ${shown} of`);
  await expect(page.getByRole('progressbar', { name: `Credit used ${shown} of limit` })).toBeVisible();
});

for (const [width, height] of [[1440, 900], [1280, 720]] as const) {
  test(`at ${String(width)} × ${String(height)} the timeline stays beside the items, scrolls on its own and pages`, async ({ server, page }) => {
    await page.setViewportSize({ width, height });
    await openTopAccount(page, server.url);
    const items = page.locator('section[aria-labelledby="items-title"]');
    const side = page.getByTestId('account-side');
    const [itemsBox, sideBox] = [await items.boundingBox(), await side.boundingBox()];
    if (!itemsBox || !sideBox) throw new Error('the items or the side column are not laid out');
    // Beside, not below: the side column starts to the right of the items, at the same height.
    expect(sideBox.x).toBeGreaterThan(itemsBox.x + itemsBox.width);
    expect(sideBox.height).toBeLessThanOrEqual(height);
    const sizes = await page.evaluate(() => {
      const section = document.querySelector('section[aria-labelledby="account-title"]');
      const column = document.querySelector('[data-testid="account-side"]');
      return { page: section?.scrollHeight ?? 0, side: column?.scrollHeight ?? 0, sideClient: column?.clientHeight ?? 0 };
    });
    // The long side column scrolls inside itself instead of making the page run on past the items.
    expect(sizes.side).toBeGreaterThan(sizes.sideClient);
    expect(sizes.page).toBeLessThan(sizes.side + 1_000);

    // Scrolled to the end of the page, the side column is still on screen, and the timeline is reached inside it.
    await page.locator('section[aria-labelledby="account-title"]').evaluate((section) => {
      section.scrollTop = section.scrollHeight;
    });
    const timelineHeading = page.getByRole('heading', { name: 'Timeline', level: 2 });
    await timelineHeading.scrollIntoViewIfNeeded();
    await expect(timelineHeading).toBeInViewport();
    const entries = page.getByRole('list', { name: 'Timeline entries, newest first' }).locator(':scope > li');
    await expect(entries).toHaveCount(20);
    const more = page.getByRole('button', { name: /^Show more \(20 of \d+\)$/ });
    await more.click();
    await expect.poll(() => entries.count()).toBeGreaterThan(20);
  });
}

test('a contact person is added from the account, checked as typed, made primary, and corrected', async ({ server, page }) => {
  await openTopAccount(page, server.url);
  const contacts = page.getByRole('region', { name: 'Contact persons' });
  const before = await contacts.getByTestId('contact-person').count();
  await contacts.getByRole('button', { name: 'Add contact person' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a contact person' });
  await expect(dialog.getByLabel('Name')).toBeFocused();
  await dialog.getByLabel('Name').fill('Ines Duarte');
  await dialog.getByLabel('Phone').fill('call me');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText('must be a phone number such as +49 30 1234567')).toBeVisible();
  await dialog.getByLabel('Phone').fill('+351 21 123 4567');
  await dialog.getByLabel('Role').fill('Accounts payable clerk');
  // Pasted with a space either side: checked and saved trimmed.
  await dialog.getByLabel('Email').fill(' ines.duarte@example.com ');
  await dialog.getByRole('combobox', { name: 'Preferred channel' }).click();
  await page.getByRole('option', { name: 'Email' }).click();
  await dialog.getByRole('checkbox', { name: /Primary contact/ }).check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  const ines = contacts.getByTestId('contact-person').filter({ hasText: 'Ines Duarte' });
  await expect(contacts.getByTestId('contact-person')).toHaveCount(before + 1);
  await expect(ines).toContainText('Accounts payable clerk · prefers email');
  await expect(ines.getByLabel('Primary contact')).toBeVisible();
  // One primary per customer: the one before gave way.
  await expect(contacts.getByLabel('Primary contact')).toHaveCount(1);
  await expect(ines.getByRole('link', { name: /\+351 21 123 4567/ })).toHaveAttribute('href', 'tel:+351211234567');

  await ines.getByRole('button', { name: 'Edit Ines Duarte' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit Ines Duarte' });
  await expect(edit.getByLabel('Email')).toHaveValue('ines.duarte@example.com');
  await edit.getByLabel('Role').fill('Head of accounts payable');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toBeHidden();
  await expect(ines).toContainText('Head of accounts payable');
  await page.reload();
  await expect(page.getByRole('region', { name: 'Contact persons' }).getByTestId('contact-person').filter({ hasText: 'Ines Duarte' })).toContainText('Head of accounts payable');
});

test('hostile contact-person values are refused under their field and store nothing; markup is kept as text', async ({ server, page }) => {
  await openTopAccount(page, server.url);
  const contacts = page.getByRole('region', { name: 'Contact persons' });
  const before = await contacts.getByTestId('contact-person').count();
  await contacts.getByRole('button', { name: 'Add contact person' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a contact person' });
  const name = dialog.getByLabel('Name');
  const role = dialog.getByLabel('Role');
  for (const [what, text, problem] of REFUSED_TEXTS) {
    await name.fill(text);
    await role.fill(text);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await refusedUnder(name, problem, `name with ${what}`);
    await refusedUnder(role, problem, `role with ${what}`);
  }
  // The fields hold no more than the shared bounds, whatever is pasted.
  await dialog.getByLabel('Phone').fill(`+49 ${'1'.repeat(200)}`);
  expect((await dialog.getByLabel('Phone').inputValue()).length).toBeLessThanOrEqual(40);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(contacts.getByTestId('contact-person')).toHaveCount(before);

  await contacts.getByRole('button', { name: 'Add contact person' }).click();
  await name.fill(MARKUP_NOTE.slice(0, 120));
  await dialog.getByLabel('Email').fill('ap@example.com');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(contacts.getByTestId('contact-person').filter({ hasText: MARKUP_NOTE.slice(0, 40) })).toBeVisible();
  await markupShownAsText(page);
});
