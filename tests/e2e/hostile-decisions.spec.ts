/**
 * Hostile values that sync, and the team lead's forms, on two desktops (tests/e2e/desktops.ts):
 * Jordan stores a markup-named contact person and a markup dispute comment and asks for a
 * write-off; Sabine's escalation decision and reassignment refuse hostile comments under their
 * field and store a formula comment as text; after sync each desktop shows the other's values as
 * text and every screen opens. hostile-forms.spec.ts walks the collector's refusals on one desktop.
 */
import type { Page } from '@playwright/test';
import { openBothDesktops, syncNow, test } from './desktops';
import { expect } from './fixtures';
import { chooseOption, everyScreenOpens, FORMULA_FOLLOW_UP, home, logWithNewContactPerson, MARKUP_NOTE, markupShownAsText, openCustomer, refusedUnder, REFUSED_TEXTS, timeline } from './ui';

// Two desktops start and sync four times: measured 82 s with the other hostile specs beside it on two cores.
test.describe.configure({ timeout: 300_000 });

/** Shown as text in a contact person's name, a dispute step's comment and a rejection's comment. */
const MARKUP_NAME = MARKUP_NOTE;
const MARKUP_COMMENT = `${MARKUP_NOTE} (started)`;
const FORMULA_REJECTION = `${FORMULA_FOLLOW_UP} (rejected)`;
const DISPUTE_DESCRIPTION = 'Pallet arrived broken (hostile decisions)';
const ESCALATION_REASON = 'Bank charges the customer will never pay (hostile decisions)';

/** On the open account: a contact with a new contact person named `name` raises a dispute on an undisputed invoice, which is then started with `comment`. */
async function disputeWithNewContactPerson(page: Page, name: string, comment: string): Promise<void> {
  const { form, person } = await logWithNewContactPerson(page);
  await person.getByLabel('Phone').fill('+41 44 123 45 67');
  await person.getByLabel('Name').fill(name);
  await form.getByRole('radio', { name: /Dispute raised/ }).click();
  await form.getByLabel(/^Disputed on /).fill('10.00');
  await chooseOption(page, form.getByRole('combobox', { name: 'Reason' }), /^Damaged or quality/);
  await form.getByLabel('Description').fill(DISPUTE_DESCRIPTION);
  await page.keyboard.press('Control+Enter');
  await expect(form).toBeHidden();
  const dispute = page.getByTestId('dispute-row').filter({ hasText: DISPUTE_DESCRIPTION });
  await dispute.getByRole('button', { name: 'Start' }).click();
  const start = page.getByRole('dialog', { name: 'Start the dispute' });
  await start.getByRole('textbox', { name: 'Comment' }).fill(comment);
  await start.getByRole('button', { name: 'Start' }).click();
  await expect(start).toBeHidden();
  await expect(dispute).toContainText('In process');
}

