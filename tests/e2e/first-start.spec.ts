/**
 * A first start of the desktop app, as dev:web runs it with LEDGERLINE_SETUP=ask: the choice
 * between the company's server and the demo, before anything is started or seeded.
 * Screenshots go to /tmp/shots/first-start-*.png.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manualClock } from '../../shared/domain/clock';
import { startWebServer } from '../../electron/web/start';
import { seriousViolations } from './axe';
import { test as base, E2E_NOW, expect } from './fixtures';
import { dataRows } from './ui';

const SHOTS = '/tmp/shots';

const test = base.extend<{ firstStart: { url: string } }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a fixture needs from this pattern; this one needs none.
  firstStart: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ledgerline-e2e-first-'));
    const server = await startWebServer({ dataDir, clock: manualClock(E2E_NOW), sync: 'embedded', setup: 'ask' });
    try {
      await use({ url: server.url });
    } finally {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
});

test('a first start offers the company server or the demo, readable in both schemes; the demo opens the worklist', async ({ firstStart, page }) => {
  test.slow(true, 'starting the demo creates and seeds the built-in server, then pulls the whole portfolio');
  await page.goto(firstStart.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome to Ledgerline' })).toBeVisible();
  const company = page.getByRole('region', { name: "Connect to your company's server" });
  const demo = page.getByRole('region', { name: 'Try the demo portfolio' });
  await expect(company.getByRole('button', { name: 'Connect…' })).toBeFocused();
  await expect(demo).toContainText('Nothing leaves this computer');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/first-start-${scheme}.png` });
  }

  await demo.getByRole('button', { name: 'Start the demo' }).click();
  // The built-in server is created and seeded now, then the first pull fills the worklist.
  await expect(dataRows(page).first()).toBeVisible({ timeout: 90_000 });
  await expect(page.getByRole('heading', { name: 'Welcome to Ledgerline' })).toBeHidden();
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'idle', { timeout: 60_000 });
});

test('connecting to a company server asks for an https address and leaves the choice open until signed in', async ({ firstStart, page }) => {
  await page.goto(firstStart.url);
  await page.getByRole('button', { name: 'Connect…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sign in to sync' });
  await dialog.getByRole('textbox', { name: 'Server address' }).fill('http://ledgerline.acme.example');
  await dialog.getByRole('textbox', { name: 'Username' }).fill('ann');
  await dialog.getByLabel('Password').fill('a password');
  await page.keyboard.press('Enter');
  await expect(dialog.getByText('Server address must be an https:// address (plain http only for a server on this computer)')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('region', { name: 'Try the demo portfolio' })).toBeVisible();
});
