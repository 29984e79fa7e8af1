import { sql, type Kysely } from 'kysely';
import {
  CHANNELS,
  DIRECTIONS,
  DISPUTE_REASONS,
  DISPUTE_RESOLUTIONS,
  DISPUTE_STATUSES,
  ESCALATION_KINDS,
  ESCALATION_STATUSES,
  FOLLOW_UP_STATUSES,
  ITEM_KINDS,
  OUTCOMES,
  OVERRIDE_KINDS,
  PAYMENT_METHODS,
  PROMISE_STATUSES,
  RISK_CLASSES,
  ROLES,
  ROOT_CAUSES,
} from '../../shared/domain/codes';

/** `col IN ('a','b')` for a CHECK constraint, built from the shared code lists. */
const oneOf = (column: string, values: readonly string[]): string =>
  `CHECK (${column} IN (${values.map((v) => `'${v}'`).join(', ')}))`;
const nullableOneOf = (column: string, values: readonly string[]): string =>
  `CHECK (${column} IS NULL OR ${column} IN (${values.map((v) => `'${v}'`).join(', ')}))`;

const CURRENCY = (column: string) => `TEXT NOT NULL CHECK (length(${column}) = 3 AND ${column} = upper(${column}))`;
const DATE = (column: string) => `TEXT NOT NULL CHECK (${column} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')`;
const NULLABLE_DATE = (column: string) =>
  `TEXT CHECK (${column} IS NULL OR ${column} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')`;

