/**
 * `npm run bench [-- --json] [-- --seed N]`: seeds the large demo into a temporary directory and
 * times the real API path (dispatch -> handlers -> SQLite) in process. One line per case; a missed
 * target shows as ok:false and does not change the exit code.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { dispatch } from '../../shared/api/dispatch';
import type { OperationName } from '../../shared/api/contract';
import { manualClock } from '../../shared/domain/clock';
import { seedDemo } from '../../db/demo/seed';
import { Rng } from '../../shared/demo/random';
import { createHandlers } from '../../db/handlers/create-handlers';
import type { HandlerContext } from '../../db/handlers/handler-context';
import { createMemoryPreferenceStore } from '../../db/handlers/preferences';
import { openLocalStore, type LocalStore } from '../../db/open';
import { refreshAllSummaries } from '../../db/summary/refresh';
import { runCollectorCases } from './collector';
import { summarize, tableHeader, tableRow, type BenchResult } from './stats';
import { runBench } from './harness';

const NOW = '2026-11-23T09:00:00.000Z';
const AS_OF = NOW.slice(0, 10);

const { values } = parseArgs({
  options: { json: { type: 'boolean', default: false }, seed: { type: 'string', default: '1' } },
  strict: true,
  allowPositionals: false,
});
const json = values.json;
const seed = Number(values.seed);
if (!Number.isSafeInteger(seed) || seed < 0) {
  process.stderr.write(`bench: --seed must be a whole number, not "${values.seed}"\n`);
  process.exit(2);
}

const print = (result: BenchResult): void => {
  process.stdout.write(json ? `${JSON.stringify(result)}\n` : tableRow(result));
};

type Call = (operation: OperationName, input: unknown) => Promise<unknown>;

const handlerContext = (store: LocalStore, dataDir: string): HandlerContext => ({
  store,
  preferences: createMemoryPreferenceStore(),
  clock: manualClock(NOW),
  app: { version: 'bench', dataDir, transport: 'ipc' },
});

function caller(store: LocalStore, dataDir: string): Call {
  const handlers = createHandlers(handlerContext(store, dataDir));
  // Like the packaged app: input is validated, output is not (validator() checks that once per case).
  return async (operation, input) => {
    const result = await dispatch(handlers, operation, input);
    if (!result.ok) throw new Error(`${operation} ${JSON.stringify(input)} failed: ${result.error.message}`);
    return result.value;
  };
}

/** Runs `run` for warm-up rounds, then `n` timed rounds, each given its round number. */
async function measure(name: string, n: number, targetP95Ms: number | null, run: (round: number) => Promise<unknown>): Promise<void> {
  const warmUp = Math.max(2, Math.ceil(n / 10));
  for (let round = 0; round < warmUp; round++) await run(round);
  const samples: number[] = [];
  for (let round = 0; round < n; round++) {
    const started = performance.now();
    await run(warmUp + round);
    samples.push(performance.now() - started);
  }
  print(summarize(name, samples, targetP95Ms));
}

