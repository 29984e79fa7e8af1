/**
 * The sync UI against dev:web without a sync server (local only): the top-bar status and its
 * panel, the network reported to the engine, the sync-issues screen's empty state, and the
 * sign-in dialog's field errors. Screenshots go to /tmp/shots/sync-*.png.
 */
import type { Page } from '@playwright/test';
import { seriousViolations } from './axe';
import { expect, test } from './fixtures';
import { openWorklist } from './ui';

const SHOTS = '/tmp/shots';

const statusButton = (page: Page) => page.getByTestId('sync-status');

async function openPanel(page: Page) {
  await statusButton(page).click();
  const panel = page.getByRole('dialog', { name: 'Local only' });
  await expect(panel).toBeVisible();
  return panel;
}

async function openSignIn(page: Page) {
  const panel = await openPanel(page);
  await panel.getByRole('button', { name: 'Connect to a server…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sign in to sync' });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('the top bar says the app is local only, and the panel tells what that means', async ({ server, page }) => {
  await openWorklist(page, server.url);
  await expect(statusButton(page)).toHaveAttribute('data-state', 'local_only');
  await expect(statusButton(page)).toHaveAccessibleName('Sync: Local only');
  const panel = await openPanel(page);
  await expect(panel).toContainText('This computer is not connected to a server');
  await expect(panel.getByRole('definition').first()).toHaveText('None (this computer only)');
  await expect(panel).toContainText('Last syncNever');
  await expect(panel).toContainText('Changes waiting0');
  // Nothing to sync with: no "Sync now".
  await expect(panel.getByRole('button', { name: 'Sync now' })).toHaveCount(0);
  await panel.getByRole('link', { name: 'Open the list' }).click();
  await expect(page).toHaveURL(/#\/sync-issues$/);
  await expect(page.getByRole('heading', { name: 'Sync issues' })).toBeVisible();
});

test('the window tells the sync engine when the network goes and comes back', async ({ server, page }) => {
  const reports: unknown[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/api/sync.network')) reports.push(request.postDataJSON());
  });
  await openWorklist(page, server.url);
  await expect.poll(() => reports).toEqual([{ online: true }]);
  await page.context().setOffline(true);
  await expect.poll(() => reports).toEqual([{ online: true }, { online: false }]);
  await page.context().setOffline(false);
  await expect.poll(() => reports).toEqual([{ online: true }, { online: false }, { online: true }]);
});

test('g s opens the sync issues, which say that nothing is waiting', async ({ server, page }) => {
  await openWorklist(page, server.url);
  await page.keyboard.press('g');
  await page.keyboard.press('s');
  await expect(page).toHaveURL(/#\/sync-issues$/);
  await expect(page.getByTestId('sync-issues-count')).toHaveText('0 changes the server refused');
  // The s went to the shortcut only: the worklist did not also snooze its selected customer.
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Nothing waiting' })).toContainText('Every change reached the server.');
  await page.keyboard.press('Escape');
  await expect(page).not.toHaveURL(/sync-issues/);
});

test('the shortcuts overlay lists g s', async ({ server, page }) => {
  await openWorklist(page, server.url);
  await page.keyboard.press('?');
  const sync = page.getByRole('dialog', { name: 'Keyboard shortcuts' }).getByRole('region', { name: 'Sync' });
  await expect(sync).toContainText('Sync issues: changes the server refused');
});

test('the sign-in dialog names the field at fault, from the keyboard', async ({ server, page }) => {
  await openWorklist(page, server.url);
  const dialog = await openSignIn(page);
  const address = dialog.getByRole('textbox', { name: 'Server address' });
  // No server yet: the focus starts on the address.
  await expect(address).toBeFocused();
  await page.keyboard.type('ledgerline.example.com');
  await page.keyboard.press('Enter');
  await expect(dialog.getByText('Server address must be an https:// address (plain http only for a server on this computer)')).toBeVisible();
  await expect(address).toHaveAttribute('aria-invalid', 'true');

  await address.fill('http://127.0.0.1:9');
  await page.keyboard.press('Enter');
  await expect(dialog.getByText('Username is required')).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: 'Username' })).toHaveAttribute('aria-invalid', 'true');
  await expect(address).toHaveAttribute('aria-invalid', 'false');

  await dialog.getByRole('textbox', { name: 'Username' }).fill('ana.collector');
  await page.keyboard.press('Enter');
  await expect(dialog.getByText('Password is required')).toBeVisible();

  await dialog.getByLabel('Password').fill('wrong');
  await page.keyboard.press('Enter');
  // dev:web with sync off refuses any sign-in, and says so on the server address.
  await expect(dialog.getByText(/Sync is turned off on this computer/)).toBeVisible();
  await expect(address).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByLabel('Password')).toHaveAttribute('aria-invalid', 'false');

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(statusButton(page)).toHaveAttribute('data-state', 'local_only');
});

