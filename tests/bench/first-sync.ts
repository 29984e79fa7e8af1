/**
 * `npx tsx tests/bench/first-sync.ts [--json]`: the first full sync of issue 5 end to end: the
 * server in its own process (server/main.ts, as deployed) on PostgreSQL (DATABASE_URL, default
 * 127.0.0.1:5432; a fresh database, dropped afterwards) seeded with the large demo, and a fresh
 * desktop store signing in as the team lead, who sees the whole 2,000-customer portfolio, then
 * pulling the snapshot over loopback HTTP into SQLite (summaries and search index included).
 * Target: >= 50,000 rows/s. Each round starts from an empty store.
 */
import { rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { SYNC_ENTITIES } from '../../shared/sync/protocol';
import { DEMO_PASSWORD, DEMO_USERNAMES } from '../../server/demo/credentials';
import { openClient } from '../integration/sync/support';
import { startServerProcess } from '../integration/sync/support-process';
import { summarize, tableHeader, tableRow } from './stats';

const NOW = '2026-03-02T09:00:00.000Z';
const TARGET_ROWS_PER_S = 50_000;
const ROUNDS = 3;

const { values } = parseArgs({ options: { json: { type: 'boolean', default: false } }, strict: true, allowPositionals: false });

/** Every synced table, with the item links that travel inside promises and disputes. */
const SYNCED_TABLES = [...SYNC_ENTITIES, 'promise_items', 'dispute_items'] as const;

async function main(): Promise<void> {
  const seedStarted = performance.now();
  const server = await startServerProcess({ demo: 'large' });
  const seedMs = performance.now() - seedStarted;
  try {
    const samples: number[] = [];
    let rows = 0;
    for (let round = 0; round <= ROUNDS; round++) {
      const client = await openClient({ clock: NOW });
      try {
        const started = performance.now();
        await client.call('sync.signIn', { serverUrl: server.url, username: DEMO_USERNAMES.teamLead, password: DEMO_PASSWORD });
        const elapsed = performance.now() - started;
        const status = await client.call('sync.status', {});
        if (status.state !== 'idle') throw new Error(`the first sync ended in state ${status.state}: ${status.error?.message ?? ''}`);
        rows = SYNCED_TABLES.reduce(
          (sum, table) => sum + (client.workspace.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n,
          0,
        );
        // The first round warms up the server's caches and the JIT; it is not counted.
        if (round > 0) samples.push(elapsed);
      } finally {
        await client.close();
        rmSync(client.dir, { recursive: true, force: true });
      }
    }
    const summary = summarize('sync.first_full_sync', samples, (rows / TARGET_ROWS_PER_S) * 1000);
    const rowsPerSecond = Math.round((rows * 1000) / summary.p50_ms);
    const result = {
      ...summary,
      rows,
      rows_per_s_p50: rowsPerSecond,
      target_rows_per_s: TARGET_ROWS_PER_S,
      seed_ms: Math.round(seedMs),
      cpus: cpus().length,
      load: Math.round((loadavg()[0] ?? 0) * 10) / 10,
    };
    if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else process.stdout.write(`${tableHeader()}${tableRow(summary)}rows ${String(rows)}, ${String(rowsPerSecond)} rows/s at p50 (target ${String(TARGET_ROWS_PER_S)}); seeding and starting the server took ${String(Math.round(seedMs))} ms\n`);
  } finally {
    await server.dispose();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
