import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, MIGRATION_TABLE } from '../../../db/migrations';
import { resumeBulkMaintenance, suspendBulkMaintenance } from '../../../db/sync/bulk-snapshot';
import { nextPushBatch } from '../../../db/sync/outbox';
import { openLocalStore, type LocalStore } from '../../../db/open';
import type { Database } from '../../../db/schema';
import { makeTempDir } from '../../support/temp-store';

/** Lists a table's columns; the compiler refuses a list that misses or invents a column of db/schema.ts. */
const columnsOf =
  <T>() =>
  <const K extends readonly (keyof T & string)[]>(...keys: K & ([Exclude<keyof T, K[number]>] extends [never] ? unknown : never)): readonly string[] =>
    keys;

const SCHEMA_COLUMNS: { readonly [K in keyof Database]: readonly string[] } = {
  users: columnsOf<Database['users']>()('id', 'username', 'display_name', 'email', 'role', 'team_id', 'is_local_profile', 'created_at', 'disabled'),
  teams: columnsOf<Database['teams']>()('id', 'name', 'language'),
  customers: columnsOf<Database['customers']>()('id', 'erp_key', 'number', 'name', 'country', 'currency', 'payment_terms', 'payment_terms_days', 'credit_limit_minor', 'credit_hold', 'risk_class', 'collector_id', 'updated_at', 'team_id', 'assigned_by', 'assigned_at', 'assignment_reason', 'language'),
  contact_persons: columnsOf<Database['contact_persons']>()('id', 'customer_id', 'name', 'role', 'phone', 'email', 'preferred_channel', 'is_primary', 'created_at', 'updated_at', 'language'),
  open_items: columnsOf<Database['open_items']>()('id', 'erp_key', 'customer_id', 'kind', 'document_number', 'reference', 'document_date', 'due_date', 'currency', 'original_minor', 'open_minor', 'disputed_minor', 'dunning_level', 'cleared_at', 'updated_at', 'erp_disputed'),
  payments: columnsOf<Database['payments']>()('id', 'erp_key', 'customer_id', 'amount_minor', 'currency', 'value_date', 'method', 'reference', 'updated_at'),
  clearings: columnsOf<Database['clearings']>()('id', 'payment_id', 'open_item_id', 'amount_minor', 'currency', 'cleared_on'),
  activities: columnsOf<Database['activities']>()('id', 'customer_id', 'contact_person_id', 'channel', 'direction', 'outcome', 'note', 'duration_seconds', 'follow_up_date', 'occurred_at', 'user_id', 'created_at'),
  promises: columnsOf<Database['promises']>()('id', 'customer_id', 'activity_id', 'plan_id', 'amount_minor', 'currency', 'promised_date', 'payment_method', 'note', 'status', 'level', 'paid_minor', 'superseded_by', 'evaluated_on', 'created_by', 'created_at', 'updated_at', 'cancel_reason', 'made_on'),
  promise_items: columnsOf<Database['promise_items']>()('promise_id', 'open_item_id'),
  disputes: columnsOf<Database['disputes']>()('id', 'customer_id', 'activity_id', 'reason_code', 'description', 'status', 'owner', 'due_date', 'currency', 'disputed_minor', 'resolution', 'root_cause', 'created_by', 'created_at', 'updated_at', 'resolved_at', 'closed_at'),
  dispute_items: columnsOf<Database['dispute_items']>()('dispute_id', 'open_item_id', 'disputed_minor'),
  dispute_events: columnsOf<Database['dispute_events']>()('id', 'dispute_id', 'from_status', 'to_status', 'comment', 'user_id', 'at'),
  notes: columnsOf<Database['notes']>()('id', 'customer_id', 'open_item_id', 'lineage_id', 'version', 'is_current', 'body', 'created_by', 'created_at'),
  follow_ups: columnsOf<Database['follow_ups']>()('id', 'customer_id', 'open_item_id', 'activity_id', 'due_date', 'title', 'status', 'assigned_to', 'created_by', 'created_at', 'done_at', 'done_comment'),
  escalations: columnsOf<Database['escalations']>()('id', 'customer_id', 'kind', 'amount_minor', 'currency', 'reason', 'status', 'requested_by', 'requested_at', 'decided_by', 'decided_at', 'decision_comment'),
  attachments: columnsOf<Database['attachments']>()('id', 'customer_id', 'parent_kind', 'parent_id', 'file_name', 'media_type', 'size_bytes', 'created_by', 'created_at'),
  attachment_contents: columnsOf<Database['attachment_contents']>()('attachment_id', 'content'),
  worklist_overrides: columnsOf<Database['worklist_overrides']>()('id', 'customer_id', 'kind', 'reason', 'expires_at', 'created_by', 'created_at', 'cleared_at'),
  audit_log: columnsOf<Database['audit_log']>()('seq', 'id', 'at', 'user_id', 'entity', 'entity_id', 'action', 'before_json', 'after_json', 'mutation_id'),
  outbox: columnsOf<Database['outbox']>()('seq', 'id', 'name', 'args_json', 'created_at', 'status', 'attempts', 'last_error', 'resolved_at', 'push_seq', 'day'),
  sync_state: columnsOf<Database['sync_state']>()('key', 'value'),
  sync_issues: columnsOf<Database['sync_issues']>()('id', 'name', 'args_json', 'customer_id', 'error_code', 'error_message', 'error_field', 'created_at', 'rejected_at', 'error_reason', 'error_params'),
  sync_resync: columnsOf<Database['sync_resync']>()('customer_id'),
  sync_snapshot_seen: columnsOf<Database['sync_snapshot_seen']>()('customer_id'),
  customer_summary: columnsOf<Database['customer_summary']>()('customer_id', 'as_of', 'currency', 'mixed_currency', 'open_minor', 'overdue_minor', 'overdue_base_minor', 'disputed_minor', 'collectible_minor', 'aging_json', 'overdue_bucket_keys', 'oldest_days_past_due', 'next_promise_date', 'next_follow_up_date', 'next_action_date', 'last_contact_at', 'broken_promises', 'open_disputes', 'follow_up_due', 'credit_used_minor', 'override_kind', 'override_reason', 'override_expires_at', 'rank_group', 'score', 'factors_json', 'updated_at', 'paid_invoices', 'avg_days_late', 'share_late', 'credit_used_bp'),
  search_index: columnsOf<Database['search_index']>()('kind', 'customer_id', 'ref_id', 'label', 'body'),
  drafts: columnsOf<Database['drafts']>()('key', 'value_json', 'updated_at', 'owner'),
};

