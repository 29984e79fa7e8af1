/**
 * Every "go to" sequence (`g` then a key) from every screen opens its screen and nothing else: the
 * second key is also a plain key on some screens (`d` raises a dispute on an account, `s` snoozes
 * and `f` goes to the filters on the worklist, `r` reassigns in the team worklist), and must not
 * fire there as well.
 */
import type { Page } from '@playwright/test';
import { expect, LEAD, makeLocalProfile, test } from './fixtures';
import { dataRows, openTopCustomer, openWorklist } from './ui';

const TARGETS: readonly (readonly [key: string, heading: string])[] = [
  ['f', 'My follow-ups'],
  ['d', 'Dashboard'],
  ['r', 'Reports'],
  ['s', 'Sync issues'],
  ['t', 'Team'],
];

/** Opens a screen by its address, as a bookmark would, and waits for its heading. */
async function openByHash(page: Page, hash: string, heading: string): Promise<void> {
  await page.evaluate((next) => {
    window.location.hash = next;
  }, hash);
  await expect(page.getByRole('heading', { level: 1, name: heading, exact: true })).toBeVisible();
}

test('every g sequence opens its screen from every screen, and its second key does nothing else', async ({ server, page }) => {
  test.slow(true, 'seven screens times five sequences, each a screen load');
  makeLocalProfile(server.dataDir, LEAD);
  await openWorklist(page, server.url);
  const first = dataRows(page).first();
  const customerId = (await first.getAttribute('data-customer-id')) ?? '';
  const customerName = (await first.locator('a').first().textContent()) ?? '';
  const screens: readonly (readonly [hash: string, heading: string])[] = [
    ['#/', 'Worklist'],
    [`#/customer/${customerId}`, customerName],
    ['#/follow-ups', 'My follow-ups'],
    ['#/team', 'Team'],
    ['#/dashboard', 'Dashboard'],
    ['#/reports', 'Reports'],
    ['#/sync-issues', 'Sync issues'],
  ];
  for (const [hash, from] of screens) {
    for (const [key, heading] of TARGETS) {
      if (heading === from) continue;
      await test.step(`g ${key} from ${from}`, async () => {
        await openByHash(page, hash, from);
        await page.keyboard.press('g');
        await page.keyboard.press(key);
        await expect(page.getByRole('heading', { level: 1, name: heading, exact: true })).toBeVisible();
        await expect(page.getByRole('dialog')).toHaveCount(0);
        await expect(page.getByRole('menu')).toHaveCount(0);
      });
    }
  }
});

test('g then a key that opens nothing keeps that key its plain meaning, and the key after it too', async ({ readOnlyServer, page }) => {
  await openWorklist(page, readOnlyServer.url);
  await page.keyboard.press('g');
  await page.keyboard.press('j');
  await expect(page.locator('#wl-row-1')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('s');
  await expect(page.getByRole('dialog', { name: /^Snooze / })).toBeVisible();
  await expect(page).not.toHaveURL(/sync-issues/);
});

test('Escape then g f typed at once opens my follow-ups, even when the way back lands late', async ({ readOnlyServer, page }) => {
  await openWorklist(page, readOnlyServer.url);
  // A busy browser carries out a Back a moment later; this makes every Back that late, and counts
  // the traversals once they are done.
  await page.evaluate(() => {
    const back = window.navigation.back.bind(window.navigation);
    window.navigation.back = (options) => {
      const committed = new Promise<NavigationHistoryEntry>((resolve, reject) => {
        window.setTimeout(() => {
          void back(options).committed?.then((entry) => {
            document.documentElement.dataset.backs = String(Number(document.documentElement.dataset.backs ?? '0') + 1);
            resolve(entry);
          }, reject);
        }, 300);
      });
      return { committed, finished: committed };
    };
  });
  await openTopCustomer(page);
  await page.keyboard.press('Escape');
  await page.keyboard.press('g');
  await page.keyboard.press('f');
  const followUps = page.getByRole('heading', { level: 1, name: 'My follow-ups', exact: true });
  await expect(followUps).toBeVisible();
  // There once the late Back is done (and not before: the route changes after it), and Back from it
  // returns to the worklist.
  await expect(page.locator('html')).toHaveAttribute('data-backs', '1');
  await expect(followUps).toBeVisible();
  await expect(page).toHaveURL(/#\/follow-ups$/);
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Worklist', exact: true })).toBeVisible();
});
