/**
 * Kysely types of every table in the local store. The synced tables' types are derived from their
 * one declaration (shared/sync/tables.ts); the local-only tables are described here. Column names
 * mirror db/migrations exactly (snake_case); booleans are 0/1 integers.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type {
  OverrideKind,
  Role,
} from '../shared/domain/codes';
import type { LocalTable } from '../shared/sync/table-types';

/** SQLite stores booleans as 0 or 1. */
export type Flag = 0 | 1;
/** A column with a DEFAULT: optional on insert. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  role: Role;
  team_id: string | null;
  is_local_profile: Defaulted<Flag>;
  created_at: string;
  /** Disabled on the server (the directory says so): keeps their name, takes no new customers. */
  disabled: Defaulted<Flag>;
}

/** The server's teams, from the directory (client-only, replaced at each sync, like users). */
export interface TeamsTable {
  id: string;
  name: string;
  /** Canonical BCP 47 tag documents to the team's customers fall back to; null: none (the user's language). */
  language: string | null;
}

export interface WorklistOverridesTable {
  id: string;
  customer_id: string;
  kind: OverrideKind;
  reason: string;
  expires_at: string | null;
  /** Whose pin or snooze it is (db/queries/override-owner.ts); '' for one set before anyone was signed in. */
  created_by: string;
  created_at: string;
  cleared_at: string | null;
}

export interface AuditLogTable {
  seq: Generated<number>;
  id: string;
  at: string;
  user_id: string | null;
  entity: string;
  entity_id: string;
  action: string;
  before_json: string | null;
  after_json: string | null;
  mutation_id: string | null;
}

export const OUTBOX_STATUSES = ['pending', 'applied', 'rejected'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export interface OutboxTable {
  seq: Generated<number>;
  id: string;
  name: string;
  args_json: string;
  created_at: string;
  /** The user's calendar day when the mutation was made; null for those queued before migration 010. */
  day: string | null;
  status: Defaulted<OutboxStatus>;
  attempts: Defaulted<number>;
  last_error: string | null;
  resolved_at: string | null;
  push_seq: number | null;
}

export interface SyncStateTable {
  key: string;
  value: string;
}

export interface SyncIssuesTable {
  id: string;
  name: string;
  args_json: string;
  customer_id: string | null;
  error_code: string;
  error_message: string;
  error_field: string | null;
  /** The refusal's reason and its values as JSON (migration 019); null from an older server or before it. */
  error_reason: string | null;
  error_params: string | null;
  created_at: string;
  rejected_at: string;
}

export interface SyncResyncTable {
  customer_id: string;
}

export interface SyncSnapshotSeenTable {
  customer_id: string;
}

export interface CustomerSummaryTable {
  customer_id: string;
  as_of: string;
  currency: string;
  mixed_currency: Defaulted<Flag>;
  open_minor: number;
  overdue_minor: number;
  overdue_base_minor: number;
  disputed_minor: number;
  collectible_minor: number;
  aging_json: string;
  overdue_bucket_keys: Defaulted<string>;
  oldest_days_past_due: number | null;
  next_promise_date: string | null;
  next_follow_up_date: string | null;
  next_action_date: string | null;
  last_contact_at: string | null;
  broken_promises: Defaulted<number>;
  open_disputes: Defaulted<number>;
  follow_up_due: Defaulted<Flag>;
  credit_used_minor: Defaulted<number>;
  override_kind: OverrideKind | null;
  override_reason: string | null;
  override_expires_at: string | null;
  /** 0 pinned, 1 neither, 2 snoozed: the default worklist order's first key (expired overrides count as 1). */
  rank_group: Defaulted<0 | 1 | 2>;
  score: number;
  factors_json: string;
  updated_at: string;
  /** Invoices settled in the trailing year, and their signed average days late and share paid late (null: none settled). */
  paid_invoices: Defaulted<number>;
  avg_days_late: number | null;
  share_late: number | null;
  /** Open balance against the credit limit, both in the base currency, in basis points rounded up (null: no limit). */
  credit_used_bp: number | null;
}

/** Half-typed forms (migration 002); local only, never synced. */
export interface DraftsTable {
  key: string;
  value_json: string;
  updated_at: string;
  /** The user id of the local profile that typed it ('' before any profile exists). */
  owner: string;
}

export const SEARCH_KINDS = ['customer', 'contact', 'document', 'reference', 'note'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** The FTS5 table; its rows are written only by the triggers of migration 001. */
export interface SearchIndexTable {
  kind: SearchKind;
  customer_id: string;
  ref_id: string;
  label: string;
  body: string;
}

export interface Database {
  users: UsersTable;
  teams: TeamsTable;
  customers: LocalTable<'customers'>;
  contact_persons: LocalTable<'contact_persons'>;
  open_items: LocalTable<'open_items'>;
  payments: LocalTable<'payments'>;
  clearings: LocalTable<'clearings'>;
  activities: LocalTable<'activities'>;
  promises: LocalTable<'promises'>;
  promise_items: LocalTable<'promise_items'>;
  disputes: LocalTable<'disputes'>;
  dispute_items: LocalTable<'dispute_items'>;
  dispute_events: LocalTable<'dispute_events'>;
  notes: LocalTable<'notes'>;
  follow_ups: LocalTable<'follow_ups'>;
  escalations: LocalTable<'escalations'>;
  attachments: LocalTable<'attachments'>;
  attachment_contents: LocalTable<'attachment_contents'>;
  worklist_overrides: WorklistOverridesTable;
  audit_log: AuditLogTable;
  outbox: OutboxTable;
  sync_state: SyncStateTable;
  sync_issues: SyncIssuesTable;
  sync_resync: SyncResyncTable;
  sync_snapshot_seen: SyncSnapshotSeenTable;
  customer_summary: CustomerSummaryTable;
  search_index: SearchIndexTable;
  drafts: DraftsTable;
}

export type Row<T extends keyof Database> = Selectable<Database[T]>;
export type NewRow<T extends keyof Database> = Insertable<Database[T]>;
export type RowUpdate<T extends keyof Database> = Updateable<Database[T]>;
