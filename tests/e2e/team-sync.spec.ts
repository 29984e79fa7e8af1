/**
 * A team lead's decisions reaching a collector through sync, end to end on two desktops
 * (tests/e2e/desktops.ts): Jordan's, on its built-in server, and Sabine's, signed in to it as the
 * team lead.
 */
import type { Locator, Page } from '@playwright/test';
import { openSynced, signInAsLead, syncNow, test } from './desktops';
import { expect } from './fixtures';
import { countText, customerCount, dataRows } from './ui';

test.describe.configure({ timeout: 300_000 });

async function openTeam(page: Page): Promise<void> {
  await page.getByTestId('team-button').click();
  await expect(page.getByRole('heading', { name: 'Team', level: 1 })).toBeVisible();
  await expect(page.getByTestId('collector-load-row').first()).toBeVisible();
}

interface Customer {
  readonly id: string;
  readonly name: string;
}

async function worklistRow(page: Page, index: number): Promise<Customer> {
  const row = dataRows(page).nth(index);
  const id = await row.getAttribute('data-customer-id');
  const name = await row.locator('a').first().textContent();
  if (!id || !name) throw new Error(`worklist row ${String(index)} has no customer`);
  return { id, name };
}

const search = (page: Page): Locator => page.getByLabel('Search the worklist');
const rowOf = (page: Page, customer: Customer): Locator => dataRows(page).and(page.locator(`[data-customer-id="${customer.id}"]`));

/** Searches the worklist for a customer's name; the number of customers found once the list settles on it. */
async function searchFor(page: Page, customer: Customer, total: number): Promise<number> {
  await search(page).fill(customer.name);
  await expect.poll(() => customerCount(page)).not.toBe(total);
  return customerCount(page);
}

