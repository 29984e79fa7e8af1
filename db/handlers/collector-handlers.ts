/** The collector's commands (issue 4) in the handler table, through runCommand; its reads are in read-handlers.ts. */
import type { ApiHandlers } from '../../shared/api/dispatch';
import type { z } from 'zod';
import { localProfileId, runCommand, type Command, type CommandContext } from '../commands/run-command';
import { logContactCommand } from '../commands/contact-log';
import { createDisputeCommand, transitionDisputeCommand } from '../commands/dispute';
import { requestEscalationCommand, withdrawEscalationCommand } from '../commands/escalation';
import { cancelFollowUpCommand, completeFollowUpCommand, createFollowUpCommand } from '../commands/follow-up';
import { addAttachmentCommand } from '../commands/attachment';
import { addNoteCommand, editNoteCommand } from '../commands/note';
import { createPaymentPlanCommand } from '../commands/payment-plan';
import { cancelPromiseCommand, createPromiseCommand } from '../commands/promise';
import { evaluatePromisesSync } from '../promises/evaluate-all';
import { clearDraft, draftOwner, saveDraft } from '../queries/drafts';

export const COLLECTOR_OPERATIONS = [
  'contact.log',
  'promise.create',
  'promise.plan',
  'promise.cancel',
  'promises.evaluate',
  'dispute.create',
  'dispute.transition',
  'note.add',
  'note.edit',
  'attachment.add',
  'followUp.create',
  'followUp.complete',
  'followUp.cancel',
  'escalation.request',
  'escalation.withdraw',
  'draft.save',
  'draft.clear',
] as const;

export type CollectorHandlers = Pick<ApiHandlers, (typeof COLLECTOR_OPERATIONS)[number]>;

export function createCollectorHandlers(ctx: CommandContext): CollectorHandlers {
  const { sqlite } = ctx.store;
  const me = () => localProfileId(sqlite);
  const now = () => ctx.clock.now().toISOString();
  const run = <S extends z.ZodType, R>(command: Command<S, R>, input: unknown): R => runCommand(ctx, command, input);
  return {
    'contact.log': (input) => run(logContactCommand, input),
    'promise.create': (input) => run(createPromiseCommand, input),
    'promise.plan': (input) => run(createPaymentPlanCommand, input),
    'promise.cancel': (input) => run(cancelPromiseCommand, input),
    'promises.evaluate': () => evaluatePromisesSync(sqlite, { asOf: ctx.today(), now: now(), ...(ctx.settings ? { settings: ctx.settings } : {}) }),
    'dispute.create': (input) => run(createDisputeCommand, input),
    'dispute.transition': (input) => run(transitionDisputeCommand, input),
    'note.add': (input) => run(addNoteCommand, input),
    'note.edit': (input) => run(editNoteCommand, input),
    'attachment.add': (input) => run(addAttachmentCommand, input),
    'followUp.create': (input) => run(createFollowUpCommand, input),
    'followUp.complete': (input) => run(completeFollowUpCommand, input),
    'followUp.cancel': (input) => run(cancelFollowUpCommand, input),
    'escalation.request': (input) => run(requestEscalationCommand, input),
    'escalation.withdraw': (input) => run(withdrawEscalationCommand, input),
    'draft.save': ({ key, value }) => saveDraft(sqlite, draftOwner(me()), key, value, now()),
    'draft.clear': ({ key }) => ({ cleared: clearDraft(sqlite, draftOwner(me()), key) }),
  };
}