const at = <T>(list: readonly T[], index: number): T => {
  const value = list[index % list.length];
  if (value === undefined) throw new RangeError('empty list');
  return value;
};

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledgerline-bench-'));
  const path = join(dataDir, 'ledgerline.db');
  try {
    if (!json) {
      // Timings depend on the machine and on what else runs: say so next to them.
      const load = loadavg().map((value) => value.toFixed(1)).join(' ');
      process.stdout.write(`Node ${process.version}, ${cpus().length} CPUs, load average ${load}; large demo, seed ${seed}, as of ${AS_OF}\n\n`);
      process.stdout.write(tableHeader());
    }

    const seeded = await openLocalStore({ path });
    const seedStarted = performance.now();
    await seedDemo(seeded, { size: 'large', seed, asOf: AS_OF });
    print(summarize('seed.large', [performance.now() - seedStarted], 30_000));
    await seeded.close();

    await measure('open.first_page', 20, 300, async () => {
      const fresh = await openLocalStore({ path });
      try {
        await caller(fresh, dataDir)('worklist.query', {});
      } finally {
        await fresh.close();
      }
    });

    const store = await openLocalStore({ path });
    try {
      await runReadCases(store, caller(store, dataDir), validator(store, dataDir));
      // Writes last, so the read cases see the seeded portfolio.
      await runCollectorCases({ store, call: caller(store, dataDir), measure, asOf: AS_OF });
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

type Validate = (operation: OperationName, input: unknown) => Promise<void>;

/** Checks once, outside the timings, that an input of a case answers per the contract. */
function validator(store: LocalStore, dataDir: string): Validate {
  const handlers = createHandlers(handlerContext(store, dataDir));
  return async (operation, input) => {
    const result = await dispatch(handlers, operation, input, { validateOutput: true });
    if (!result.ok) throw new Error(`${operation} ${JSON.stringify(input)} does not answer per the contract: ${result.error.message}`);
  };
}

async function runReadCases(store: LocalStore, api: Call, validate: Validate): Promise<void> {
  const { sqlite } = store;
  const rng = new Rng(7);

  await validate('worklist.query', {});
  await measure('worklist.first_page', 200, 15, () => api('worklist.query', {}));

  const namePrefix = (sqlite.prepare<[], { name: string }>('SELECT name FROM customers ORDER BY number LIMIT 1').get()?.name ?? 'a').slice(0, 4);
  const combos: unknown[] = [
    { filters: { currencies: ['EUR'] }, sort: { by: 'overdue', dir: 'desc' } },
    { filters: { riskClasses: ['high', 'critical'] }, sort: { by: 'oldestDays', dir: 'desc' } },
    { filters: { buckets: ['over-120'] }, sort: { by: 'name', dir: 'asc' } },
    { filters: { hasBrokenPromise: true }, sort: { by: 'nextAction', dir: 'asc' } },
    { filters: { countries: ['DE', 'FR', 'NL'] }, sort: { by: 'lastContact', dir: 'asc' } },
    { filters: { hasDispute: true, currencies: ['USD'] }, sort: { by: 'open', dir: 'desc' } },
    { filters: { followUpDue: true }, sort: { by: 'score', dir: 'desc' } },
    { filters: { buckets: ['31-60', '61-90'], riskClasses: ['medium'] }, sort: { by: 'number', dir: 'asc' } },
    { filters: { currencies: ['GBP', 'CHF'] }, sort: { by: 'score', dir: 'asc' }, offset: 50 },
    { search: namePrefix, sort: { by: 'overdue', dir: 'desc' } },
  ];
  for (const combo of combos) await validate('worklist.query', combo);
  await measure('worklist.filtered_sorted', 200, 25, (round) => api('worklist.query', at(combos, round)));

  const customerIds = rng.shuffle(sqlite.prepare<[], { id: string }>('SELECT id FROM customers ORDER BY id').all().map((row) => row.id));
  await validate('customer.account', { customerId: at(customerIds, 0) });
  await measure('account.view', 200, 10, (round) => api('customer.account', { customerId: at(customerIds, round) }));

  const queries = searchQueries(store, rng);
  for (const q of queries) await validate('search.global', { q });
  await measure('search.global', 200, 10, (round) => api('search.global', { q: at(queries, round) }));

  await measure('summary.refresh_all', 10, 2_000, () => refreshAllSummaries(store, AS_OF));
}

/** What a collector types: the start of a real company or person name, a document number or a PO reference. */
function searchQueries(store: LocalStore, rng: Rng): string[] {
  const { sqlite } = store;
  const sample = (sql: string): string[] => sqlite.prepare<[], { v: string }>(sql).all().map((row) => row.v);
  const companies = sample('SELECT name AS v FROM customers ORDER BY id');
  const people = sample('SELECT name AS v FROM contact_persons ORDER BY id');
  const documents = sample('SELECT document_number AS v FROM open_items WHERE open_minor <> 0 ORDER BY id');
  const references = sample('SELECT reference AS v FROM open_items WHERE reference IS NOT NULL ORDER BY id');
  const word = (text: string): string => text.split(/[\s,.-]+/).find((part) => part.length >= 3) ?? text;
  const queries: string[] = [];
  for (let k = 0; k < 200; k++) {
    const kind = k % 4;
    if (kind === 0) queries.push(word(rng.pick(companies)).slice(0, rng.int(3, 6)));
    else if (kind === 1) queries.push(word(rng.pick(people).split(' ').at(-1) ?? 'a').slice(0, rng.int(3, 6)));
    else if (kind === 2) queries.push(rng.pick(documents).slice(0, rng.int(6, 10)));
    else queries.push(rng.pick(references).slice(0, rng.int(5, 10)));
  }
  return queries;
}

runBench(main);
