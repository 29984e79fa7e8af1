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
 * never assumed. Each try has a few seconds: on a loaded two-core machine one click alone (wait
 * until stable, scroll, click) was seen to take more than two.
 */
export async function chooseOption(page: Page, combobox: Locator, option: string | RegExp, shows: string | RegExp = option): Promise<void> {
  await expect(async () => {
    const listbox = page.getByRole('listbox');
    if ((await listbox.count()) === 0) await combobox.click();
    await listbox.getByRole('option', { name: option }).click({ timeout: 5_000 });
    await expect(listbox).toHaveCount(0, { timeout: 3_000 });
    await expect(combobox).toHaveText(shows, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

/**
 * A date field (renderer/src/common/DateField.tsx, MUI X's picker) by its label: the group of its
 * day, month and year sections, which bears the field's name, `aria-invalid` and the picker's button.
 */
export const dateField = (scope: Page | Locator, label: string | RegExp): Locator => scope.getByRole('group', { name: label, exact: true });

type DatePart = 'year' | 'month' | 'day';

/** The field's sections in the order the language shows them, told apart by their range: a month runs to 12, a year to 9999, a day to 28-31. */
async function datePartsOf(field: Locator): Promise<DatePart[]> {
  const sections = field.getByRole('spinbutton');
  await expect(sections).toHaveCount(3);
  const maxima = await sections.evaluateAll((elements) => elements.map((section) => Number(section.getAttribute('aria-valuemax'))));
  return maxima.map((max): DatePart => (max === 12 ? 'month' : max === 9999 ? 'year' : 'day'));
}

const partsOf = (iso: string): Record<DatePart, string> => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new Error(`"${iso}" is no ISO date`);
  return { year: match[1] ?? '', month: match[2] ?? '', day: match[3] ?? '' };
};

/**
 * Types an ISO date (YYYY-MM-DD) into a date field as a collector does: whatever it held is cleared
 * (select all, Backspace), then the digits go in the order the field shows in the interface's
 * language and locale (12042026 in en-US, 04122026 in German, 20261204 in Chinese); each section
 * moves on to the next when full. '' leaves the field empty. Checks the field then shows the date.
 */
export async function fillDate(field: Locator, iso: string): Promise<void> {
  const page = field.page();
  const order = await datePartsOf(field);
  await field.getByRole('spinbutton').first().click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Backspace');
  if (iso !== '') {
    // Back from "everything selected" to the first section.
    await page.keyboard.press('ArrowLeft');
    const parts = partsOf(iso);
    await page.keyboard.type(order.map((part) => parts[part]).join(''));
  }
  await expectDate(field, iso);
}

/** The date a field shows, as ISO (its sections read in the language's order); '' for an empty field. */
export async function expectDate(field: Locator, iso: string): Promise<void> {
  if (iso === '') {
    await expect(field.locator('input')).toHaveValue('');
    return;
  }
  const parts = partsOf(iso);
  const order = await datePartsOf(field);
  await expect(field.getByRole('spinbutton')).toHaveText(order.map((part) => parts[part]));
}

/** The quick-log panel: logging a contact, or on its own a promise or a dispute. */
export const drawer = (page: Page): Locator => page.getByRole('dialog', { name: /Log contact|Promise to pay|Raise a dispute/ });

/** The app's name in the top bar: a link back to the worklist. */
export const home = (page: Page): Locator => page.getByRole('link', { name: 'Ledgerline', exact: true });

/** Opens every screen with its "go to" keys from the worklist; each shows its heading and no load error. */
export async function everyScreenOpens(page: Page, lead: boolean): Promise<void> {
  const screens: readonly (readonly [string, string])[] = [
    ['f', 'My follow-ups'],
    ['d', 'Dashboard'],
    ['r', 'Reports'],
    ['s', 'Sync issues'],
    ...(lead ? [['t', 'Team'] as const] : []),
  ];
  for (const [key, heading] of screens) {
    await home(page).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Worklist' })).toBeVisible();
    await expect(dataRows(page).first()).toBeVisible();
    await page.keyboard.press('g');
    await page.keyboard.press(key);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(page.getByText(/^Could not load/)).toHaveCount(0);
  }
}

/** The account is on screen whole: its header first, then (a frame later) its side column and work sections. */
export async function accountComplete(page: Page): Promise<void> {
  await expect(page.locator('section[aria-labelledby="account-title"][aria-busy="false"]')).toBeVisible();
  await expect(page.locator('section[aria-labelledby="items-title"] table')).toBeVisible();
}

/** Finds a customer with the worklist search and opens the account. */
export async function openCustomer(page: Page, name: string): Promise<void> {
  await page.getByLabel('Search the worklist').fill(name);
  await dataRows(page).filter({ hasText: name }).first().locator('a').first().click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await accountComplete(page);
  await expect(page.getByText(/^Could not load/)).toHaveCount(0);
}

// ---------- hostile input (the hostile-*.spec.ts files) ----------

/**
 * Texts the shared text rule refuses, each with the words of its field error. (A lone surrogate
 * never reaches a form: the browser's text boxes turn it into U+FFFD, checked in
 * hostile-input.spec.ts; the rule refuses it at the API, tests/unit/text-rule.test.ts.)
 */
export const REFUSED_TEXTS: readonly (readonly [string, string, RegExp])[] = [
  ['a NUL character', 'Paid\u0000 in full', /contains a control character/],
  ['a bidi override', 'RTL[\u202Eexe.live]', /contains an invisible bidirectional text control character/],
  ['a bidi isolate', 'A\u2066B\u2069C', /contains an invisible bidirectional text control character/],
];

/** Stored as it is and shown as text: markup and spreadsheet formulas are not interpreted anywhere. */
export const MARKUP_NOTE = '<img src=x onerror="window.__pwned=1"> =HYPERLINK("http://evil.example","open me")';
export const FORMULA_FOLLOW_UP = '=1+1 <b>not bold</b>';

/** True when markup shown on the page ran: its onerror sets window.__pwned. */
export const markupRan = (page: Page): Promise<boolean> => page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned !== undefined);

/** The field is marked invalid and its own helper text (its accessible description) gives `reason`. */
export async function refusedUnder(field: Locator, reason: RegExp | string, what: string): Promise<void> {
  await expect(field, what).toHaveAttribute('aria-invalid', 'true');
  await expect(field, what).toHaveAccessibleDescription(reason);
}

/** No markup shown on the page was interpreted: no image element from it, nothing it ran. */
export async function markupShownAsText(page: Page): Promise<void> {
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(await markupRan(page)).toBe(false);
}

export const timeline = (page: Page): Locator => page.getByRole('list', { name: 'Timeline entries, newest first' });

/** Opens the top customer of the worklist on its account; the customer's name. */
export async function openTopCustomer(page: Page): Promise<string> {
  const top = dataRows(page).first();
  const customer = ((await top.locator('a').first().textContent()) ?? '').trim();
  await top.locator('a').first().click();
  await expect(page.getByRole('heading', { name: 'Open items' })).toBeVisible();
  await accountComplete(page);
  return customer;
}

/**
 * On the open account: selects an invoice nothing is disputed on yet, opens the quick log and picks
 * "New contact person…"; the panel and its new-person group.
 */
export async function logWithNewContactPerson(page: Page): Promise<{ readonly form: Locator; readonly person: Locator }> {
  const item = page.locator('tr[data-item-id]').filter({ hasText: 'Invoice' }).filter({ has: page.locator('td:last-child', { hasText: /^—$/ }) }).first();
  await item.getByRole('checkbox').check();
  await page.keyboard.press('l');
  const form = drawer(page);
  await expect(form.getByRole('radio', { name: /Dispute raised/ })).toBeVisible();
  await chooseOption(page, form.getByRole('combobox', { name: 'Contact person' }), 'New contact person…');
  return { form, person: form.getByRole('group', { name: 'New contact person' }) };
}
