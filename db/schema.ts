/**
 * Kysely types of every table in the local store: the one place the schema is described in
 * TypeScript. Column names mirror db/migrations exactly (snake_case); booleans are 0/1 integers.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type {
  Channel,
  Direction,
  DisputeReason,
  DisputeResolution,
  DisputeStatus,
  EscalationKind,
  EscalationStatus,
  FollowUpStatus,
  ItemKind,
  Outcome,
  OverrideKind,
  PaymentMethod,
  PromiseStatus,
  RiskClass,
  Role,
  RootCause,
} from '../shared/domain/codes';

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

export interface CustomersTable {
  id: string;
  erp_key: string;
  number: string;
  name: string;
  country: string;
  currency: string;
  payment_terms: string;
  payment_terms_days: number;
  credit_limit_minor: number;
  credit_hold: Defaulted<Flag>;
  risk_class: RiskClass;
  collector_id: string | null;
  /** The customer's team, which decides a team lead's rights over it (as on the server). */
  team_id: string | null;
  /** The last reassignment (customer.reassign): by whom, when and why. */
  assigned_by: Defaulted<string | null>;
  assigned_at: Defaulted<string | null>;
  assignment_reason: Defaulted<string | null>;
  updated_at: string;
}

export interface ContactPersonsTable {
  id: string;
  customer_id: string;
  name: string;
  role: string | null;
  phone: string | null;
  email: string | null;
  preferred_channel: Channel | null;
  is_primary: Defaulted<Flag>;
  created_at: string;
  updated_at: string;
}

export interface OpenItemsTable {
  id: string;
  erp_key: string;
  customer_id: string;
  kind: ItemKind;
  document_number: string;
  reference: string | null;
  document_date: string;
  due_date: string;
  currency: string;
  original_minor: number;
  open_minor: number;
  disputed_minor: Defaulted<number>;
  dunning_level: Defaulted<number>;
  cleared_at: string | null;
  updated_at: string;
}

export interface PaymentsTable {
  id: string;
  erp_key: string;
  customer_id: string;
  amount_minor: number;
  currency: string;
  value_date: string;
  method: PaymentMethod | null;
  reference: string | null;
  updated_at: string;
}

export interface ClearingsTable {
  id: string;
  payment_id: string | null;
  open_item_id: string;
  amount_minor: number;
  currency: string;
  cleared_on: string;
}

export interface ActivitiesTable {
  id: string;
  customer_id: string;
  contact_person_id: string | null;
  channel: Channel;
  direction: Direction;
  outcome: Outcome;
  note: Defaulted<string>;
  duration_seconds: number | null;
  follow_up_date: string | null;
  occurred_at: string;
  user_id: string | null;
  created_at: string;
}

export interface PromisesTable {
  id: string;
  customer_id: string;
  activity_id: string | null;
  plan_id: string | null;
  amount_minor: number;
  currency: string;
  promised_date: string;
  payment_method: PaymentMethod | null;
  note: Defaulted<string>;
  status: PromiseStatus;
  level: Defaulted<number>;
  paid_minor: Defaulted<number>;
  superseded_by: string | null;
  evaluated_on: string | null;
  /** Why it was cancelled (migration 006 here, 007 on the server); none for other statuses. */
  cancel_reason: Defaulted<string | null>;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface PromiseItemsTable {
  promise_id: string;
  open_item_id: string;
}

export interface DisputesTable {
  id: string;
  customer_id: string;
  activity_id: string | null;
  reason_code: DisputeReason;
  description: Defaulted<string>;
  status: DisputeStatus;
  owner: string | null;
  due_date: string | null;
  currency: string;
  disputed_minor: number;
  resolution: DisputeResolution | null;
  root_cause: RootCause | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  resolved_at: string | null;
  closed_at: string | null;
}

export interface DisputeItemsTable {
  dispute_id: string;
  open_item_id: string;
  disputed_minor: number;
}

export interface DisputeEventsTable {
  id: string;
  dispute_id: string;
  from_status: DisputeStatus | null;
  to_status: DisputeStatus;
  comment: Defaulted<string>;
  user_id: string | null;
  at: string;
}

export interface NotesTable {
  id: string;
  customer_id: string;
  open_item_id: string | null;
  lineage_id: string;
  version: number;
  is_current: Defaulted<Flag>;
  body: string;
  created_by: string | null;
  created_at: string;
}

export interface FollowUpsTable {
  id: string;
  customer_id: string;
  open_item_id: string | null;
  activity_id: string | null;
  due_date: string;
  title: string;
  status: FollowUpStatus;
  assigned_to: string | null;
  created_by: string | null;
  created_at: string;
  done_at: string | null;
  /** What was said when it was completed or cancelled. */
  done_comment: Defaulted<string | null>;
}

export interface EscalationsTable {
  id: string;
  customer_id: string;
  kind: EscalationKind;
  amount_minor: number | null;
  currency: string | null;
  reason: string;
  status: EscalationStatus;
  requested_by: string | null;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_comment: string | null;
}

export interface WorklistOverridesTable {
  id: string;
  customer_id: string;
  kind: OverrideKind;
  reason: string;
  expires_at: string | null;
  created_by: string | null;
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
  customers: CustomersTable;
  contact_persons: ContactPersonsTable;
  open_items: OpenItemsTable;
  payments: PaymentsTable;
  clearings: ClearingsTable;
  activities: ActivitiesTable;
  promises: PromisesTable;
  promise_items: PromiseItemsTable;
  disputes: DisputesTable;
  dispute_items: DisputeItemsTable;
  dispute_events: DisputeEventsTable;
  notes: NotesTable;
  follow_ups: FollowUpsTable;
  escalations: EscalationsTable;
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
