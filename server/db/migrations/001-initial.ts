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
  PAYMENT_METHODS,
  PROMISE_STATUSES,
  RISK_CLASSES,
  ROLES,
  ROOT_CAUSES,
} from '../../../shared/domain/codes';
import { CHANGE_OPS, MUTATION_RESULTS } from '../schema';

/** `col IN ('a','b')` for a CHECK constraint, built from the shared code lists. */
const oneOf = (column: string, values: readonly string[]): string =>
  `CHECK (${column} IN (${values.map((v) => `'${v}'`).join(', ')}))`;
const nullableOneOf = (column: string, values: readonly string[]): string =>
  `CHECK (${column} IS NULL OR ${column} IN (${values.map((v) => `'${v}'`).join(', ')}))`;
const CURRENCY = (column: string) => `TEXT NOT NULL CHECK (${column} ~ '^[A-Z]{3}$')`;

/** Columns every synced portfolio row carries (see `Versioned` in schema.ts). */
const VERSIONED = `version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    updated_seq BIGINT NOT NULL`;

/** The synced entities this migration knew; 013 lets the change log name the later ones. */
export const FIRST_ENTITIES: readonly string[] = [
  'customers',
  'contact_persons',
  'open_items',
  'payments',
  'clearings',
  'activities',
  'promises',
  'disputes',
  'dispute_events',
  'notes',
  'follow_ups',
  'escalations',
];

