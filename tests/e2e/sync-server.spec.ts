/**
 * The sync UI against dev:web signed in to its built-in sync server (PGlite, the small demo):
 * the signed-in status and panel, and refused changes in the sync issues. A second client acts
 * on the server through the sync protocol, so the app's own changes arrive too late and are
 * refused. The engine syncs only at start and on "Sync now" (long timers), so every step is
 * in the test's hands. Screenshots go to /tmp/shots/sync-*.png.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { manualClock } from '../../shared/domain/clock';
import { DEMO_USERNAMES } from '../../server/demo/credentials';
import { createSyncClient } from '../../electron/sync/transport';
import { startWebServer } from '../../electron/web/start';
import { test as base, copyBuiltInServer, E2E_NOW, expect } from './fixtures';
import { dataRows } from './ui';

const SHOTS = '/tmp/shots';
/** Long enough that no sync starts by itself during a test. */
const STILL_MS = 600_000;

interface SyncedApp {
  readonly url: string;
  readonly syncServerUrl: string;
  /** The built-in server's demo users' password: this installation's own. */
  readonly syncServerPassword: string;
  /** Calls the app's API as the UI does (POST /api/<operation>) and returns the value. */
  readonly call: (operation: string, input: unknown) => Promise<unknown>;
}

const test = base.extend<{ app: SyncedApp }>({
  app: async ({ builtInServer }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ledgerline-e2e-sync-'));
    copyBuiltInServer(builtInServer, dataDir);
    const server = await startWebServer({
      dataDir,
      clock: manualClock(E2E_NOW),
      seedIfEmpty: true,
      sync: 'embedded',
      syncTiming: { debounceMs: STILL_MS, periodMs: STILL_MS },
    });
    const call = async (operation: string, input: unknown): Promise<unknown> => {
      const response = await fetch(`${server.url}api/${operation}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
      const result = (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
      if (!result.ok) throw new Error(`${operation}: ${result.error?.message ?? 'failed'}`);
      return result.value;
    };
    try {
      if (server.syncServerUrl === null || server.syncServerPassword === null) throw new Error('dev:web started without its sync server');
      await use({ url: server.url, syncServerUrl: server.syncServerUrl, syncServerPassword: server.syncServerPassword, call });
    } finally {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
});

test.describe.configure({ timeout: 180_000 });

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({ id: violation.id, help: violation.help, targets: violation.nodes.slice(0, 3).map((node) => node.target.join(' ')) }));
}

const statusButton = (page: Page) => page.getByTestId('sync-status');

/** What the window would see when the network goes or comes back: navigator.onLine and the event. */
async function setNavigatorOnline(page: Page, online: boolean): Promise<void> {
  await page.evaluate((value) => {
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => value });
    window.dispatchEvent(new Event(value ? 'online' : 'offline'));
  }, online);
}

/** Opens the app and waits for the first sync (sign-in to the built-in server, the portfolio pulled) to finish. */
async function openSynced(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(statusButton(page)).toHaveAttribute('data-state', 'idle', { timeout: 90_000 });
  await expect(dataRows(page).first()).toBeVisible();
}

test('signed in to the built-in server: the status, the panel, Sync now, offline, sign out and someone else signing in', async ({ app, page }) => {
  await openSynced(page, app.url);
  await expect(page.getByTestId('sync-headline')).toHaveText(/^Synced /);
  await statusButton(page).click();
  const panel = page.getByRole('dialog', { name: /^Synced / });
  await expect(panel).toContainText(app.syncServerUrl);
  await expect(panel).toContainText('built-in demo server');
  await expect(panel).toContainText('Jordan Reyes (jordan.reyes) · Collector');
  await expect(panel).toContainText('Changes waiting0');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/sync-panel-signed-in-${scheme}.png` });
  }
  await panel.getByRole('button', { name: 'Sync now' }).click();
  // The button keeps the focus while it syncs, so Escape closes the panel whenever it comes.
  await expect(panel.getByRole('button', { name: /^(Sync now|Syncing…)$/ })).toBeFocused();
  await expect(panel.getByRole('button', { name: 'Sync now' })).toBeEnabled();
  await expect(statusButton(page)).toHaveAttribute('data-state', 'idle');
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();

  // The window loses the network (Chromium's offline mode would also cut the page off from
  // dev:web itself, which the desktop's IPC never is): the engine hears of it and says so.
  await setNavigatorOnline(page, false);
  await expect(statusButton(page)).toHaveAttribute('data-state', 'offline');
  await expect(page.getByTestId('sync-headline')).toHaveText('Offline');
  await statusButton(page).click();
  await expect(page.getByTestId('sync-error')).toContainText('No connection to the server. Your changes are kept on this computer');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('sync-error')).toBeHidden();
  await setNavigatorOnline(page, true);
  await expect(statusButton(page)).toHaveAttribute('data-state', 'idle');

  await statusButton(page).click();
  await panel.getByRole('button', { name: 'Server and account…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sync server and account' });
  await expect(dialog.getByTestId('signed-in-as')).toContainText('Jordan Reyes (jordan.reyes)');
  await expect(dialog.getByRole('textbox', { name: 'Server address' })).toHaveValue(app.syncServerUrl);
  await expect(dialog.getByRole('textbox', { name: 'Username' })).toHaveValue('jordan.reyes');
  await expect(dialog.getByLabel('Password')).toBeFocused();
  await page.keyboard.type('not the password');
  await page.keyboard.press('Enter');
  await expect(dialog.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/sync-sign-in-signed-in-${scheme}.png` });
  }
  await dialog.getByRole('button', { name: 'Sign out' }).click();
  await expect(dialog).toBeHidden();
  await expect(statusButton(page)).toHaveAttribute('data-state', 'signed_out');
  await expect(page.getByTestId('sync-headline')).toHaveText('Sign in to sync');

  // Work goes on signed out; then someone else signs in on this computer.
  const { rows } = (await app.call('worklist.query', { limit: 1 })) as { rows: { customerId: string }[] };
  await app.call('note.add', { customerId: rows[0]?.customerId, body: 'typed while signed out' });
  await statusButton(page).click();
  await page.getByRole('button', { name: 'Sign in…' }).click();
  const signIn = page.getByRole('dialog', { name: 'Sign in to sync' });
  await expect(signIn.getByRole('textbox', { name: 'Username' })).toHaveValue('jordan.reyes');
  await signIn.getByRole('textbox', { name: 'Username' }).fill(DEMO_USERNAMES.secondCollector);
  await signIn.getByLabel('Password').fill(app.syncServerPassword);
  await page.keyboard.press('Enter');
  const warning = signIn.getByTestId('unsent-warning');
  await expect(warning).toContainText('1 change not yet sent');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.screenshot({ path: `${SHOTS}/sync-sign-in-unsent-light.png` });
  await warning.getByRole('checkbox', { name: 'Discard the unsent changes on this computer' }).check();
  await page.keyboard.press('Enter');
  await expect(signIn).toBeHidden({ timeout: 60_000 });
  await expect(statusButton(page)).toHaveAttribute('data-state', 'idle');
  await statusButton(page).click();
  await expect(page.getByRole('dialog', { name: /^Synced / })).toContainText(`(${DEMO_USERNAMES.secondCollector})`);
  await expect(page.getByRole('dialog', { name: /^Synced / })).toContainText('Changes waiting0');
  // The new user is this computer's user now: the top bar says so without a reload.
  await expect(page.getByTestId('session-info')).toContainText('Priya');
});

/** Signs in as `username` from the sync panel, as a user switching on a shared workstation does, and waits for the portfolio. */
async function signInAs(page: Page, app: SyncedApp, username: string): Promise<void> {
  await statusButton(page).click();
  await page.getByRole('dialog', { name: /^Synced / }).getByRole('button', { name: 'Server and account…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sync server and account' });
  await dialog.getByRole('textbox', { name: 'Username' }).fill(username);
  await dialog.getByLabel('Password').fill(app.syncServerPassword);
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden({ timeout: 60_000 });
  await expect(statusButton(page)).toHaveAttribute('data-state', 'idle', { timeout: 60_000 });
}

interface OverrideRow {
  readonly customerId: string;
  readonly override: { readonly kind: string; readonly reason: string; readonly expiresAt: string | null } | null;
}

test("a collector's pins and snoozes survive a sign-in as the team lead and back, and are not the lead's; each user starts on their worklist as themselves", async ({ app, page }) => {
  test.slow(true, 'three snapshots of the demo portfolio');
  await openSynced(page, app.url);
  await expect(page.getByTestId('sync-headline')).toHaveText(/^Synced /);
  const overrides = async (): Promise<Map<string, OverrideRow['override']>> => {
    const { rows } = (await app.call('worklist.query', { limit: 500 })) as { rows: OverrideRow[] };
    return new Map(rows.map((row) => [row.customerId, row.override]));
  };
  const { rows } = (await app.call('worklist.query', { limit: 20 })) as { rows: OverrideRow[] };
  const [pinned, snoozed] = rows.filter((row) => row.override === null);
  if (pinned === undefined || snoozed === undefined) throw new Error('two customers without a pin or snooze expected');
  await app.call('worklist.setOverride', { customerId: pinned.customerId, kind: 'pin', reason: 'CFO promised a call back', expiresAt: null });
  await app.call('worklist.setOverride', { customerId: snoozed.customerId, kind: 'snooze', reason: 'Waiting for the payment run', expiresAt: '2026-11-27T23:00:00.000Z' });
  const mine = await overrides();
  expect(mine.get(pinned.customerId)).toEqual({ kind: 'pin', reason: 'CFO promised a call back', expiresAt: null });

  await signInAs(page, app, DEMO_USERNAMES.teamLead);
  await expect(page.getByTestId('session-info')).toContainText('Sabine');
  // The lead sees the customers, but not the collector's pins and snoozes: they are hers.
  const leads = await overrides();
  expect(leads.has(pinned.customerId)).toBe(true);
  expect(leads.get(pinned.customerId)).toBeNull();
  expect(leads.get(snoozed.customerId)).toBeNull();
  // "Me" is the lead now, without a reload.
  await page.keyboard.press('g');
  await page.keyboard.press('d');
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Scope' }).click();
  await expect(page.getByRole('option', { name: 'Sabine Krüger (me)' })).toBeVisible();
  await expect(page.getByRole('option', { name: 'Jordan Reyes', exact: true })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.keyboard.press('g');
  await page.keyboard.press('t');
  await expect(page.getByRole('heading', { level: 1, name: 'Team' })).toBeVisible();

  // Back as the collector: she starts on her worklist, not on the lead's team screen.
  await signInAs(page, app, DEMO_USERNAMES.collector);
  await expect(page.getByTestId('session-info')).toContainText('Jordan');
  await expect(page.getByRole('heading', { level: 1, name: 'Worklist' })).toBeVisible();
  await expect(page.getByText('The team screen is for team leads.')).toHaveCount(0);
  const back = await overrides();
  expect(back.get(pinned.customerId)).toEqual({ kind: 'pin', reason: 'CFO promised a call back', expiresAt: null });
  expect(back.get(snoozed.customerId)).toEqual({ kind: 'snooze', reason: 'Waiting for the payment run', expiresAt: '2026-11-27T23:00:00.000Z' });
  // Every pin and snooze she had before is back, not only the two set here.
  expect([...back].filter(([, override]) => override !== null)).toEqual([...mine].filter(([, override]) => override !== null));
  await expect(page.locator(`[data-customer-id="${pinned.customerId}"]`)).toHaveAttribute('data-override', 'pin');
});

interface FollowUpRow {
  readonly id: string;
  readonly title: string;
  readonly customerName: string;
}

/** A note of the demo portfolio, found through the app's API. */
async function someNote(app: SyncedApp): Promise<{ id: string; customerName: string }> {
  const page = (await app.call('worklist.query', { limit: 50 })) as { rows: { customerId: string; name: string }[] };
  for (const row of page.rows) {
    const work = (await app.call('customer.work', { customerId: row.customerId })) as { notes: { id: string; isCurrent: boolean }[] };
    const note = work.notes.find((candidate) => candidate.isCurrent);
    if (note) return { id: note.id, customerName: row.name };
  }
  throw new Error('no customer with a note among the first 50');
}

test('changes the server refused appear in the sync issues, readable, to retry or discard', async ({ app, page }) => {
  await openSynced(page, app.url);
  const [followUp] = (await app.call('followUps.mine', {})) as FollowUpRow[];
  if (!followUp) throw new Error('the demo has no follow-up due');
  const note = await someNote(app);

  // Someone else, on another computer, closes the follow-up and edits the note first.
  const other = createSyncClient({ baseUrl: app.syncServerUrl, timeoutMs: 30_000 });
  const session = await other.login(DEMO_USERNAMES.collector, app.syncServerPassword);
  const createdAt = new Date(E2E_NOW).toISOString();
  const pushed = await other.push(session.accessToken, {
    clientId: randomUUID(),
    mutations: [
      { id: randomUUID(), seq: 1, name: 'followUp.complete', args: { followUpId: followUp.id, comment: 'done elsewhere' }, createdAt },
      { id: randomUUID(), seq: 2, name: 'note.edit', args: { noteId: note.id, body: 'Edited on the other computer.' }, createdAt },
    ],
  });
  expect(pushed.body.results.map((result) => result.status)).toEqual(['applied', 'applied']);

  // This computer has not heard of it: the follow-up is done here from the UI, the note edited.
  await page.keyboard.press('g');
  await page.keyboard.press('f');
  await page.getByRole('button', { name: `Done: ${followUp.title} (${followUp.customerName})` }).click();
  await expect(statusButton(page)).toHaveAccessibleName(/1 change waiting/);
  await expect(page.getByTestId('sync-pending-badge')).toContainText('1');
  await app.call('note.edit', { noteId: note.id, body: 'Customer confirmed the new delivery address.\nCall again on Friday.' });

  await statusButton(page).click();
  const panel = page.getByRole('dialog', { name: /^Synced / });
  await expect(panel).toContainText('Changes waiting2');
  await panel.getByRole('button', { name: 'Sync now' }).click();
  // The open panel hides the rest of the page from assistive technology, so the label is read as an attribute.
  await expect(statusButton(page)).toHaveAttribute('aria-label', /2 sync issues/);
  await expect(page.getByTestId('sync-issues-badge')).toHaveText('2');
  await expect(panel).toContainText('Changes waiting0');
  await panel.getByRole('link', { name: 'Review them' }).click();
  await expect(page).toHaveURL(/#\/sync-issues$/);

  const issues = page.getByTestId('sync-issue');
  await expect(issues).toHaveCount(2);
  const noteIssue = page.getByRole('article', { name: `Note edited for ${note.customerName}` });
  const followUpIssue = page.getByRole('article', { name: `Follow-up completed for ${followUp.customerName}` });
  await expect(noteIssue).toContainText('Changed meanwhile');
  const noteLines = noteIssue.getByTestId('issue-details');
  await expect(noteLines.getByRole('term')).toHaveText(['Your text', 'Edited from', 'Current text']);
  await expect(noteLines.getByRole('definition').first()).toHaveText('Customer confirmed the new delivery address.\nCall again on Friday.');
  await expect(noteLines.getByRole('definition').last()).toHaveText('Edited on the other computer.');
  await expect(followUpIssue).toContainText('The server says:');
  await expect(followUpIssue.getByTestId('issue-details')).toContainText(followUp.title);
  await expect(followUpIssue.getByRole('link', { name: followUp.customerName })).toHaveAttribute('href', /#\/customer\//);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/sync-issues-${scheme}.png`, fullPage: true });
  }

  await noteIssue.getByRole('button', { name: 'Show details' }).click();
  await expect(noteIssue.getByLabel('The change as stored')).toContainText('"name": "note.edit"');

  // The follow-up is closed now: doing it again cannot work, and says why.
  await followUpIssue.getByRole('button', { name: /^Retry/ }).click();
  await expect(followUpIssue.getByRole('alert')).toContainText('The change cannot be made again as it was');
  await followUpIssue.getByRole('button', { name: /^Discard/ }).click();
  const confirm = page.getByRole('dialog', { name: 'Discard this change?' });
  await expect(confirm.getByRole('button', { name: 'Keep it' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Discard' }).click();
  await expect(followUpIssue).toBeHidden();

  // The note edit goes again on top of the other computer's version.
  await noteIssue.getByRole('button', { name: /^Retry/ }).click();
  await expect(page.getByText('Nothing waiting')).toBeVisible();
  await expect(page.getByTestId('sync-issues-badge')).toBeHidden();
  await expect(statusButton(page)).toHaveAccessibleName(/1 change waiting/);
});
