// `npm run bench [-- --json]`: every benchmark suite, one after the other: the local store, the
// reports and the KPI dashboard on the large demo, the forecast's backtest on the IBM sample, then
// the sync server's and the first full sync (PostgreSQL at DATABASE_URL), the ERP import of a million items,
// the interface's language switch and the collector's frequent interactions in Chromium (on the renderer
// build, which they make when missing).
import { spawnSync } from 'node:child_process';

const SUITES = ['tests/bench/run.ts', 'tests/bench/reports.ts', 'tests/bench/kpi.ts', 'tests/bench/forecast-backtest.ts', 'tests/bench/sync.ts', 'tests/bench/first-sync.ts', 'tests/bench/import.ts', 'tests/bench/ui-language.ts', 'tests/bench/ui.ts'];

const args = process.argv.slice(2);
for (const suite of SUITES) {
  const { status } = spawnSync(process.execPath, ['--import', 'tsx', suite, ...args], { stdio: 'inherit' });
  if (status !== 0) process.exit(status ?? 1);
}
