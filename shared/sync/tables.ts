/**
 * The synced tables, declared once: every column a client and the server both hold, with its kind,
 * nullability, code list and default, and what only the server keeps. Both stores' query-builder
 * types are derived from it (table-types.ts), and both stores' migrations must match it:
 * tests/integration/sync/schema-drift.test.ts compares a freshly migrated SQLite store, PostgreSQL
 * and PGlite with it column by column and names the table and column that drifted.
 */
import { ATTACHMENT_MEDIA_TYPES, ATTACHMENT_PARENTS } from '../domain/attachments';
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
  ROOT_CAUSES,
} from '../domain/codes';
import type { SyncEntity } from './protocol';

/**
 * What a column holds. Each store has one physical type per kind (SQLite: TEXT, INTEGER or BLOB;
 * PostgreSQL: text, integer, bigint, boolean, date, timestamptz, bytea), see the drift test.
 */
export type ColumnKind = 'id' | 'text' | 'currency' | 'integer' | 'money' | 'boolean' | 'date' | 'timestamp' | 'code' | 'bytes';

export interface ColumnSpec {
  readonly kind: ColumnKind;
  readonly nullable: boolean;
  /** For a `code` column: the values its CHECK allows (one of the lists in shared/domain/codes.ts). */
  readonly codes?: readonly string[];
  /** The server's name for the column when it differs. */
  readonly serverName?: string;
  /** The column has a DEFAULT in both stores, so an insert may leave it out. */
  readonly defaulted?: boolean;
}

export interface TableSpec {
  readonly columns: Readonly<Record<string, ColumnSpec>>;
  /** Columns only the server keeps (its bookkeeping, ERP details a client does not need), each with why. */
  readonly serverOnly: Readonly<Record<string, ColumnSpec & { readonly why: string }>>;
}

interface Column<K extends ColumnKind, N extends boolean> extends ColumnSpec {
  readonly kind: K;
  readonly nullable: N;
}
interface CodeColumn<V extends string, N extends boolean> extends Column<'code', N> {
  readonly codes: readonly V[];
}
/** What a declaration may add to a column; kept as literal types, which the store types below read. */
interface ColumnOptions {
  readonly serverName?: string;
  readonly defaulted?: true;
}
type PlainKind = Exclude<ColumnKind, 'code'>;

function col<K extends PlainKind, const O extends ColumnOptions = ColumnOptions>(kind: K, options?: O): Column<K, false> & O {
  return { kind, nullable: false, ...options } as Column<K, false> & O;
}
function nullable<K extends PlainKind, const O extends ColumnOptions = ColumnOptions>(kind: K, options?: O): Column<K, true> & O {
  return { kind, nullable: true, ...options } as Column<K, true> & O;
}
function code<V extends string>(codes: readonly V[]): CodeColumn<V, false>;
function code<V extends string>(codes: readonly V[], options: { nullable: true }): CodeColumn<V, true>;
function code<V extends string>(codes: readonly V[], options: { nullable?: boolean } = {}): CodeColumn<V, boolean> {
  return { kind: 'code', nullable: options.nullable ?? false, codes };
}
const DEFAULTED = { defaulted: true } as const;

/** Every row the server logs carries its version and the change-log position that last wrote it. */
const SERVER_BOOKKEEPING = {
  version: { ...col('integer', DEFAULTED), why: 'the row version the server bumps on every change' },
  updated_seq: { ...col('money'), why: 'the change-log position of the last change (a bigint)' },
} as const;

