/** Row builders with sensible defaults, so a test states only what matters to it. */
import type BetterSqlite3 from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import type { Database, NewRow } from '../../db/schema';

type Table = Exclude<keyof Database, 'audit_log' | 'outbox' | 'customer_summary' | 'search_index'>;

export const T0 = '2026-11-01T08:00:00.000Z';

export function insertRow<K extends Table>(sqlite: BetterSqlite3.Database, table: K, row: NewRow<K>): NewRow<K> {
  const entries = Object.entries(row).filter(([, value]) => value !== undefined);
  const columns = entries.map(([key]) => key);
  sqlite
    .prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`)
    .run(...entries.map(([, value]) => value));
  return row;
}

let counter = 0;
const next = () => {
  counter += 1;
  return counter;
};

export function addUser(sqlite: BetterSqlite3.Database, patch: Partial<NewRow<'users'>> = {}): NewRow<'users'> {
  const n = next();
  return insertRow(sqlite, 'users', {
    id: uuidv7(),
    username: `user${n}`,
    display_name: `User ${n}`,
    email: null,
    role: 'collector',
    team_id: null,
    is_local_profile: 0,
    created_at: T0,
    ...patch,
  });
}

export function addCustomer(sqlite: BetterSqlite3.Database, patch: Partial<NewRow<'customers'>> = {}): NewRow<'customers'> {
  const n = next();
  return insertRow(sqlite, 'customers', {
    id: uuidv7(),
    erp_key: `C-${n}`,
    number: `C${String(n).padStart(6, '0')}`,
    name: `Customer ${n}`,
    country: 'DE',
    currency: 'EUR',
    payment_terms: 'Net 30',
    payment_terms_days: 30,
    credit_limit_minor: 0,
    credit_hold: 0,
    risk_class: 'low',
    collector_id: null,
    updated_at: T0,
    ...patch,
  });
}

export function addItem(sqlite: BetterSqlite3.Database, customerId: string, patch: Partial<NewRow<'open_items'>> = {}): NewRow<'open_items'> {
  const n = next();
  const open = patch.open_minor ?? 10_000;
  return insertRow(sqlite, 'open_items', {
    id: uuidv7(),
    erp_key: `I-${n}`,
    customer_id: customerId,
    kind: 'invoice',
    document_number: `INV-${n}`,
    reference: null,
    document_date: '2026-10-01',
    due_date: '2026-10-31',
    currency: 'EUR',
    original_minor: open,
    open_minor: open,
    disputed_minor: 0,
    dunning_level: 0,
    cleared_at: null,
    updated_at: T0,
    ...patch,
  });
}

export function addContactPerson(sqlite: BetterSqlite3.Database, customerId: string, patch: Partial<NewRow<'contact_persons'>> = {}): NewRow<'contact_persons'> {
  const n = next();
  return insertRow(sqlite, 'contact_persons', {
    id: uuidv7(),
    customer_id: customerId,
    name: `Contact ${n}`,
    role: null,
    phone: null,
    email: null,
    preferred_channel: null,
    is_primary: 0,
    created_at: T0,
    updated_at: T0,
    ...patch,
  });
}

export function addActivity(sqlite: BetterSqlite3.Database, customerId: string, patch: Partial<NewRow<'activities'>> = {}): NewRow<'activities'> {
  return insertRow(sqlite, 'activities', {
    id: uuidv7(),
    customer_id: customerId,
    contact_person_id: null,
    channel: 'phone',
    direction: 'outbound',
    outcome: 'no_answer',
    note: '',
    duration_seconds: null,
    follow_up_date: null,
    occurred_at: T0,
    user_id: null,
    created_at: T0,
    ...patch,
  });
}

export function addPromise(sqlite: BetterSqlite3.Database, customerId: string, patch: Partial<NewRow<'promises'>> = {}): NewRow<'promises'> {
  return insertRow(sqlite, 'promises', {
    id: uuidv7(),
    customer_id: customerId,
    activity_id: null,
    plan_id: null,
    amount_minor: 10_000,
    currency: 'EUR',
    promised_date: '2026-11-30',
    payment_method: null,
    note: '',
    status: 'open',
    level: 1,
    paid_minor: 0,
    superseded_by: null,
    evaluated_on: null,
    created_by: null,
    created_at: T0,
    updated_at: T0,
    ...patch,
  });
}

export function addDispute(sqlite: BetterSqlite3.Database, customerId: string, patch: Partial<NewRow<'disputes'>> = {}): NewRow<'disputes'> {
  return insertRow(sqlite, 'disputes', {
    id: uuidv7(),
    customer_id: customerId,
    activity_id: null,
    reason_code: 'pricing',
    description: '',
    status: 'new',
    owner: null,
    due_date: null,
    currency: 'EUR',
    disputed_minor: 1_000,
    resolution: null,
    root_cause: null,
    created_by: null,
    created_at: T0,
    updated_at: T0,
    resolved_at: null,
    closed_at: null,
    ...patch,
  });
}

export function addFollowUp(sqlite: BetterSqlite3.Database, customerId: string, patch: Partial<NewRow<'follow_ups'>> = {}): NewRow<'follow_ups'> {
  return insertRow(sqlite, 'follow_ups', {
    id: uuidv7(),
    customer_id: customerId,
    open_item_id: null,
    activity_id: null,
    due_date: '2026-11-23',
    title: 'Call back',
    status: 'open',
    assigned_to: null,
    created_by: null,
    created_at: T0,
    done_at: null,
    ...patch,
  });
}

export function addNote(sqlite: BetterSqlite3.Database, customerId: string, body: string, patch: Partial<NewRow<'notes'>> = {}): NewRow<'notes'> {
  const id = uuidv7();
  return insertRow(sqlite, 'notes', {
    id,
    customer_id: customerId,
    open_item_id: null,
    lineage_id: id,
    version: 1,
    is_current: 1,
    body,
    created_by: null,
    created_at: T0,
    ...patch,
  });
}
