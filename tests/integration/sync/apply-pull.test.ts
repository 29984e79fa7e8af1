/**
 * Applying pulled pages to a local store, page by page as the engine does: a first snapshot into
 * an empty store (indexes and search triggers suspended, then rebuilt; progress counted against
 * the announced total), one cut short by a change of account, and rows written in batches.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adoptAccount } from '../../../db/sync/account';
import { applyPullPage, type ApplyContext } from '../../../db/sync/apply-pull';
import { createRowWriter } from '../../../db/sync/local-rows';
import { searchGlobal } from '../../../db/queries/search';
import { DEFAULT_DOMAIN_SETTINGS } from '../../../db/summary/refresh';
import { DEMO_PASSWORD, DEMO_USERNAMES } from '../../../server/demo/credentials';
import { SYNC_ENTITIES, type PullResponse } from '../../../shared/sync/protocol';
import { createSyncClient } from '../../../electron/sync/transport';
import { createTempStore, type TempStore } from '../../support/temp-store';
import { AS_OF, NOW, startSyncServer, type SyncServer } from './support';

const SYNCED_TABLES = [...SYNC_ENTITIES];
const CTX: ApplyContext = { asOf: AS_OF, now: NOW, settings: DEFAULT_DOMAIN_SETTINGS, resynced: [] };
const PAGE = 400;

/** Indexes and triggers as the schema defines them (autoindexes have no SQL). */
const schemaObjects = (sqlite: BetterSqlite3.Database): string[] =>
  sqlite
    .prepare<[], { entry: string }>("SELECT type || ' ' || name AS entry FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY 1")
    .all()
    .map((row) => row.entry);

