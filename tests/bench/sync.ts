/**
 * `npx tsx tests/bench/sync.ts [--json]`: the sync benchmarks of issue 5 over real HTTP on
 * loopback, server on PostgreSQL (DATABASE_URL, default 127.0.0.1:5432/test; a fresh schema,
 * dropped afterwards). One line per case; a missed target shows as ok:false. sync.push_100x100
 * has no target: it fails the run on any error and reports the latency of each client's request.
 */
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { v7 as uuidv7 } from 'uuid';
import { manualClock } from '../../shared/domain/clock';
import { MAX_PUSH_MUTATIONS, type PullResponse, type PushResponse } from '../../shared/sync/protocol';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../server/version';
import { buildServer } from '../../server/app';
import { createTeam, createUser } from '../../server/cli/admin-commands';
import { openTestDb } from '../integration/server/support/backends';
import { summarize, tableHeader, tableRow, type BenchResult } from './stats';
import { runBench, timeCalls } from './harness';

const NOW = '2026-03-02T09:00:00.000Z';
const PASSWORD = 'correct horse battery';
const MUTATIONS = 1_000;
const CUSTOMERS = 50;
const CONCURRENT_CLIENTS = 100;
const MUTATIONS_PER_CLIENT = 100;

const { values } = parseArgs({ options: { json: { type: 'boolean', default: false } }, strict: true, allowPositionals: false });
const json = values.json;

const print = (result: BenchResult): void => {
  process.stdout.write(json ? `${JSON.stringify(result)}\n` : tableRow(result));
};

async function measure(name: string, n: number, targetP95Ms: number, run: () => Promise<unknown>): Promise<void> {
  print(summarize(name, await timeCalls(n, run), targetP95Ms));
}

interface Api {
  post<T>(path: string, body: unknown): Promise<T>;
}

function api(base: string, token: () => string): Api {
  return {
    async post<T>(path: string, body: unknown): Promise<T> {
      const response = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token()}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
        body: JSON.stringify(body),
      });
      if (response.status !== 200) throw new Error(`${path} answered ${String(response.status)}: ${await response.text()}`);
      return (await response.json()) as T;
    },
  };
}

/** A fresh client's outbox: contact.log and note.add alternating over the customers, with client ids. */
function outbox(customerIds: readonly string[], count = MUTATIONS): unknown[] {
  return Array.from({ length: count }, (_, index) => {
    const customerId = customerIds[index % customerIds.length] ?? '';
    const base = { id: uuidv7(), seq: index + 1, createdAt: NOW };
    if (index % 2 === 0) {
      return { ...base, name: 'contact.log', args: { customerId, channel: 'phone', outcome: 'no_answer', note: `call ${String(index)}` }, ids: { activities: uuidv7() } };
    }
    return { ...base, name: 'note.add', args: { customerId, itemId: null, body: `note ${String(index)}` }, ids: { notes: uuidv7() } };
  });
}

/** Like outbox(), with every tenth mutation closing an already closed follow-up: rejected as a conflict inside its applier. */
function outboxWithConflicts(customerIds: readonly string[], closedFollowUpId: string): unknown[] {
  return outbox(customerIds).map((mutation, index) =>
    index % 10 === 9 ? { ...(mutation as object), name: 'followUp.complete', args: { followUpId: closedFollowUpId }, ids: {} } : mutation,
  );
}

/** Pushes a whole outbox in requests of the protocol's maximum size; throws unless every mutation applied. */
async function pushAll(client: Api, mutations: readonly unknown[], expectedRejections = 0): Promise<void> {
  const clientId = uuidv7();
  let rejections = 0;
  for (let start = 0; start < mutations.length; start += MAX_PUSH_MUTATIONS) {
    const answer = await client.post<PushResponse>('/v1/sync/push', { clientId, mutations: mutations.slice(start, start + MAX_PUSH_MUTATIONS) });
    const unexpected = answer.results.find((result) => result.status !== 'applied' && result.error?.code !== 'conflict');
    if (unexpected !== undefined) throw new Error(`push: ${JSON.stringify(unexpected)}`);
    rejections += answer.results.filter((result) => result.status === 'rejected').length;
  }
  if (rejections !== expectedRejections) throw new Error(`push: ${String(rejections)} rejections, expected ${String(expectedRejections)}`);
}