test("a team lead approves a write-off and reassigns a customer; the collector's desktop follows after sync", async ({ desktops, page, leadPage }) => {
  const { clock } = desktops;
  await test.step('both desktops open, Sabine signs in to the team server', async () => {
    await Promise.all([openSynced(page, desktops.jordan.url), openSynced(leadPage, desktops.sabine.url)]);
    await expect(page.getByTestId('session-info')).toContainText('Jordan');
    await signInAsLead(leadPage, desktops.syncServerUrl, desktops.syncServerPassword);
  });

  const total = await customerCount(page);
  const writtenOff = await worklistRow(page, 0);
  const reassigned = await worklistRow(page, 1);
  const matchesBefore = await test.step("Jordan's search finds the customer to be reassigned", async () => {
    const found = await searchFor(page, reassigned, total);
    expect(found).toBeGreaterThanOrEqual(1);
    await expect(rowOf(page, reassigned)).toBeVisible();
    await search(page).fill('');
    await expect.poll(() => customerCount(page)).toBe(total);
    return found;
  });

  const reason = 'Bank charges the customer will never pay';
  await test.step('Jordan requests a write-off and syncs', async () => {
    await rowOf(page, writtenOff).locator('a').first().click();
    await expect(page.getByRole('heading', { name: 'Open items' })).toBeVisible();
    await page.getByRole('button', { name: 'Request escalation' }).click();
    const requestDialog = page.getByRole('dialog', { name: 'Request an escalation' });
    await requestDialog.getByRole('combobox', { name: 'Kind' }).click();
    await page.getByRole('option', { name: 'Write-off' }).click();
    await requestDialog.getByLabel(/^Amount/).fill('42');
    await requestDialog.getByLabel('Reason').fill(reason);
    await requestDialog.getByRole('button', { name: 'Request' }).click();
    await expect(requestDialog).toBeHidden();
    await expect(page.getByTestId('escalation-row').filter({ hasText: reason })).toContainText('Requested');
    await syncNow(page, clock, 1);
  });

  const comment = 'Below the threshold; book it this month';
  await test.step('Sabine syncs, approves the request with a comment and syncs', async () => {
    await syncNow(leadPage, clock, 0);
    await openTeam(leadPage);
    const pending = leadPage.getByTestId('pending-escalation').filter({ hasText: reason });
    await expect(pending).toContainText(writtenOff.name);
    await expect(pending).toContainText('Jordan Reyes');
    await leadPage.screenshot({ path: test.info().outputPath('team-sync-lead-pending.png'), fullPage: true });
    await pending.getByRole('button', { name: `Approve write-off for ${writtenOff.name}` }).click();
    const decision = leadPage.getByRole('dialog', { name: 'Approve write-off' });
    await decision.getByLabel('Comment (optional)').fill(comment);
    await decision.getByRole('button', { name: 'Approve' }).click();
    await expect(leadPage.getByTestId('team-message')).toHaveText(`Write-off approved for ${writtenOff.name}`);
    await expect(pending).toHaveCount(0);
    await syncNow(leadPage, clock, 1);
  });

  await test.step("Jordan syncs: the approval is on the customer's timeline", async () => {
    const timeline = page.getByRole('list', { name: 'Timeline entries, newest first' });
    const decided = timeline.locator('li[data-type="escalation"]').filter({ hasText: comment });
    await expect(decided).toHaveCount(0);
    await syncNow(page, clock, 0);
    await expect(decided).toContainText('Write-off approved');
    await expect(decided).toContainText('Sabine Krüger');
    // The answer is where he asked: the card keeps the decision, with who, when and why.
    const card = page.getByTestId('escalation-row').filter({ hasText: reason });
    await expect(card).toContainText('Approved');
    await expect(card.getByTestId('escalation-decision')).toContainText('Approved by Sabine Krüger on');
    await expect(card.getByTestId('escalation-decision')).toContainText(comment);
    await expect(card.getByRole('button', { name: 'Withdraw' })).toHaveCount(0);
    await page.screenshot({ path: test.info().outputPath('team-sync-collector-timeline.png'), fullPage: true });
  });

  await test.step('Jordan is told in his notifications, and marks them read', async () => {
    await expect(page.getByRole('button', { name: /^Notifications, \d+ unread$/ })).toBeVisible();
    await page.getByTestId('notifications-button').click();
    const notice = page.getByTestId('notification').filter({ hasText: 'Write-off approved by Sabine Krüger' });
    await expect(notice).toHaveAttribute('data-unread', 'true');
    await expect(notice).toContainText(writtenOff.name);
    await expect(notice).toContainText(comment);
    await page.getByTestId('notifications-read-all').click();
    await expect(notice).toHaveAttribute('data-unread', 'false');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('button', { name: 'Notifications', exact: true })).toBeVisible();
  });

  await test.step("Sabine reassigns one of Jordan's customers to Priya and syncs", async () => {
    await leadPage.getByTestId('collector-load-row').filter({ hasText: 'Jordan Reyes' }).click();
    await expect(leadPage.getByRole('heading', { name: 'Customers of Jordan Reyes' })).toBeVisible();
    await leadPage.getByRole('checkbox', { name: `Select ${reassigned.name}`, exact: true }).check();
    await expect(leadPage.getByTestId('team-worklist-count')).toContainText('1 selected');
    await leadPage.getByRole('button', { name: 'Reassign to…' }).click();
    const reassign = leadPage.getByRole('dialog', { name: 'Reassign to…' });
    await reassign.getByRole('combobox', { name: 'New collector' }).click();
    await leadPage.getByRole('option', { name: 'Priya Natarajan' }).click();
    await reassign.getByLabel('Reason (optional)').fill('Priya takes the Benelux accounts');
    await reassign.getByRole('button', { name: 'Reassign' }).click();
    await expect(leadPage.getByTestId('team-message')).toHaveText('1 customer reassigned to Priya Natarajan');
    await syncNow(leadPage, clock, 1);
  });

  await test.step("Jordan syncs: the customer has left his worklist, his other customers are still there", async () => {
    await page.getByRole('link', { name: 'Ledgerline' }).click();
    await expect(countText(page)).toHaveText(/\d customers?/);
    await expect.poll(() => customerCount(page)).toBe(total);
    await syncNow(page, clock, 0);
    await expect.poll(() => customerCount(page)).toBe(total - 1);
    expect(await searchFor(page, reassigned, total - 1)).toBe(matchesBefore - 1);
    await expect(rowOf(page, reassigned)).toHaveCount(0);
    await page.screenshot({ path: test.info().outputPath('team-sync-collector-search.png') });
    await searchFor(page, writtenOff, total - 1);
    await expect(rowOf(page, writtenOff)).toBeVisible();
  });
});
