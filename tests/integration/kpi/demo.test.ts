/** kpi.dashboard and kpi.forecast on the small demo portfolio: consistent with the ledger and with each other. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../db/demo/seed';
import { createTestApi, TEST_AS_OF, type TestApi } from '../../support/test-api';
import { DEFAULT_FX, toBaseMinor } from '../../../shared/domain/fx';

let api: TestApi;
let collectorId: string;

beforeAll(async () => {
  api = await createTestApi();
  await seedDemo(api.store, { size: 'small', seed: 1, asOf: TEST_AS_OF });
  collectorId = api.store.sqlite.prepare<[], { id: string }>('SELECT id FROM users WHERE is_local_profile = 1').get()?.id ?? '';
});
afterAll(async () => {
  await api.cleanup();
});

const total = (text: string, ...params: unknown[]): number => api.store.sqlite.prepare<unknown[], { total: number | null }>(text).get(...params)?.total ?? 0;
const ledgerRow = (text: string, ...params: unknown[]) => api.store.sqlite.prepare<unknown[], { total: number; current: number }>(text).get(...params);

describe('kpi.dashboard on the demo', () => {
  it('ends the current month with the ledger: AR today is the open balance of the items', async () => {
    const dashboard = await api.call('kpi.dashboard', { month: '2026-11', currency: 'EUR' });
    expect(dashboard.currency).toBe('EUR');
    expect(dashboard.currencies).toEqual(expect.arrayContaining(['EUR', 'USD', 'GBP']));
    const ledger = ledgerRow(
      "SELECT sum(open_minor) AS total, sum(CASE WHEN due_date >= ? THEN open_minor ELSE 0 END) AS current FROM open_items WHERE currency = 'EUR' AND document_date <= ?",
      TEST_AS_OF,
      TEST_AS_OF,
    );
    expect(dashboard.figures.percentCurrent.inputs).toMatchObject({ totalArMinor: ledger?.total, currentArMinor: ledger?.current });
    expect(dashboard.figures.dso.inputs.endingArMinor).toBe(ledger?.total);
  });

  it('converts every currency: AR today is the sum of the open balance of each currency at its rate', async () => {
    const dashboard = await api.call('kpi.dashboard', { month: '2026-11' });
    const rows = api.store.sqlite
      .prepare<[string], { currency: string; total: number }>('SELECT currency, sum(open_minor) AS total FROM open_items WHERE document_date <= ? GROUP BY currency ORDER BY currency')
      .all(TEST_AS_OF);
    expect(dashboard.byCurrency.map((row) => [row.currency, row.totalMinor])).toEqual(rows.map((row) => [row.currency, row.total]));
    const converted = rows.reduce((sum, row) => sum + toBaseMinor(row.total, row.currency, DEFAULT_FX), 0);
    expect(dashboard.figures.dso.inputs.endingArMinor).toBe(converted);
    expect(dashboard.byCurrency.reduce((sum, row) => sum + (row.totalBaseMinor ?? 0), 0)).toBe(converted);
  });

  it('gives every figure either a value or a reason, and ADD = DSO − best possible DSO', async () => {
    for (const month of ['2026-11', '2026-08']) {
      const { figures, trend } = await api.call('kpi.dashboard', { month });
      for (const figure of Object.values(figures)) expect(figure.value === null).toBe(figure.reason !== null);
      for (const point of trend) {
        const { dso, bestPossibleDso, averageDaysDelinquent } = point.values;
        if (dso !== null && bestPossibleDso !== null) expect(averageDaysDelinquent).toBeCloseTo(dso - bestPossibleDso, 2);
      }
    }
  });

  it('closes one month where the next one opens', async () => {
    const october = await api.call('kpi.dashboard', { month: '2026-10' });
    const november = await api.call('kpi.dashboard', { month: '2026-11' });
    expect(november.figures.cei.inputs.openingArMinor).toBe(october.figures.dso.inputs.endingArMinor);
    expect(november.trend.at(-2)?.values).toEqual(october.trend.at(-1)?.values);
  });

  it('gives the local collector, who holds every demo customer, the team figures', async () => {
    const team = await api.call('kpi.dashboard', { month: '2026-10' });
    const mine = await api.call('kpi.dashboard', { month: '2026-10', collectorId });
    expect(mine.figures.dso).toEqual(team.figures.dso);
    expect(mine.figures.keptRateByAmount).toEqual(team.figures.keptRateByAmount);
    expect(mine.contacts.every((entry) => entry.collectorId === collectorId)).toBe(true);
  });
});

describe('kpi.forecast on the demo', () => {
  it('places every open minor unit in a week, beyond week 13 or in the discount, per currency', async () => {
    const forecast = await api.call('kpi.forecast', {});
    expect(forecast.totals.length).toBeGreaterThan(1);
    for (const { currency, beyondMinor, discountedMinor } of forecast.totals) {
      const weeks = forecast.weeks.reduce((sum, week) => {
        const amount = week.amounts.find((entry) => entry.currency === currency);
        return sum + (amount ? amount.promisedMinor + amount.itemsMinor : 0);
      }, 0);
      const promised = total("SELECT sum(max(0, amount_minor - paid_minor)) AS total FROM promises WHERE status = 'open' AND currency = ?", currency);
      const items = total(
        `SELECT sum(open_minor) AS total FROM open_items WHERE open_minor <> 0 AND currency = ? AND id NOT IN
           (SELECT pi.open_item_id FROM promise_items pi JOIN promises p ON p.id = pi.promise_id WHERE p.status = 'open')`,
        currency,
      );
      expect(weeks + beyondMinor + discountedMinor, currency).toBe(promised + items);
    }
  });
});
