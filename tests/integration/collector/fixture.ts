/** A temp store with a local profile, two customers and their open items; counters that prove a rejected write left nothing. */
import type BetterSqlite3 from 'better-sqlite3';
import type { Result } from '../../../shared/api/result';
import { addCustomer, addItem, addUser } from '../../support/builders';
import { createTestApi, type TestApi } from '../../support/test-api';

export interface CollectorFixture {
  readonly api: TestApi;
  readonly sqlite: BetterSqlite3.Database;
  readonly userId: string;
  readonly customerId: string;
  readonly otherCustomerId: string;
  /** Three EUR invoices of `customerId`, 100.00, 200.00 and 300.00, all overdue. */
  readonly items: readonly [string, string, string];
  readonly usdItem: string;
  readonly otherItem: string;
}

export async function createCollectorFixture(): Promise<CollectorFixture> {
  const api = await createTestApi();
  const { sqlite } = api.store;
  const userId = addUser(sqlite, { is_local_profile: 1 }).id;
  const customerId = addCustomer(sqlite, { collector_id: userId, name: 'Acme Paint' }).id;
  const otherCustomerId = addCustomer(sqlite, { collector_id: userId, name: 'Other Ltd' }).id;
  const item = (customer: string, open: number, currency = 'EUR') => addItem(sqlite, customer, { open_minor: open, currency, due_date: '2026-10-15' }).id;
  const fixture = {
    api,
    sqlite,
    userId,
    customerId,
    otherCustomerId,
    items: [item(customerId, 10_000), item(customerId, 20_000), item(customerId, 30_000)],
    usdItem: item(customerId, 5_000, 'USD'),
    otherItem: item(otherCustomerId, 40_000),
  } as const;
  // A first read brings promises and summaries up to today, so snapshots compare only what a command did.
  await api.call('worklist.query', {});
  return fixture;
}

const TABLES = ['activities', 'promises', 'promise_items', 'disputes', 'dispute_items', 'dispute_events', 'notes', 'follow_ups', 'escalations', 'contact_persons', 'audit_log', 'outbox'] as const;

/** Row counts of every table a collector command writes, plus the items' disputed amounts and the summaries. */
export function snapshot(sqlite: BetterSqlite3.Database): Record<string, unknown> {
  const counts = Object.fromEntries(TABLES.map((table) => [table, (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n]));
  return {
    ...counts,
    items: sqlite.prepare('SELECT id, open_minor, disputed_minor FROM open_items ORDER BY id').all(),
    promises: sqlite.prepare('SELECT id, status, level, superseded_by FROM promises ORDER BY id').all(),
    disputes: sqlite.prepare('SELECT id, status, disputed_minor FROM disputes ORDER BY id').all(),
    summaries: sqlite.prepare('SELECT customer_id, score, updated_at FROM customer_summary ORDER BY customer_id').all(),
  };
}

export function expectError(result: Result<unknown>): { code: string; field?: string; message: string } {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`);
  return result.error;
}
