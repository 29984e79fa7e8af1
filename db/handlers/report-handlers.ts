import type { ApiHandlers } from '../../shared/api/dispatch';
import type { reportContract } from '../../shared/api/report-contract';
import type { HandlerContext } from './create-handlers';

export type ReportHandlers = Pick<ApiHandlers, keyof typeof reportContract>;

export function createReportHandlers(_ctx: HandlerContext): ReportHandlers {
  return {};
}
