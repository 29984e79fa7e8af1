/**
 * The months a dashboard looks at: the selected month and the 11 before it (the trend), each an
 * inclusive calendar-date period; the current month is cut at the as-of date.
 */
import { refused } from '../../../shared/i18n/refusals';
import type { Period } from '../../../shared/domain/kpi';
import { addDays } from '../../../shared/domain/dates';

export const TREND_MONTHS = 12;

export interface KpiMonth {
  /** 'YYYY-MM' */
  readonly label: string;
  readonly period: Period;
}

export interface KpiWindow {
  /** Oldest first; the last one is the selected month. */
  readonly months: readonly KpiMonth[];
  /** The day before the first month: the opening AR of the trend. */
  readonly openingDate: string;
}

export const monthStart = (label: string): string => `${label}-01`;

export function monthEnd(label: string): string {
  const [year, month] = label.split('-').map(Number) as [number, number];
  const next = month === 12 ? `${String(year + 1).padStart(4, '0')}-01` : `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}`;
  return addDays(monthStart(next), -1);
}

export const previousMonth = (label: string): string => addDays(monthStart(label), -1).slice(0, 7);

export function kpiMonth(label: string, asOf: string): KpiMonth {
  const end = monthEnd(label);
  return { label, period: { from: monthStart(label), to: end < asOf ? end : asOf } };
}

/** The selected month and the months before it; a month after the as-of date's has no figures yet. */
export function kpiWindow(selected: string, asOf: string): KpiWindow {
  if (monthStart(selected) > asOf) {
    throw refused('validation', { key: 'monthNotStarted', params: { month: selected, todayDate: asOf } }, 'month');
  }
  const labels = [selected];
  while (labels.length < TREND_MONTHS) labels.unshift(previousMonth(labels[0] ?? selected));
  const months = labels.map((label) => kpiMonth(label, asOf));
  return { months, openingDate: addDays(monthStart(labels[0] ?? selected), -1) };
}