describe('applying pulled pages', () => {
  let server: SyncServer;
  let pages: PullResponse[] = [];
  let runPages: PullResponse[] = [];
  const stores: TempStore[] = [];
  const store = async (): Promise<TempStore> => {
    const created = await createTempStore();
    stores.push(created);
    return created;
  };

  beforeAll(async () => {
    server = await startSyncServer('postgres');
    const client = createSyncClient({ baseUrl: server.url });
    const { accessToken } = await client.login(DEMO_USERNAMES.collector, DEMO_PASSWORD);
    for (const snapshotRuns of [false, true]) {
      let cursor: string | null = null;
      for (;;) {
        const page = await client.pull(accessToken, { cursor, limit: PAGE, snapshotRuns });
        (snapshotRuns ? runPages : pages).push(page);
        if (!page.hasMore) break;
        cursor = page.cursor;
      }
    }
  });
  afterAll(async () => {
    for (const opened of stores.splice(0)) await opened.cleanup();
    await server.dispose();
    pages = [];
    runPages = [];
  });

  it('a first snapshot counts its pages against the announced total and ends with every index, trigger, summary and search entry', async () => {
    const { store: local } = await store();
    const sqlite = local.sqlite;
    const fresh = schemaObjects(sqlite);
    const total = pages[0]?.snapshotTotal;
    expect(pages.length).toBeGreaterThan(2);
    expect(total).toBe(pages.reduce((sum, page) => sum + page.changes.length, 0));
    expect(pages.slice(1).every((page) => page.snapshotTotal === undefined)).toBe(true);

    let received = 0;
    for (const [index, page] of pages.entries()) {
      const outcome = applyPullPage(sqlite, page, CTX);
      received += page.changes.length;
      if (page.hasMore) {
        expect(outcome.snapshot).toEqual({ rows: received, total });
        // While the snapshot runs, the synced tables carry only their unique indexes and no search triggers.
        expect(schemaObjects(sqlite).filter((entry) => entry.startsWith('index open_items_') || entry.includes('_search_') && entry.endsWith('_insert'))).toEqual([]);
      } else {
        expect(index).toBe(pages.length - 1);
        expect(outcome.snapshot).toBeNull();
      }
    }
    expect(schemaObjects(sqlite)).toEqual(fresh);
    const count = (table: string): number => (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect(count('customer_summary')).toBe(count('customers'));
    expect(count('sync_state WHERE key LIKE \'bulk.%\' OR key = \'sync.snapshot_progress\'')).toBe(0);
    const item = sqlite.prepare<[], { document_number: string; customer_id: string }>('SELECT document_number, customer_id FROM open_items LIMIT 1').get();
    expect(item).toBeDefined();
    const hits = searchGlobal(sqlite, { q: item?.document_number ?? '', limit: 5 });
    expect(hits.some((hit) => hit.kind === 'document' && hit.customerId === item?.customer_id)).toBe(true);
    // A search trigger works again: a new document is found at once.
    sqlite.prepare("UPDATE open_items SET document_number = 'ZX-4711' WHERE document_number = ?").run(item?.document_number ?? '');
    expect(searchGlobal(sqlite, { q: 'ZX-4711', limit: 5 }).map((hit) => hit.kind)).toContain('document');
  });

  it('a snapshot received as runs leaves the store exactly as one received as changes', async () => {
    expect(runPages.every((page) => page.changes.length === 0 && (page.runs ?? []).length > 0)).toBe(true);
    const dump = (sqlite: BetterSqlite3.Database): Record<string, unknown[]> =>
      Object.fromEntries(
        [...SYNCED_TABLES, 'promise_items', 'dispute_items', 'customer_summary', 'users', 'search_index'].map((table) => [
          table,
          sqlite.prepare(`SELECT * FROM ${table} ORDER BY ${table === 'search_index' ? 'rowid' : '1, 2'}`).all(),
        ]),
      );
    const { store: asChanges } = await store();
    const { store: asRuns } = await store();
    for (const page of pages) applyPullPage(asChanges.sqlite, page, CTX);
    const received: (number | null)[] = [];
    for (const page of runPages) received.push(applyPullPage(asRuns.sqlite, page, CTX).snapshot?.rows ?? null);
    expect(received.at(-1)).toBeNull();
    expect(received.slice(0, -1)).toEqual(pages.slice(0, -1).map((_, index) => pages.slice(0, index + 1).reduce((sum, page) => sum + page.changes.length, 0)));
    const expected = dump(asChanges.sqlite);
    expect(expected.activities?.length).toBeGreaterThan(0);
    expect(dump(asRuns.sqlite)).toEqual(expected);
  });

  it('a snapshot cut short by another account signing in leaves the schema whole', async () => {
    const { store: local } = await store();
    const sqlite = local.sqlite;
    const fresh = schemaObjects(sqlite);
    applyPullPage(sqlite, pages[0] ?? (() => { throw new Error('no page'); })(), CTX);
    expect(schemaObjects(sqlite)).not.toEqual(fresh);
    // What each user keeps on this workstation (drafts, pins and snoozes) is theirs, and stays for their return.
    const customerId = (sqlite.prepare('SELECT id FROM customers LIMIT 1').pluck().get() as string | undefined) ?? '';
    sqlite.prepare("INSERT INTO drafts (owner, key, value_json, updated_at) VALUES ('u-ann', 'contact:x', '\"half\"', ?)").run(NOW);
    sqlite.prepare("INSERT INTO worklist_overrides (id, customer_id, kind, reason, expires_at, created_by, created_at) VALUES ('o-ann', ?, 'pin', 'CFO', NULL, 'u-ann', ?)").run(customerId, NOW);
    adoptAccount(sqlite, { url: server.url, embedded: false }, { id: 'someone-else', username: 'someone', displayName: 'Someone Else', role: 'collector' }, true);
    expect(schemaObjects(sqlite)).toEqual(fresh);
    expect((sqlite.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n).toBe(0);
    expect(sqlite.prepare('SELECT owner, key FROM drafts').all()).toEqual([{ owner: 'u-ann', key: 'contact:x' }]);
    expect(sqlite.prepare('SELECT id, customer_id AS customerId, created_by AS owner FROM worklist_overrides').all()).toEqual([{ id: 'o-ann', customerId, owner: 'u-ann' }]);
  });

  it('a store that holds customers takes a snapshot with its indexes in place', async () => {
    const { store: local } = await store();
    const sqlite = local.sqlite;
    const fresh = schemaObjects(sqlite);
    for (const page of pages) applyPullPage(sqlite, page, CTX);
    applyPullPage(sqlite, pages[0] ?? (() => { throw new Error('no page'); })(), CTX);
    expect(schemaObjects(sqlite)).toEqual(fresh);
  });

  it('writes rows in batches, and a row that lacks columns changes only the columns it has', async () => {
    const { store: local } = await store();
    const sqlite = local.sqlite;
    for (const page of pages) applyPullPage(sqlite, page, CTX);
    const rows = sqlite.prepare<[], Record<string, unknown>>('SELECT * FROM activities ORDER BY id LIMIT 100').all();
    expect(rows.length).toBe(100);
    const writer = createRowWriter(sqlite);
    sqlite.transaction(() => {
      for (const row of rows) writer.write('activities', { ...row, note: `batched ${String(row.id)}` });
      // Without the nullable columns: those keep their values.
      const nullable = new Set(['contact_person_id', 'duration_seconds', 'follow_up_date', 'user_id']);
      const required = Object.fromEntries(Object.entries(rows[0] ?? {}).filter(([column]) => !nullable.has(column)));
      writer.write('activities', { ...required, outcome: 'payment_sent' });
      writer.flush();
    })();
    const after = sqlite.prepare<[], Record<string, unknown>>('SELECT * FROM activities ORDER BY id LIMIT 100').all();
    expect(after[0]).toEqual({ ...rows[0], outcome: 'payment_sent' });
    expect(after.slice(1)).toEqual(rows.slice(1).map((row) => ({ ...row, note: `batched ${String(row.id)}` })));
  });

  it("a customer leaving the portfolio ends the signed-in user's pins and snoozes on it, and leaves another user's for their return", async () => {
    const { store: local } = await store();
    const sqlite = local.sqlite;
    for (const page of pages) applyPullPage(sqlite, page, CTX);
    const [leaving, staying] = sqlite.prepare<[], { id: string }>('SELECT id FROM customers ORDER BY id LIMIT 2').all();
    if (leaving === undefined || staying === undefined) throw new Error('two customers expected');
    // This workstation's signed-in user.
    sqlite.prepare('UPDATE users SET is_local_profile = 0').run();
    sqlite.prepare("INSERT INTO users (id, username, display_name, role, is_local_profile, created_at) VALUES ('u-me', 'me-local', 'Me', 'collector', 1, ?)").run(NOW);
    const override = sqlite.prepare("INSERT INTO worklist_overrides (id, customer_id, kind, reason, expires_at, created_by, created_at) VALUES (?, ?, 'pin', 'why', NULL, ?, ?)");
    override.run('o-mine-leaving', leaving.id, 'u-me', NOW);
    override.run('o-mine-staying', staying.id, 'u-me', NOW);
    override.run('o-theirs-leaving', leaving.id, 'u-someone-else', NOW);
    const page: PullResponse = { changes: [{ op: 'remove', entity: 'customers', id: leaving.id, customerId: leaving.id, row: null }], cursor: pages.at(-1)?.cursor ?? '', hasMore: false, snapshot: false };
    applyPullPage(sqlite, page, CTX);
    expect(sqlite.prepare('SELECT id FROM worklist_overrides ORDER BY id').pluck().all()).toEqual(['o-mine-staying', 'o-theirs-leaving']);
  });

  it('a primary contact person arriving while another is primary here demotes that one, whatever the order of the rows', async () => {
    const { store: local } = await store();
    const sqlite = local.sqlite;
    for (const page of pages) applyPullPage(sqlite, page, CTX);
    const persons = pages.flatMap((page) => page.changes).filter((change) => change.entity === 'contact_persons' && change.op === 'upsert');
    const arriving = persons.find((change) => persons.some((other) => other.customerId === change.customerId && other.id !== change.id));
    const other = persons.find((change) => change.customerId === arriving?.customerId && change.id !== arriving.id);
    if (arriving?.row == null || other === undefined) throw new Error('the demo has no customer with two contact persons');
    const { customerId } = arriving;
    // Here the other one is primary (a local switch not pushed yet, or the server's state before a switch elsewhere).
    sqlite.prepare('UPDATE contact_persons SET is_primary = (id = ?) WHERE customer_id = ?').run(other.id, customerId);
    const page: PullResponse = {
      changes: [{ ...arriving, row: { ...arriving.row, is_primary: true, version: Number(arriving.row['version']) + 1 } }],
      cursor: pages.at(-1)?.cursor ?? '',
      hasMore: false,
      snapshot: false,
    };
    applyPullPage(sqlite, page, CTX);
    const primaries = sqlite.prepare<[string], { id: string }>('SELECT id FROM contact_persons WHERE customer_id = ? AND is_primary = 1').all(customerId);
    expect(primaries).toEqual([{ id: arriving.id }]);
  });
});
