import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { seedDemo, type SeedReport } from '../../../db/demo/seed';
import { PROMISE_STATUSES, DISPUTE_STATUSES, ESCALATION_STATUSES } from '../../../shared/domain/codes';
import { createTestApi, TEST_AS_OF, type TestApi } from '../../support/test-api';
import type BetterSqlite3 from 'better-sqlite3';

const SEEDED_TABLES: Readonly<Record<string, string>> = {
  users: 'id',
  customers: 'id',
  contact_persons: 'id',
  open_items: 'id',
  payments: 'id',
  clearings: 'id',
  activities: 'id',
  promises: 'id',
  promise_items: 'promise_id, open_item_id',
  disputes: 'id',
  dispute_items: 'dispute_id, open_item_id',
  dispute_events: 'id',
  notes: 'id',
  follow_ups: 'id',
  escalations: 'id',
  worklist_overrides: 'id',
};

/** One digest over every seeded row, in key order; the summary without its refresh timestamp. */
function digest(sqlite: BetterSqlite3.Database): string {
  const hash = createHash('sha256');
  for (const [table, key] of Object.entries(SEEDED_TABLES)) {
    hash.update(table);
    for (const row of sqlite.prepare(`SELECT * FROM ${table} ORDER BY ${key}`).raw().iterate()) hash.update(JSON.stringify(row));
  }
  const summaryColumns = sqlite
    .prepare<[], { name: string }>("SELECT name FROM pragma_table_info('customer_summary') WHERE name <> 'updated_at'")
    .all()
    .map((column) => column.name);
  for (const row of sqlite.prepare(`SELECT ${summaryColumns.join(', ')} FROM customer_summary ORDER BY customer_id`).raw().iterate()) {
    hash.update(JSON.stringify(row));
  }
  return hash.digest('hex');
}

const count = (sqlite: BetterSqlite3.Database, sql: string): number => sqlite.prepare<[], { n: number }>(sql).get()?.n ?? -1;

const opened: TestApi[] = [];
async function seeded(seed: number, asOf = TEST_AS_OF): Promise<{ api: TestApi; report: SeedReport }> {
  const api = await createTestApi(`${asOf}T09:00:00.000Z`);
  opened.push(api);
  const report = await seedDemo(api.store, { size: 'small', seed, asOf });
  return { api, report };
}

afterEach(async () => {
  for (const api of opened.splice(0)) await api.cleanup();
});

