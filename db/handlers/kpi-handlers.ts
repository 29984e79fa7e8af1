import type { ApiHandlers } from '../../shared/api/dispatch';
import type { kpiContract } from '../../shared/api/kpi-contract';
import type { HandlerContext } from './create-handlers';

export type KpiHandlers = Pick<ApiHandlers, keyof typeof kpiContract>;

export function createKpiHandlers(_ctx: HandlerContext): KpiHandlers {
  return {};
}
