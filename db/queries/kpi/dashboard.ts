/**
 * kpi.dashboard: every KPI of docs/KPI.md for a scope and a month, plus a 12-month trend. The store
 * is read in a handful of grouped passes (ar-history.ts, records.ts); every figure comes from the
 * pure functions of shared/domain/kpi.ts, which also give its formula (a code) and inputs.
 */
import type { ReadDb } from '../../read-db';
import type { KpiDashboard, KpiDashboardQuery, KpiFigureKey, KpiFigureView, KpiTrendKey, KpiUnit } from '../../../shared/api/kpi-schemas';
import { KPI_TREND_KEYS } from '../../../shared/api/kpi-schemas';
import {
  collectionEffectivenessIndex,
  contactsPerCollectorPerDay,
  daysInPeriod,
  disputeFigures,
  dsoCountback,
  dsoFigures,
  invoiceDaysDelinquent,
  percentCurrent,
  promiseFigures,
  type ArPosition,
  type CountbackMonth,
  type KpiDispute,
  type KpiFigure,
  type KpiPromise,
  type Period,
} from '../../../shared/domain/kpi';
import type { FxTable } from '../../../shared/domain/fx';
import { queryArCurrencies, queryArHistories, type ArBoundary } from './ar-history';
import { currencyBreakdown, currencyView, historyInView, recordsInView } from './currency-view';
import { queryContacts, queryDisputes, queryPaidInvoices, queryPromises } from './records';
import type { KpiScope } from './scope';
import { kpiMonth, kpiWindow, monthEnd, monthStart, previousMonth, type KpiMonth } from './window';

/** Countback walks back at most this many months; an AR older than that has no countback figure. */
export const COUNTBACK_MONTHS = 36;

export interface DashboardContext {
  readonly asOf: string;
  /** The settings' rates: a query naming no currency gets every currency converted to their base. */
  readonly fx: FxTable;
}

const withUnit = (figure: KpiFigure, unit: KpiUnit): KpiFigureView => ({ ...figure, unit });

const countFigure = (value: number, formula: KpiFigureView['formula'], input: string): KpiFigureView => ({
  value,
  unit: 'count',
  reason: null,
  formula,
  inputs: { [input]: value },
});

type MonthFigures = Partial<Record<KpiFigureKey, KpiFigureView>>;

function byMonth<T>(records: readonly T[], monthsOf: (record: T) => readonly string[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const record of records) {
    for (const month of new Set(monthsOf(record))) {
      const group = groups.get(month);
      if (group) group.push(record);
      else groups.set(month, [record]);
    }
  }
  return groups;
}

/** The figures of one month that need only the month's AR positions, promises and disputes. */
function monthFigures(
  period: Period,
  opening: ArPosition,
  closing: ArPosition,
  creditSalesMinor: number,
  promises: readonly KpiPromise[],
  disputes: readonly KpiDispute[],
  currency: string,
): { figures: MonthFigures; disputes: ReturnType<typeof disputeFigures> } {
  const dso = dsoFigures({ endingArMinor: closing.totalMinor, currentArMinor: closing.currentMinor, creditSalesMinor, days: daysInPeriod(period), currency });
  const cei = collectionEffectivenessIndex({
    openingArMinor: opening.totalMinor,
    creditSalesMinor,
    closingTotalArMinor: closing.totalMinor,
    closingCurrentArMinor: closing.currentMinor,
    currency,
  });
  const promise = promiseFigures(promises, period, currency);
  const dispute = disputeFigures(disputes, period);
  return {
    figures: {
      dso: withUnit(dso.dso, 'days'),
      bestPossibleDso: withUnit(dso.bestPossibleDso, 'days'),
      averageDaysDelinquent: withUnit(dso.averageDaysDelinquent, 'days'),
      cei: withUnit(cei, 'percent'),
      percentCurrent: withUnit(percentCurrent(closing, currency), 'percent'),
      keptRateByCount: withUnit(promise.keptRateByCount, 'rate'),
      keptRateByAmount: withUnit(promise.keptRateByAmount, 'rate'),
      brokenPromises: countFigure(promise.brokenCount, { key: 'brokenPromises', params: { currency } }, 'broken'),
      collectedVsPromised: withUnit(promise.collectedVsPromised, 'rate'),
      disputesOpened: countFigure(dispute.opened, { key: 'disputesOpened' }, 'opened'),
      disputeCycleTime: withUnit(dispute.cycleTimeDays, 'days'),
    },
    disputes: dispute,
  };
}

