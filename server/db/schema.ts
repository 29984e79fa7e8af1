/**
 * Kysely types of every table of the central server. The synced tables' types are derived from
 * their one declaration (shared/sync/tables.ts); the server's own tables are described here.
 * Column names mirror server/db/migrations exactly. Money is bigint minor units read back as JS
 * numbers; dates are YYYY-MM-DD strings and timestamps UTC ISO strings (see the type parsers in
 * connect.ts).
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { SyncEntity } from '../../shared/sync/protocol';
import type {
  Role,
} from '../../shared/domain/codes';
import type { ServerTable } from '../../shared/sync/table-types';

/** A column with a DEFAULT: optional on insert. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface SchemaMetaTable {
  key: string;
  value: string;
}

export interface TeamsTable {
  id: string;
  name: string;
  created_at: string;
  /** IANA zone whose day the team's promises are judged as of; null: the server's own. */
  time_zone: ColumnType<string | null, string | null | undefined, string | null>;
  /** Canonical BCP 47 tag documents to its customers fall back to (after the contact's and the customer's); null: none. */
  language: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  role: Role;
  team_id: string | null;
  password_hash: string;
  disabled: Defaulted<boolean>;
  created_at: string;
  updated_at: string;
}

export interface RefreshTokensTable {
  id: string;
  user_id: string;
  family_id: string;
  /** SHA-256 of the token, hex; the token itself is never stored. */
  token_hash: string;
  issued_at: string;
  expires_at: string;
  revoked_at: string | null;
  replaced_by: string | null;
}

export const CHANGE_OPS = ['upsert', 'remove'] as const;
export type ChangeOp = (typeof CHANGE_OPS)[number];

/** Append-only log of row changes; `seq` is the server-assigned pull cursor. */
export interface ChangeLogTable {
  seq: Generated<number>;
  entity: SyncEntity;
  entity_id: string;
  customer_id: string;
  op: ChangeOp;
  at: Defaulted<string>;
  /**
   * On a customer's entry, set by a trigger (migration 005): whether the two columns below say
   * whom the customer was assigned to before the change. False on entries logged before it.
   */
  previous_scope_known: Defaulted<boolean>;
  previous_collector_id: string | null;
  previous_team_id: string | null;
}

export interface ClientsTable {
  id: string;
  user_id: string;
  /** Highest client sequence applied (or rejected) so far: the next push must continue from it. */
  last_applied_seq: Defaulted<number>;
  created_at: string;
  last_seen_at: string;
}

export const MUTATION_RESULTS = ['applied', 'rejected'] as const;
export type MutationResult = (typeof MUTATION_RESULTS)[number];

export interface ClientMutationsTable {
  mutation_id: string;
  client_id: string;
  client_seq: number;
  user_id: string;
  name: string;
  result: MutationResult;
  reason: string | null;
  at: string;
}

export const IMPORT_ORIGINS = ['folder', 'cli', 'http'] as const;
export type ImportOrigin = (typeof IMPORT_ORIGINS)[number];
export const IMPORT_OUTCOMES = ['imported', 'imported_partially', 'rejected', 'dry_run', 'failed', 'duplicate'] as const;
export type ImportOutcome = (typeof IMPORT_OUTCOMES)[number];

/** One ERP import run's report (migration 012); `counts` and `rejections` are JSON text. */
export interface ImportRunsTable {
  id: string;
  origin: ImportOrigin;
  file_name: string | null;
  file_sha256: string | null;
  file_bytes: number | null;
  /** How the file was read: `preset sap-fbl5n-en`, or `openItems with a mapping`. */
  source: string;
  started_at: string;
  finished_at: string;
  outcome: ImportOutcome;
  counts: string;
  rejection_count: number;
  /** The first refusals (IMPORT_RUN_KEPT_REJECTIONS); `rejection_count` says how many there were. */
  rejections: string;
  /** Why a run failed, or which run a duplicate repeats. */
  message: string | null;
}

export interface ServerDatabase {
  schema_meta: SchemaMetaTable;
  teams: TeamsTable;
  users: UsersTable;
  refresh_tokens: RefreshTokensTable;
  customers: ServerTable<'customers'>;
  contact_persons: ServerTable<'contact_persons'>;
  open_items: ServerTable<'open_items'>;
  payments: ServerTable<'payments'>;
  clearings: ServerTable<'clearings'>;
  activities: ServerTable<'activities'>;
  promises: ServerTable<'promises'>;
  promise_items: ServerTable<'promise_items'>;
  disputes: ServerTable<'disputes'>;
  dispute_items: ServerTable<'dispute_items'>;
  dispute_events: ServerTable<'dispute_events'>;
  notes: ServerTable<'notes'>;
  follow_ups: ServerTable<'follow_ups'>;
  escalations: ServerTable<'escalations'>;
  attachments: ServerTable<'attachments'>;
  attachment_contents: ServerTable<'attachment_contents'>;
  change_log: ChangeLogTable;
  clients: ClientsTable;
  client_mutations: ClientMutationsTable;
  import_runs: ImportRunsTable;
}

export type ServerRow<T extends keyof ServerDatabase> = Selectable<ServerDatabase[T]>;
export type NewServerRow<T extends keyof ServerDatabase> = Insertable<ServerDatabase[T]>;
export type ServerRowUpdate<T extends keyof ServerDatabase> = Updateable<ServerDatabase[T]>;