describe('small demo portfolio', () => {
  it('is identical for the same seed and as-of date, and differs for another seed or date', async () => {
    const a = await seeded(11);
    const b = await seeded(11);
    const otherSeed = await seeded(12);
    const otherDate = await seeded(11, '2026-06-01');
    const first = digest(a.api.store.sqlite);
    expect(digest(b.api.store.sqlite)).toBe(first);
    expect(digest(otherSeed.api.store.sqlite)).not.toBe(first);
    expect(digest(otherDate.api.store.sqlite)).not.toBe(first);
    expect(b.report.counts).toEqual(a.report.counts);
  });

  it('has the promised size and variety', async () => {
    const { api, report } = await seeded(1);
    const { sqlite } = api.store;
    expect(report.counts.customers).toBe(60);
    expect(report.counts.customer_summary).toBe(60);
    expect(count(sqlite, 'SELECT count(*) AS n FROM open_items WHERE open_minor <> 0')).toBe(2_500);
    expect(report.counts.activities).toBe(4_000);
    expect(report.counts.promises).toBeGreaterThanOrEqual(60);
    expect(report.counts.disputes).toBeGreaterThanOrEqual(40);
    expect(report.counts.payments).toBeGreaterThan(200);
    expect(report.counts.clearings).toBeGreaterThan(report.counts.payments ?? 0);
    expect(report.counts.search_index).toBeGreaterThan(3_000);

    const values = (sql: string): string[] => sqlite.prepare<[], { v: string }>(sql).all().map((row) => row.v);
    expect(values('SELECT DISTINCT kind AS v FROM open_items WHERE open_minor <> 0 ORDER BY 1')).toEqual(['credit_memo', 'debit_memo', 'invoice', 'payment_on_account']);
    expect(values('SELECT DISTINCT status AS v FROM promises ORDER BY 1')).toEqual([...PROMISE_STATUSES].sort());
    expect(values('SELECT DISTINCT status AS v FROM disputes ORDER BY 1')).toEqual([...DISPUTE_STATUSES].sort());
    expect(values('SELECT DISTINCT status AS v FROM escalations ORDER BY 1').length).toBeGreaterThanOrEqual(2);
    expect(ESCALATION_STATUSES).toEqual(expect.arrayContaining(values('SELECT DISTINCT status AS v FROM escalations')));
    expect(values('SELECT DISTINCT currency AS v FROM customers ORDER BY 1')).toEqual(expect.arrayContaining(['EUR', 'GBP', 'USD']));
    expect(count(sqlite, 'SELECT count(*) AS n FROM customer_summary WHERE mixed_currency = 1')).toBeGreaterThan(0);
    expect(count(sqlite, "SELECT count(*) AS n FROM promises WHERE status = 'superseded' AND superseded_by IS NOT NULL")).toBeGreaterThan(0);
    expect(count(sqlite, 'SELECT count(*) AS n FROM promises WHERE level > 1')).toBeGreaterThan(0);
    expect(count(sqlite, 'SELECT count(*) AS n FROM notes WHERE version > 1')).toBeGreaterThan(0);
    expect(count(sqlite, 'SELECT count(*) AS n FROM customers WHERE credit_hold = 1')).toBeGreaterThan(0);
    expect(count(sqlite, 'SELECT count(*) AS n FROM customer_summary s JOIN customers c ON c.id = s.customer_id WHERE s.credit_used_minor > c.credit_limit_minor')).toBeGreaterThan(0);
    expect(count(sqlite, "SELECT count(*) AS n FROM clearings c JOIN open_items i ON i.id = c.open_item_id WHERE i.open_minor > 0")).toBeGreaterThan(0);
    // The one team, as a directory would send it, with English as the language its customers' documents fall back to.
    expect(sqlite.prepare('SELECT id, name, language FROM teams').all()).toEqual([{ id: 'ar-emea-1', name: 'AR EMEA 1', language: 'en' }]);
    expect(count(sqlite, "SELECT count(*) AS n FROM customers WHERE team_id IS NOT 'ar-emea-1'")).toBe(0);
  });

  it('satisfies every foreign key and check, with integer money and ISO codes', async () => {
    const { api } = await seeded(2);
    const { sqlite } = api.store;
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');

    const moneyColumns = sqlite
      .prepare<[], { tbl: string; name: string }>(
        "SELECT m.name AS tbl, p.name AS name FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table' AND p.name LIKE '%_minor'",
      )
      .all();
    expect(moneyColumns.length).toBeGreaterThan(10);
    for (const { tbl, name } of moneyColumns) {
      expect(count(sqlite, `SELECT count(*) AS n FROM ${tbl} WHERE ${name} IS NOT NULL AND typeof(${name}) <> 'integer'`), `${tbl}.${name}`).toBe(0);
    }
    for (const table of ['customers', 'open_items', 'payments', 'clearings', 'promises', 'disputes', 'customer_summary']) {
      expect(count(sqlite, `SELECT count(*) AS n FROM ${table} WHERE currency NOT GLOB '[A-Z][A-Z][A-Z]'`), table).toBe(0);
    }
    expect(count(sqlite, "SELECT count(*) AS n FROM customers WHERE country NOT GLOB '[A-Z][A-Z]'")).toBe(0);
    // The local profile is the collector of the whole portfolio.
    const me = sqlite.prepare<[], { id: string; role: string }>('SELECT id, role FROM users WHERE is_local_profile = 1').all();
    expect(me).toHaveLength(1);
    expect(me[0]?.role).toBe('collector');
    expect(count(sqlite, `SELECT count(*) AS n FROM customers WHERE collector_id IS NOT '${me[0]?.id ?? ''}'`)).toBe(0);
    expect(count(sqlite, "SELECT count(*) AS n FROM users WHERE role = 'team_lead'")).toBe(1);
    // Ids are uuid v7; the past is in the past.
    expect(count(sqlite, "SELECT count(*) AS n FROM activities WHERE substr(id, 15, 1) <> '7' OR length(id) <> 36")).toBe(0);
    expect(count(sqlite, `SELECT count(*) AS n FROM activities WHERE occurred_at >= '${TEST_AS_OF}'`)).toBe(0);
    expect(count(sqlite, "SELECT count(*) AS n FROM promises WHERE status IN ('kept', 'partially_kept', 'broken') AND evaluated_on IS NULL")).toBe(0);
    expect(count(sqlite, "SELECT count(*) AS n FROM promises WHERE status = 'kept' AND paid_minor < amount_minor")).toBe(0);
    expect(count(sqlite, `SELECT count(*) AS n FROM open_items WHERE disputed_minor > 0 AND disputed_minor > open_minor`)).toBe(0);
    expect(count(sqlite, 'SELECT count(*) AS n FROM (SELECT lineage_id FROM notes GROUP BY lineage_id HAVING sum(is_current) <> 1)')).toBe(0);
    expect(count(sqlite, "SELECT count(*) AS n FROM contact_persons WHERE (preferred_channel = 'email' AND email IS NULL) OR (preferred_channel = 'phone' AND phone IS NULL)")).toBe(0);
    expect(count(sqlite, 'SELECT count(*) AS n FROM (SELECT customer_id FROM contact_persons GROUP BY customer_id HAVING sum(is_primary) <> 1)')).toBe(0);
    expect(count(sqlite, "SELECT count(*) AS n FROM escalations e JOIN customers c ON c.id = e.customer_id WHERE e.kind = 'credit_hold' AND e.status = 'approved' AND c.credit_hold = 0")).toBe(0);
    // Cleared items are fully cleared, and each clearing's amounts add up to what left the item.
    expect(count(sqlite, 'SELECT count(*) AS n FROM open_items WHERE cleared_at IS NOT NULL AND open_minor <> 0')).toBe(0);
    expect(
      count(sqlite, 'SELECT count(*) AS n FROM open_items i WHERE original_minor - open_minor <> (SELECT coalesce(sum(amount_minor), 0) FROM clearings c WHERE c.open_item_id = i.id)'),
    ).toBe(0);
    expect(count(sqlite, 'SELECT count(*) AS n FROM payments p WHERE amount_minor < (SELECT coalesce(sum(amount_minor), 0) FROM clearings c WHERE c.payment_id = p.id)')).toBe(0);
  });

  it('indexes everything for search and leaves the search triggers as the migration made them', async () => {
    const api = await createTestApi();
    opened.push(api);
    const { sqlite } = api.store;
    const triggers = (): unknown[] => sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all();
    const before = triggers();
    await seedDemo(api.store, { size: 'small', seed: 5, asOf: TEST_AS_OF });
    expect(triggers()).toEqual(before);

    const expected =
      count(sqlite, 'SELECT count(*) AS n FROM customers') +
      count(sqlite, 'SELECT count(*) AS n FROM contact_persons') +
      count(sqlite, 'SELECT count(*) AS n FROM open_items') +
      count(sqlite, "SELECT count(*) AS n FROM open_items WHERE reference IS NOT NULL AND reference <> ''") +
      count(sqlite, 'SELECT count(*) AS n FROM notes WHERE is_current = 1');
    expect(count(sqlite, 'SELECT count(*) AS n FROM search_index')).toBe(expected);

    const customer = sqlite.prepare<[], { id: string; name: string }>('SELECT id, name FROM customers ORDER BY number LIMIT 1').get();
    const document = sqlite.prepare<[], { document_number: string }>('SELECT document_number FROM open_items ORDER BY id LIMIT 1').get();
    const hits = await api.call('search.global', { q: customer?.name.split(/[\s,-]+/)[0] ?? '' });
    expect(hits.map((hit) => hit.customerId)).toContain(customer?.id);
    expect((await api.call('search.global', { q: document?.document_number ?? '' })).map((hit) => hit.label)).toContain(document?.document_number);

    // The triggers work again for rows written after the seed.
    const lineage = '01900000-0000-7000-8000-000000000001';
    sqlite
      .prepare("INSERT INTO notes (id, customer_id, lineage_id, version, is_current, body, created_at) VALUES (?, ?, ?, 1, 1, 'Zyxwvut remark', ?)")
      .run(lineage, customer?.id, lineage, `${TEST_AS_OF}T08:00:00.000Z`);
    expect((await api.call('search.global', { q: 'zyxwv' })).map((hit) => hit.kind)).toEqual(['note']);
  });

  it('refuses to seed a database that already has customers', async () => {
    const { api } = await seeded(4);
    await expect(seedDemo(api.store, { size: 'small', seed: 4, asOf: TEST_AS_OF })).rejects.toThrow(/already holds 60 customers/);
    await expect(seedDemo(api.store, { size: 'small', seed: 4, asOf: '2026-13-40' })).rejects.toThrow(/calendar date/);
    await expect(seedDemo(api.store, { size: 'medium' as 'small', seed: 4, asOf: TEST_AS_OF })).rejects.toThrow(/size "medium"/);
    await expect(seedDemo(api.store, { size: 'small', seed: 1.5, asOf: TEST_AS_OF })).rejects.toThrow(/whole number/);
  });

  it.each([21, 22, 23, 24])('plays the scripted scenarios of the first customers at any seed (seed %i)', async (seed) => {
    const { api } = await seeded(seed);
    const { sqlite } = api.store;
    const nth = (index: number): string => sqlite.prepare<[], { id: string }>(`SELECT id FROM customers ORDER BY substr(number, 2) LIMIT 1 OFFSET ${index}`).get()?.id ?? '';
    const has = (sql: string, index: number): boolean => (sqlite.prepare<[string], { n: number }>(sql).get(nth(index))?.n ?? 0) > 0;
    const buckets = sqlite.prepare<[string], { keys: string }>('SELECT overdue_bucket_keys AS keys FROM customer_summary WHERE customer_id = ?').get(nth(0))?.keys;
    expect(buckets).toBe(',1-30,31-60,61-90,91-120,over-120,');
    for (const index of [1, 2]) expect(has(`SELECT count(*) AS n FROM promises WHERE customer_id = ? AND status = 'broken' AND evaluated_on >= date('${TEST_AS_OF}', '-10 days')`, index), `customer ${index}`).toBe(true);
    for (const index of [3, 4]) expect(has(`SELECT count(*) AS n FROM promises WHERE customer_id = ? AND status = 'open' AND promised_date IN ('${TEST_AS_OF}', date('${TEST_AS_OF}', '+1 day'))`, index), `customer ${index}`).toBe(true);
    for (const index of [5, 6]) expect(has("SELECT count(*) AS n FROM disputes WHERE customer_id = ? AND status IN ('new', 'in_process')", index), `customer ${index}`).toBe(true);
    for (const index of [7, 12]) expect(has('SELECT follow_up_due AS n FROM customer_summary WHERE customer_id = ?', index), `customer ${index}`).toBe(true);
    expect(has("SELECT count(*) AS n FROM promises WHERE customer_id = ? AND status = 'superseded' AND level = 2", 8)).toBe(true);
    for (const index of [9, 10]) expect(has('SELECT mixed_currency AS n FROM customer_summary WHERE customer_id = ?', index), `customer ${index}`).toBe(true);
    expect(has("SELECT override_kind = 'pin' AS n FROM customer_summary WHERE customer_id = ?", 15)).toBe(true);
    expect(has("SELECT override_kind = 'snooze' AS n FROM customer_summary WHERE customer_id = ?", 16)).toBe(true);
  });

  it.each([1, 2, 3])('gives every worklist filter something to find (seed %i)', async (seed) => {
    const { api } = await seeded(seed);
    const facets = await api.call('worklist.facets', {});
    const total = async (filters: Record<string, unknown>): Promise<number> => (await api.call('worklist.query', { filters, limit: 1 })).total;

    expect(await total({})).toBe(60);
    for (const bucket of facets.buckets.filter((b) => b.key !== 'current')) expect(await total({ buckets: [bucket.key] }), bucket.key).toBeGreaterThan(0);
    expect(facets.currencies).toEqual(expect.arrayContaining(['EUR', 'USD', 'GBP']));
    for (const currency of facets.currencies) expect(await total({ currencies: [currency] }), currency).toBeGreaterThan(0);
    for (const country of facets.countries) expect(await total({ countries: [country] }), country).toBeGreaterThan(0);
    expect(facets.riskClasses).toHaveLength(4);
    for (const risk of facets.riskClasses) expect(await total({ riskClasses: [risk] }), risk).toBeGreaterThan(0);
    expect(await total({ hasBrokenPromise: true })).toBeGreaterThan(0);
    expect(await total({ hasDispute: true })).toBeGreaterThan(0);
    expect(await total({ followUpDue: true })).toBeGreaterThan(0);
    expect(await total({ currencies: ['EUR'], riskClasses: ['high', 'critical'], buckets: ['1-30'] })).toBeGreaterThan(0);
  });
});
