/**
 * `npx tsx tests/bench/forecast-backtest.ts [--json]`: the 13-week collection forecast backtested on
 * the IBM accounts-receivable sample at the three as-of dates (tests/support/forecast-backtest.ts):
 * one line per date with the time the product's forecast takes and, side by side, the product's and
 * the reference model's weekly MAPE and 13-week total error against the cash actually collected.
 */
import { summarize, tableHeader, tableRow, type BenchResult } from './stats';
import { benchArgs, runBench, timeCalls } from './harness';
import { backtest, productWeeks, readIbmSample } from '../support/forecast-backtest';

const { json } = benchArgs();
const RUNS = 20;

type BacktestBenchResult = BenchResult & {
  readonly as_of: string;
  readonly actual: string;
  readonly product_weekly_mape_pct: number;
  readonly reference_weekly_mape_pct: number;
  readonly product_total_error_pct: number;
  readonly reference_total_error_pct: number;
};

const pct = (value: number): number => Math.round(value * 1000) / 10;

async function main(): Promise<void> {
  const invoices = readIbmSample();
  if (!json) process.stdout.write(`IBM accounts-receivable sample, ${String(invoices.length)} invoices; errors in %: product vs reference\n\n${tableHeader()}`);
  for (const row of backtest(invoices)) {
    const samples = await timeCalls(RUNS, () => Promise.resolve(productWeeks(invoices, row.asOf)));
    const result: BacktestBenchResult = {
      ...summarize(`forecast-backtest ${row.asOf}`, samples, null),
      as_of: row.asOf,
      actual: (row.actualMinor / 100).toFixed(2),
      product_weekly_mape_pct: pct(row.product.weeklyMape),
      reference_weekly_mape_pct: pct(row.reference.weeklyMape),
      product_total_error_pct: pct(row.product.totalError),
      reference_total_error_pct: pct(row.reference.totalError),
    };
    process.stdout.write(
      json
        ? `${JSON.stringify(result)}\n`
        : `${tableRow(result).trimEnd()}   MAPE ${String(result.product_weekly_mape_pct)} vs ${String(result.reference_weekly_mape_pct)}, total ${String(result.product_total_error_pct)} vs ${String(result.reference_total_error_pct)} (collected ${result.actual})\n`,
    );
  }
}

runBench(main);
