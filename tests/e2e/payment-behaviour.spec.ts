/**
 * How each customer pays (issue 32, point 7): the worklist's "Pays · late" column sorts by average
 * days paid after the due date and by the share paid late, and the account shows the same figures
 * with days to pay month by month, as the API computes them.
 */
import type { APIRequestContext } from '@playwright/test';
import { expect, test } from './fixtures';
import { dataRows, openWorklist } from './ui';

interface Payments {
  readonly paidInvoices: number;
  readonly averageDaysLate: number;
  readonly shareLate: number;
}
interface Row {
  readonly name: string;
  readonly payments: Payments | null;
}

async function worklist(request: APIRequestContext, url: string, by: 'daysLate' | 'shareLate'): Promise<Row[]> {
  const response = await request.post(`${url}api/worklist.query`, { data: { sort: { by, dir: 'desc' }, limit: 500 } });
  const body = (await response.json()) as { ok: boolean; value: { rows: Row[] } };
  expect(body.ok).toBe(true);
  return body.value.rows;
}

const signed = (days: number): string => `${days > 0 ? '+' : days < 0 ? '−' : ''}${new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(Math.abs(days))} d`;

test('the worklist sorts by how customers pay, and the account shows how one pays', async ({ server, page, request }) => {
  await openWorklist(page, server.url);
  const byDays = await worklist(request, server.url, 'daysLate');
  const slowest = byDays[0];
  expect(slowest?.payments).not.toBeNull();
  const days = byDays.flatMap((row) => (row.payments === null ? [] : [row.payments.averageDaysLate]));
  expect(days).toEqual([...days].sort((a, b) => b - a));

  await page.getByRole('button', { name: 'Pays' }).click();
  await expect(page.getByRole('columnheader', { name: /Pays/ })).toHaveAttribute('aria-sort', 'descending');
  const firstRow = dataRows(page).first();
  await expect(firstRow).toContainText(slowest?.name ?? '');
  await expect(firstRow.getByTestId('pays')).toContainText(signed(slowest?.payments?.averageDaysLate ?? 0));

  const byShare = await worklist(request, server.url, 'shareLate');
  await page.getByRole('button', { name: 'Share paid late' }).click();
  await expect(dataRows(page).first()).toContainText(byShare[0]?.name ?? '');

  await dataRows(page).first().locator('a').first().click();
  const panel = page.getByTestId('payment-behaviour');
  await expect(panel.getByRole('heading', { name: 'How they pay' })).toBeVisible();
  const share = byShare[0]?.payments;
  await expect(panel.getByTestId('share-late')).toHaveText(`${String(Math.round((share?.shareLate ?? 0) * 100))}% of ${String(share?.paidInvoices ?? 0)}`);
  const chart = panel.getByRole('img', { name: /Average days to pay by month of payment/ });
  await expect(chart).toBeVisible();
  // The chart is drawn at the width of its box, and follows it when the window narrows.
  const drawnAtBoxWidth = async () => {
    const [box, drawn] = await chart.evaluate((element) => [element.clientWidth, element.querySelector('svg')?.getBoundingClientRect().width ?? 0]);
    return Math.abs(box - drawn) <= 1 && drawn > 0;
  };
  await expect.poll(drawnAtBoxWidth).toBe(true);
  const before = await chart.evaluate((element) => element.clientWidth);
  await page.setViewportSize({ width: 1100, height: 800 });
  await expect.poll(() => chart.evaluate((element) => element.clientWidth)).not.toBe(before);
  await expect.poll(drawnAtBoxWidth).toBe(true);
});