/** Tables that later migrations add, so each migration's test knows what exists after it. */
const ADDED_AFTER_001: readonly string[] = ['drafts', 'sync_issues', 'sync_resync', 'sync_snapshot_seen', 'attachments', 'attachment_contents', 'teams'];
/** Columns later migrations add to tables of 001. */
const COLUMNS_ADDED_AFTER_001: Readonly<Record<string, readonly string[]>> = { outbox: ['push_seq', 'day'], customer_summary: ['paid_invoices', 'avg_days_late', 'share_late', 'credit_used_bp'], users: ['disabled'], promises: ['cancel_reason', 'made_on'], follow_ups: ['done_comment'], customers: ['team_id', 'assigned_by', 'assigned_at', 'assignment_reason', 'language'], contact_persons: ['language'], open_items: ['erp_disputed'] };

const stores: LocalStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

/** Opens a fresh file with the migrations up to and including `name`. */
async function migrateThrough(name: string): Promise<LocalStore> {
  const names = Object.keys(MIGRATIONS);
  const subset = Object.fromEntries(names.slice(0, names.indexOf(name) + 1).map((key) => [key, MIGRATIONS[key]]));
  const store = await openLocalStore({ path: join(makeTempDir(), 'ledgerline.db'), migrations: subset as typeof MIGRATIONS });
  stores.push(store);
  return store;
}

