import type { ApiHandlers } from '../../shared/api/dispatch';
import type { kpiContract } from '../../shared/api/kpi-contract';
import { todayUtc } from '../../shared/domain/clock';
import { queryKpiDashboard } from '../queries/kpi/dashboard';
import { queryKpiForecast } from '../queries/kpi/forecast';
import { DEFAULT_DOMAIN_SETTINGS } from '../summary/refresh';
import type { HandlerContext } from './handler-context';

export type KpiHandlers = Pick<ApiHandlers, keyof typeof kpiContract>;

export function createKpiHandlers(ctx: HandlerContext): KpiHandlers {
  const settings = ctx.settings ?? DEFAULT_DOMAIN_SETTINGS;
  return {
    'kpi.dashboard': (query) => queryKpiDashboard(ctx.store.sqlite, query, { asOf: todayUtc(ctx.clock), baseCurrency: settings.fx.base }),
    'kpi.forecast': ({ collectorId }) => queryKpiForecast(ctx.store.sqlite, { collectorId }, todayUtc(ctx.clock)),
  };
}