const statements = [
  `CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    email TEXT,
    role TEXT NOT NULL ${oneOf('role', ROLES)},
    team_id TEXT,
    is_local_profile INTEGER NOT NULL DEFAULT 0 CHECK (is_local_profile IN (0, 1)),
    created_at TEXT NOT NULL
  ) STRICT`,
  `CREATE UNIQUE INDEX users_one_local_profile ON users (is_local_profile) WHERE is_local_profile = 1`,

  `CREATE TABLE customers (
    id TEXT PRIMARY KEY,
    erp_key TEXT NOT NULL UNIQUE,
    number TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    country TEXT NOT NULL CHECK (length(country) = 2),
    currency ${CURRENCY('currency')},
    payment_terms TEXT NOT NULL,
    payment_terms_days INTEGER NOT NULL CHECK (payment_terms_days >= 0),
    credit_limit_minor INTEGER NOT NULL CHECK (credit_limit_minor >= 0),
    credit_hold INTEGER NOT NULL DEFAULT 0 CHECK (credit_hold IN (0, 1)),
    risk_class TEXT NOT NULL ${oneOf('risk_class', RISK_CLASSES)},
    collector_id TEXT REFERENCES users (id),
    updated_at TEXT NOT NULL
  ) STRICT`,
  `CREATE INDEX customers_collector ON customers (collector_id)`,

  `CREATE TABLE contact_persons (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    role TEXT,
    phone TEXT,
    email TEXT,
    preferred_channel TEXT ${nullableOneOf('preferred_channel', CHANNELS)},
    is_primary INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT`,
  `CREATE INDEX contact_persons_customer ON contact_persons (customer_id)`,
  `CREATE UNIQUE INDEX contact_persons_one_primary ON contact_persons (customer_id) WHERE is_primary = 1`,

  `CREATE TABLE open_items (
    id TEXT PRIMARY KEY,
    erp_key TEXT NOT NULL UNIQUE,
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    kind TEXT NOT NULL ${oneOf('kind', ITEM_KINDS)},
    document_number TEXT NOT NULL,
    reference TEXT,
    document_date ${DATE('document_date')},
    due_date ${DATE('due_date')},
    currency ${CURRENCY('currency')},
    original_minor INTEGER NOT NULL,
    open_minor INTEGER NOT NULL,
    disputed_minor INTEGER NOT NULL DEFAULT 0 CHECK (disputed_minor >= 0),
    dunning_level INTEGER NOT NULL DEFAULT 0 CHECK (dunning_level BETWEEN 0 AND 9),
    cleared_at ${NULLABLE_DATE('cleared_at')},
    updated_at TEXT NOT NULL
  ) STRICT`,
  // Covers the summary refresh and the account's open items, so neither touches the wide table rows.
  `CREATE INDEX open_items_customer_open ON open_items (customer_id, due_date, currency, open_minor, disputed_minor, document_date)
    WHERE open_minor <> 0`,
  `CREATE INDEX open_items_customer ON open_items (customer_id)`,
  `CREATE INDEX open_items_document_number ON open_items (document_number)`,

  `CREATE TABLE payments (
    id TEXT PRIMARY KEY,
    erp_key TEXT NOT NULL UNIQUE,
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
    currency ${CURRENCY('currency')},
    value_date ${DATE('value_date')},
    method TEXT ${nullableOneOf('method', PAYMENT_METHODS)},
    reference TEXT,
    updated_at TEXT NOT NULL
  ) STRICT`,
  `CREATE INDEX payments_customer_date ON payments (customer_id, value_date)`,

  `CREATE TABLE clearings (
    id TEXT PRIMARY KEY,
    payment_id TEXT REFERENCES payments (id) ON DELETE CASCADE,
    open_item_id TEXT NOT NULL REFERENCES open_items (id) ON DELETE CASCADE,
    amount_minor INTEGER NOT NULL,
    currency ${CURRENCY('currency')},
    cleared_on ${DATE('cleared_on')}
  ) STRICT`,
  `CREATE INDEX clearings_item ON clearings (open_item_id)`,
  `CREATE INDEX clearings_payment ON clearings (payment_id)`,

  `CREATE TABLE activities (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    contact_person_id TEXT REFERENCES contact_persons (id) ON DELETE SET NULL,
    channel TEXT NOT NULL ${oneOf('channel', CHANNELS)},
    direction TEXT NOT NULL ${oneOf('direction', DIRECTIONS)},
    outcome TEXT NOT NULL ${oneOf('outcome', OUTCOMES)},
    note TEXT NOT NULL DEFAULT '',
    duration_seconds INTEGER CHECK (duration_seconds IS NULL OR duration_seconds >= 0),
    follow_up_date ${NULLABLE_DATE('follow_up_date')},
    occurred_at TEXT NOT NULL,
    user_id TEXT REFERENCES users (id),
    created_at TEXT NOT NULL
  ) STRICT`,
  `CREATE INDEX activities_customer_time ON activities (customer_id, occurred_at DESC)`,

  `CREATE TABLE promises (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    activity_id TEXT REFERENCES activities (id) ON DELETE SET NULL,
    plan_id TEXT,
    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
    currency ${CURRENCY('currency')},
    promised_date ${DATE('promised_date')},
    payment_method TEXT ${nullableOneOf('payment_method', PAYMENT_METHODS)},
    note TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL ${oneOf('status', PROMISE_STATUSES)},
    level INTEGER NOT NULL DEFAULT 1 CHECK (level >= 1),
    paid_minor INTEGER NOT NULL DEFAULT 0,
    superseded_by TEXT REFERENCES promises (id),
    evaluated_on ${NULLABLE_DATE('evaluated_on')},
    created_by TEXT REFERENCES users (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT`,
  `CREATE INDEX promises_customer_status ON promises (customer_id, status, promised_date)`,
  `CREATE INDEX promises_status_date ON promises (status, promised_date)`,

  `CREATE TABLE promise_items (
    promise_id TEXT NOT NULL REFERENCES promises (id) ON DELETE CASCADE,
    open_item_id TEXT NOT NULL REFERENCES open_items (id) ON DELETE CASCADE,
    PRIMARY KEY (promise_id, open_item_id)
  ) STRICT, WITHOUT ROWID`,
  `CREATE INDEX promise_items_item ON promise_items (open_item_id)`,

  `CREATE TABLE disputes (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    activity_id TEXT REFERENCES activities (id) ON DELETE SET NULL,
    reason_code TEXT NOT NULL ${oneOf('reason_code', DISPUTE_REASONS)},
    description TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL ${oneOf('status', DISPUTE_STATUSES)},
    owner TEXT,
    due_date ${NULLABLE_DATE('due_date')},
    currency ${CURRENCY('currency')},
    disputed_minor INTEGER NOT NULL CHECK (disputed_minor >= 0),
    resolution TEXT ${nullableOneOf('resolution', DISPUTE_RESOLUTIONS)},
    root_cause TEXT ${nullableOneOf('root_cause', ROOT_CAUSES)},
    created_by TEXT REFERENCES users (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    resolved_at TEXT,
    closed_at TEXT
  ) STRICT`,
  `CREATE INDEX disputes_customer_status ON disputes (customer_id, status)`,

  `CREATE TABLE dispute_items (
    dispute_id TEXT NOT NULL REFERENCES disputes (id) ON DELETE CASCADE,
    open_item_id TEXT NOT NULL REFERENCES open_items (id) ON DELETE CASCADE,
    disputed_minor INTEGER NOT NULL CHECK (disputed_minor > 0),
    PRIMARY KEY (dispute_id, open_item_id)
  ) STRICT, WITHOUT ROWID`,
  `CREATE INDEX dispute_items_item ON dispute_items (open_item_id)`,

  `CREATE TABLE dispute_events (
    id TEXT PRIMARY KEY,
    dispute_id TEXT NOT NULL REFERENCES disputes (id) ON DELETE CASCADE,
    from_status TEXT ${nullableOneOf('from_status', DISPUTE_STATUSES)},
    to_status TEXT NOT NULL ${oneOf('to_status', DISPUTE_STATUSES)},
    comment TEXT NOT NULL DEFAULT '',
    user_id TEXT REFERENCES users (id),
    at TEXT NOT NULL
  ) STRICT`,
  `CREATE INDEX dispute_events_dispute ON dispute_events (dispute_id, at)`,

  `CREATE TABLE notes (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    open_item_id TEXT REFERENCES open_items (id) ON DELETE SET NULL,
    lineage_id TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    is_current INTEGER NOT NULL DEFAULT 1 CHECK (is_current IN (0, 1)),
    body TEXT NOT NULL CHECK (length(body) > 0),
    created_by TEXT REFERENCES users (id),
    created_at TEXT NOT NULL,
    UNIQUE (lineage_id, version)
  ) STRICT`,
  `CREATE INDEX notes_customer ON notes (customer_id, created_at DESC)`,

  `CREATE TABLE follow_ups (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    open_item_id TEXT REFERENCES open_items (id) ON DELETE SET NULL,
    activity_id TEXT REFERENCES activities (id) ON DELETE SET NULL,
    due_date ${DATE('due_date')},
    title TEXT NOT NULL,
    status TEXT NOT NULL ${oneOf('status', FOLLOW_UP_STATUSES)},
    assigned_to TEXT REFERENCES users (id),
    created_by TEXT REFERENCES users (id),
    created_at TEXT NOT NULL,
    done_at TEXT
  ) STRICT`,
  `CREATE INDEX follow_ups_customer_open ON follow_ups (customer_id, due_date) WHERE status = 'open'`,
  `CREATE INDEX follow_ups_due ON follow_ups (status, due_date)`,

  `CREATE TABLE escalations (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    kind TEXT NOT NULL ${oneOf('kind', ESCALATION_KINDS)},
    amount_minor INTEGER CHECK (amount_minor IS NULL OR amount_minor >= 0),
    currency TEXT CHECK (currency IS NULL OR length(currency) = 3),
    reason TEXT NOT NULL,
    status TEXT NOT NULL ${oneOf('status', ESCALATION_STATUSES)},
    requested_by TEXT REFERENCES users (id),
    requested_at TEXT NOT NULL,
    decided_by TEXT REFERENCES users (id),
    decided_at TEXT,
    decision_comment TEXT
  ) STRICT`,
  `CREATE INDEX escalations_customer ON escalations (customer_id, requested_at DESC)`,
  `CREATE INDEX escalations_status ON escalations (status)`,

  `CREATE TABLE worklist_overrides (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    kind TEXT NOT NULL ${oneOf('kind', OVERRIDE_KINDS)},
    reason TEXT NOT NULL,
    expires_at TEXT,
    created_by TEXT REFERENCES users (id),
    created_at TEXT NOT NULL,
    cleared_at TEXT
  ) STRICT`,
  `CREATE INDEX worklist_overrides_customer ON worklist_overrides (customer_id) WHERE cleared_at IS NULL`,

  `CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    at TEXT NOT NULL,
    user_id TEXT,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    action TEXT NOT NULL,
    before_json TEXT,
    after_json TEXT,
    mutation_id TEXT
  ) STRICT`,
  `CREATE INDEX audit_log_entity ON audit_log (entity, entity_id)`,
  `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END`,
  `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END`,

  `CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    args_json TEXT NOT NULL,
    created_at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'applied', 'rejected')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    resolved_at TEXT
  ) STRICT`,
  `CREATE INDEX outbox_pending ON outbox (status, seq)`,

  `CREATE TABLE sync_state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) STRICT`,

  `CREATE TABLE customer_summary (
    customer_id TEXT PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
    as_of ${DATE('as_of')},
    currency ${CURRENCY('currency')},
    mixed_currency INTEGER NOT NULL DEFAULT 0,
    open_minor INTEGER NOT NULL,
    overdue_minor INTEGER NOT NULL,
    overdue_base_minor INTEGER NOT NULL,
    disputed_minor INTEGER NOT NULL,
    collectible_minor INTEGER NOT NULL,
    aging_json TEXT NOT NULL,
    overdue_bucket_keys TEXT NOT NULL DEFAULT '',
    oldest_days_past_due INTEGER,
    next_promise_date TEXT,
    next_follow_up_date TEXT,
    next_action_date TEXT,
    last_contact_at TEXT,
    broken_promises INTEGER NOT NULL DEFAULT 0,
    open_disputes INTEGER NOT NULL DEFAULT 0,
    follow_up_due INTEGER NOT NULL DEFAULT 0,
    credit_used_minor INTEGER NOT NULL DEFAULT 0,
    override_kind TEXT,
    override_reason TEXT,
    override_expires_at TEXT,
    rank_group INTEGER NOT NULL DEFAULT 1 CHECK (rank_group IN (0, 1, 2)),
    score REAL NOT NULL,
    factors_json TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT`,
  // The default worklist order (pinned, others, snoozed; then score) read straight off an index.
  `CREATE INDEX customer_summary_rank ON customer_summary (rank_group, score DESC, customer_id)`,
  `CREATE INDEX customer_summary_score ON customer_summary (score DESC, customer_id)`,
  `CREATE INDEX customer_summary_overdue ON customer_summary (overdue_base_minor DESC)`,
  `CREATE INDEX customer_summary_oldest ON customer_summary (oldest_days_past_due DESC)`,
  `CREATE INDEX customer_summary_next_action ON customer_summary (next_action_date)`,
  `CREATE INDEX customer_summary_last_contact ON customer_summary (last_contact_at)`,

  `CREATE VIRTUAL TABLE search_index USING fts5 (
    kind UNINDEXED,
    customer_id UNINDEXED,
    ref_id UNINDEXED,
    label,
    body,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3 4'
  )`,
];

