/** The KPI dashboard and the collection forecast (issue 6). */
import { KpiDashboardQuerySchema, KpiDashboardSchema, KpiForecastQuerySchema, KpiForecastSchema } from './kpi-schemas';

export const kpiContract = {
  'kpi.dashboard': { input: KpiDashboardQuerySchema, output: KpiDashboardSchema },
  'kpi.forecast': { input: KpiForecastQuerySchema, output: KpiForecastSchema },
} as const;
