import type { ApiHandlers } from '../../shared/api/dispatch';
import type { kpiContract } from '../../shared/api/kpi-contract';
import { todayUtc } from '../../shared/domain/clock';
import { evaluatePromisesIfDue } from '../promises/evaluate-all';
import { queryKpiDashboard } from '../queries/kpi/dashboard';
import { queryKpiForecast } from '../queries/kpi/forecast';
import { DEFAULT_DOMAIN_SETTINGS } from '../summary/refresh';
import type { HandlerContext } from './handler-context';

export type KpiHandlers = Pick<ApiHandlers, keyof typeof kpiContract>;

export function createKpiHandlers(ctx: HandlerContext): KpiHandlers {
  const settings = ctx.settings ?? DEFAULT_DOMAIN_SETTINGS;
  /** Promise verdicts first: a promise broken overnight must count in today's figures. */
  const asOfToday = (): string => {
    const asOf = todayUtc(ctx.clock);
    evaluatePromisesIfDue(ctx.store.sqlite, { asOf, now: ctx.clock.now().toISOString(), settings });
    return asOf;
  };
  return {
    'kpi.dashboard': (query) => queryKpiDashboard(ctx.store.sqlite, query, { asOf: asOfToday(), baseCurrency: settings.fx.base }),
    'kpi.forecast': ({ collectorId }) => queryKpiForecast(ctx.store.sqlite, { collectorId }, asOfToday()),
  };
}