describe('migration 001-initial', () => {
  it('applies on an empty file and records itself', async () => {
    const store = await migrateThrough('001-initial');
    expect(store.sqlite.prepare(`SELECT name FROM ${MIGRATION_TABLE}`).all()).toEqual([{ name: '001-initial' }]);
    expect(store.sqlite.pragma('foreign_key_check')).toEqual([]);
    expect(store.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('creates exactly the tables and columns db/schema.ts describes', async () => {
    const store = await migrateThrough('001-initial');
    const tables = store.sqlite
      .prepare<[], { name: string }>(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'kysely_%'
           AND name NOT LIKE 'search_index_%' ORDER BY name`,
      )
      .all()
      .map((row) => row.name);
    expect(tables).toEqual(Object.keys(SCHEMA_COLUMNS).filter((table) => !ADDED_AFTER_001.includes(table)).sort());
    for (const [table, columns] of Object.entries(SCHEMA_COLUMNS).filter(([table]) => !ADDED_AFTER_001.includes(table))) {
      const actual = store.sqlite.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`).all().map((row) => row.name);
      const added = COLUMNS_ADDED_AFTER_001[table] ?? [];
      expect(actual, table).toEqual(columns.filter((column) => !added.includes(column)));
    }
  });
});

describe('migration 002-collector-work', () => {
  it('adds the drafts table, its indexes and the triggers that mark promise verdicts stale on top of 001', async () => {
    const store = await migrateThrough('002-collector-work');
    expect(store.sqlite.prepare(`SELECT name FROM ${MIGRATION_TABLE} ORDER BY name`).all()).toEqual([{ name: '001-initial' }, { name: '002-collector-work' }]);
    const columns = store.sqlite.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('drafts')").all().map((row) => row.name);
    expect(columns).toEqual(['key', 'value_json', 'updated_at']);
    const index = store.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'activities_user_created'").get();
    expect(index).toEqual({ name: 'activities_user_created' });
    expect(() => store.sqlite.prepare("INSERT INTO drafts (key, value_json, updated_at) VALUES ('', '{}', 'x')").run()).toThrow(/CHECK/);
    const triggers = store.sqlite.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%promises_stale' ORDER BY name").all();
    expect(triggers.map((row) => row.name)).toEqual(['clearings_delete_promises_stale', 'clearings_insert_promises_stale', 'clearings_update_promises_stale', 'payments_delete_promises_stale', 'payments_insert_promises_stale', 'payments_update_promises_stale']);
  });
});

describe('migration 003-sync-client', () => {
  it('numbers outbox mutations for the protocol, keeps pins and snoozes out of it and adds the sync tables', async () => {
    const store = await migrateThrough('002-collector-work');
    const insert = store.sqlite.prepare<[string, string]>("INSERT INTO outbox (id, name, args_json, created_at) VALUES (?, ?, '{}', '2026-03-02T09:00:00.000Z')");
    insert.run('a', 'note.add');
    insert.run('b', 'worklist.setOverride');
    insert.run('c', 'worklist.clearOverride');
    await store.close();
    stores.splice(stores.indexOf(store), 1);
    const migrated = await openLocalStore({ path: store.path });
    stores.push(migrated);
    expect(migrated.sqlite.prepare('SELECT id, push_seq FROM outbox').all()).toEqual([{ id: 'a', push_seq: null }]);
    for (const table of ['sync_issues', 'sync_resync', 'sync_snapshot_seen'] as const) {
      const columns = migrated.sqlite.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`).all().map((row) => row.name);
      expect(columns, table).toEqual([...SCHEMA_COLUMNS[table]]);
    }
    migrated.sqlite.prepare("UPDATE outbox SET push_seq = 1 WHERE id = 'a'").run();
    migrated.sqlite.prepare("INSERT INTO outbox (id, name, args_json, created_at, push_seq) VALUES ('d', 'note.add', '{}', '2026-03-02T09:00:00.000Z', NULL)").run();
    expect(() => migrated.sqlite.prepare("UPDATE outbox SET push_seq = 1 WHERE id = 'd'").run()).toThrow(/UNIQUE/);
  });
});

describe('migration 004-drafts-per-user', () => {
  it('gives every draft an owner, the local profile for those typed before it', async () => {
    const store = await migrateThrough('003-sync-client');
    store.sqlite.prepare("INSERT INTO users (id, username, display_name, role, is_local_profile, created_at) VALUES ('u1', 'ann', 'Ann', 'collector', 1, '2026-03-02T09:00:00.000Z')").run();
    store.sqlite.prepare("INSERT INTO drafts (key, value_json, updated_at) VALUES ('contact:c1', '\"hi\"', '2026-03-02T09:00:00.000Z')").run();
    await store.close();
    stores.splice(stores.indexOf(store), 1);
    const migrated = await openLocalStore({ path: store.path });
    stores.push(migrated);
    const columns = migrated.sqlite.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('drafts')").all().map((row) => row.name);
    expect(columns).toEqual([...SCHEMA_COLUMNS.drafts]);
    expect(migrated.sqlite.prepare('SELECT owner, key FROM drafts').all()).toEqual([{ owner: 'u1', key: 'contact:c1' }]);
    // The same key for another user is another draft.
    migrated.sqlite.prepare("INSERT INTO drafts (owner, key, value_json, updated_at) VALUES ('u2', 'contact:c1', '1', 'x')").run();
    expect(() => migrated.sqlite.prepare("INSERT INTO drafts (owner, key, value_json, updated_at) VALUES ('u2', 'contact:c1', '2', 'x')").run()).toThrow(/UNIQUE/);
  });
});

describe('migration 005-users-disabled', () => {
  it('marks every user known so far as enabled until the directory says otherwise', async () => {
    const store = await migrateThrough('004-drafts-per-user');
    store.sqlite.prepare("INSERT INTO users (id, username, display_name, role, is_local_profile, created_at) VALUES ('u1', 'ann', 'Ann', 'collector', 1, '2026-03-02T09:00:00.000Z')").run();
    await store.close();
    stores.splice(stores.indexOf(store), 1);
    const migrated = await openLocalStore({ path: store.path });
    stores.push(migrated);
    const columns = migrated.sqlite.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('users')").all().map((row) => row.name);
    expect(columns).toEqual([...SCHEMA_COLUMNS.users]);
    expect(migrated.sqlite.prepare('SELECT id, disabled FROM users').all()).toEqual([{ id: 'u1', disabled: 0 }]);
    expect(() => migrated.sqlite.prepare("UPDATE users SET disabled = 2 WHERE id = 'u1'").run()).toThrow(/CHECK/);
  });
});

describe('migration 006-closing-reasons', () => {
  it("adds a promise's cancel reason and a follow-up's closing comment, none on the rows there were", async () => {
    const store = await migrateThrough('005-users-disabled');
    await store.close();
    stores.splice(stores.indexOf(store), 1);
    const migrated = await openLocalStore({ path: store.path });
    stores.push(migrated);
    for (const table of ['promises', 'follow_ups'] as const) {
      const columns = migrated.sqlite.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`).all().map((row) => row.name);
      expect(columns).toEqual([...SCHEMA_COLUMNS[table]]);
    }
    const nullable = migrated.sqlite
      .prepare<[], { name: string; notnull: number; dflt_value: string | null }>(
        "SELECT name, \"notnull\", dflt_value FROM pragma_table_info('promises') WHERE name = 'cancel_reason' UNION ALL SELECT name, \"notnull\", dflt_value FROM pragma_table_info('follow_ups') WHERE name = 'done_comment'",
      )
      .all();
    expect(nullable).toEqual([
      { name: 'cancel_reason', notnull: 0, dflt_value: null },
      { name: 'done_comment', notnull: 0, dflt_value: null },
    ]);
  });
});

describe('migration 007-customer-team', () => {
  const customer = (id: string, collector: string | null) =>
    `INSERT INTO customers (id, erp_key, number, name, country, currency, payment_terms, payment_terms_days, credit_limit_minor, risk_class, collector_id, updated_at)
     VALUES ('${id}', '${id}', '${id}', '${id}', 'DE', 'EUR', 'NET30', 30, 0, 'low', ${collector === null ? 'NULL' : `'${collector}'`}, '2026-03-02T09:00:00.000Z')`;

  async function migrateWithProfile(role: 'collector' | 'team_lead') {
    const store = await migrateThrough('006-closing-reasons');
    const user = store.sqlite.prepare('INSERT INTO users (id, username, display_name, role, team_id, is_local_profile, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    user.run('ann', 'ann', 'Ann', 'collector', 'north', role === 'collector' ? 1 : 0, '2026-03-02T09:00:00.000Z');
    user.run('lena', 'lena', 'Lena', 'team_lead', 'north', role === 'team_lead' ? 1 : 0, '2026-03-02T09:00:00.000Z');
    user.run('sam', 'sam', 'Sam', 'collector', 'south', 0, '2026-03-02T09:00:00.000Z');
    for (const statement of [customer('c-ann', 'ann'), customer('c-sam', 'sam'), customer('c-none', null)]) store.sqlite.prepare(statement).run();
    await store.close();
    stores.splice(stores.indexOf(store), 1);
    const migrated = await openLocalStore({ path: store.path });
    stores.push(migrated);
    return migrated;
  }

  it("gives each customer its collector's team, and a customer without one the team lead's own", async () => {
    const migrated = await migrateWithProfile('team_lead');
    const columns = migrated.sqlite.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('customers')").all().map((row) => row.name);
    expect(columns).toEqual([...SCHEMA_COLUMNS.customers]);
    expect(migrated.sqlite.prepare('SELECT id, team_id FROM customers ORDER BY id').all()).toEqual([
      { id: 'c-ann', team_id: 'north' },
      { id: 'c-none', team_id: 'north' },
      { id: 'c-sam', team_id: 'south' },
    ]);
  });

  it("leaves a customer without a collector teamless in a collector's store", async () => {
    const migrated = await migrateWithProfile('collector');
    expect(migrated.sqlite.prepare("SELECT team_id FROM customers WHERE id = 'c-none'").get()).toEqual({ team_id: null });
  });
});

describe('migration 008-assignment-reason', () => {
  it('adds who last assigned a customer, when and why, none on the customers there were', async () => {
    const store = await migrateThrough('007-customer-team');
    store.sqlite
      .prepare(
        `INSERT INTO customers (id, erp_key, number, name, country, currency, payment_terms, payment_terms_days, credit_limit_minor, risk_class, collector_id, updated_at)
         VALUES ('c1', 'c1', 'c1', 'c1', 'DE', 'EUR', 'NET30', 30, 0, 'low', NULL, '2026-03-02T09:00:00.000Z')`,
      )
      .run();
    await store.close();
    stores.splice(stores.indexOf(store), 1);
    const migrated = await openLocalStore({ path: store.path });
    stores.push(migrated);
    const columns = migrated.sqlite.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('customers')").all().map((row) => row.name);
    expect(columns).toEqual([...SCHEMA_COLUMNS.customers]);
    expect(migrated.sqlite.prepare('SELECT assigned_by, assigned_at, assignment_reason FROM customers').all()).toEqual([{ assigned_by: null, assigned_at: null, assignment_reason: null }]);
  });
});

describe('migration 009-erp-disputed', () => {
  it("adds the ERP's dispute flag, unset on the items there were, and makes the next sync a fresh snapshot", async () => {
    const store = await migrateThrough('008-assignment-reason');
    store.sqlite
      .prepare(
        `INSERT INTO customers (id, erp_key, number, name, country, currency, payment_terms, payment_terms_days, credit_limit_minor, risk_class, collector_id, updated_at)
         VALUES ('c1', 'c1', 'c1', 'c1', 'DE', 'EUR', 'NET30', 30, 0, 'low', NULL, '2026-03-02T09:00:00.000Z')`,
      )
      .run();
    store.sqlite
      .prepare(
        `INSERT INTO open_items (id, erp_key, customer_id, kind, document_number, document_date, due_date, currency, original_minor, open_minor, updated_at)
         VALUES ('i1', 'i1', 'c1', 'invoice', 'INV-1', '2026-02-01', '2026-03-01', 'EUR', 100, 100, '2026-03-02T09:00:00.000Z')`,
      )
      .run();
    store.sqlite.prepare("INSERT INTO sync_state (key, value) VALUES ('sync.cursor', 'abc'), ('sync.client_id', 'desk-1')").run();
    await store.close();
    stores.splice(stores.indexOf(store), 1);
    const migrated = await openLocalStore({ path: store.path });
    stores.push(migrated);
    expect(migrated.sqlite.prepare('SELECT erp_disputed FROM open_items').all()).toEqual([{ erp_disputed: 0 }]);
    expect(migrated.sqlite.prepare("SELECT key FROM sync_state WHERE key LIKE 'sync.%' ORDER BY key").pluck().all()).toEqual(['sync.client_id']);
  });
});

describe('migration 016-attachments', () => {
  it('adds attachments with their bytes apart, which go with their customer', async () => {
    const store = await migrateThrough('015-credit-used-share');
    store.sqlite.prepare("INSERT INTO customers (id, erp_key, number, name, country, currency, payment_terms, payment_terms_days, credit_limit_minor, risk_class, updated_at) VALUES ('c1', 'E1', '1', 'Acme', 'DE', 'EUR', 'N30', 30, 0, 'low', '2026-03-01T00:00:00.000Z')").run();
    await store.close();
    stores.splice(stores.indexOf(store), 1);
    const migrated = await openLocalStore({ path: store.path });
    stores.push(migrated);
    migrated.sqlite
      .prepare("INSERT INTO attachments (id, customer_id, parent_kind, parent_id, file_name, media_type, size_bytes, created_at) VALUES ('a1', 'c1', 'note', 'n1', 'advice.pdf', 'application/pdf', 3, '2026-03-02T09:00:00.000Z')")
      .run();
    migrated.sqlite.prepare("INSERT INTO attachment_contents (attachment_id, content) VALUES ('a1', x'255044')").run();
    expect(() => migrated.sqlite.prepare("INSERT INTO attachments (id, customer_id, parent_kind, parent_id, file_name, media_type, size_bytes, created_at) VALUES ('a2', 'c1', 'note', 'n1', 'run.exe', 'application/x-msdownload', 3, '2026-03-02T09:00:00.000Z')").run()).toThrow(/CHECK/);
    migrated.sqlite.prepare("DELETE FROM customers WHERE id = 'c1'").run();
    expect(migrated.sqlite.prepare('SELECT count(*) FROM attachment_contents').pluck().get()).toBe(0);
  });
});

describe('migration 018-teams', () => {
  it("adds the directory's teams with their language, empty until the next sync, and names no team of the customers' as required", async () => {
    const store = await migrateThrough('017-languages');
    store.sqlite.prepare("INSERT INTO customers (id, erp_key, number, name, country, currency, payment_terms, payment_terms_days, credit_limit_minor, risk_class, updated_at, team_id) VALUES ('c1', 'E1', '1', 'Acme', 'DE', 'EUR', 'N30', 30, 0, 'low', '2026-03-01T00:00:00.000Z', 'north')").run();
    await store.close();
    stores.splice(stores.indexOf(store), 1);
    const migrated = await openLocalStore({ path: store.path });
    stores.push(migrated);
    const columns = migrated.sqlite.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('teams')").all().map((row) => row.name);
    expect(columns).toEqual([...SCHEMA_COLUMNS.teams]);
    expect(migrated.sqlite.prepare('SELECT count(*) FROM teams').pluck().get()).toBe(0);
    migrated.sqlite.prepare("INSERT INTO teams (id, name, language) VALUES ('north', 'North', 'de'), ('south', 'South', NULL)").run();
    expect(migrated.sqlite.prepare("SELECT t.language FROM customers c JOIN teams t ON t.id = c.team_id WHERE c.id = 'c1'").pluck().get()).toBe('de');
    expect(() => migrated.sqlite.prepare("INSERT INTO teams (id, name) VALUES ('north', 'Again')").run()).toThrow(/UNIQUE|PRIMARY/);
    expect(migrated.sqlite.pragma('foreign_key_check')).toEqual([]);
  });
});

describe('migration 019-refusal-reasons', () => {
  it("keeps a refusal's reason and values beside the message; an issue refused before it has none", async () => {
    const store = await migrateThrough('018-teams');
    store.sqlite
      .prepare("INSERT INTO sync_issues (id, name, args_json, customer_id, error_code, error_message, error_field, created_at, rejected_at) VALUES ('m0', 'note.edit', '{}', NULL, 'validation', 'the text is unchanged', 'args.body', ?, ?)")
      .run('2026-03-01T09:00:00.000Z', '2026-03-01T09:05:00.000Z');
    await store.close();
    stores.splice(stores.indexOf(store), 1);
    const migrated = await openLocalStore({ path: store.path });
    stores.push(migrated);
    const columns = migrated.sqlite.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('sync_issues')").all().map((row) => row.name);
    expect(columns).toEqual([...SCHEMA_COLUMNS.sync_issues]);
    expect(migrated.sqlite.prepare("SELECT error_message, error_reason, error_params FROM sync_issues WHERE id = 'm0'").get()).toEqual({
      error_message: 'the text is unchanged',
      error_reason: null,
      error_params: null,
    });
  });
});

describe('migration 020-follow-ups-by-customer', () => {
  it("keeps every follow-up and finds a customer's, open or done, through one index by customer", async () => {
    const store = await migrateThrough('019-refusal-reasons');
    store.sqlite.prepare("INSERT INTO customers (id, erp_key, number, name, country, currency, payment_terms, payment_terms_days, credit_limit_minor, risk_class, updated_at) VALUES ('c1', 'E1', '1', 'Acme', 'DE', 'EUR', 'N30', 30, 0, 'low', '2026-03-01T00:00:00.000Z')").run();
    store.sqlite
      .prepare("INSERT INTO follow_ups (id, customer_id, due_date, title, status, created_at) VALUES ('f1', 'c1', '2026-03-05', 'Call back', 'open', ?), ('f2', 'c1', '2026-03-02', 'Send copy', 'done', ?)")
      .run('2026-03-01T09:00:00.000Z', '2026-03-01T09:00:00.000Z');
    await store.close();
    stores.splice(stores.indexOf(store), 1);
    const migrated = await openLocalStore({ path: store.path });
    stores.push(migrated);
    const indexes = migrated.sqlite.prepare<[], { name: string }>("SELECT name FROM pragma_index_list('follow_ups') WHERE origin = 'c' ORDER BY name").all().map((row) => row.name);
    expect(indexes).toEqual(['follow_ups_customer', 'follow_ups_due']);
    expect(migrated.sqlite.prepare("SELECT id FROM follow_ups WHERE customer_id = 'c1' ORDER BY id").pluck().all()).toEqual(['f1', 'f2']);
  });
});

describe('migration 020 during an unfinished first sync', () => {
  it('leaves the old index dropped and has the new one built when the sync finishes', async () => {
    const store = await migrateThrough('019-refusal-reasons');
    suspendBulkMaintenance(store.sqlite);
    await store.close();
    stores.splice(stores.indexOf(store), 1);
    const migrated = await openLocalStore({ path: store.path });
    stores.push(migrated);
    const followUpIndexes = () => migrated.sqlite.prepare<[], { name: string }>("SELECT name FROM pragma_index_list('follow_ups') WHERE origin = 'c' ORDER BY name").all().map((row) => row.name);
    expect(followUpIndexes()).toEqual([]);
    resumeBulkMaintenance(migrated.sqlite);
    expect(followUpIndexes()).toEqual(['follow_ups_customer', 'follow_ups_due']);
  });
});

describe('migration registry', () => {
  it('has one test per registered migration', () => {
    expect(Object.keys(MIGRATIONS)).toEqual(['001-initial', '002-collector-work', '003-sync-client', '004-drafts-per-user', '005-users-disabled', '006-closing-reasons', '007-customer-team', '008-assignment-reason', '009-erp-disputed', '010-outbox-day', '011-payment-behaviour', '012-promise-made-on', '013-iso-currency-digits', '014-overrides-per-user', '015-credit-used-share', '016-attachments', '017-languages', '018-teams', '019-refusal-reasons', '020-follow-ups-by-customer']);
  });
});

describe('migration 010-outbox-day', () => {
  it('keeps the day on each queued mutation, none on those queued before, which are still sent', async () => {
    const store = await migrateThrough('009-erp-disputed');
    store.sqlite.prepare("INSERT INTO outbox (id, name, args_json, created_at) VALUES ('m1', 'note.add', '{}', '2026-03-02T09:00:00.000Z')").run();
    await store.close();
    stores.splice(stores.indexOf(store), 1);
    const migrated = await openLocalStore({ path: store.path });
    stores.push(migrated);
    expect(migrated.sqlite.prepare('SELECT id, day FROM outbox').all()).toEqual([{ id: 'm1', day: null }]);
    const [sent] = nextPushBatch(migrated.sqlite, 10);
    expect(sent).toMatchObject({ id: 'm1', createdAt: '2026-03-02T09:00:00.000Z' });
    expect(sent).not.toHaveProperty('day');
  });
});

describe('migration 011-payment-behaviour', () => {
  it("adds how each customer pays to the summaries and has them recomputed on the next read", async () => {
    const store = await migrateThrough('010-outbox-day');
    store.sqlite.prepare("INSERT INTO sync_state (key, value) VALUES ('summary_as_of', '2026-03-02')").run();
    await store.close();
    stores.splice(stores.indexOf(store), 1);
    const migrated = await openLocalStore({ path: store.path });
    stores.push(migrated);
    const columns = migrated.sqlite.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('customer_summary')").all().map((row) => row.name);
    expect(columns).toEqual([...SCHEMA_COLUMNS.customer_summary]);
    expect(migrated.sqlite.prepare("SELECT value FROM sync_state WHERE key = 'summary_as_of'").get()).toBeUndefined();
  });
});

/** A book in a currency whose stored precision changes (HUF ×100, IQD ×1000) beside one whose does not (EUR). */
function seedBeforeIsoDigits(store: LocalStore): void {
  const at = '2026-03-02T09:00:00.000Z';
  const run = (statement: string): void => {
    store.sqlite.prepare(statement).run();
  };
  for (const [id, currency] of [['cH', 'HUF'], ['cQ', 'IQD'], ['cE', 'EUR']] as const) {
    run(`INSERT INTO customers (id, erp_key, number, name, country, currency, payment_terms, payment_terms_days, credit_limit_minor, risk_class, collector_id, updated_at)
         VALUES ('${id}', '${id}', '${id}', '${id}', 'HU', '${currency}', 'NET30', 30, 5000, 'low', NULL, '${at}')`);
    run(`INSERT INTO open_items (id, erp_key, customer_id, kind, document_number, document_date, due_date, currency, original_minor, open_minor, disputed_minor, updated_at)
         VALUES ('i${id}', 'i${id}', '${id}', 'invoice', 'INV-${id}', '2026-02-01', '2026-03-01', '${currency}', 1234, 1000, 300, '${at}')`);
    run(`INSERT INTO payments (id, erp_key, customer_id, amount_minor, currency, value_date, updated_at) VALUES ('p${id}', 'p${id}', '${id}', 234, '${currency}', '2026-02-20', '${at}')`);
    run(`INSERT INTO clearings (id, payment_id, open_item_id, amount_minor, currency, cleared_on) VALUES ('k${id}', 'p${id}', 'i${id}', 234, '${currency}', '2026-02-20')`);
    run(`INSERT INTO promises (id, customer_id, amount_minor, currency, promised_date, status, paid_minor, created_at, updated_at) VALUES ('r${id}', '${id}', 700, '${currency}', '2026-03-10', 'open', 100, '${at}', '${at}')`);
    run(`INSERT INTO disputes (id, customer_id, reason_code, status, currency, disputed_minor, created_at, updated_at) VALUES ('d${id}', '${id}', 'pricing', 'new', '${currency}', 300, '${at}', '${at}')`);
    run(`INSERT INTO dispute_items (dispute_id, open_item_id, disputed_minor) VALUES ('d${id}', 'i${id}', 300)`);
    run(`INSERT INTO escalations (id, customer_id, kind, amount_minor, currency, reason, status, requested_at) VALUES ('e${id}', '${id}', 'write_off', 50, '${currency}', 'small', 'requested', '${at}')`);
  }
  const queue = store.sqlite.prepare('INSERT INTO outbox (id, name, args_json, created_at) VALUES (?, ?, ?, ?)');
  queue.run('m1', 'promise.create', JSON.stringify({ customerId: 'cH', itemIds: ['icH'], amountMinor: 500, promisedDate: '2026-03-20' }), at);
  queue.run('m2', 'contact.log', JSON.stringify({ customerId: 'cQ', plan: { instalments: [{ promisedDate: '2026-04-01', amountMinor: 4 }, { promisedDate: '2026-05-01', amountMinor: 6 }], totalMinor: 10 }, dispute: { items: [{ itemId: 'icQ', disputedMinor: 7 }], reasonCode: 'pricing' } }), at);
  queue.run('m3', 'escalation.request', JSON.stringify({ customerId: 'cE', kind: 'write_off', amountMinor: 9, currency: 'HUF', reason: 'named' }), at);
  queue.run('m4', 'promise.create', JSON.stringify({ customerId: 'cE', amountMinor: 500, promisedDate: '2026-03-20' }), at);
  queue.run('m5', 'dispute.create', '{"customerId": "cH", "items": [', at);
  // A damaged amount the multiplication would push past the safe range is held at the bound, as the tables' are.
  queue.run('m6', 'escalation.request', JSON.stringify({ customerId: 'cH', kind: 'write_off', amountMinor: 9_000_000_000_000_000, reason: 'damaged' }), at);
  store.sqlite
    .prepare("INSERT INTO sync_issues (id, name, args_json, customer_id, error_code, error_message, error_field, created_at, rejected_at) VALUES ('m0', 'dispute.create', ?, 'cH', 'conflict', 'x', NULL, ?, ?)")
    .run(JSON.stringify({ customerId: 'cH', items: [{ itemId: 'icH', disputedMinor: 12 }], reasonCode: 'pricing' }), at, at);
  run("INSERT INTO sync_state (key, value) VALUES ('summary_as_of', '2026-03-02')");
}

describe('migration 013-iso-currency-digits', () => {
  const amounts = (store: LocalStore, id: string): unknown =>
    store.sqlite
      .prepare(
        `SELECT c.credit_limit_minor AS credit, i.original_minor AS original, i.open_minor AS open, i.disputed_minor AS disputed, p.amount_minor AS paid,
                k.amount_minor AS cleared, r.amount_minor AS promised, r.paid_minor AS promisePaid, d.disputed_minor AS dispute, di.disputed_minor AS disputeItem, e.amount_minor AS escalated
         FROM customers c JOIN open_items i ON i.customer_id = c.id JOIN payments p ON p.customer_id = c.id JOIN clearings k ON k.open_item_id = i.id
         JOIN promises r ON r.customer_id = c.id JOIN disputes d ON d.customer_id = c.id JOIN dispute_items di ON di.dispute_id = d.id JOIN escalations e ON e.customer_id = c.id
         WHERE c.id = ?`,
      )
      .get(id);
  const times = (factor: number) => ({ credit: 5000 * factor, original: 1234 * factor, open: 1000 * factor, disputed: 300 * factor, paid: 234 * factor, cleared: 234 * factor, promised: 700 * factor, promisePaid: 100 * factor, dispute: 300 * factor, disputeItem: 300 * factor, escalated: 50 * factor });
  const args = (store: LocalStore, table: 'outbox' | 'sync_issues', id: string): unknown => JSON.parse(store.sqlite.prepare<[string], string>(`SELECT args_json FROM ${table} WHERE id = ?`).pluck().get(id) ?? 'null');

  it('multiplies the stored amounts of the currencies whose precision changed, queued ones included, and nothing else', async () => {
    const store = await migrateThrough('012-promise-made-on');
    seedBeforeIsoDigits(store);
    await store.close();
    stores.splice(stores.indexOf(store), 1);
    const migrated = await openLocalStore({ path: store.path });
    stores.push(migrated);

    expect(amounts(migrated, 'cH')).toEqual(times(100));
    expect(amounts(migrated, 'cQ')).toEqual(times(1000));
    expect(amounts(migrated, 'cE')).toEqual(times(1));
    expect(args(migrated, 'outbox', 'm1')).toMatchObject({ amountMinor: 50_000 });
    expect(args(migrated, 'outbox', 'm2')).toMatchObject({ plan: { totalMinor: 10_000, instalments: [{ amountMinor: 4000 }, { amountMinor: 6000 }] }, dispute: { items: [{ disputedMinor: 7000 }] } });
    expect(args(migrated, 'outbox', 'm3')).toMatchObject({ amountMinor: 900 });
    expect(args(migrated, 'outbox', 'm4')).toMatchObject({ amountMinor: 500 });
    expect(migrated.sqlite.prepare("SELECT args_json FROM outbox WHERE id = 'm5'").pluck().get()).toBe('{"customerId": "cH", "items": [');
    expect(args(migrated, 'sync_issues', 'm0')).toMatchObject({ items: [{ disputedMinor: 1200 }] });
    expect(args(migrated, 'outbox', 'm6')).toMatchObject({ amountMinor: Number.MAX_SAFE_INTEGER });
    expect(migrated.sqlite.prepare("SELECT value FROM sync_state WHERE key = 'summary_as_of'").get()).toBeUndefined();
  });

  it('moves all of it or nothing: a failure half-way leaves every amount as it was and the migration to run again', async () => {
    const store = await migrateThrough('012-promise-made-on');
    seedBeforeIsoDigits(store);
    // The last step (the rejected mutations) fails after the tables were already multiplied.
    store.sqlite.prepare('DROP TABLE sync_issues').run();
    await store.close();
    stores.splice(stores.indexOf(store), 1);
    await expect(openLocalStore({ path: store.path })).rejects.toThrow(/sync_issues/);
    const subset = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name < '013'));
    const reopened = await openLocalStore({ path: store.path, migrations: subset });
    stores.push(reopened);
    expect(amounts(reopened, 'cH')).toEqual(times(1));
    expect(args(reopened, 'outbox', 'm1')).toMatchObject({ amountMinor: 500 });
    expect(reopened.sqlite.prepare(`SELECT count(*) FROM ${MIGRATION_TABLE} WHERE name = '013-iso-currency-digits'`).pluck().get()).toBe(0);
  });
});