const statements = [
  `CREATE TABLE schema_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  )`,

  `CREATE TABLE teams (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
    created_at TIMESTAMPTZ NOT NULL
  )`,

  `CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL CHECK (username = lower(username) AND length(username) > 0),
    display_name TEXT NOT NULL,
    email TEXT,
    role TEXT NOT NULL ${oneOf('role', ROLES)},
    team_id TEXT REFERENCES teams (id),
    password_hash TEXT NOT NULL,
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
  )`,
  `CREATE UNIQUE INDEX users_username ON users (username)`,
  `CREATE INDEX users_team ON users (team_id)`,

  `CREATE TABLE refresh_tokens (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    family_id TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    issued_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ,
    replaced_by TEXT
  )`,
  `CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id)`,
  `CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id) WHERE revoked_at IS NULL`,

  `CREATE TABLE customers (
    id TEXT PRIMARY KEY,
    erp_key TEXT NOT NULL UNIQUE,
    number TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    country TEXT NOT NULL CHECK (length(country) = 2),
    currency ${CURRENCY('currency')},
    payment_terms TEXT NOT NULL,
    payment_terms_days INTEGER NOT NULL CHECK (payment_terms_days >= 0),
    credit_limit_minor BIGINT NOT NULL CHECK (credit_limit_minor >= 0),
    credit_hold BOOLEAN NOT NULL DEFAULT FALSE,
    risk_class TEXT NOT NULL ${oneOf('risk_class', RISK_CLASSES)},
    collector_id TEXT REFERENCES users (id),
    team_id TEXT REFERENCES teams (id),
    updated_at TIMESTAMPTZ NOT NULL,
    ${VERSIONED}
  )`,
  `CREATE INDEX customers_collector ON customers (collector_id)`,
  `CREATE INDEX customers_team ON customers (team_id)`,

  `CREATE TABLE contact_persons (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    role TEXT,
    phone TEXT,
    email TEXT,
    preferred_channel TEXT ${nullableOneOf('preferred_channel', CHANNELS)},
    is_primary BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    ${VERSIONED}
  )`,
  `CREATE INDEX contact_persons_customer ON contact_persons (customer_id)`,

  `CREATE TABLE open_items (
    id TEXT PRIMARY KEY,
    erp_key TEXT NOT NULL UNIQUE,
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    kind TEXT NOT NULL ${oneOf('kind', ITEM_KINDS)},
    document_number TEXT NOT NULL,
    reference TEXT,
    document_date DATE NOT NULL,
    due_date DATE NOT NULL,
    currency ${CURRENCY('currency')},
    original_minor BIGINT NOT NULL,
    open_minor BIGINT NOT NULL,
    disputed_minor BIGINT NOT NULL DEFAULT 0 CHECK (disputed_minor >= 0),
    dunning_level INTEGER NOT NULL DEFAULT 0 CHECK (dunning_level BETWEEN 0 AND 9),
    cleared_at DATE,
    updated_at TIMESTAMPTZ NOT NULL,
    ${VERSIONED}
  )`,
  `CREATE INDEX open_items_customer ON open_items (customer_id)`,

  `CREATE TABLE payments (
    id TEXT PRIMARY KEY,
    erp_key TEXT NOT NULL UNIQUE,
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    amount_minor BIGINT NOT NULL CHECK (amount_minor > 0),
    currency ${CURRENCY('currency')},
    value_date DATE NOT NULL,
    method TEXT ${nullableOneOf('method', PAYMENT_METHODS)},
    reference TEXT,
    updated_at TIMESTAMPTZ NOT NULL,
    ${VERSIONED}
  )`,
  `CREATE INDEX payments_customer_date ON payments (customer_id, value_date)`,

  `CREATE TABLE clearings (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    payment_id TEXT REFERENCES payments (id) ON DELETE CASCADE,
    open_item_id TEXT NOT NULL REFERENCES open_items (id) ON DELETE CASCADE,
    amount_minor BIGINT NOT NULL,
    currency ${CURRENCY('currency')},
    cleared_on DATE NOT NULL,
    ${VERSIONED}
  )`,
  `CREATE INDEX clearings_customer ON clearings (customer_id)`,
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
    follow_up_date DATE,
    occurred_at TIMESTAMPTZ NOT NULL,
    user_id TEXT REFERENCES users (id),
    created_at TIMESTAMPTZ NOT NULL,
    ${VERSIONED}
  )`,
  `CREATE INDEX activities_customer_time ON activities (customer_id, occurred_at DESC)`,

  `CREATE TABLE promises (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    activity_id TEXT REFERENCES activities (id) ON DELETE SET NULL,
    plan_id TEXT,
    amount_minor BIGINT NOT NULL CHECK (amount_minor > 0),
    currency ${CURRENCY('currency')},
    promised_date DATE NOT NULL,
    payment_method TEXT ${nullableOneOf('payment_method', PAYMENT_METHODS)},
    note TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL ${oneOf('status', PROMISE_STATUSES)},
    level INTEGER NOT NULL DEFAULT 1 CHECK (level >= 1),
    paid_minor BIGINT NOT NULL DEFAULT 0,
    superseded_by TEXT REFERENCES promises (id),
    evaluated_on DATE,
    created_by TEXT REFERENCES users (id),
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    ${VERSIONED}
  )`,
  `CREATE INDEX promises_customer_status ON promises (customer_id, status, promised_date)`,

  `CREATE TABLE promise_items (
    promise_id TEXT NOT NULL REFERENCES promises (id) ON DELETE CASCADE,
    open_item_id TEXT NOT NULL REFERENCES open_items (id) ON DELETE CASCADE,
    PRIMARY KEY (promise_id, open_item_id)
  )`,
  `CREATE INDEX promise_items_item ON promise_items (open_item_id)`,

  `CREATE TABLE disputes (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    activity_id TEXT REFERENCES activities (id) ON DELETE SET NULL,
    reason_code TEXT NOT NULL ${oneOf('reason_code', DISPUTE_REASONS)},
    description TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL ${oneOf('status', DISPUTE_STATUSES)},
    owner TEXT,
    due_date DATE,
    currency ${CURRENCY('currency')},
    disputed_minor BIGINT NOT NULL CHECK (disputed_minor >= 0),
    resolution TEXT ${nullableOneOf('resolution', DISPUTE_RESOLUTIONS)},
    root_cause TEXT ${nullableOneOf('root_cause', ROOT_CAUSES)},
    created_by TEXT REFERENCES users (id),
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    resolved_at TIMESTAMPTZ,
    closed_at TIMESTAMPTZ,
    ${VERSIONED}
  )`,
  `CREATE INDEX disputes_customer_status ON disputes (customer_id, status)`,

  `CREATE TABLE dispute_items (
    dispute_id TEXT NOT NULL REFERENCES disputes (id) ON DELETE CASCADE,
    open_item_id TEXT NOT NULL REFERENCES open_items (id) ON DELETE CASCADE,
    disputed_minor BIGINT NOT NULL CHECK (disputed_minor > 0),
    PRIMARY KEY (dispute_id, open_item_id)
  )`,
  `CREATE INDEX dispute_items_item ON dispute_items (open_item_id)`,

  `CREATE TABLE dispute_events (
    id TEXT PRIMARY KEY,
    dispute_id TEXT NOT NULL REFERENCES disputes (id) ON DELETE CASCADE,
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    from_status TEXT ${nullableOneOf('from_status', DISPUTE_STATUSES)},
    to_status TEXT NOT NULL ${oneOf('to_status', DISPUTE_STATUSES)},
    comment TEXT NOT NULL DEFAULT '',
    user_id TEXT REFERENCES users (id),
    at TIMESTAMPTZ NOT NULL,
    ${VERSIONED}
  )`,
  `CREATE INDEX dispute_events_dispute ON dispute_events (dispute_id, at)`,

  `CREATE TABLE notes (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    open_item_id TEXT REFERENCES open_items (id) ON DELETE SET NULL,
    lineage_id TEXT NOT NULL,
    note_version INTEGER NOT NULL CHECK (note_version >= 1),
    is_current BOOLEAN NOT NULL DEFAULT TRUE,
    body TEXT NOT NULL CHECK (length(body) > 0),
    created_by TEXT REFERENCES users (id),
    created_at TIMESTAMPTZ NOT NULL,
    ${VERSIONED},
    UNIQUE (lineage_id, note_version)
  )`,
  `CREATE INDEX notes_customer ON notes (customer_id, created_at DESC)`,

  `CREATE TABLE follow_ups (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    open_item_id TEXT REFERENCES open_items (id) ON DELETE SET NULL,
    activity_id TEXT REFERENCES activities (id) ON DELETE SET NULL,
    due_date DATE NOT NULL,
    title TEXT NOT NULL,
    status TEXT NOT NULL ${oneOf('status', FOLLOW_UP_STATUSES)},
    assigned_to TEXT REFERENCES users (id),
    created_by TEXT REFERENCES users (id),
    created_at TIMESTAMPTZ NOT NULL,
    done_at TIMESTAMPTZ,
    ${VERSIONED}
  )`,
  `CREATE INDEX follow_ups_customer ON follow_ups (customer_id, due_date)`,

  `CREATE TABLE escalations (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    kind TEXT NOT NULL ${oneOf('kind', ESCALATION_KINDS)},
    amount_minor BIGINT CHECK (amount_minor IS NULL OR amount_minor >= 0),
    currency TEXT CHECK (currency IS NULL OR currency ~ '^[A-Z]{3}$'),
    reason TEXT NOT NULL,
    status TEXT NOT NULL ${oneOf('status', ESCALATION_STATUSES)},
    requested_by TEXT REFERENCES users (id),
    requested_at TIMESTAMPTZ NOT NULL,
    decided_by TEXT REFERENCES users (id),
    decided_at TIMESTAMPTZ,
    decision_comment TEXT,
    ${VERSIONED}
  )`,
  `CREATE INDEX escalations_customer ON escalations (customer_id, requested_at DESC)`,

  // No foreign key to customers: a removal must outlive the customer row it announces.
  `CREATE TABLE change_log (
    seq BIGSERIAL PRIMARY KEY,
    entity TEXT NOT NULL ${oneOf('entity', FIRST_ENTITIES)},
    entity_id TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    op TEXT NOT NULL ${oneOf('op', CHANGE_OPS)},
    at TIMESTAMPTZ NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX change_log_customer_seq ON change_log (customer_id, seq)`,

  `CREATE TABLE clients (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    last_applied_seq BIGINT NOT NULL DEFAULT 0 CHECK (last_applied_seq >= 0),
    created_at TIMESTAMPTZ NOT NULL,
    last_seen_at TIMESTAMPTZ NOT NULL
  )`,

  `CREATE TABLE client_mutations (
    mutation_id TEXT PRIMARY KEY,
    client_id TEXT NOT NULL REFERENCES clients (id),
    client_seq BIGINT NOT NULL CHECK (client_seq >= 1),
    user_id TEXT NOT NULL REFERENCES users (id),
    name TEXT NOT NULL,
    result TEXT NOT NULL ${oneOf('result', MUTATION_RESULTS)},
    reason TEXT,
    at TIMESTAMPTZ NOT NULL,
    UNIQUE (client_id, client_seq)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
  await sql`INSERT INTO schema_meta (key, value) VALUES ('protocol_version', '1')`.execute(db);
}
