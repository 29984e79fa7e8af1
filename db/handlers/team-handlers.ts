/** The team lead's operations in the handler table: reassignment and decisions through runCommand, team views from SQLite. */
import type { ApiHandlers } from '../../shared/api/dispatch';
import { todayUtc } from '../../shared/domain/clock';
import type { teamContract } from '../../shared/api/team-contract';
import { runCommand } from '../commands/run-command';
import { decideEscalationCommand, localActor, reassignCustomersCommand } from '../commands/team';
import { queryTeamEscalations, queryTeamLoad, requireTeamViewer } from '../queries/team';
import { DEFAULT_DOMAIN_SETTINGS } from '../summary/refresh';
import type { HandlerContext } from './handler-context';

export type TeamHandlers = Pick<ApiHandlers, keyof typeof teamContract>;

export function createTeamHandlers(ctx: HandlerContext): TeamHandlers {
  const { sqlite } = ctx.store;
  const settings = ctx.settings ?? DEFAULT_DOMAIN_SETTINGS;
  const commandContext = { store: ctx.store, clock: ctx.clock, settings };
  return {
    'team.load': () => queryTeamLoad(sqlite, requireTeamViewer(localActor(sqlite)), todayUtc(ctx.clock)),
    'team.escalations': () => queryTeamEscalations(sqlite, requireTeamViewer(localActor(sqlite))),
    'customer.reassign': (input) => runCommand(commandContext, reassignCustomersCommand, input),
    'escalation.decide': (input) => runCommand(commandContext, decideEscalationCommand, input),
  };
}
