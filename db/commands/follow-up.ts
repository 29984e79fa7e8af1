/** followUp.create / followUp.complete / followUp.cancel: dated tasks ("resubmissions") on a customer. */
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { FollowUpCloseSchema, FollowUpCreateSchema, type FollowUpSchema } from '../../shared/api/collector-schemas';
import { DomainError } from '../../shared/api/result';
import type { FollowUpStatus } from '../../shared/domain/codes';
import type { Row } from '../schema';
import { build, execute, selectFirst } from '../typed-sql';
import type { Command, CommandTx } from './run-command';
import { loadCustomer, requireUser } from './open-items';
import { requireDateInWindow } from '../../shared/domain/date-bounds';
import { storedOptionalText } from '../../shared/domain/text';

export type FollowUpView = z.output<typeof FollowUpSchema>;
type FollowUpRow = Row<'follow_ups'>;

const selectFollowUp = (tx: Pick<CommandTx, 'sqlite'>, id: string): FollowUpRow | undefined =>
  selectFirst(tx.sqlite, build.selectFrom('follow_ups').selectAll().where('id', '=', id));

export const toFollowUpView = (row: FollowUpRow): FollowUpView => ({
  id: row.id,
  customerId: row.customer_id,
  itemId: row.open_item_id,
  dueDate: row.due_date,
  title: row.title,
  status: row.status,
  assignedTo: row.assigned_to,
});

export interface NewFollowUp {
  readonly customerId: string;
  readonly itemId: string | null;
  readonly activityId: string | null;
  readonly dueDate: string;
  readonly title: string;
  readonly assignedTo: string | null;
  /** A caller that must not create the same task twice (promise evaluation) passes a stable id. */
  readonly id?: string;
}

/** Inserts an open follow-up (audited, summary touched); null when a follow-up with the given id exists already. */
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

export const createFollowUpCommand: Command<typeof FollowUpCreateSchema, FollowUpView> = {
  name: 'followUp.create',
  input: FollowUpCreateSchema,
  apply(tx, input) {
    loadCustomer(tx.sqlite, input.customerId);
    requireDateInWindow('followUp', input.dueDate, tx.asOf, 'dueDate');
    if (input.itemId !== null && selectFirst(tx.sqlite, build.selectFrom('open_items').select('customer_id').where('id', '=', input.itemId))?.customer_id !== input.customerId) {
      throw new DomainError('not_found', `open item ${input.itemId} does not exist for this customer`, 'itemId');
    }
    const assignedTo = input.assignedTo === undefined ? tx.userId : requireUser(tx.sqlite, input.assignedTo, 'assignedTo');
    const created = insertFollowUp(tx, { customerId: input.customerId, itemId: input.itemId, activityId: null, dueDate: input.dueDate, title: input.title, assignedTo });
    if (!created) throw new Error('a new follow-up id collided');
    return created;
  },
};

function closeFollowUp(name: string, status: Exclude<FollowUpStatus, 'open'>): Command<typeof FollowUpCloseSchema, FollowUpView> {
  return {
    name,
    input: FollowUpCloseSchema,
    apply(tx, input) {
      const before = selectFollowUp(tx, input.followUpId);
      if (!before) throw new DomainError('not_found', `follow-up ${input.followUpId} does not exist`, 'followUpId');
      if (before.status !== 'open') throw new DomainError('conflict', `this follow-up is already ${before.status}`, 'followUpId');
      const doneComment = storedOptionalText(input.comment);
      execute(tx.sqlite, build.updateTable('follow_ups').set({ status, done_at: tx.now, done_comment: doneComment }).where('id', '=', before.id));
      const after = { ...before, status, done_at: tx.now, done_comment: doneComment };
      tx.audit('follow_up', before.id, status === 'done' ? 'complete' : 'cancel', before, after);
      tx.touch(before.customer_id);
      return toFollowUpView(after);
    },
  };
}

export const completeFollowUpCommand = closeFollowUp('followUp.complete', 'done');
export const cancelFollowUpCommand = closeFollowUp('followUp.cancel', 'cancelled');
