/** followUp.create / followUp.complete / followUp.cancel: dated tasks ("resubmissions") on a customer. */
import { FollowUpCloseSchema, FollowUpCreateSchema } from '../api/collector-schemas';
import type { FollowUpStatus } from '../domain/codes';
import { requireDateInWindow } from '../domain/date-bounds';
import { storedOptionalText } from '../domain/text';
import { refused, type RefusalKey } from '../i18n/refusals';
import type { SyncedRow } from '../sync/tables';
import { defineMutation, namedCustomer, type DecideContext, type MutationDefinition } from './definition';
import { insertRow, newId, updateRow, type Step } from './effects';
import { requiredRow, requireItemOf, requireUser } from './guards';

export interface NewFollowUp {
  readonly customerId: string;
  readonly itemId: string | null;
  readonly activityId: string | null;
  readonly dueDate: string;
  readonly title: string;
  readonly assignedTo: string | null;
}

/** Writes an open follow-up under the next follow-up id of the mutation. */
export function* openFollowUp(ctx: DecideContext, values: NewFollowUp): Step<SyncedRow<'follow_ups'>> {
  const row: SyncedRow<'follow_ups'> = {
    id: yield* newId('follow_ups'),
    customer_id: values.customerId,
    open_item_id: values.itemId,
    activity_id: values.activityId,
    due_date: values.dueDate,
    title: values.title,
    status: 'open',
    assigned_to: values.assignedTo,
    created_by: ctx.userId,
    created_at: ctx.now,
    done_at: null,
    done_comment: null,
  };
  yield* insertRow('follow_ups', values.customerId, row, 'create');
  return row;
}

export const followUpCreate = defineMutation({
  name: 'followUp.create',
  args: FollowUpCreateSchema,
  customerOf: namedCustomer,
  *decide(ctx, args) {
    requireDateInWindow('followUp', args.dueDate, ctx.asOf, 'dueDate');
    yield* requireItemOf(args.itemId, args.customerId);
    const assignedTo = args.assignedTo === undefined ? ctx.userId : yield* requireUser(args.assignedTo, 'assignedTo');
    return yield* openFollowUp(ctx, { customerId: args.customerId, itemId: args.itemId, activityId: null, dueDate: args.dueDate, title: args.title, assignedTo });
  },
});

/** Why a follow-up that is no longer open cannot be closed again. */
const ALREADY_CLOSED: Readonly<Record<Exclude<FollowUpStatus, 'open'>, RefusalKey>> = { done: 'followUpAlreadyDone', cancelled: 'followUpAlreadyCancelled' };

function closeFollowUp(name: string, status: Exclude<FollowUpStatus, 'open'>, action: string): MutationDefinition<typeof FollowUpCloseSchema, SyncedRow<'follow_ups'>> {
  return defineMutation({
    name,
    args: FollowUpCloseSchema,
    *customerOf(args) {
      return (yield* requiredRow('follow_ups', args.followUpId, 'followUpNotFound', 'followUpId')).customer_id;
    },
    *decide(ctx, args) {
      const before = yield* requiredRow('follow_ups', args.followUpId, 'followUpNotFound', 'followUpId', { lock: true });
      if (before.status !== 'open') throw refused('conflict', ALREADY_CLOSED[before.status], 'followUpId');
      const set = { status, done_at: ctx.now, done_comment: storedOptionalText(args.comment) };
      yield* updateRow('follow_ups', before.customer_id, before.id, set, action);
      return { ...before, ...set };
    },
  });
}

export const followUpComplete = closeFollowUp('followUp.complete', 'done', 'complete');
export const followUpCancel = closeFollowUp('followUp.cancel', 'cancelled', 'cancel');