export const SYNCED_TABLES = {
  customers: {
    columns: {
      id: col('id'),
      erp_key: col('text'),
      number: col('text'),
      name: col('text'),
      country: col('text'),
      currency: col('currency'),
      payment_terms: col('text'),
      payment_terms_days: col('integer'),
      credit_limit_minor: col('money'),
      credit_hold: col('boolean', DEFAULTED),
      risk_class: code(RISK_CLASSES),
      collector_id: nullable('id'),
      // A team lead's rights over the customer (reassigning it, deciding its escalations) on both sides.
      team_id: nullable('id'),
      // The last reassignment: by whom, when and why (customer.reassign), so every desktop can tell.
      assigned_by: nullable('id'),
      assigned_at: nullable('timestamp'),
      assignment_reason: nullable('text'),
      // The language the customer is written to in (shared/i18n/languages.ts, canonical BCP 47), from the ERP.
      language: nullable('text'),
      updated_at: col('timestamp'),
    },
    serverOnly: {
      ...SERVER_BOOKKEEPING,
      erp_country_code: { ...nullable('text'), why: 'the country code as the ERP sent it, kept for the import report' },
    },
  },
  contact_persons: {
    columns: {
      id: col('id'),
      customer_id: col('id'),
      name: col('text'),
      role: nullable('text'),
      phone: nullable('text'),
      email: nullable('text'),
      preferred_channel: code(CHANNELS, { nullable: true }),
      // The person's own language, before the customer's, for what is addressed to them.
      language: nullable('text'),
      is_primary: col('boolean', DEFAULTED),
      created_at: col('timestamp'),
      updated_at: col('timestamp'),
    },
    serverOnly: { ...SERVER_BOOKKEEPING, erp_key: { ...nullable('text'), why: 'the ERP key of an imported contact, for re-imports' } },
  },
  open_items: {
    columns: {
      id: col('id'),
      erp_key: col('text'),
      customer_id: col('id'),
      kind: code(ITEM_KINDS),
      document_number: col('text'),
      reference: nullable('text'),
      document_date: col('date'),
      due_date: col('date'),
      currency: col('currency'),
      original_minor: col('money'),
      open_minor: col('money'),
      disputed_minor: col('money', DEFAULTED),
      dunning_level: col('integer', DEFAULTED),
      cleared_at: nullable('date'),
      updated_at: col('timestamp'),
      // The ERP's own dispute flag: unlike disputed_minor it stays set after settlement (the customer's dispute history).
      erp_disputed: col('boolean', DEFAULTED),
    },
    serverOnly: SERVER_BOOKKEEPING,
  },
  payments: {
    columns: {
      id: col('id'),
      erp_key: col('text'),
      customer_id: col('id'),
      amount_minor: col('money'),
      currency: col('currency'),
      value_date: col('date'),
      method: code(PAYMENT_METHODS, { nullable: true }),
      reference: nullable('text'),
      updated_at: col('timestamp'),
    },
    serverOnly: SERVER_BOOKKEEPING,
  },
  clearings: {
    columns: {
      id: col('id'),
      payment_id: nullable('id'),
      open_item_id: col('id'),
      amount_minor: col('money'),
      currency: col('currency'),
      cleared_on: col('date'),
    },
    serverOnly: {
      ...SERVER_BOOKKEEPING,
      customer_id: { ...col('id'), why: 'the owning customer, so the pull can scope clearings without a join' },
      erp_key: { ...nullable('text'), why: 'the ERP key of an imported clearing, for re-imports' },
    },
  },
  activities: {
    columns: {
      id: col('id'),
      customer_id: col('id'),
      contact_person_id: nullable('id'),
      channel: code(CHANNELS),
      direction: code(DIRECTIONS),
      outcome: code(OUTCOMES),
      note: col('text', DEFAULTED),
      duration_seconds: nullable('integer'),
      follow_up_date: nullable('date'),
      occurred_at: col('timestamp'),
      user_id: nullable('id'),
      created_at: col('timestamp'),
    },
    serverOnly: SERVER_BOOKKEEPING,
  },
  promises: {
    columns: {
      id: col('id'),
      customer_id: col('id'),
      activity_id: nullable('id'),
      plan_id: nullable('id'),
      amount_minor: col('money'),
      currency: col('currency'),
      promised_date: col('date'),
      payment_method: code(PAYMENT_METHODS, { nullable: true }),
      note: col('text', DEFAULTED),
      status: code(PROMISE_STATUSES),
      level: col('integer', DEFAULTED),
      paid_minor: col('money', DEFAULTED),
      superseded_by: nullable('id'),
      evaluated_on: nullable('date'),
      /** The user's calendar day when the promise was made (null: made before the column existed; the UTC date of created_at counts). */
      made_on: nullable('date'),
      cancel_reason: nullable('text'),
      created_by: nullable('id'),
      created_at: col('timestamp'),
      updated_at: col('timestamp'),
    },
    serverOnly: SERVER_BOOKKEEPING,
  },
  disputes: {
    columns: {
      id: col('id'),
      customer_id: col('id'),
      activity_id: nullable('id'),
      reason_code: code(DISPUTE_REASONS),
      description: col('text', DEFAULTED),
      status: code(DISPUTE_STATUSES),
      owner: nullable('id'),
      due_date: nullable('date'),
      currency: col('currency'),
      disputed_minor: col('money'),
      resolution: code(DISPUTE_RESOLUTIONS, { nullable: true }),
      root_cause: code(ROOT_CAUSES, { nullable: true }),
      created_by: nullable('id'),
      created_at: col('timestamp'),
      updated_at: col('timestamp'),
      resolved_at: nullable('timestamp'),
      closed_at: nullable('timestamp'),
    },
    serverOnly: SERVER_BOOKKEEPING,
  },
  dispute_events: {
    columns: {
      id: col('id'),
      dispute_id: col('id'),
      from_status: code(DISPUTE_STATUSES, { nullable: true }),
      to_status: code(DISPUTE_STATUSES),
      comment: col('text', DEFAULTED),
      user_id: nullable('id'),
      at: col('timestamp'),
    },
    serverOnly: { ...SERVER_BOOKKEEPING, customer_id: { ...col('id'), why: 'the owning customer, so the pull can scope events without a join' } },
  },
  notes: {
    columns: {
      id: col('id'),
      customer_id: col('id'),
      open_item_id: nullable('id'),
      lineage_id: col('id'),
      // The server's `version` is its row version (every synced table has one), so the note's own is renamed there.
      version: col('integer', { serverName: 'note_version' }),
      is_current: col('boolean', DEFAULTED),
      body: col('text'),
      created_by: nullable('id'),
      created_at: col('timestamp'),
    },
    serverOnly: SERVER_BOOKKEEPING,
  },
  follow_ups: {
    columns: {
      id: col('id'),
      customer_id: col('id'),
      open_item_id: nullable('id'),
      activity_id: nullable('id'),
      due_date: col('date'),
      title: col('text'),
      status: code(FOLLOW_UP_STATUSES),
      assigned_to: nullable('id'),
      created_by: nullable('id'),
      created_at: col('timestamp'),
      done_at: nullable('timestamp'),
      done_comment: nullable('text'),
    },
    serverOnly: SERVER_BOOKKEEPING,
  },
  escalations: {
    columns: {
      id: col('id'),
      customer_id: col('id'),
      kind: code(ESCALATION_KINDS),
      amount_minor: nullable('money'),
      currency: nullable('currency'),
      reason: col('text'),
      status: code(ESCALATION_STATUSES),
      requested_by: nullable('id'),
      requested_at: col('timestamp'),
      decided_by: nullable('id'),
      decided_at: nullable('timestamp'),
      decision_comment: nullable('text'),
    },
    serverOnly: SERVER_BOOKKEEPING,
  },
  // A file kept on a note (by its lineage), a dispute or a logged contact; its bytes are in attachment_contents.
  attachments: {
    columns: {
      id: col('id'),
      customer_id: col('id'),
      parent_kind: code(ATTACHMENT_PARENTS),
      parent_id: col('id'),
      file_name: col('text'),
      media_type: code(ATTACHMENT_MEDIA_TYPES),
      size_bytes: col('integer'),
      created_by: nullable('id'),
      created_at: col('timestamp'),
    },
    serverOnly: SERVER_BOOKKEEPING,
  },
} as const satisfies Readonly<Record<SyncEntity, TableSpec>>;