/** 100 clients push 100 mutations each, all at once: every request must answer 200 with all applied; per-request latency. */
async function measureConcurrentPushes(client: Api, customerIds: readonly string[]): Promise<void> {
  const outboxes = Array.from({ length: CONCURRENT_CLIENTS }, () => outbox(customerIds, MUTATIONS_PER_CLIENT));
  const samples = await Promise.all(
    outboxes.map(async (mutations) => {
      const started = performance.now();
      await pushAll(client, mutations);
      return performance.now() - started;
    }),
  );
  print(summarize('sync.push_100x100', samples, null));
}

async function pullToEnd(client: Api, cursor: string | null): Promise<string> {
  let next = cursor;
  for (;;) {
    const page = await client.post<PullResponse>('/v1/sync/pull', { cursor: next, limit: 5_000 });
    next = page.cursor;
    if (!page.hasMore) return next;
  }
}

async function main(): Promise<void> {
  const testDb = await openTestDb('postgres');
  const clock = manualClock(NOW);
  const app = await buildServer({ db: testDb.db, secret: 'bench-secret-that-is-long-enough-0123456789', clock });
  try {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const base = `http://127.0.0.1:${String(port)}`;

    const team = await createTeam(testDb.db, clock, 'bench');
    const collector = await createUser(testDb.db, clock, { username: 'bench-collector', role: 'collector', team: team.name, password: PASSWORD });
    const customerIds = Array.from({ length: CUSTOMERS }, () => uuidv7());
    await testDb.db
      .insertInto('customers')
      .values(
        customerIds.map((id, index) => ({
          id,
          erp_key: `ERP-${String(index)}`,
          number: `C-${String(index).padStart(5, '0')}`,
          name: `Customer ${String(index)}`,
          country: 'DE',
          currency: 'EUR',
          payment_terms: 'NET30',
          payment_terms_days: 30,
          credit_limit_minor: 1_000_000,
          risk_class: 'medium' as const,
          collector_id: collector.id,
          team_id: team.id,
          updated_at: NOW,
          updated_seq: 0,
        })),
      )
      .execute();

    const login = await fetch(`${base}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench-collector', password: PASSWORD }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const client = api(base, () => accessToken);

    if (!json) {
      const load = loadavg().map((value) => value.toFixed(1)).join(' ');
      process.stdout.write(`Node ${process.version}, ${String(cpus().length)} CPUs, load average ${load}; PostgreSQL over loopback HTTP\n\n`);
      process.stdout.write(tableHeader());
    }

    // Every round is a fresh client (installation) with its own 1,000-mutation outbox.
    await measure('sync.push_1000', 10, 500, () => pushAll(client, outbox(customerIds)));

    const closedFollowUpId = uuidv7();
    const setup = [
      { id: uuidv7(), seq: 1, createdAt: NOW, name: 'followUp.create', args: { customerId: customerIds[0], dueDate: '2026-03-09', title: 'bench' }, ids: { follow_ups: closedFollowUpId } },
      { id: uuidv7(), seq: 2, createdAt: NOW, name: 'followUp.complete', args: { followUpId: closedFollowUpId } },
    ];
    await pushAll(client, setup);
    await measure('sync.push_1000_conflicts', 10, 500, () => pushAll(client, outboxWithConflicts(customerIds, closedFollowUpId), MUTATIONS / 10));

    await measureConcurrentPushes(client, customerIds);

    const before = await pullToEnd(client, null);
    await pushAll(client, outbox(customerIds));
    await measure('sync.pull_1000', 20, 500, async () => {
      const page = await client.post<PullResponse>('/v1/sync/pull', { cursor: before, limit: MUTATIONS });
      if (page.changes.length !== MUTATIONS) throw new Error(`pull: ${String(page.changes.length)} changes, expected ${String(MUTATIONS)}`);
    });
  } finally {
    await app.close();
    await testDb.dispose();
  }
}

runBench(main);