test('Enter pressed while the previous sign-in is still being checked is not lost', async ({ server, page }) => {
  // Every answer to a sign-in comes late, as on a busy machine.
  await page.route('**/api/sync.signIn', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 800));
    await route.continue();
  });
  await openWorklist(page, server.url);
  const dialog = await openSignIn(page);
  await dialog.getByRole('textbox', { name: 'Server address' }).fill('http://127.0.0.1:9');
  await dialog.getByRole('textbox', { name: 'Username' }).fill('ana.collector');
  await page.keyboard.press('Enter');
  await expect(dialog.getByText('Password is required')).toBeVisible();
  await dialog.getByLabel('Password').fill('wrong');
  await page.keyboard.press('Enter');
  await expect(dialog.getByText(/Sync is turned off on this computer/)).toBeVisible();
  await expect(dialog.getByLabel('Password')).toHaveAttribute('aria-invalid', 'false');
});

// One screen and one scan a test, on the worker's shared server: nothing here is saved.
for (const scheme of ['light', 'dark'] as const) {
  test.describe(`accessibility of the sync screens (${scheme})`, () => {
    test.beforeEach(async ({ readOnlyServer, page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await openWorklist(page, readOnlyServer.url);
      await expect(statusButton(page)).toBeVisible();
    });

    test('the top bar with its sync status', async ({ page }) => {
      expect(await seriousViolations(page)).toEqual([]);
    });

    test('the sync panel', async ({ page }) => {
      await openPanel(page);
      await page.screenshot({ path: `${SHOTS}/sync-panel-${scheme}.png` });
      expect(await seriousViolations(page)).toEqual([]);
    });

    test('the sign-in dialog with a field error', async ({ page }) => {
      const dialog = await openSignIn(page);
      await dialog.getByRole('textbox', { name: 'Server address' }).fill('not an address');
      await page.keyboard.press('Enter');
      await expect(dialog.getByText('Server address must be an https:// address (plain http only for a server on this computer)')).toBeVisible();
      await page.screenshot({ path: `${SHOTS}/sync-sign-in-${scheme}.png` });
      expect(await seriousViolations(page)).toEqual([]);
    });

    test('the empty sync issues', async ({ readOnlyServer, page }) => {
      await page.goto(`${readOnlyServer.url}#/sync-issues`);
      await expect(page.getByText('Nothing waiting')).toBeVisible();
      await page.screenshot({ path: `${SHOTS}/sync-issues-empty-${scheme}.png` });
      expect(await seriousViolations(page)).toEqual([]);
    });
  });
}

test('signing in with every field empty flags each of them', async ({ server, page }) => {
  await openWorklist(page, server.url);
  const dialog = await openSignIn(page);
  await dialog.getByLabel('Server address').fill('');
  await dialog.getByLabel('Username').fill('');
  await dialog.getByRole('button', { name: 'Sign in' }).click();
  for (const label of ['Server address', 'Username', 'Password']) {
    await expect(dialog.getByLabel(label)).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.getByText(`${label} is required`)).toBeVisible();
  }
  await dialog.getByLabel('Username').fill('ann');
  await expect(dialog.getByLabel('Username')).toHaveAttribute('aria-invalid', 'false');
  await expect(dialog.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');
});