/**
 * Rows written with their parent by the same mutation. A promise's and a dispute's item lists are
 * pulled inside their parent's row (`items`); an attachment's bytes are pulled apart, by the
 * attachment's id (POST /v1/sync/attachments), so a page of changes stays small.
 */
export const SYNCED_ITEM_TABLES = {
  promise_items: { columns: { promise_id: col('id'), open_item_id: col('id') }, serverOnly: {} },
  dispute_items: { columns: { dispute_id: col('id'), open_item_id: col('id'), disputed_minor: col('money') }, serverOnly: {} },
  attachment_contents: { columns: { attachment_id: col('id'), content: col('bytes') }, serverOnly: {} },
} as const satisfies Readonly<Record<string, TableSpec>>;

/** What a value of each kind is in a synced row as both drivers of a mutation see it (shared/mutations). */
interface KindValues {
  id: string;
  text: string;
  currency: string;
  integer: number;
  money: number;
  boolean: boolean;
  date: string;
  timestamp: string;
  code: string;
  /** Base64, as the bytes cross JSON; each store keeps them as bytes (a BLOB, a bytea). */
  bytes: string;
}
/** The values as a store holds them: SQLite keeps a boolean as 0 or 1; both keep bytes as bytes. */
type StoreKindValues<B> = Omit<KindValues, 'boolean' | 'bytes'> & { boolean: B; bytes: Uint8Array };

