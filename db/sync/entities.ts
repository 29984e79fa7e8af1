/** How the local tables relate to the synced entities and to the audit log's entity names. */
import type { SyncEntity } from '../../shared/sync/protocol';

/** Audit entity name → synced table, for the rows a mutation created or changed. */
export const AUDIT_ENTITY_TABLES: Readonly<Record<string, SyncEntity>> = {
  activity: 'activities',
  contact_person: 'contact_persons',
  follow_up: 'follow_ups',
  note: 'notes',
  promise: 'promises',
  dispute: 'disputes',
  dispute_event: 'dispute_events',
  escalation: 'escalations',
  open_item: 'open_items',
  customer: 'customers',
  attachment: 'attachments',
};

/** Audit actions that create a row the server must create under the client's id. */
export const CREATING_ACTIONS: ReadonlySet<string> = new Set(['create', 'edit', 'request']);

/** Columns that name a user: a pulled row may refer to users this store has not heard of yet. */
export const USER_COLUMNS: ReadonlySet<string> = new Set(['user_id', 'created_by', 'assigned_to', 'requested_by', 'decided_by', 'collector_id', 'assigned_by']);
