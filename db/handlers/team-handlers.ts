import type { ApiHandlers } from '../../shared/api/dispatch';
import type { teamContract } from '../../shared/api/team-contract';
import type { HandlerContext } from './create-handlers';

export type TeamHandlers = Pick<ApiHandlers, keyof typeof teamContract>;

export function createTeamHandlers(_ctx: HandlerContext): TeamHandlers {
  return {};
}
