/** The aging report's rows grouped per collector, in the report's order, each with its per-currency subtotals. */
import type { TFunction } from 'i18next';
import type { OperationOutput } from '../../../shared/api/contract';

export type AgingReport = OperationOutput<'report.aging'>;
export type AgingRow = AgingReport['rows'][number];
export type AgingSubtotal = AgingReport['collectorTotals'][number];

export interface CollectorGroup {
  readonly key: string;
  /** The collector's name; null for the customers no collector is assigned to (the view names them in the user's language). */
  readonly name: string | null;
  readonly rows: readonly AgingRow[];
  readonly subtotals: readonly AgingSubtotal[];
}

/** The domain names the not-yet-due bucket in English; the other buckets are day ranges, the same in every language. */
export const bucketLabel = (t: TFunction, bucket: { readonly key: string; readonly label: string }): string =>
  bucket.key === 'current' ? t('reports.aging.currentBucket') : bucket.label;

export function collectorGroups(report: AgingReport): CollectorGroup[] {
  const groups = new Map<string, { name: string | null; rows: AgingRow[] }>();
  for (const row of report.rows) {
    const key = row.collectorId ?? '';
    const group = groups.get(key) ?? { name: row.collectorName, rows: [] };
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