test("hostile values sync to the other desktop as text; the lead's decision and reassignment refuse hostile comments under their field; every screen opens on both desktops", async ({
  desktops,
  page,
  leadPage,
}) => {
  const { clock } = desktops;
  const customer = await openBothDesktops(desktops, page, leadPage);

  await test.step('Jordan stores a markup contact person and dispute comment, asks for a write-off and syncs', async () => {
    await disputeWithNewContactPerson(page, MARKUP_NAME, MARKUP_COMMENT);
    await expect(page.getByRole('region', { name: 'Contact persons' }).getByTestId('contact-person').filter({ hasText: MARKUP_NAME })).toBeVisible();
    await markupShownAsText(page);
    await page.getByRole('button', { name: 'Request escalation' }).click();
    const request = page.getByRole('dialog', { name: 'Request an escalation' });
    await chooseOption(page, request.getByRole('combobox', { name: 'Kind' }), 'Write-off');
    await request.getByLabel(/^Amount/).fill('42');
    await request.getByLabel('Reason').fill(ESCALATION_REASON);
    await request.getByRole('button', { name: 'Request' }).click();
    await expect(request).toBeHidden();
    await expect(page.getByTestId('escalation-row').filter({ hasText: ESCALATION_REASON })).toContainText('Requested');
    // The contact (with its contact person and dispute), the dispute's start, the request.
    await syncNow(page, clock, 3);
  });

  await test.step("Sabine's decision: refused comments under the comment, a rejection without one; a formula comment is stored as text", async () => {
    await syncNow(leadPage, clock, 0);
    await leadPage.getByTestId('team-button').click();
    await expect(leadPage.getByRole('heading', { name: 'Team', level: 1 })).toBeVisible();
    const pending = leadPage.getByTestId('pending-escalation').filter({ hasText: ESCALATION_REASON });
    await expect(pending).toContainText(customer);

    await pending.getByRole('button', { name: `Approve write-off for ${customer}` }).click();
    const approve = leadPage.getByRole('dialog', { name: 'Approve write-off' });
    const approveComment = approve.getByRole('textbox', { name: /Comment/ });
    await expect(approveComment).toBeFocused();
    for (const [what, text, reason] of REFUSED_TEXTS) {
      await approveComment.fill(text);
      await approve.getByRole('button', { name: 'Approve' }).click();
      await refusedUnder(approveComment, reason, `approve: ${what}`);
    }
    await approve.getByRole('button', { name: 'Cancel' }).click();
    await expect(approve).toBeHidden();
    await expect(pending).toHaveCount(1);

    await pending.getByRole('button', { name: `Reject write-off for ${customer}` }).click();
    const reject = leadPage.getByRole('dialog', { name: 'Reject write-off' });
    const rejectComment = reject.getByRole('textbox', { name: /Comment/ });
    await expect(rejectComment).toBeFocused();
    await reject.getByRole('button', { name: 'Reject' }).click();
    await refusedUnder(rejectComment, /A rejection needs a comment/, 'a rejection without a comment');
    for (const [what, text, reason] of REFUSED_TEXTS) {
      await rejectComment.fill(text);
      await reject.getByRole('button', { name: 'Reject' }).click();
      await refusedUnder(rejectComment, reason, `reject: ${what}`);
    }
    await expect(pending).toHaveCount(1);
    await rejectComment.fill(FORMULA_REJECTION);
    await reject.getByRole('button', { name: 'Reject' }).click();
    await expect(leadPage.getByTestId('team-message')).toHaveText(`Write-off rejected for ${customer}`);
    await expect(pending).toHaveCount(0);
  });

  await test.step('the reassignment: refused reasons under the reason; nothing is reassigned', async () => {
    await leadPage.getByTestId('collector-load-row').filter({ hasText: 'Jordan Reyes' }).click();
    await expect(leadPage.getByRole('heading', { name: 'Customers of Jordan Reyes' })).toBeVisible();
    await leadPage.getByTestId('team-worklist-row').first().getByRole('checkbox').check();
    await expect(leadPage.getByTestId('team-worklist-count')).toContainText('1 selected');
    await leadPage.getByRole('button', { name: 'Reassign to…' }).click();
    const reassign = leadPage.getByRole('dialog', { name: 'Reassign to…' });
    await chooseOption(leadPage, reassign.getByRole('combobox', { name: 'New collector' }), 'Priya Natarajan');
    const reason = reassign.getByRole('textbox', { name: 'Reason (optional)' });
    for (const [what, text, problem] of REFUSED_TEXTS) {
      await reason.fill(text);
      await reassign.getByRole('button', { name: 'Reassign' }).click();
      await refusedUnder(reason, problem, what);
    }
    await reassign.getByRole('button', { name: 'Cancel' }).click();
    await expect(reassign).toBeHidden();
    await expect(leadPage.getByTestId('team-worklist-count')).toContainText('1 selected');
    // Only the rejection waits to be synced: the refused reassignments stored nothing.
    await syncNow(leadPage, clock, 1);
  });

  await test.step("after sync, Jordan's desktop shows the rejection's comment as text and every screen opens", async () => {
    const rejected = timeline(page).locator('li[data-type="escalation"]').filter({ hasText: FORMULA_REJECTION });
    await expect(rejected).toHaveCount(0);
    await syncNow(page, clock, 0);
    await expect(rejected).toContainText('Write-off request rejected');
    // The card keeps the decision, with the hostile comment shown as text, and offers no Withdraw.
    const card = page.getByTestId('escalation-row').filter({ hasText: ESCALATION_REASON });
    await expect(card.getByTestId('escalation-decision')).toContainText('Rejected by Sabine Krüger on');
    await expect(card.getByTestId('escalation-decision')).toContainText(FORMULA_REJECTION);
    await expect(card.getByRole('button', { name: 'Withdraw' })).toHaveCount(0);
    await markupShownAsText(page);
    await everyScreenOpens(page, false);
  });

  await test.step("Sabine's desktop shows the contact person and the dispute comment as text and every screen opens", async () => {
    await home(leadPage).click();
    await openCustomer(leadPage, customer);
    await expect(leadPage.getByRole('region', { name: 'Contact persons' }).getByTestId('contact-person').filter({ hasText: MARKUP_NAME })).toBeVisible();
    await expect(timeline(leadPage).locator('li[data-type="dispute"]').filter({ hasText: MARKUP_COMMENT })).toBeVisible();
    await expect(timeline(leadPage).locator('li[data-type="escalation"]').filter({ hasText: FORMULA_REJECTION })).toBeVisible();
    await markupShownAsText(leadPage);
    await everyScreenOpens(leadPage, true);
  });
});
