/**
 * Two desktops on one team server, for end-to-end tests that follow changes through sync: Jordan's
 * (dev:web on its built-in sync server, signed in as jordan.reyes) and Sabine's (a second dev:web,
 * signed in from its top bar to Jordan's built-in server as the team lead). Both engines sync only
 * when a test clicks "Sync now" (long timers). One manual clock, moved a minute before every sync,
 * drives both: each sync then records a new "Last sync" time, which is what the tests wait on.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { manualClock } from '../../shared/domain/clock';
import { DEMO_USERNAMES } from '../../server/demo/credentials';
import { startWebServer, type WebServer } from '../../electron/web/start';
import { test as base, copyBuiltInServer, E2E_NOW, expect } from './fixtures';
import { dataRows, openTopCustomer } from './ui';

/** Long enough that no sync starts by itself during the test. */
const STILL_MS = 600_000;
const SYNC_TIMING = { debounceMs: STILL_MS, periodMs: STILL_MS };
const VIEWPORT = { width: 1440, height: 900 };

export type TestClock = ReturnType<typeof manualClock>;

export interface Desktops {
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

export const test = base.extend<{ desktops: Desktops; leadPage: Page }>({
  desktops: async ({ builtInServer }, use) => {
    const clock = manualClock(E2E_NOW);
    const dataDirs = [mkdtempSync(join(tmpdir(), 'ledgerline-e2e-jordan-')), mkdtempSync(join(tmpdir(), 'ledgerline-e2e-sabine-'))] as const;
    for (const dataDir of dataDirs) copyBuiltInServer(builtInServer, dataDir);
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
    const context = await browser.newContext({ viewport: VIEWPORT, reducedMotion: 'reduce' });
    try {
      await use(await context.newPage());
    } finally {
      await context.close();
    }
  },
});

export const statusButton = (page: Page): Locator => page.getByTestId('sync-status');
export const syncPanel = (page: Page): Locator => page.getByTestId('sync-panel');
export const lastSync = (page: Page): Locator => syncPanel(page).locator('dt:text-is("Last sync") + dd');

/** Opens a desktop and waits for its first sync (the portfolio pulled from its server) to show. */
export async function openSynced(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(dataRows(page).first()).toBeVisible({ timeout: 120_000 });
  await expect(statusButton(page)).toHaveAttribute('data-state', 'idle', { timeout: 60_000 });
  await expect(page.getByTestId('sync-headline')).toHaveText(/^Synced /);
}

/**
 * "Sync now" from the sync panel, with `waiting` changes shown before; returns once the panel
 * shows a newer last sync with nothing waiting and no sync issue.
 */
export async function syncNow(page: Page, clock: TestClock, waiting: number): Promise<void> {
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
export async function signInAsLead(page: Page, syncServerUrl: string, password: string): Promise<void> {
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


/** Opens both desktops, signs Sabine's in to Jordan's server and opens Jordan's top customer; its name. */
export async function openBothDesktops(desktops: Desktops, page: Page, leadPage: Page): Promise<string> {
  await Promise.all([openSynced(page, desktops.jordan.url), openSynced(leadPage, desktops.sabine.url)]);
  await signInAsLead(leadPage, desktops.syncServerUrl, desktops.syncServerPassword);
  return openTopCustomer(page);
}