describe('migration 014-overrides-per-user', () => {
  it('gives every pin and snooze its owner and lets it outlive its customer, so a sign-in as someone else and back keeps it', async () => {
    const store = await migrateThrough('013-iso-currency-digits');
    const at = '2026-03-02T09:00:00.000Z';
    store.sqlite.prepare(`INSERT INTO users (id, username, display_name, role, is_local_profile, created_at) VALUES ('u1', 'ann', 'Ann', 'collector', 1, '${at}')`).run();
    store.sqlite.prepare(`INSERT INTO customers (id, erp_key, number, name, country, currency, payment_terms, payment_terms_days, credit_limit_minor, credit_hold, risk_class, updated_at) VALUES ('c1', 'K1', '1', 'One', 'DE', 'EUR', 'NET30', 30, 0, 0, 'low', '${at}')`).run();
    const insert = store.sqlite.prepare(`INSERT INTO worklist_overrides (id, customer_id, kind, reason, expires_at, created_by, created_at, cleared_at) VALUES (?, 'c1', ?, 'why', NULL, ?, '${at}', NULL)`);
    insert.run('o1', 'pin', 'u1');
    insert.run('o2', 'snooze', null);
    await store.close();
    stores.splice(stores.indexOf(store), 1);
    const migrated = await openLocalStore({ path: store.path });
    stores.push(migrated);
    const columns = migrated.sqlite.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('worklist_overrides')").all().map((row) => row.name);
    expect(columns).toEqual([...SCHEMA_COLUMNS.worklist_overrides]);
    expect(migrated.sqlite.prepare('SELECT id, created_by FROM worklist_overrides ORDER BY id').all()).toEqual([
      { id: 'o1', created_by: 'u1' },
      { id: 'o2', created_by: 'u1' },
    ]);
    migrated.sqlite.prepare('DELETE FROM customers').run();
    expect(migrated.sqlite.prepare('SELECT count(*) FROM worklist_overrides').pluck().get()).toBe(2);
    expect(() => migrated.sqlite.prepare(`INSERT INTO worklist_overrides (id, customer_id, kind, reason, created_by, created_at) VALUES ('o3', 'c1', 'pin', 'x', NULL, '${at}')`).run()).toThrow(/NOT NULL/);
  });
});

describe('migration 015-credit-used-share', () => {
  it('adds the share of the credit limit used to the summaries and has them recomputed on the next read', async () => {
    const store = await migrateThrough('014-overrides-per-user');
    store.sqlite.prepare("INSERT INTO sync_state (key, value) VALUES ('summary_as_of', '2026-03-02')").run();
    await store.close();
    stores.splice(stores.indexOf(store), 1);
    const migrated = await openLocalStore({ path: store.path });
    stores.push(migrated);
    const columns = migrated.sqlite.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('customer_summary')").all().map((row) => row.name);
    expect(columns.at(-1)).toBe('credit_used_bp');
    expect(migrated.sqlite.prepare("SELECT value FROM sync_state WHERE key = 'summary_as_of'").get()).toBeUndefined();
  });
});
