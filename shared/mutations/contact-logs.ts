/**
 * contact.log: one logged call, email, letter, meeting or portal message, with everything it
 * brought about (a new contact person, a follow-up, a promise or a payment plan, a dispute), all or nothing.
 */
import { ContactLogSchema } from '../api/collector-schemas';
import { requireDateInWindow } from '../domain/date-bounds';
import { OUTCOME_LABELS } from '../domain/labels';
import { refused } from '../i18n/refusals';
import type { SyncedRow } from '../sync/tables';
import { saveContactPerson } from './contact-persons';
import { defineMutation, namedCustomer } from './definition';
import { createDispute } from './disputes';
import { insertRow, newId, rowById, type Step } from './effects';
import { openFollowUp } from './follow-ups';
import { createPromise, recordPlan, type RecordedPlan, type RecordedPromise } from './promises';

export interface LoggedContact {
  readonly activity: SyncedRow<'activities'>;
  readonly followUp: SyncedRow<'follow_ups'> | null;
  readonly promise: RecordedPromise | null;
  readonly plan: RecordedPlan | null;
  readonly dispute: SyncedRow<'disputes'> | null;
}

export const contactLog = defineMutation({
  name: 'contact.log',
  args: ContactLogSchema,
  customerOf: namedCustomer,
  // A promise, a plan or a dispute refers to the activity at once; without them only contact persons are read.
  bufferable: (args) => args.promise === undefined && args.plan === undefined && args.dispute === undefined,
  *decide(ctx, args): Step<LoggedContact> {
    if (args.contactPersonId !== null) {
      const person = yield* rowById('contact_persons', args.contactPersonId);
      if (person?.customer_id !== args.customerId) {
        throw refused('not_found', { key: 'contactPersonNotFoundForCustomer', params: { id: args.contactPersonId } }, 'contactPersonId');
      }
    }
    if (args.followUpDate !== null) requireDateInWindow('followUp', args.followUpDate, ctx.asOf, 'followUpDate');
    const contactPersonId =
      args.newContactPerson === undefined ? args.contactPersonId : (yield* saveContactPerson(ctx, args.customerId, args.newContactPerson, 'newContactPerson.')).id;
    const activity: SyncedRow<'activities'> = {
      id: yield* newId('activities'),
      customer_id: args.customerId,
      contact_person_id: contactPersonId,
      channel: args.channel,
      direction: args.direction,
      outcome: args.outcome,
      note: args.note,
      duration_seconds: args.durationSeconds,
      follow_up_date: args.followUpDate,
      occurred_at: ctx.now,
      user_id: ctx.userId,
      created_at: ctx.now,
    };
    yield* insertRow('activities', args.customerId, activity, 'create');
    const promise = args.promise === undefined ? null : yield* createPromise(ctx, args.customerId, args.promise, activity.id, 'promise.');
    const plan = args.plan === undefined ? null : yield* recordPlan(ctx, args.customerId, args.plan, activity.id, 'plan.');
    const dispute = args.dispute === undefined ? null : yield* createDispute(ctx, args.customerId, args.dispute, activity.id, 'dispute.');
    const followUp =
      args.followUpDate === null
        ? null
        : yield* openFollowUp(ctx, {
            customerId: args.customerId,
            itemId: null,
            activityId: activity.id,
            dueDate: args.followUpDate,
            title: args.followUpTitle ?? `Follow up: ${OUTCOME_LABELS[args.outcome]}`,
            assignedTo: ctx.userId,
          });
    return { activity, followUp, promise, plan, dispute };
  },
});
