/** The collector's operations (issue 4) in the handler table: commands through runCommand, reads straight from SQLite. */
import type { ApiHandlers } from '../../shared/api/dispatch';
import { todayUtc } from '../../shared/domain/clock';
import type { z } from 'zod';
import { localProfileId, runCommand, type Command, type CommandContext } from '../commands/run-command';
import { logContactCommand } from '../commands/contact-log';
import { createDisputeCommand, transitionDisputeCommand } from '../commands/dispute';
import { requestEscalationCommand, withdrawEscalationCommand } from '../commands/escalation';
import { cancelFollowUpCommand, completeFollowUpCommand, createFollowUpCommand } from '../commands/follow-up';
import { addNoteCommand, editNoteCommand } from '../commands/note';
import { createPaymentPlanCommand } from '../commands/payment-plan';
import { cancelPromiseCommand, createPromiseCommand } from '../commands/promise';
import { evaluatePromisesSync } from '../promises/evaluate-all';
import { queryContactDefaults } from '../queries/contact-defaults';
import { queryCustomerWork } from '../queries/customer-work';
import { clearDraft, draftOwner, getDraft, saveDraft } from '../queries/drafts';
import { queryMyFollowUps } from '../queries/follow-ups';
import { queryNoteHistory } from '../queries/note-history';
import { queryTimeline } from '../queries/timeline';
import { queryUsers } from '../queries/users';

export const COLLECTOR_OPERATIONS = [
  'contact.log',
  'contact.defaults',
  'promise.create',
  'promise.plan',
  'promise.cancel',
  'promises.evaluate',
  'dispute.create',
  'dispute.transition',
  'note.add',
  'note.edit',
  'note.history',
  'followUp.create',
  'followUp.complete',
  'followUp.cancel',
  'followUps.mine',
  'escalation.request',
  'escalation.withdraw',
  'customer.timeline',
  'customer.work',
  'draft.get',
  'draft.save',
  'draft.clear',
  'users.list',
] as const;

export type CollectorHandlers = Pick<ApiHandlers, (typeof COLLECTOR_OPERATIONS)[number]>;

export function createCollectorHandlers(ctx: CommandContext): CollectorHandlers {
  const { sqlite } = ctx.store;
  const me = () => localProfileId(sqlite);
  const now = () => ctx.clock.now().toISOString();
  const run = <S extends z.ZodType, R>(command: Command<S, R>, input: unknown): R => runCommand(ctx, command, input);
  return {
    'contact.log': (input) => run(logContactCommand, input),
    'contact.defaults': ({ customerId }) => queryContactDefaults(sqlite, me(), customerId),
    'promise.create': (input) => run(createPromiseCommand, input),
    'promise.plan': (input) => run(createPaymentPlanCommand, input),
    'promise.cancel': (input) => run(cancelPromiseCommand, input),
    'promises.evaluate': () => evaluatePromisesSync(sqlite, { asOf: todayUtc(ctx.clock), now: now(), ...(ctx.settings ? { settings: ctx.settings } : {}) }),
    'dispute.create': (input) => run(createDisputeCommand, input),
    'dispute.transition': (input) => run(transitionDisputeCommand, input),
    'note.add': (input) => run(addNoteCommand, input),
    'note.edit': (input) => run(editNoteCommand, input),
    'note.history': ({ noteId }) => queryNoteHistory(sqlite, noteId),
    'followUp.create': (input) => run(createFollowUpCommand, input),
    'followUp.complete': (input) => run(completeFollowUpCommand, input),
    'followUp.cancel': (input) => run(cancelFollowUpCommand, input),
    'followUps.mine': ({ limit }) => queryMyFollowUps(sqlite, me(), todayUtc(ctx.clock), limit),
    'escalation.request': (input) => run(requestEscalationCommand, input),
    'escalation.withdraw': (input) => run(withdrawEscalationCommand, input),
    'customer.timeline': (query) => queryTimeline(sqlite, query),
    'customer.work': ({ customerId }) => queryCustomerWork(sqlite, customerId, now()),
    'draft.get': ({ key }) => getDraft(sqlite, draftOwner(me()), key),
    'draft.save': ({ key, value }) => saveDraft(sqlite, draftOwner(me()), key, value, now()),
    'draft.clear': ({ key }) => ({ cleared: clearDraft(sqlite, draftOwner(me()), key) }),
    'users.list': () => queryUsers(sqlite),
  };
}
