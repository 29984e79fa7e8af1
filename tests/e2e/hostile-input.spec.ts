/**
 * Hostile values typed into every form of the collector's account, on two desktops that sync
 * (tests/e2e/desktops.ts): each is refused under its field, or stored and shown as the text it
 * is; afterwards every screen still opens, on Jordan's desktop and, after sync, on Sabine's.
 */
import { openSynced, signInAsLead, syncNow, test } from './desktops';
import { expect } from './fixtures';
import { chooseOption, dataRows, drawer, everyScreenOpens, FORMULA_FOLLOW_UP, MARKUP_NOTE, openCustomer, REFUSED_TEXTS } from './ui';

test.describe.configure({ timeout: 300_000 });

test('hostile values in every form are refused under their field or stored as text; every screen opens on both desktops after sync', async ({ desktops, page, leadPage }) => {
  const { clock } = desktops;
  await Promise.all([openSynced(page, desktops.jordan.url), openSynced(leadPage, desktops.sabine.url)]);
  await signInAsLead(leadPage, desktops.syncServerUrl, desktops.syncServerPassword);

  const top = dataRows(page).first();
  const customer = ((await top.locator('a').first().textContent()) ?? '').trim();
  await top.locator('a').first().click();
  await expect(page.getByRole('heading', { name: 'Open items' })).toBeVisible();

  await test.step('notes: refused texts stay in the box with the reason; markup is stored and shown as text; a refused edit keeps the note', async () => {
    const notes = page.getByTestId('notes');
    const box = notes.getByLabel('New note');
    for (const [what, text, reason] of REFUSED_TEXTS) {
      await box.fill(text);
      await notes.getByRole('button', { name: 'Add' }).click();
      await expect(notes.getByText(reason), what).toBeVisible();
      await expect(box, what).toHaveValue(text);
    }
    await box.fill('broken \uD83D text');
    await expect(box).toHaveValue('broken \uFFFD text');
    await box.fill('x'.repeat(5_001));
    await notes.getByRole('button', { name: 'Add' }).click();
    await expect(notes.getByText(/at most 5,000 characters/)).toBeVisible();
    await box.fill(MARKUP_NOTE);
    await notes.getByRole('button', { name: 'Add' }).click();
    await expect(notes.getByTestId('note-row').filter({ hasText: MARKUP_NOTE })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    await notes.getByTestId('note-row').filter({ hasText: MARKUP_NOTE }).getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit the note' });
    await edit.getByLabel('Note').fill(REFUSED_TEXTS[0]?.[1] ?? '');
    await edit.getByRole('button', { name: 'Save new version' }).click();
    await expect(edit.getByText(REFUSED_TEXTS[0]?.[2] ?? /./)).toBeVisible();
    await edit.getByRole('button', { name: 'Cancel' }).click();
    await expect(edit).toBeHidden();
    await expect(notes.getByTestId('note-row').filter({ hasText: MARKUP_NOTE })).not.toContainText('version 2');
  });

  await test.step('follow-ups: a refused title, a due date thousands of years ahead; a formula title is stored as text', async () => {
    await page.keyboard.press('u');
    const add = page.getByRole('dialog', { name: 'Add a follow-up' });
    const title = add.getByLabel('What to do');
    for (const [what, text, reason] of REFUSED_TEXTS) {
      await title.fill(text);
      await add.getByRole('button', { name: 'Add' }).click();
      await expect(add.getByText(reason), what).toBeVisible();
    }
    await title.fill(FORMULA_FOLLOW_UP);
    await add.getByLabel('Due date').fill('9999-12-31');
    await add.getByRole('button', { name: 'Add' }).click();
    await expect(add.getByText(/Due date must be at most two years ahead/)).toBeVisible();
    await add.getByLabel('Due date').fill('2026-11-30');
    await add.getByRole('button', { name: 'Add' }).click();
    await expect(add).toBeHidden();
    await expect(page.getByTestId('follow-up-row').filter({ hasText: FORMULA_FOLLOW_UP })).toBeVisible();
  });

  await test.step('the quick log: a refused note and new contact person, a plan instalment in 9999; a promise of billions and on 9999-12-31 are refused with formatted amounts', async () => {
    await page.keyboard.press('l');
    const form = drawer(page);
    await expect(form).toBeVisible();
    await page.keyboard.press('c');
    const note = form.getByLabel('Note', { exact: true });
    for (const [what, text, reason] of REFUSED_TEXTS) {
      await note.fill(text);
      await page.keyboard.press('Control+Enter');
      await expect(form.getByText(reason).first(), what).toBeVisible();
    }
    await note.fill('');
    await chooseOption(page, form.getByRole('combobox', { name: 'Contact person' }), 'New contact person…');
    await form.getByLabel('Name').fill(REFUSED_TEXTS[1]?.[1] ?? '');
    await form.getByLabel('Phone').fill('+41 44 123 45 67');
    await page.keyboard.press('Control+Enter');
    await expect(form.getByText(REFUSED_TEXTS[1]?.[2] ?? /./).first()).toBeVisible();
    await form.getByLabel('Name').fill('Mara Keller');
    await form.getByRole('radio', { name: /Promise to pay/ }).click();
    await form.getByLabel('Payment plan').check();
    await form.getByLabel('Instalment 3 date').fill('9999-12-31');
    await expect(form.getByText(/must be at most five years ahead/)).toBeVisible();
    await form.getByLabel('Payment plan').uncheck();
    await form.getByLabel('Promised date').fill('9999-12-31');
    await expect(form.getByText(/must be at most a year ahead/)).toBeVisible();
    await form.getByLabel('Promised date').fill('2026-12-04');
    await form.getByLabel('Amount').fill('99999999999');
    await page.keyboard.press('Control+Enter');
    const error = form.getByTestId('work-error');
    await expect(error).toBeVisible();
    // Amounts in messages read like the rest of the screen, never as raw minor units.
    expect((await error.textContent()) ?? '').not.toMatch(/\d{10,}/);
    await form.getByRole('button', { name: 'Cancel' }).click();
    await expect(form).toBeHidden();
  });

  await test.step('a dispute: a refused description', async () => {
    await page.keyboard.press('d');
    const form = drawer(page);
    const description = form.getByLabel('Description');
    for (const [what, text, reason] of REFUSED_TEXTS) {
      await description.fill(text);
      await page.keyboard.press('Control+Enter');
      await expect(form.getByText(reason).first(), what).toBeVisible();
    }
    await form.getByRole('button', { name: 'Cancel' }).click();
    await expect(form).toBeHidden();
  });

  await test.step("an escalation: a write-off of a thousand times the balance and a refused reason", async () => {
    await page.getByRole('button', { name: 'Request escalation' }).click();
    const dialog = page.getByRole('dialog', { name: 'Request an escalation' });
    await chooseOption(page, dialog.getByRole('combobox', { name: 'Kind' }), 'Write-off');
    await dialog.getByLabel(/^Amount/).fill('999999999');
    await dialog.getByLabel('Reason').fill(REFUSED_TEXTS[1]?.[1] ?? '');
    await dialog.getByRole('button', { name: 'Request' }).click();
    await expect(dialog.getByText(REFUSED_TEXTS[1]?.[2] ?? /./)).toBeVisible();
    await dialog.getByLabel('Reason').fill('Written off in full');
    await dialog.getByRole('button', { name: 'Request' }).click();
    await expect(dialog.getByLabel(/^Amount/)).toHaveAttribute('aria-invalid', 'true');
    expect((await dialog.textContent()) ?? '').not.toMatch(/\d{10,}/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
  });

  await test.step('the worklist: a snooze until 9999-12-31 or with a refused reason, a pin with one; a report to 9999-12-31', async () => {
    await page.keyboard.press('Escape');
    await expect(page.getByRole('heading', { level: 1, name: 'Worklist' })).toBeVisible();
    await dataRows(page).first().click();
    await page.keyboard.press('s');
    const snooze = page.getByRole('dialog', { name: /^Snooze / });
    await snooze.getByLabel('Reason').fill(REFUSED_TEXTS[0]?.[1] ?? '');
    await snooze.getByLabel('Until').fill('9999-12-31');
    await snooze.getByRole('button', { name: 'Snooze', exact: true }).click();
    await expect(snooze.getByText(REFUSED_TEXTS[0]?.[2] ?? /./)).toBeVisible();
    await expect(snooze.getByText(/must be at most two years ahead/)).toBeVisible();
    await snooze.getByRole('button', { name: 'Cancel' }).click();
    await expect(snooze).toBeHidden();
    await page.keyboard.press('Shift+P');
    const pin = page.getByRole('dialog', { name: /^Pin / });
    await pin.getByLabel('Reason').fill(REFUSED_TEXTS[1]?.[1] ?? '');
    await page.keyboard.press('Control+Enter');
    await expect(pin.getByText(REFUSED_TEXTS[1]?.[2] ?? /./)).toBeVisible();
    await pin.getByRole('button', { name: 'Cancel' }).click();
    await expect(pin).toBeHidden();

    await page.keyboard.press('g');
    await page.keyboard.press('r');
    await expect(page.getByRole('heading', { level: 1, name: 'Reports' })).toBeVisible();
    await page.getByRole('textbox', { name: 'To', exact: true }).fill('9999-12-31');
    await page.getByTestId('notes-export').click();
    await expect(page.getByText(/2099/).first()).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'To', exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText(/^Could not load/)).toHaveCount(0);
  });

  await test.step("Jordan's screens all open; the stored note and follow-up sync", async () => {
    await everyScreenOpens(page, false);
    await syncNow(page, clock, 2);
  });

  await test.step("after sync, Sabine's desktop shows them as text and every screen opens", async () => {
    await syncNow(leadPage, clock, 0);
    await openCustomer(leadPage, customer);
    await expect(leadPage.getByTestId('note-row').filter({ hasText: MARKUP_NOTE })).toBeVisible();
    await expect(leadPage.getByTestId('follow-up-row').filter({ hasText: FORMULA_FOLLOW_UP })).toBeVisible();
    expect(await leadPage.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await everyScreenOpens(leadPage, true);
  });
});
