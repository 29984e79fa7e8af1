/**
 * The team lead end to end: the demo's local profile is a collector, so each test first makes the
 * demo's team lead (Sabine Krüger) the local profile, straight in the test's own database file,
 * and seeds the escalation request it decides.
 */
import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext, Page } from '@playwright/test';
import { v7 as uuidv7 } from 'uuid';
import { E2E_NOW, expect, LEAD, makeLocalProfile, test, type E2eServer } from './fixtures';

/** Calls an operation over HTTP, as the renderer does; throws on an error Result. */
async function call<T>(request: APIRequestContext, url: string, operation: string, input: object): Promise<T> {
  const response = await request.post(`${url}api/${operation}`, { data: input });
  const body = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!body.ok || body.value === undefined) throw new Error(`${operation}: ${body.error?.message ?? 'no value'}`);
  return body.value;
}

interface Customer {
  readonly customerId: string;
  readonly name: string;
}

/** Makes the team lead the local profile and asks for a write-off on the top customer; that customer. */
async function signInAsLead(server: E2eServer, request: APIRequestContext): Promise<Customer> {
  const { rows } = await call<{ rows: Customer[] }>(request, server.url, 'worklist.query', { limit: 1 });
  const top = rows[0];
  if (!top) throw new Error('the demo portfolio is empty');
  makeLocalProfile(server.dataDir, LEAD, (sqlite, requester) => {
    sqlite
      .prepare(
        `INSERT INTO escalations (id, customer_id, kind, amount_minor, currency, reason, status, requested_by, requested_at)
         VALUES (?, ?, 'write_off', 4200, 'EUR', 'Bank charges the customer will never pay', 'requested', ?, ?)`,
      )
      .run(uuidv7(), top.customerId, requester, E2E_NOW);
  });
  return top;
}

async function openTeam(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId('team-button')).toBeVisible();
  await page.locator('body').press('g');
  await page.locator('body').press('t');
  await expect(page.getByRole('heading', { name: 'Team', level: 1 })).toBeVisible();
  await expect(page.getByTestId('collector-load-row').first()).toBeVisible();
}

test('the team screen with a pending request has no serious accessibility violations', async ({ server, page, request }) => {
  const customer = await signInAsLead(server, request);
  await openTeam(page, server.url);
  await expect(page.getByTestId('pending-escalation').filter({ hasText: 'Bank charges the customer will never pay' })).toContainText(customer.name);
  await page.screenshot({ path: test.info().outputPath('team-screen.png'), fullPage: true });
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id)).toEqual([]);
});

test('a team lead approves a write-off; the decision is on the customer timeline', async ({ server, page, request }) => {
  const customer = await signInAsLead(server, request);
  await openTeam(page, server.url);
  const request_ = page.getByTestId('pending-escalation').filter({ hasText: 'Bank charges the customer will never pay' });
  await expect(request_).toContainText(customer.name);
  await expect(request_).toContainText('Jordan Reyes');

  await request_.getByRole('button', { name: `Approve write-off for ${customer.name}` }).click();
  const dialog = page.getByRole('dialog', { name: 'Approve write-off' });
  await dialog.getByLabel('Comment (optional)').fill('Below the threshold; book it this month');
  await dialog.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByTestId('team-message')).toHaveText(`Write-off approved for ${customer.name}`);
  await expect(request_).toHaveCount(0);

  await page.goto(`${server.url}#/customer/${customer.customerId}`);
  const entry = page.getByText('Write-off approved', { exact: true });
  await expect(entry).toBeVisible();
  const timelineList = page.getByRole('list', { name: 'Timeline entries, newest first' });
  await expect(timelineList.getByText('Below the threshold; book it this month')).toBeVisible();
  // The request's card keeps the decision too, where the collector asked.
  await expect(page.getByTestId('escalation-decision')).toContainText('Below the threshold; book it this month');
});

test('a rejection needs a comment', async ({ server, page, request }) => {
  const customer = await signInAsLead(server, request);
  await openTeam(page, server.url);
  await page.getByRole('button', { name: `Reject write-off for ${customer.name}` }).click();
  const dialog = page.getByRole('dialog', { name: 'Reject write-off' });
  await dialog.getByRole('button', { name: 'Reject' }).click();
  const comment = dialog.getByRole('textbox', { name: /Comment/ });
  await expect(comment).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog).toContainText('A rejection needs a comment');
  await comment.fill('Call the customer once more first');
  await dialog.getByRole('button', { name: 'Reject' }).click();
  await expect(page.getByTestId('team-message')).toHaveText(`Write-off rejected for ${customer.name}`);
});

test('a team lead reassigns a customer with the keyboard; the load and the team worklist follow', async ({ server, page, request }) => {
  await signInAsLead(server, request);
  await openTeam(page, server.url);
  const loadRow = (name: string) => page.getByTestId('collector-load-row').filter({ hasText: name });
  await expect(loadRow('Tom Becker').locator('td').first()).toHaveText('0');
  const jordanCustomers = Number(await loadRow('Jordan Reyes').locator('td').first().textContent());

  await loadRow('Jordan Reyes').click();
  await expect(page.getByRole('heading', { name: 'Customers of Jordan Reyes' })).toBeVisible();
  const first = page.getByTestId('team-worklist-row').first();
  const name = (await first.locator('td').nth(1).locator('span').first().textContent()) ?? '';
  await first.focus();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('team-worklist-count')).toContainText('1 selected');
  await page.keyboard.press('r');

  const dialog = page.getByRole('dialog', { name: 'Reassign to…' });
  await dialog.getByRole('combobox', { name: 'New collector' }).click();
  await page.getByRole('option', { name: 'Tom Becker' }).click();
  await dialog.getByLabel('Reason (optional)').fill('Tom takes the Nordic accounts');
  await dialog.getByRole('button', { name: 'Reassign' }).click();
  await expect(page.getByTestId('team-message')).toHaveText('1 customer reassigned to Tom Becker');

  await expect(loadRow('Tom Becker').locator('td').first()).toHaveText('1');
  await expect(loadRow('Jordan Reyes').locator('td').first()).toHaveText(String(jordanCustomers - 1));
  await loadRow('Tom Becker').click();
  await expect(page.getByRole('heading', { name: 'Customers of Tom Becker' })).toBeVisible();
  await expect(page.getByTestId('team-worklist-row')).toHaveCount(1);
  await expect(page.getByTestId('team-worklist-row')).toContainText(name);
});