/** Calendar months ending with the selected one (cut at its period end), newest first, back to the oldest sales. */
function countbackMonths(selected: KpiMonth, salesByMonth: ReadonlyMap<string, number>): CountbackMonth[] {
  const oldest = [...salesByMonth.keys()].reduce((min, month) => (month < min ? month : min), selected.label);
  const months: CountbackMonth[] = [];
  for (let label = selected.label; months.length < COUNTBACK_MONTHS && label >= oldest; label = previousMonth(label)) {
    const period = label === selected.label ? selected.period : { from: monthStart(label), to: monthEnd(label) };
    months.push({ label, days: daysInPeriod(period), creditSalesMinor: salesByMonth.get(label) ?? 0 });
  }
  return months;
}

const ZERO: ArPosition = { totalMinor: 0, currentMinor: 0 };

export function queryKpiDashboard(sqlite: ReadDb, query: KpiDashboardQuery, context: DashboardContext): KpiDashboard {
  const { asOf } = context;
  const scope: KpiScope = { collectorId: query.collectorId };
  const window = kpiWindow(query.month, asOf);
  const first = window.months[0] ?? kpiMonth(query.month, asOf);
  const selected = window.months.at(-1) ?? first;
  const range: Period = { from: first.period.from, to: selected.period.to };

  const boundaries: ArBoundary[] = [
    { date: window.openingDate, month: previousMonth(first.label) },
    ...window.months.map((month) => ({ date: month.period.to, month: month.label })),
  ];
  const view = currencyView(query.currency, context.fx);
  const { currency } = view;
  const stored = query.currency ?? null;
  const histories = queryArHistories(sqlite, scope, boundaries, stored);
  const history = historyInView(view, histories, boundaries.length);
  const positionAt = (index: number): ArPosition => history.positions[index] ?? ZERO;
  const salesIn = (label: string): number => history.salesByMonth.get(label) ?? 0;

  const promises = recordsInView(view, queryPromises(sqlite, scope, range, stored), ['amountMinor', 'paidMinor']);
  const promisesByMonth = byMonth(promises, (promise) => [promise.promisedDate.slice(0, 7)]);
  const disputesByMonth = byMonth(queryDisputes(sqlite, scope, range), (dispute) =>
    dispute.closedAt === null ? [dispute.openedAt.slice(0, 7)] : [dispute.openedAt.slice(0, 7), dispute.closedAt.slice(0, 7)],
  );

  const months = window.months.map((month, index) =>
    monthFigures(
      month.period,
      positionAt(index),
      positionAt(index + 1),
      salesIn(month.label),
      promisesByMonth.get(month.label) ?? [],
      disputesByMonth.get(month.label) ?? [],
      currency,
    ),
  );
  const current = months.at(-1);
  if (!current) throw new Error('a dashboard window has months');

  const closing = positionAt(window.months.length);
  const paid = invoiceDaysDelinquent(recordsInView(view, queryPaidInvoices(sqlite, scope, selected.period, stored), ['amountMinor']), selected.period, currency);
  const contactRecords = queryContacts(sqlite, scope, selected.period);
  const figures = {
    ...current.figures,
    dsoCountback: withUnit(dsoCountback(closing.totalMinor, countbackMonths(selected, history.salesByMonth), currency), 'days'),
    daysDelinquentPerInvoice: withUnit(paid.simple, 'days'),
    daysDelinquentWeighted: withUnit(paid.weighted, 'days'),
  } as Record<KpiFigureKey, KpiFigureView>;

  const groupView = (group: { key: string; opened: number; cycleTimeDays: KpiFigure }) => ({ ...group, cycleTimeDays: withUnit(group.cycleTimeDays, 'days') });
  return {
    asOf,
    collectorId: scope.collectorId,
    month: selected.label,
    period: selected.period,
    partial:
      selected.period.to === monthEnd(selected.label)
        ? null
        : { days: daysInPeriod(selected.period), ofDays: daysInPeriod({ from: selected.period.from, to: monthEnd(selected.label) }) },
    currency,
    conversion: view.fx === null ? null : { base: view.fx.base, unconverted: [...view.unconverted].sort() },
    byCurrency: currencyBreakdown(view, histories, selected.label),
    currencies: queryArCurrencies(sqlite, scope),
    figures,
    disputesByReason: current.disputes.byReason.map(groupView),
    disputesByRootCause: current.disputes.byRootCause.map(groupView),
    contacts: contactsPerCollectorPerDay(contactRecords.activities, selected.period).map((entry) => ({
      collectorId: entry.collectorId,
      displayName: contactRecords.displayNames.get(entry.collectorId) ?? entry.collectorId,
      contacts: entry.contacts,
      perDay: withUnit(entry.perDay, 'per_day'),
    })),
    trend: window.months.map((month, index) => ({
      month: month.label,
      values: Object.fromEntries(KPI_TREND_KEYS.map((key) => [key, months[index]?.figures[key]?.value ?? null])) as Record<KpiTrendKey, number | null>,
    })),
  };
}
