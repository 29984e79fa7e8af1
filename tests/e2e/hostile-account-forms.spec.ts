/**
 * Hostile values in the forms that store nothing when they refuse (the quick log, a dispute, an
 * escalation request, the worklist's snooze and pin, a report's dates), on one desktop: each is
 * refused under its field, with amounts formatted as the rest of the screen shows them.
 * hostile-input.spec.ts and hostile-forms.spec.ts walk the forms whose stored values then sync.
 */
import { expect, test } from './fixtures';
import { chooseOption, dataRows, dateField, drawer, fillDate, openTopCustomer, openWorklist, REFUSED_TEXTS } from './ui';

// Some twenty refusals: measured 26 s with the other hostile specs beside it on two cores.
test.describe.configure({ timeout: 180_000 });

test('the account: hostile quick-log, dispute and escalation values are refused and store nothing', async ({ server, page }) => {
  await openWorklist(page, server.url);
  await openTopCustomer(page);
  const disputes = page.getByTestId('dispute-row');
  const escalations = page.getByTestId('escalation-row');
  const [disputesBefore, escalationsBefore] = [await disputes.count(), await escalations.count()];

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
    await fillDate(dateField(form, 'Instalment 3 date'), '9999-12-31');
    await expect(form.getByText(/must be at most five years ahead/)).toBeVisible();
    await form.getByLabel('Payment plan').uncheck();
    await fillDate(dateField(form, 'Promised date'), '9999-12-31');
    await expect(form.getByText(/must be at most a year ahead/)).toBeVisible();
    await fillDate(dateField(form, 'Promised date'), '2026-12-04');
    await form.getByLabel('Amount').fill('99999999999');
    await page.keyboard.press('Control+Enter');
    // Refused under the field as it is typed, by the commands' own rule; its amounts read like the rest of the screen, never as raw minor units.
    const error = form.getByText(/exceeds the .* still owed and not disputed$/);
    await expect(error).toBeVisible();
    expect((await error.textContent()) ?? '').toMatch(/99,999,999,999\.00/);
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

  await test.step('an escalation: a write-off of a thousand times the balance and a refused reason', async () => {
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

  await expect(disputes).toHaveCount(disputesBefore);
  await expect(escalations).toHaveCount(escalationsBefore);
});

test('the worklist: a snooze until 9999-12-31 or with a refused reason, a pin with one; a report to 9999-12-31', async ({ server, page }) => {
  await openWorklist(page, server.url);
  await dataRows(page).first().click();
  await page.keyboard.press('s');
  const snooze = page.getByRole('dialog', { name: /^Snooze / });
  await snooze.getByLabel('Reason').fill(REFUSED_TEXTS[0]?.[1] ?? '');
  await fillDate(dateField(snooze, 'Until'), '9999-12-31');
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
  await fillDate(dateField(page, 'To'), '9999-12-31');
  await page.getByTestId('notes-export').click();
  await expect(page.getByText(/2099/).first()).toBeVisible();
  await expect(dateField(page, 'To')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText(/^Could not load/)).toHaveCount(0);
});
