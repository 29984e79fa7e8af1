/**
 * dispute.create / dispute.transition on the desktop: the shared rules
 * (shared/mutations/disputes.ts), answered with the case as the views show it.
 */
import type { ReadDb } from '../read-db';
import type { z } from 'zod';
import type { DisputeSchema } from '../../shared/api/collector-schemas';
import { allowedDisputeActions } from '../../shared/domain/dispute';
import { disputeCreate, disputeTransition } from '../../shared/mutations/disputes';
import type { SyncedRow } from '../../shared/sync/tables';
import { definitionCommand, toStoredRow } from '../mutations/sqlite-driver';
import type { Row } from '../schema';
import { build, selectAll } from '../typed-sql';
import type { CommandTx } from './run-command';

export type DisputeView = z.output<typeof DisputeSchema>;
type DisputeRow = Row<'disputes'>;
type DisputeItemRow = Row<'dispute_items'>;

const itemsOf = (tx: { readonly sqlite: ReadDb }, disputeId: string): DisputeItemRow[] =>
  selectAll(tx.sqlite, build.selectFrom('dispute_items').selectAll().where('dispute_id', '=', disputeId).orderBy('open_item_id'));

export function toDisputeView(tx: { readonly sqlite: ReadDb }, row: DisputeRow): DisputeView {
  return {
    id: row.id,
    customerId: row.customer_id,
    status: row.status,
    reasonCode: row.reason_code,
    description: row.description,
    ownerId: row.owner,
    dueDate: row.due_date,
    currency: row.currency,
    disputedMinor: row.disputed_minor,
    resolution: row.resolution,
    rootCause: row.root_cause,
    items: itemsOf(tx, row.id).map((item) => ({ itemId: item.open_item_id, disputedMinor: item.disputed_minor })),
    allowedActions: allowedDisputeActions(row.status),
  };
}

/** A case a shared rule wrote, as the views show it (its items read back from the store). */
export const disputeView = (row: SyncedRow<'disputes'>, tx: CommandTx): DisputeView => toDisputeView(tx, toStoredRow('disputes', row));

export const createDisputeCommand = definitionCommand(disputeCreate, disputeView);
export const transitionDisputeCommand = definitionCommand(disputeTransition, disputeView);
