import type { Kysely } from 'kysely';
import type { SyncEntity } from '../../shared/sync/protocol';
import type { ChangeOp, ServerDatabase } from './schema';

export interface Change {
  readonly entity: SyncEntity;
  readonly entityId: string;
  readonly customerId: string;
  readonly op: ChangeOp;
}

/**
 * Appends a change and returns its sequence, to be stored as the row's `updated_seq`. Call it
 * inside the transaction that changes the row, so the row and its log entry commit together, and
 * before changing it: a customer's entry records the assignment the row has then as the one
 * before the change (migration 005's trigger), which decides who is sent the customer's removal.
 */
export async function recordChange(trx: Kysely<ServerDatabase>, change: Change, at: string): Promise<number> {
  const { seq } = await trx
    .insertInto('change_log')
    .values({ entity: change.entity, entity_id: change.entityId, customer_id: change.customerId, op: change.op, at })
    .returning('seq')
    .executeTakeFirstOrThrow();
  return seq;
}
