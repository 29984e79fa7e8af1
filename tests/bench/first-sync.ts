/**
 * `npx tsx tests/bench/first-sync.ts [--json]`: the first full sync of issue 5 end to end: a server on
 * PostgreSQL (DATABASE_URL, default 127.0.0.1:5432/test; a fresh schema, dropped afterwards) seeded
 * with the large demo, and a fresh desktop store signing in as the team lead, who sees the whole
 * 2,000-customer portfolio, then pulling the snapshot over loopback HTTP into SQLite (summaries
 * and search index included). Target: >= 50,000 rows/s. Each round starts from an empty store.
 */
import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { manualClock } from '../../shared/domain/clock';
import { SYNC_ENTITIES } from '../../shared/sync/protocol';
import { buildServer } from '../../server/app';
import { DEMO_PASSWORD, DEMO_USERNAMES } from '../../server/demo/credentials';
import { seedServerDemo } from '../../server/demo/seed';
import { openTestDb } from '../integration/server/support/backends';
import { openClient } from '../integration/sync/support';
import { summarize, tableHeader, tableRow } from './stats';

const NOW = '2026-03-02T09:00:00.000Z';
const AS_OF = '2026-03-02';
const TARGET_ROWS_PER_S = 50_000;
const ROUNDS = 3;
const SECRET = 'bench-secret-that-is-long-enough-0123456789';

const { values } = parseArgs({ options: { json: { type: 'boolean', default: false } }, strict: true, allowPositionals: false });

/** Every synced table, with the item links that travel inside promises and disputes. */
const SYNCED_TABLES = [...SYNC_ENTITIES, 'promise_items', 'dispute_items'] as const;

async function main(): Promise<void> {
  const testDb = await openTestDb('postgres');
  const clock = manualClock(NOW);
  const seedStarted = performance.now();
  await seedServerDemo(testDb.db, { size: 'large', seed: 1, asOf: AS_OF, password: DEMO_PASSWORD, now: NOW });
  const seedMs = performance.now() - seedStarted;
  const app = await buildServer({ db: testDb.db, secret: SECRET, clock });
  try {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const url = `http://127.0.0.1:${String((app.server.address() as AddressInfo).port)}`;
    const samples: number[] = [];
    let rows = 0;
    for (let round = 0; round <= ROUNDS; round++) {
      const client = await openClient({ clock: NOW });
      try {
        const started = performance.now();
        await client.call('sync.signIn', { serverUrl: url, username: DEMO_USERNAMES.teamLead, password: DEMO_PASSWORD });
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
    else process.stdout.write(`${tableHeader()}${tableRow(summary)}rows ${String(rows)}, ${String(rowsPerSecond)} rows/s at p50 (target ${String(TARGET_ROWS_PER_S)}); seeding took ${String(Math.round(seedMs))} ms\n`);
  } finally {
    await app.close();
    await testDb.dispose();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
