/**
 * How each KPI is shown: its card label, whether lower or higher is better (the colour of the
 * trend arrow), and value formatting by unit. Kept here rather than read from kpi-schemas: that
 * module builds zod schemas, which the renderer may import as types only.
 */
import type { TFunction } from 'i18next';
import type { KpiDashboard, KpiFigureKey, KpiFigureView, KpiTrendKey, KpiUnit } from '../../../shared/api/kpi-schemas';
import { numberFormat } from '../common/format';

interface FigureSpecShape {
  readonly key: KpiFigureKey;
  /** The card label's translation key. */
  readonly label: string;
  readonly better: 'lower' | 'higher';
  /** The translation key of what the figure is about, under its label. */
  readonly hint: string;
}

export const FIGURE_SPECS = [
  { key: 'dso', label: 'dashboard.figures.dso.label', better: 'lower', hint: 'dashboard.figures.dso.hint' },
  { key: 'dsoCountback', label: 'dashboard.figures.dsoCountback.label', better: 'lower', hint: 'dashboard.figures.dsoCountback.hint' },
  { key: 'bestPossibleDso', label: 'dashboard.figures.bestPossibleDso.label', better: 'lower', hint: 'dashboard.figures.bestPossibleDso.hint' },
  { key: 'averageDaysDelinquent', label: 'dashboard.figures.averageDaysDelinquent.label', better: 'lower', hint: 'dashboard.figures.averageDaysDelinquent.hint' },
  { key: 'cei', label: 'dashboard.figures.cei.label', better: 'higher', hint: 'dashboard.figures.cei.hint' },
  { key: 'percentCurrent', label: 'dashboard.figures.percentCurrent.label', better: 'higher', hint: 'dashboard.figures.percentCurrent.hint' },
  { key: 'daysDelinquentPerInvoice', label: 'dashboard.figures.daysDelinquentPerInvoice.label', better: 'lower', hint: 'dashboard.figures.daysDelinquentPerInvoice.hint' },
  { key: 'daysDelinquentWeighted', label: 'dashboard.figures.daysDelinquentWeighted.label', better: 'lower', hint: 'dashboard.figures.daysDelinquentWeighted.hint' },
  { key: 'keptRateByCount', label: 'dashboard.figures.keptRateByCount.label', better: 'higher', hint: 'dashboard.figures.keptRateByCount.hint' },
  { key: 'keptRateByAmount', label: 'dashboard.figures.keptRateByAmount.label', better: 'higher', hint: 'dashboard.figures.keptRateByAmount.hint' },
  { key: 'brokenPromises', label: 'dashboard.figures.brokenPromises.label', better: 'lower', hint: 'dashboard.figures.brokenPromises.hint' },
  { key: 'collectedVsPromised', label: 'dashboard.figures.collectedVsPromised.label', better: 'higher', hint: 'dashboard.figures.collectedVsPromised.hint' },
  { key: 'disputesOpened', label: 'dashboard.figures.disputesOpened.label', better: 'lower', hint: 'dashboard.figures.disputesOpened.hint' },
  { key: 'disputeCycleTime', label: 'dashboard.figures.disputeCycleTime.label', better: 'lower', hint: 'dashboard.figures.disputeCycleTime.hint' },
] as const satisfies readonly FigureSpecShape[];

export type FigureSpec = (typeof FIGURE_SPECS)[number];

const TREND_KEYS: ReadonlySet<string> = new Set<KpiTrendKey>([
  'dso',
  'bestPossibleDso',
  'averageDaysDelinquent',
  'cei',
  'percentCurrent',
  'keptRateByCount',
  'keptRateByAmount',
  'collectedVsPromised',
  'brokenPromises',
  'disputesOpened',
  'disputeCycleTime',
]);

export const isTrendKey = (key: KpiFigureKey): key is KpiTrendKey => TREND_KEYS.has(key);

const decimal = () => numberFormat({ minimumFractionDigits: 1, maximumFractionDigits: 2 });
const whole = () => numberFormat({ maximumFractionDigits: 0 });
const twoDecimals = () => numberFormat({ minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The value in the unit people read: rates 0..1 as percentages. */
export const displayValue = (value: number, unit: KpiUnit): number => (unit === 'rate' ? value * 100 : value);

export function formatFigure(value: number | null, unit: KpiUnit): string {
  if (value === null) return '—';
  if (unit === 'count') return whole().format(value);
  if (unit === 'per_day') return twoDecimals().format(value);
  return decimal().format(displayValue(value, unit));
}

/** The unit after a value ("days", "%"); counts have none. */
export function unitSuffix(t: TFunction, unit: KpiUnit): string {
  switch (unit) {
    case 'days':
      return t('dashboard.units.days');
    case 'per_day':
      return t('dashboard.units.perDay');
    case 'percent':
    case 'rate':
      return '%';
    case 'count':
      return '';
  }
}

/** The figure's value in the month before the selected one, from the trend. */
export function previousValue(dashboard: KpiDashboard, key: KpiFigureKey): number | null {
  if (!isTrendKey(key)) return null;
  return dashboard.trend.at(-2)?.values[key] ?? null;
}

export const figureOf = (dashboard: KpiDashboard, key: KpiFigureKey): KpiFigureView => dashboard.figures[key];
