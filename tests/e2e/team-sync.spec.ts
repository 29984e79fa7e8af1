/**
 * A team lead's decisions reaching a collector through sync, end to end on two desktops: Jordan's
 * (dev:web on its built-in sync server, signed in as jordan.reyes) and Sabine's (a second dev:web,
 * signed in from its top bar to Jordan's built-in server as the team lead). Both engines sync
 * only when the test clicks "Sync now" (long timers). One manual clock, moved a minute before
 * every sync, drives both: each sync then records a new "Last sync" time, which is what the test
 * waits on, and which makes the screens re-read what they show.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, type Locator, type Page } from '@playwright/test';
import { manualClock } from '../../shared/domain/clock';
import { DEMO_USERNAMES } from '../../server/demo/credentials';
import { startWebServer, type WebServer } from '../../electron/web/start';
import { E2E_NOW, expect } from './fixtures';
import { countText, customerCount, dataRows } from './ui';

/** Long enough that no sync starts by itself during the test. */
const STILL_MS = 600_000;
const SYNC_TIMING = { debounceMs: STILL_MS, periodMs: STILL_MS };
const VIEWPORT = { width: 1440, height: 900 };

type TestClock = ReturnType<typeof manualClock>;

interface Desktops {
  /** Jordan's desktop: the built-in server runs here, and Jordan is signed in to it. */
  readonly jordan: WebServer;
  /** Sabine's desktop: it starts on its own built-in server and signs in to Jordan's. */
  readonly sabine: WebServer;
  /** Jordan's built-in server, the team's sync server in this test. */
  readonly syncServerUrl: string;
  /** Its demo users' password: Jordan's installation's own. */
  readonly syncServerPassword: string;
  readonly clock: TestClock;
}

const test = base.extend<{ desktops: Desktops; leadPage: Page }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a fixture needs from this pattern; this one needs none.
  desktops: async ({}, use) => {
    const clock = manualClock(E2E_NOW);
    const dataDirs = [mkdtempSync(join(tmpdir(), 'ledgerline-e2e-jordan-')), mkdtempSync(join(tmpdir(), 'ledgerline-e2e-sabine-'))] as const;
    const started = await Promise.allSettled(dataDirs.map((dataDir) => startWebServer({ dataDir, clock, sync: 'embedded', syncTiming: SYNC_TIMING })));
    const servers = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    try {
      const [jordan, sabine] = started.map((result) => {
        if (result.status === 'rejected') throw result.reason;
        return result.value;
      });
      if (!jordan || !sabine || jordan.syncServerUrl === null || jordan.syncServerPassword === null) throw new Error("Jordan's desktop started without its built-in sync server");
      await use({ jordan, sabine, syncServerUrl: jordan.syncServerUrl, syncServerPassword: jordan.syncServerPassword, clock });
    } finally {
      await Promise.all(servers.map((server) => server.close()));
      for (const dataDir of dataDirs) rmSync(dataDir, { recursive: true, force: true });
    }
  },
  // Sabine's window is a browser context of its own, closed before the servers stop.
  leadPage: async ({ browser }, use) => {
    const context = await browser.newContext({ viewport: VIEWPORT });
    try {
      await use(await context.newPage());
    } finally {
      await context.close();
    }
  },
});

test.describe.configure({ timeout: 300_000 });

const statusButton = (page: Page): Locator => page.getByTestId('sync-status');
const syncPanel = (page: Page): Locator => page.getByTestId('sync-panel');
const lastSync = (page: Page): Locator => syncPanel(page).locator('dt:text-is("Last sync") + dd');

/** Opens a desktop and waits for its first sync (the portfolio pulled from its server) to show. */
async function openSynced(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(dataRows(page).first()).toBeVisible({ timeout: 120_000 });
  await expect(statusButton(page)).toHaveAttribute('data-state', 'idle', { timeout: 60_000 });
  await expect(page.getByTestId('sync-headline')).toHaveText(/^Synced /);
}

/**
 * "Sync now" from the sync panel, with `waiting` changes shown before; returns once the panel
 * shows a newer last sync with nothing waiting and no sync issue.
 */
async function syncNow(page: Page, clock: TestClock, waiting: number): Promise<void> {
  clock.set(new Date(clock.now().getTime() + 60_000).toISOString());
  await statusButton(page).click();
  await expect(syncPanel(page)).toContainText(`Changes waiting${String(waiting)}`);
  const before = (await lastSync(page).textContent()) ?? '';
  await syncPanel(page).getByRole('button', { name: 'Sync now' }).click();
  await expect(lastSync(page)).not.toHaveText(before);
  await expect(syncPanel(page)).toContainText('Changes waiting0');
  await expect(syncPanel(page)).toContainText('Sync issues0');
  await page.keyboard.press('Escape');
  await expect(syncPanel(page)).toBeHidden();
  await expect(page.getByTestId('sync-headline')).toHaveText(/^Synced /);
}

/** Signs Sabine's desktop in to the team's server from the top bar. */
async function signInAsLead(page: Page, syncServerUrl: string, password: string): Promise<void> {
  await statusButton(page).click();
  await syncPanel(page).getByRole('button', { name: 'Server and account…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sync server and account' });
  await dialog.getByRole('textbox', { name: 'Server address' }).fill(syncServerUrl);
  await dialog.getByRole('textbox', { name: 'Username' }).fill(DEMO_USERNAMES.teamLead);
  await dialog.getByLabel('Password').fill(password);
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden({ timeout: 120_000 });
  await expect(page.getByTestId('session-info')).toContainText('Sabine');
  await expect(statusButton(page)).toHaveAttribute('data-state', 'idle');
}

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
    await expect(page.getByTestId('escalation-row').filter({ hasText: reason })).toHaveCount(0);
    await page.screenshot({ path: test.info().outputPath('team-sync-collector-timeline.png'), fullPage: true });
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