type ColumnValue<C, Kinds extends Readonly<Record<ColumnKind, unknown>> = KindValues> = C extends {
  readonly kind: infer K extends ColumnKind;
  readonly nullable: infer N;
}
  ? (C extends { readonly codes: readonly (infer V)[] } ? V : Kinds[K]) | (N extends true ? null : never)
  : never;

/** The values as the server's driver returns them: bytes as bytes. */
type ServerKindValues = StoreKindValues<boolean>;

/** The rows written with their parent (a promise's and a dispute's items, an attachment's bytes), as tables. */
export type ItemTable = keyof typeof SYNCED_ITEM_TABLES;
/** Every table a shared mutation rule reads or writes. */
export type SharedTable = SyncEntity | ItemTable;

const SHARED_TABLES = { ...SYNCED_TABLES, ...SYNCED_ITEM_TABLES };

/** The declaration of a table a shared rule names. */
export const sharedTableSpec = (table: SharedTable): TableSpec => SHARED_TABLES[table];

export const isItemTable = (table: SharedTable): table is ItemTable => Object.hasOwn(SYNCED_ITEM_TABLES, table);

/** The columns that order a table's rows, so both stores answer a read in the same order: the key (an item table's id columns). */
export const rowOrder = (table: SharedTable): readonly string[] =>
  isItemTable(table) ? Object.entries<ColumnSpec>(SYNCED_ITEM_TABLES[table].columns).flatMap(([name, spec]) => (spec.kind === 'id' ? [name] : [])) : ['id'];

/** A synced row as the shared mutation rules see it: the client's column names, booleans as booleans, money as numbers. */
export type SyncedRow<T extends SharedTable> = { -readonly [C in keyof (typeof SHARED_TABLES)[T]['columns']]: ColumnValue<(typeof SHARED_TABLES)[T]['columns'][C]> };

const SERVER_COLUMN_NAMES = new Map<string, Readonly<Record<string, string>>>(
  Object.entries(SYNCED_TABLES).map(([entity, table]) => [
    entity,
    Object.fromEntries(
      Object.entries<ColumnSpec>(table.columns).flatMap(([name, spec]) => (spec.serverName === undefined ? [] : [[name, spec.serverName]])),
    ),
  ]),
);

/** Local column → the server's name for it, for the columns where the two differ. */
export const serverColumnNames = (entity: SharedTable): Readonly<Record<string, string>> => SERVER_COLUMN_NAMES.get(entity) ?? {};

type Columns<T extends SharedTable> = (typeof SHARED_TABLES)[T]['columns'];
type ServerOnlyColumns<T extends SharedTable> = (typeof SHARED_TABLES)[T]['serverOnly'];
type ServerNameOf<C, Name> = C extends { readonly serverName: infer S extends string } ? S : Name;
type IsDefaulted<C> = C extends { readonly defaulted: true } ? true : false;

type ColumnsIn<T extends SharedTable, Kinds extends Readonly<Record<ColumnKind, unknown>>> = {
  -readonly [C in keyof Columns<T>]: { value: ColumnValue<Columns<T>[C], Kinds>; defaulted: IsDefaulted<Columns<T>[C]> };
};
/** Every column of a table as the shared rules see it: its value and whether it has a DEFAULT. */
export type SharedColumns<T extends SharedTable> = ColumnsIn<T, KindValues>;
/** Every column of a table in the local store (SQLite keeps a boolean as 0 or 1). */
export type LocalColumns<T extends SharedTable> = ColumnsIn<T, StoreKindValues<0 | 1>>;
/** Every column of a table on the server, under the server's names, its own columns included. */
export type ServerColumns<T extends SharedTable> = {
  -readonly [C in keyof Columns<T> as ServerNameOf<Columns<T>[C], C>]: { value: ColumnValue<Columns<T>[C], ServerKindValues>; defaulted: IsDefaulted<Columns<T>[C]> };
} & { -readonly [C in keyof ServerOnlyColumns<T>]: { value: ColumnValue<ServerOnlyColumns<T>[C], ServerKindValues>; defaulted: IsDefaulted<ServerOnlyColumns<T>[C]> } };
