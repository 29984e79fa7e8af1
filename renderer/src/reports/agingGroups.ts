/** The aging report's rows grouped per collector, in the report's order, each with its per-currency subtotals. */
import type { OperationOutput } from '../../../shared/api/contract';

export type AgingReport = OperationOutput<'report.aging'>;
export type AgingRow = AgingReport['rows'][number];
export type AgingSubtotal = AgingReport['collectorTotals'][number];

export interface CollectorGroup {
  readonly key: string;
  readonly name: string;
  readonly rows: readonly AgingRow[];
  readonly subtotals: readonly AgingSubtotal[];
}

export const UNASSIGNED = 'Unassigned';

export function collectorGroups(report: AgingReport): CollectorGroup[] {
  const groups = new Map<string, { name: string; rows: AgingRow[] }>();
  for (const row of report.rows) {
    const key = row.collectorId ?? '';
    const group = groups.get(key) ?? { name: row.collectorName ?? UNASSIGNED, rows: [] };
    group.rows.push(row);
    groups.set(key, group);
  }
  return [...groups].map(([key, group]) => ({
    key,
    name: group.name,
    rows: group.rows,
    subtotals: report.collectorTotals.filter((total) => (total.collectorId ?? '') === key),
  }));
}
