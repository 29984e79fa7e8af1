/**
 * `node --import tsx tests/bench/reports.ts [--json] [--seed N]`: the exports of issue 6 on the large
 * demo portfolio, through the API (report.exportStart until the job is done): 200,000 contact rows to
 * CSV and to Excel, a PDF of about 500 pages, plus the aging report and the notes preview count.
 * Besides the timings each line says how many rows (and pages) were written, the file size, how far
 * resident memory rose above where it stood when the case began, and the median CPU time of the
 * process (all threads: compression and file writes run off the main thread), which depends less on
 * what else the machine runs than the wall-clock time does.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatch } from '../../shared/api/dispatch';
import type { OperationName } from '../../shared/api/contract';
import { manualClock } from '../../shared/domain/clock';
import { seedDemo } from '../../db/demo/seed';
import { createHandlers } from '../../db/handlers/create-handlers';
import { createMemoryPreferenceStore } from '../../db/handlers/preferences';
import { exportJobsOf, type ExportStatus } from '../../db/reports/export-jobs';
import { openLocalStore, type LocalStore } from '../../db/open';
import { percentile, summarize, tableHeader, tableRow, type BenchResult } from './stats';
import { benchArgs, runBench, timeCalls } from './harness';

const NOW = '2026-11-23T09:00:00.000Z';
const AS_OF = NOW.slice(0, 10);
const MB = 1024 * 1024;
/** Rows per page of the notes PDF measured on the demo portfolio (about 17); the bench aims at 500 pages. */
const PDF_ROWS = 8_700;

const { json, seed } = benchArgs();

type Extra = Record<string, number>;

function print(result: BenchResult, extra: Extra): void {
  if (json) process.stdout.write(`${JSON.stringify({ ...result, ...extra })}\n`);
  else process.stdout.write(`${tableRow(result).trimEnd()}  ${Object.entries(extra).map(([key, value]) => `${key}=${value}`).join(' ')}\n`);
}

type Call = (operation: OperationName, input: unknown) => Promise<unknown>;

function caller(store: LocalStore, dataDir: string): Call {
  const handlers = createHandlers({ store, preferences: createMemoryPreferenceStore(), clock: manualClock(NOW), app: { version: 'bench', dataDir, transport: 'ipc' } });
  return async (operation, input) => {
    const result = await dispatch(handlers, operation, input);
    if (!result.ok) throw new Error(`${operation} ${JSON.stringify(input)} failed: ${result.error.message}`);
    return result.value;
  };
}

/** Peak resident memory while `run` goes on, sampled every 20 ms (the export yields between customers, so the timer fires). */
async function withPeakRss<T>(run: () => Promise<T>): Promise<{ value: T; peak: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  try {
    const value = await run();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { value, peak };
  } finally {
    clearInterval(timer);
  }
}

