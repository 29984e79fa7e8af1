/**
 * followUp.create / followUp.complete / followUp.cancel on the desktop: the shared rules
 * (shared/mutations/follow-ups.ts), answered with the follow-up as the views show it.
 */
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { FollowUpSchema } from '../../shared/api/collector-schemas';
import { followUpCancel, followUpComplete, followUpCreate, type NewFollowUp as OpenFollowUp } from '../../shared/mutations/follow-ups';
import type { SyncedRow } from '../../shared/sync/tables';
import { definitionCommand, toStoredRow } from '../mutations/sqlite-driver';
import type { Row } from '../schema';
import { build, execute } from '../typed-sql';
import type { CommandTx } from './run-command';

export type FollowUpView = z.output<typeof FollowUpSchema>;
type FollowUpRow = Row<'follow_ups'>;

export const toFollowUpView = (row: FollowUpRow): FollowUpView => ({
  id: row.id,
  customerId: row.customer_id,
  itemId: row.open_item_id,
  dueDate: row.due_date,
  title: row.title,
  status: row.status,
  assignedTo: row.assigned_to,
});

export interface NewFollowUp extends OpenFollowUp {
  /** A caller that must not create the same task twice (promise evaluation) passes a stable id. */
  readonly id?: string;
}

/**
 * Inserts an open follow-up (audited, summary touched); null when a follow-up with the given id
 * exists already. Only the desktop's promise evaluation still writes follow-ups this way: it moves
 * to the server (issue 14), every other follow-up is written by the shared rule's openFollowUp.
 */
export function insertFollowUp(tx: Pick<CommandTx, 'sqlite' | 'now' | 'userId' | 'audit' | 'touch'>, values: NewFollowUp): FollowUpView | null {
  const id = values.id ?? uuidv7();
  const row: FollowUpRow = {
    id,
    customer_id: values.customerId,
    open_item_id: values.itemId,
    activity_id: values.activityId,
    due_date: values.dueDate,
    title: values.title,
    status: 'open',
    assigned_to: values.assignedTo,
    created_by: tx.userId,
    created_at: tx.now,
    done_at: null,
    done_comment: null,
  };
  const inserted = execute(tx.sqlite, build.insertInto('follow_ups').orIgnore().values(row));
  if (inserted.changes === 0) return null;
  tx.audit('follow_up', id, 'create', null, row);
  tx.touch(values.customerId);
  return toFollowUpView(row);
}

const view = (row: SyncedRow<'follow_ups'>): FollowUpView => toFollowUpView(toStoredRow('follow_ups', row));

export const createFollowUpCommand = definitionCommand(followUpCreate, view);
export const completeFollowUpCommand = definitionCommand(followUpComplete, view);
export const cancelFollowUpCommand = definitionCommand(followUpCancel, view);