/**
 * FTS rowid = source rowid * 8 + a per-kind code, so a trigger deletes its index row by rowid
 * instead of scanning the index for an UNINDEXED ref_id. Rowids of these tables change only
 * under VACUUM; rebuildSearchIndex (db/search-index.ts) restores the index after one.
 */
export const SEARCH_ROWID_CODES = { customer: 1, contact: 2, document: 3, reference: 4, note: 5 } as const;

/** Expressions use `{row}` for the source row (`new`/`old` in a trigger, `src` in a rebuild). */
interface SearchSource {
  table: string;
  kind: keyof typeof SEARCH_ROWID_CODES;
  watched: string;
  customerId: string;
  label: string;
  body: string;
  when: string;
}

const searchSources: SearchSource[] = [
  {
    table: 'customers',
    kind: 'customer',
    watched: 'name, number',
    customerId: '{row}.id',
    label: '{row}.name',
    body: '{row}.number',
    when: '1',
  },
  {
    table: 'contact_persons',
    kind: 'contact',
    watched: 'name, role, email, phone, customer_id',
    customerId: '{row}.customer_id',
    label: '{row}.name',
    body: "concat_ws(' ', {row}.role, {row}.email, {row}.phone)",
    when: '1',
  },
  {
    table: 'open_items',
    kind: 'document',
    watched: 'document_number, customer_id',
    customerId: '{row}.customer_id',
    label: '{row}.document_number',
    body: "''",
    when: '1',
  },
  {
    table: 'open_items',
    kind: 'reference',
    watched: 'reference, customer_id',
    customerId: '{row}.customer_id',
    label: '{row}.reference',
    body: "''",
    when: "{row}.reference IS NOT NULL AND {row}.reference <> ''",
  },
  {
    table: 'notes',
    kind: 'note',
    watched: 'body, is_current, customer_id',
    customerId: '{row}.customer_id',
    label: "''",
    body: '{row}.body',
    when: '{row}.is_current = 1',
  },
];

