/**
 * contact.log on the desktop: the shared rule (shared/mutations/contact-logs.ts) in one
 * transaction and one outbox mutation, so sync replays it whole or not at all; the form's draft
 * goes with the same commit.
 */
import type { z } from 'zod';
import type { ContactLogResultSchema, ContactLogSchema } from '../../shared/api/collector-schemas';
import { contactLog } from '../../shared/mutations/contact-logs';
import { decideOnDesktop } from '../mutations/sqlite-driver';
import { draftOwner } from '../queries/drafts';
import { build, execute } from '../typed-sql';
import { disputeView } from './dispute';
import { planView } from './payment-plan';
import { recordedPromiseView } from './promise';
import type { Command } from './run-command';

export type ContactLogResult = z.output<typeof ContactLogResultSchema>;

export const logContactCommand: Command<typeof ContactLogSchema, ContactLogResult> = {
  name: contactLog.name,
  input: contactLog.args,
  apply(tx, input) {
    const logged = decideOnDesktop(tx, contactLog, input);
    // A failed log keeps what was typed: the draft is cleared only with the contact's own commit.
    if (input.draftKey !== undefined) execute(tx.sqlite, build.deleteFrom('drafts').where('owner', '=', draftOwner(tx.userId)).where('key', '=', input.draftKey));
    return {
      activityId: logged.activity.id,
      customerId: input.customerId,
      contactPersonId: logged.activity.contact_person_id,
      followUpId: logged.followUp?.id ?? null,
      promise: logged.promise === null ? null : recordedPromiseView(logged.promise),
      plan: logged.plan === null ? null : planView(logged.plan),
      dispute: logged.dispute === null ? null : disputeView(logged.dispute, tx),
    };
  },
};
