/** The team lead's commands in the handler table, reassignment and decisions through runCommand (the team views are reads, read-handlers.ts). */
import type { ApiHandlers } from '../../shared/api/dispatch';
import type { teamContract } from '../../shared/api/team-contract';
import { runCommand } from '../commands/run-command';
import { userToday } from '../day/user-day';
import { decideEscalationCommand, reassignCustomersCommand } from '../commands/team';
import { DEFAULT_DOMAIN_SETTINGS } from '../summary/refresh';
import type { HandlerContext } from './handler-context';
import type { ReadOperation } from './read-handlers';

export type TeamHandlers = Pick<ApiHandlers, Exclude<keyof typeof teamContract, ReadOperation>>;

export function createTeamHandlers(ctx: HandlerContext): TeamHandlers {
  const settings = ctx.settings ?? DEFAULT_DOMAIN_SETTINGS;
  const commandContext = { store: ctx.store, clock: ctx.clock, today: () => userToday(ctx), settings };
  return {
    'customer.reassign': (input) => runCommand(commandContext, reassignCustomersCommand, input),
    'escalation.decide': (input) => runCommand(commandContext, decideEscalationCommand, input),
  };
}
