/**
 * contact.log: one logged call, email, letter, meeting or portal message, with everything it
 * brought about (a new contact person, a follow-up, a promise, a dispute) in one transaction and
 * one outbox mutation, so sync replays it whole or not at all.
 */
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { ContactLogSchema, type ContactLogResultSchema } from '../../shared/api/collector-schemas';
import { DomainError } from '../../shared/api/result';
import { OUTCOME_LABELS } from '../../shared/domain/labels';
import type { Row } from '../schema';
import { draftOwner } from '../queries/drafts';
import { build, execute, selectFirst } from '../typed-sql';
import { createDispute } from './dispute';
import { loadCustomer } from './open-items';
import { createPromise } from './promise';
import type { Command } from './run-command';
import { requireDateInWindow } from '../../shared/domain/date-bounds';
import { saveContactPerson } from '../../shared/mutations/contact-persons';
import { openFollowUp } from '../../shared/mutations/follow-ups';
import { decideContext, runStep } from '../mutations/sqlite-driver';

export type ContactLogResult = z.output<typeof ContactLogResultSchema>;

export const logContactCommand: Command<typeof ContactLogSchema, ContactLogResult> = {
  name: 'contact.log',
  input: ContactLogSchema,
  apply(tx, input) {
    const { sqlite, now } = tx;
    loadCustomer(sqlite, input.customerId);
    const person = input.contactPersonId === null ? null : selectFirst(sqlite, build.selectFrom('contact_persons').select('customer_id').where('id', '=', input.contactPersonId));
    if (person !== null && person?.customer_id !== input.customerId) {
      throw new DomainError('not_found', `contact person ${input.contactPersonId} does not exist for this customer`, 'contactPersonId');
    }
    if (input.followUpDate !== null) requireDateInWindow('followUp', input.followUpDate, tx.asOf, 'followUpDate');
    const contactPersonId =
      input.newContactPerson === undefined
        ? input.contactPersonId
        : runStep(tx, saveContactPerson(decideContext(tx), input.customerId, input.newContactPerson, 'newContactPerson.')).id;

    const activity: Row<'activities'> = {
      id: uuidv7(),
      customer_id: input.customerId,
      contact_person_id: contactPersonId,
      channel: input.channel,
      direction: input.direction,
      outcome: input.outcome,
      note: input.note,
      duration_seconds: input.durationSeconds,
      follow_up_date: input.followUpDate,
      occurred_at: now,
      user_id: tx.userId,
      created_at: now,
    };
    execute(sqlite, build.insertInto('activities').values(activity));
    tx.audit('activity', activity.id, 'create', null, activity);

    const promise = input.promise === undefined ? null : createPromise(tx, input.customerId, input.promise, activity.id, 'promise.');
    const dispute = input.dispute === undefined ? null : createDispute(tx, input.customerId, input.dispute, activity.id, 'dispute.');
    const followUp =
      input.followUpDate === null
        ? null
        : runStep(
            tx,
            openFollowUp(decideContext(tx), {
            customerId: input.customerId,
            itemId: null,
            activityId: activity.id,
            dueDate: input.followUpDate,
            title: `Follow up: ${OUTCOME_LABELS[input.outcome]}`,
              assignedTo: tx.userId,
            }),
          );
    // The form's draft goes with the same commit: a failed log keeps what was typed.
    if (input.draftKey !== undefined) execute(sqlite, build.deleteFrom('drafts').where('owner', '=', draftOwner(tx.userId)).where('key', '=', input.draftKey));
    tx.touch(input.customerId);
    return { activityId: activity.id, customerId: input.customerId, contactPersonId, followUpId: followUp?.id ?? null, promise, dispute };
  },
};
