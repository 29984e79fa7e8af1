/**
 * followUp.create / followUp.complete / followUp.cancel on the desktop: the shared rules
 * (shared/mutations/follow-ups.ts), answered with the follow-up as the views show it.
 */
import type { z } from 'zod';
import type { FollowUpSchema } from '../../shared/api/collector-schemas';
import { followUpCancel, followUpComplete, followUpCreate } from '../../shared/mutations/follow-ups';
import type { SyncedRow } from '../../shared/sync/tables';
import { definitionCommand, toStoredRow } from '../mutations/sqlite-driver';
import type { Row } from '../schema';

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

const view = (row: SyncedRow<'follow_ups'>): FollowUpView => toFollowUpView(toStoredRow('follow_ups', row));

export const createFollowUpCommand = definitionCommand(followUpCreate, view);
export const completeFollowUpCommand = definitionCommand(followUpComplete, view);
export const cancelFollowUpCommand = definitionCommand(followUpCancel, view);