const searchInsert = (source: SearchSource, row: string, from: string): string => {
  const bind = (expression: string) => expression.replaceAll('{row}', row);
  return `INSERT INTO search_index (rowid, kind, customer_id, ref_id, label, body)
      SELECT ${row}.rowid * 8 + ${SEARCH_ROWID_CODES[source.kind]}, '${source.kind}', ${bind(source.customerId)}, ${row}.id,
        ${bind(source.label)}, ${bind(source.body)}
      ${from} WHERE ${bind(source.when)}`;
};
const searchDelete = (source: SearchSource): string =>
  `DELETE FROM search_index WHERE rowid = old.rowid * 8 + ${SEARCH_ROWID_CODES[source.kind]}`;

const searchTriggers = searchSources.flatMap((source) => {
  const name = `${source.table}_search_${source.kind}`;
  return [
    `CREATE TRIGGER ${name}_insert AFTER INSERT ON ${source.table} BEGIN ${searchInsert(source, 'new', '')}; END`,
    `CREATE TRIGGER ${name}_update AFTER UPDATE OF ${source.watched} ON ${source.table}
      BEGIN ${searchDelete(source)}; ${searchInsert(source, 'new', '')}; END`,
    `CREATE TRIGGER ${name}_delete AFTER DELETE ON ${source.table} BEGIN ${searchDelete(source)}; END`,
  ];
});

/** Refills the search index from the source tables, with the same rowids and texts as the triggers. */
export const REBUILD_SEARCH_INDEX_STATEMENTS: readonly string[] = [
  'DELETE FROM search_index',
  ...searchSources.map((source) => searchInsert(source, 'src', `FROM ${source.table} AS src`)),
];

export async function up(db: Kysely<unknown>): Promise<void> {
  // Kysely runs SQLite migrations outside a transaction; SQLite DDL is transactional, so a
  // failed migration leaves the file as it was.
  await db.transaction().execute(async (trx) => {
    for (const statement of [...statements, ...searchTriggers]) await sql.raw(statement).execute(trx);
  });
}
