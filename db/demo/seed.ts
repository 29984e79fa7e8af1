/**
 * Seeds the deterministic demo portfolio into an open, empty local store and brings the
 * worklist read model up to date for the as-of date.
 */
import type { LocalStore } from '../open';
import { refreshAllSummaries } from '../summary/refresh';
import { DEMO_SIZES, generateDemo, type DemoOptions, type DemoSize } from '../../shared/demo/generate';
import { DEMO_TEAM } from '../../shared/demo/portfolio';
import { insertAll, TABLE_ORDER } from './insert';

export { DEMO_SIZES, type DemoSize, type DemoOptions };

export interface SeedReport {
  readonly size: DemoSize;
  readonly seed: number;
  readonly asOf: string;
  /** Rows per table after seeding, customer_summary and search_index included. */
  readonly counts: Readonly<Record<string, number>>;
  /** Total wall time in milliseconds. */
  readonly ms: number;
  readonly phases: { readonly generateMs: number; readonly insertMs: number; readonly summaryMs: number };
}

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function seedDemo(store: LocalStore, options: DemoOptions): Promise<SeedReport> {
  if (!CALENDAR_DATE.test(options.asOf) || Number.isNaN(Date.parse(`${options.asOf}T00:00:00Z`))) {
    throw new RangeError(`as-of date "${options.asOf}" must be a calendar date YYYY-MM-DD`);
  }
  if (!Object.hasOwn(DEMO_SIZES, options.size)) throw new RangeError(`size "${options.size}" must be small or large`);
  if (!Number.isSafeInteger(options.seed)) throw new RangeError(`seed ${options.seed} must be a whole number`);
  const existing = store.sqlite.prepare<[], { n: number }>('SELECT count(*) AS n FROM customers').get()?.n ?? 0;
  if (existing > 0) throw new Error(`the database ${store.path} already holds ${existing} customers; seed an empty one`);

  const started = performance.now();
  const rows = generateDemo(options);
  const generated = performance.now();
  insertAll(store.sqlite, rows);
  // What a server's directory would send: the team, whose default language its customers' documents fall back to.
  store.sqlite
    .prepare<[string, string, string]>('INSERT INTO teams (id, name, language) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, language = excluded.language')
    .run(DEMO_TEAM.id, DEMO_TEAM.name, DEMO_TEAM.language);
  const inserted = performance.now();
  await refreshAllSummaries(store, options.asOf);
  const finished = performance.now();

  const counts: Record<string, number> = {};
  for (const table of [...TABLE_ORDER, 'customer_summary', 'search_index']) {
    counts[table] = store.sqlite.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n ?? 0;
  }
  return {
    size: options.size,
    seed: options.seed,
    asOf: options.asOf,
    counts,
    ms: Math.round(finished - started),
    phases: {
      generateMs: Math.round(generated - started),
      insertMs: Math.round(inserted - generated),
      summaryMs: Math.round(finished - inserted),
    },
  };
}
