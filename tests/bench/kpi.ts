/**
 * `npx tsx tests/bench/kpi.ts [--json] [--seed N]`: the KPI dashboard and the 13-week forecast on the
 * large demo portfolio (seeded into a temporary directory, as tests/bench/run.ts does), through the
 * real API path in process. One line per case; a missed target shows as ok:false.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatch } from '../../shared/api/dispatch';
import type { OperationName } from '../../shared/api/contract';
import { manualClock } from '../../shared/domain/clock';
import { seedDemo } from '../../db/demo/seed';
import { createHandlers } from '../../db/handlers/create-handlers';
import { createMemoryPreferenceStore } from '../../db/handlers/preferences';
import { openLocalStore } from '../../db/open';
import { summarize, tableHeader, tableRow, type BenchResult } from './stats';
import { benchArgs, runBench } from './harness';

const NOW = '2026-11-23T09:00:00.000Z';
const AS_OF = NOW.slice(0, 10);
const TARGET_MS = 300;
/**
 * The forecast reads more than the dashboard: every open item grouped by due date, each payment that
 * settled an invoice (its timing) and 26 weeks of billing, and spreads each group over the weeks.
 */
const FORECAST_TARGET_MS = 600;

const { json, seed } = benchArgs();

/** Besides wall time: this process's CPU time per call, which a loaded shared machine inflates far less. */
type KpiBenchResult = BenchResult & { readonly cpu_p50_ms: number; readonly load_avg_1m: number };

const print = (result: KpiBenchResult): void => {
  process.stdout.write(json ? `${JSON.stringify(result)}\n` : `${tableRow(result).trimEnd()}   cpu p50 ${result.cpu_p50_ms.toFixed(1)} ms\n`);
};

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledgerline-bench-kpi-'));
  try {
    if (!json) {
      const load = loadavg().map((value) => value.toFixed(1)).join(' ');
      process.stdout.write(`Node ${process.version}, ${cpus().length} CPUs, load average ${load}; large demo, seed ${seed}, as of ${AS_OF}\n\n`);
      process.stdout.write(tableHeader());
    }
    const store = await openLocalStore({ path: join(dataDir, 'ledgerline.db') });
    try {
      await seedDemo(store, { size: 'large', seed, asOf: AS_OF });
      const handlers = createHandlers({
        store,
        preferences: createMemoryPreferenceStore(),
        clock: manualClock(NOW),
        app: { version: 'bench', dataDir, transport: 'ipc' },
      });
      const call = async (operation: OperationName, input: unknown, validateOutput = false): Promise<void> => {
        const result = await dispatch(handlers, operation, input, { validateOutput });
        if (!result.ok) throw new Error(`${operation} ${JSON.stringify(input)} failed: ${result.error.message}`);
      };
      const collectorId = store.sqlite.prepare<[], { id: string }>('SELECT id FROM users WHERE is_local_profile = 1').get()?.id;
      const cases: readonly (readonly [string, OperationName, unknown, number])[] = [
        ['kpi.dashboard.team', 'kpi.dashboard', { month: AS_OF.slice(0, 7) }, TARGET_MS],
        ['kpi.dashboard.team_eur', 'kpi.dashboard', { month: AS_OF.slice(0, 7), currency: 'EUR' }, TARGET_MS],
        ['kpi.dashboard.team_past', 'kpi.dashboard', { month: '2026-06' }, TARGET_MS],
        ['kpi.dashboard.collector', 'kpi.dashboard', { month: AS_OF.slice(0, 7), collectorId }, TARGET_MS],
        ['kpi.forecast.team', 'kpi.forecast', {}, FORECAST_TARGET_MS],
      ];
      for (const [name, operation, input, target] of cases) {
        // Once outside the timings: the answer must match the contract (and promises get evaluated).
        await call(operation, input, true);
        const samples: number[] = [];
        const cpu: number[] = [];
        for (let round = 0; round < 20; round++) {
          const started = performance.now();
          const cpuBefore = process.cpuUsage();
          await call(operation, input);
          const used = process.cpuUsage(cpuBefore);
          samples.push(performance.now() - started);
          cpu.push((used.user + used.system) / 1000);
        }
        const cpuP50 = summarize(name, cpu, null).p50_ms;
        print({ ...summarize(name, samples, target), cpu_p50_ms: cpuP50, load_avg_1m: Math.round((loadavg()[0] ?? 0) * 10) / 10 });
      }
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

runBench(main);
