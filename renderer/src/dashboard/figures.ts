/**
 * How each KPI is shown: its card label, whether lower or higher is better (the colour of the
 * trend arrow), and value formatting by unit. Kept here rather than read from kpi-schemas: that
 * module builds zod schemas, which the renderer may import as types only.
 */
import type { KpiDashboard, KpiFigureKey, KpiFigureView, KpiTrendKey, KpiUnit } from '../../../shared/api/kpi-schemas';

export interface FigureSpec {
  readonly key: KpiFigureKey;
  readonly label: string;
  readonly better: 'lower' | 'higher';
  /** What the figure is about, under its label. */
  readonly hint: string;
}

export const FIGURE_SPECS: readonly FigureSpec[] = [
  { key: 'dso', label: 'DSO', better: 'lower', hint: 'days sales outstanding' },
  { key: 'dsoCountback', label: 'DSO, countback', better: 'lower', hint: 'AR walked back over monthly sales' },
  { key: 'bestPossibleDso', label: 'Best possible DSO', better: 'lower', hint: 'from not-yet-due AR' },
  { key: 'averageDaysDelinquent', label: 'Average days delinquent', better: 'lower', hint: 'DSO − best possible DSO' },
  { key: 'cei', label: 'CEI', better: 'higher', hint: 'collection effectiveness index' },
  { key: 'percentCurrent', label: 'Current AR', better: 'higher', hint: 'share not yet due' },
  { key: 'daysDelinquentPerInvoice', label: 'Days late per invoice', better: 'lower', hint: 'invoices paid this month' },
  { key: 'daysDelinquentWeighted', label: 'Days late, by amount', better: 'lower', hint: 'weighted by invoice amount' },
  { key: 'keptRateByCount', label: 'Promises kept', better: 'higher', hint: 'by count, due this month' },
  { key: 'keptRateByAmount', label: 'Kept, by amount', better: 'higher', hint: 'by promised amount' },
  { key: 'brokenPromises', label: 'Broken promises', better: 'lower', hint: 'due this month' },
  { key: 'collectedVsPromised', label: 'Collected vs promised', better: 'higher', hint: 'paid ÷ promised' },
  { key: 'disputesOpened', label: 'Disputes opened', better: 'lower', hint: 'voided cases left out' },
  { key: 'disputeCycleTime', label: 'Dispute cycle time', better: 'lower', hint: 'opened → closed' },
];

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

const decimal = new Intl.NumberFormat(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 2 });
const whole = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const twoDecimals = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The value in the unit people read: rates 0..1 as percentages. */
export const displayValue = (value: number, unit: KpiUnit): number => (unit === 'rate' ? value * 100 : value);

export function formatFigure(value: number | null, unit: KpiUnit): string {
  if (value === null) return '—';
  if (unit === 'count') return whole.format(value);
  if (unit === 'per_day') return twoDecimals.format(value);
  return decimal.format(displayValue(value, unit));
}

export const UNIT_SUFFIX: Record<KpiUnit, string> = { days: 'days', percent: '%', rate: '%', count: '', per_day: 'per day' };

/** The figure's value in the month before the selected one, from the trend. */
export function previousValue(dashboard: KpiDashboard, key: KpiFigureKey): number | null {
  if (!isTrendKey(key)) return null;
  return dashboard.trend.at(-2)?.values[key] ?? null;
}

export const figureOf = (dashboard: KpiDashboard, key: KpiFigureKey): KpiFigureView => dashboard.figures[key];