const pdfPages = (path: string): number => (readFileSync(path, 'latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;

async function exportCase(
  name: string,
  n: number,
  targetMs: number,
  api: Call,
  settle: (jobId: string) => Promise<ExportStatus>,
  input: unknown,
): Promise<void> {
  const samples: number[] = [];
  const cpu: number[] = [];
  let growth = 0;
  let last: ExportStatus | null = null;
  for (let round = 0; round < n; round++) {
    const before = process.memoryUsage.rss();
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const { value, peak } = await withPeakRss(async () => {
      const { jobId } = (await api('report.exportStart', input)) as { jobId: string };
      return settle(jobId);
    });
    samples.push(performance.now() - started);
    const used = process.cpuUsage(cpuBefore);
    cpu.push((used.user + used.system) / 1000);
    if (value.state !== 'done') throw new Error(`${name}: the export ended ${value.state}: ${value.error?.message ?? ''}`);
    growth = Math.max(growth, peak - before);
    if (last) rmSync(last.filePath, { force: true });
    last = value;
  }
  if (!last) return;
  const extra: Extra = {
    rows: last.rows,
    file_mb: Math.round((statSync(last.filePath).size / MB) * 10) / 10,
    rss_growth_mb: Math.round(growth / MB),
    cpu_p50_ms: Math.round(percentile([...cpu].sort((a, b) => a - b), 50)),
  };
  if (last.format === 'pdf') extra.pages = pdfPages(last.filePath);
  rmSync(last.filePath, { force: true });
  print(summarize(name, samples, targetMs), extra);
}

async function timed(name: string, n: number, targetMs: number | null, run: () => Promise<unknown>): Promise<void> {
  print(summarize(name, await timeCalls(n, run), targetMs), {});
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledgerline-bench-reports-'));
  try {
    if (!json) {
      const load = loadavg().map((value) => value.toFixed(1)).join(' ');
      process.stdout.write(`Node ${process.version}, ${cpus().length} CPUs, load average ${load}; large demo, seed ${seed}, as of ${AS_OF}\n\n${tableHeader()}`);
    }
    const store = await openLocalStore({ path: join(dataDir, 'ledgerline.db') });
    try {
      await seedDemo(store, { size: 'large', seed, asOf: AS_OF });
      const api = caller(store, dataDir);
      const jobs = exportJobsOf(store, () => NOW);
      const settle = (jobId: string) => jobs.settled(jobId);

      // Every contact of the portfolio: the large demo has 200,000.
      const contacts = { types: ['contact'] };
      await timed('reports.notes_count', 20, null, () => api('report.notesCount', contacts));
      await exportCase('reports.notes_csv_200k', 3, 3_000, api, settle, { kind: 'notes', format: 'csv', filter: contacts });
      await exportCase('reports.notes_xlsx_200k', 2, 15_000, api, settle, { kind: 'notes', format: 'xlsx', filter: contacts });

      // The first customers (by number) whose entries fill about 500 pages.
      const customerIds: string[] = [];
      let rows = 0;
      const perCustomer = store.sqlite.prepare<[{ id: string }], { n: number }>(
        `SELECT (SELECT count(*) FROM activities WHERE customer_id = @id) + (SELECT count(*) FROM notes WHERE customer_id = @id AND is_current = 1)
          + (SELECT count(*) FROM promises WHERE customer_id = @id) + (SELECT count(*) FROM disputes WHERE customer_id = @id) AS n`,
      );
      for (const { id } of store.sqlite.prepare<[], { id: string }>('SELECT id FROM customers ORDER BY number').iterate()) {
        if (rows >= PDF_ROWS) break;
        customerIds.push(id);
        rows += perCustomer.get({ id })?.n ?? 0;
      }
      await exportCase('reports.notes_pdf_500_pages', 2, 20_000, api, settle, { kind: 'notes', format: 'pdf', filter: { scope: { kind: 'customers', customerIds } } });
      // The same pages with one note in five in Chinese, Arabic or with emoji: those go through the
      // fallback fonts and the bidi layout (db/reports/pdf/text-layout.ts) instead of pdfkit alone.
      const WORLD_NOTES = ['客户承诺下周五付款，请财务部确认。', 'العميل يعد بالدفع يوم الجمعة القادم 500 يورو', 'Call went well 👍 paid ✓ next week'];
      const ids = store.sqlite.prepare<[string], { id: string }>(`SELECT id FROM activities WHERE customer_id IN (SELECT value FROM json_each(?)) ORDER BY id`).all(JSON.stringify(customerIds));
      const rewrite = store.sqlite.prepare<[string, string]>('UPDATE activities SET note = ? WHERE id = ?');
      store.sqlite.transaction(() => {
        ids.forEach(({ id }, index) => {
          if (index % 5 === 0) rewrite.run(WORLD_NOTES[(index / 5) % WORLD_NOTES.length] ?? '', id);
        });
      })();
      await exportCase('reports.notes_pdf_scripts', 2, 20_000, api, settle, { kind: 'notes', format: 'pdf', filter: { scope: { kind: 'customers', customerIds } } });

      await timed('reports.aging_on_screen', 10, null, () => api('report.aging', {}));
      await exportCase('reports.aging_xlsx', 3, 5_000, api, settle, { kind: 'aging', format: 'xlsx' });
      await exportCase('reports.aging_pdf', 3, 5_000, api, settle, { kind: 'aging', format: 'pdf' });
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

runBench(main);
