/**
 * Kysely types of every table of the central server: the one place its schema is described
 * in TypeScript. Column names mirror server/db/migrations exactly. Money is bigint minor units
 * read back as JS numbers; dates are YYYY-MM-DD strings and timestamps UTC ISO strings (see
 * the type parsers in connect.ts).
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { SyncEntity } from '../../shared/sync/protocol';
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
  PaymentMethod,
  PromiseStatus,
  RiskClass,
  Role,
  RootCause,
} from '../../shared/domain/codes';

/** A column with a DEFAULT: optional on insert. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;

/** Every synced portfolio row carries these: an optimistic version and the change_log seq of its last change. */
interface Versioned {
  version: Defaulted<number>;
  updated_seq: number;
}

export interface SchemaMetaTable {
  key: string;
  value: string;
}

export interface TeamsTable {
  id: string;
  name: string;
  created_at: string;
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

export interface CustomersTable extends Versioned {
  id: string;
  erp_key: string;
  number: string;
  name: string;
  country: string;
  currency: string;
  payment_terms: string;
  payment_terms_days: number;
  credit_limit_minor: number;
  credit_hold: Defaulted<boolean>;
  risk_class: RiskClass;
  collector_id: string | null;
  team_id: string | null;
  /** The last reassignment (customer.reassign): by whom, when and why. */
  assigned_by: Defaulted<string | null>;
  assigned_at: Defaulted<string | null>;
  assignment_reason: Defaulted<string | null>;
  updated_at: string;
  /** The ERP's own country code when it is not ISO 3166 (kept as given; `country` holds the ISO code). */
  erp_country_code: Defaulted<string | null>;
}

export interface ContactPersonsTable extends Versioned {
  id: string;
  /** Set for persons that came from the ERP import; null for those added by collectors. */
  erp_key: Defaulted<string | null>;
  customer_id: string;
  name: string;
  role: string | null;
  phone: string | null;
  email: string | null;
  preferred_channel: Channel | null;
  is_primary: Defaulted<boolean>;
  created_at: string;
  updated_at: string;
}

export interface OpenItemsTable extends Versioned {
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
  /** The ERP flagged the item as disputed; unlike disputed_minor it stays true after settlement. */
  erp_disputed: Defaulted<boolean>;
}

export interface PaymentsTable extends Versioned {
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

export interface ClearingsTable extends Versioned {
  id: string;
  erp_key: Defaulted<string | null>;
  customer_id: string;
  payment_id: string | null;
  open_item_id: string;
  amount_minor: number;
  currency: string;
  cleared_on: string;
}

export interface ActivitiesTable extends Versioned {
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

export interface PromisesTable extends Versioned {
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

export interface DisputesTable extends Versioned {
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

export interface DisputeEventsTable extends Versioned {
  id: string;
  dispute_id: string;
  customer_id: string;
  from_status: DisputeStatus | null;
  to_status: DisputeStatus;
  comment: Defaulted<string>;
  user_id: string | null;
  at: string;
}

export interface NotesTable extends Versioned {
  id: string;
  customer_id: string;
  open_item_id: string | null;
  lineage_id: string;
  note_version: number;
  is_current: Defaulted<boolean>;
  body: string;
  created_by: string | null;
  created_at: string;
}

export interface FollowUpsTable extends Versioned {
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

export interface EscalationsTable extends Versioned {
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

export interface ServerDatabase {
  schema_meta: SchemaMetaTable;
  teams: TeamsTable;
  users: UsersTable;
  refresh_tokens: RefreshTokensTable;
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
  change_log: ChangeLogTable;
  clients: ClientsTable;
  client_mutations: ClientMutationsTable;
}

export type ServerRow<T extends keyof ServerDatabase> = Selectable<ServerDatabase[T]>;
export type NewServerRow<T extends keyof ServerDatabase> = Insertable<ServerDatabase[T]>;
export type ServerRowUpdate<T extends keyof ServerDatabase> = Updateable<ServerDatabase[T]>;
