/**
 * contact.log on the server: one activity with everything it brought about (a new contact
 * person, a follow-up, a promise, a dispute), all or nothing, as on the client.
 */
import { ContactLogSchema } from '../../shared/api/collector-schemas';
import { DomainError } from '../../shared/api/result';
import { OUTCOME_LABELS } from '../../shared/domain/labels';
import { saveContactPerson } from '../../shared/mutations/contact-persons';
import { openFollowUp } from '../../shared/mutations/follow-ups';
import { define, namedCustomer, insertLogged, newId } from './appliers';
import { decideContextOf, runSharedStep } from './definition-applier';
import { createDispute } from './dispute-appliers';
import { createPromise } from './promise-appliers';
import { requireDateInWindow } from '../../shared/domain/date-bounds';

export const contactLog = define({
  schema: ContactLogSchema,
  customerOf: namedCustomer,
  // A promise or a dispute refers to the activity at once; without them only contact persons are read.
  buffered: (args) => args.promise === undefined && args.dispute === undefined,
  async apply(ctx, args) {
    if (args.contactPersonId !== null) {
      const person = await ctx.trx.selectFrom('contact_persons').select('customer_id').where('id', '=', args.contactPersonId).executeTakeFirst();
      if (person?.customer_id !== args.customerId) {
        throw new DomainError('not_found', `contact person ${args.contactPersonId} does not exist for this customer`, 'contactPersonId');
      }
    }
    if (args.followUpDate !== null) requireDateInWindow('followUp', args.followUpDate, ctx.asOf, 'followUpDate');
    const contactPersonId =
      args.newContactPerson === undefined
        ? args.contactPersonId
        : (await runSharedStep(ctx, saveContactPerson(decideContextOf(ctx), args.customerId, args.newContactPerson, 'newContactPerson.'))).id;
    const id = await newId(ctx, 'activities');
    await insertLogged(ctx, 'activities', args.customerId, {
      id,
      customer_id: args.customerId,
      contact_person_id: contactPersonId,
      channel: args.channel,
      direction: args.direction,
      outcome: args.outcome,
      note: args.note,
      duration_seconds: args.durationSeconds,
      follow_up_date: args.followUpDate,
      occurred_at: ctx.now,
      user_id: ctx.principal.userId,
      created_at: ctx.now,
    });
    if (args.promise !== undefined) await createPromise(ctx, args.customerId, args.promise, id, 'promise.');
    if (args.dispute !== undefined) await createDispute(ctx, args.customerId, args.dispute, id, 'dispute.');
    if (args.followUpDate !== null) {
      await runSharedStep(ctx, openFollowUp(decideContextOf(ctx), {
        customerId: args.customerId,
        itemId: null,
        activityId: id,
        dueDate: args.followUpDate,
        title: `Follow up: ${OUTCOME_LABELS[args.outcome]}`,
        assignedTo: ctx.principal.userId,
      }));
    }
  },
});
