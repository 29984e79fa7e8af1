/**
 * The aging report as of a date: per collector, customer and currency, open amounts by bucket.
 * An item counts when it was issued by the date and still open then: its open amount today plus
 * whatever clearings took off after the date. Currencies are never added together.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { z } from 'zod';
import type { AgingReportSchema } from '../../shared/api/report-contract';
import { ageItems, type AgeableItem, type AgingConfig } from '../../shared/domain/aging';
import { addMinor } from '../../shared/domain/money';
import { prepared } from '../statements';
import type { ScopeCustomer } from './scope';

export type AgingReport = z.output<typeof AgingReportSchema>;
export type AgingReportRow = AgingReport['rows'][number];
type Amounts = AgingReport['totals'][number];

interface ItemRow {
  customer_id: string;
  currency: string;
  due_date: string;
  document_date: string;
  open_minor: number;
  disputed_minor: number;
}

/** Open amount as of @asOf = open now + clearings dated after it. Items cleared later are still read when they had a clearing after the date. */
export const ITEMS_OPEN_AS_OF = `SELECT i.customer_id, i.currency, i.due_date, i.document_date, i.disputed_minor,
    i.open_minor + coalesce((SELECT sum(cl.amount_minor) FROM clearings cl WHERE cl.open_item_id = i.id AND cl.cleared_on > @asOf), 0) AS open_minor
  FROM open_items i
  WHERE i.customer_id IN (SELECT value FROM json_each(@customers)) AND i.document_date <= @asOf
    AND (i.open_minor <> 0 OR EXISTS (SELECT 1 FROM clearings cl WHERE cl.open_item_id = i.id AND cl.cleared_on > @asOf))`;

/** `total + entry`, bucket by bucket (same currency only, exact integers). */
function plus(total: Amounts | undefined, entry: Amounts): Amounts {
  if (!total) return entry;
  return {
    currency: entry.currency,
    buckets: total.buckets.map((bucket, index) => ({ ...bucket, amountMinor: addMinor(bucket.amountMinor, entry.buckets[index]?.amountMinor ?? 0) })),
    totalMinor: addMinor(total.totalMinor, entry.totalMinor),
    overdueMinor: addMinor(total.overdueMinor, entry.overdueMinor),
  };
}

/** Collector name (customers without one last), then id (two collectors may share a name), then `last`. */
const collectorKeys = (owner: { collectorId: string | null; collectorName: string | null }, last: string): string[] => [
  owner.collectorName ?? '\uffff',
  owner.collectorId ?? '',
  last,
];

function compareKeys(a: readonly string[], b: readonly string[]): number {
  for (let index = 0; index < a.length; index++) {
    const x = a[index] ?? '';
    const y = b[index] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

const byCollectorThenNumber = (a: ScopeCustomer, b: ScopeCustomer): number => compareKeys(collectorKeys(a, a.number), collectorKeys(b, b.number));

export function agingReport(
  sqlite: BetterSqlite3.Database,
  customers: readonly ScopeCustomer[],
  asOf: string,
  config: AgingConfig,
  currencies: readonly string[] | undefined,
): AgingReport {
  const wanted = currencies ? new Set(currencies) : null;
  const itemsByCustomer = new Map<string, AgeableItem[]>();
  const rows = prepared<[Record<string, string>], ItemRow>(sqlite, ITEMS_OPEN_AS_OF).iterate({ asOf, customers: JSON.stringify(customers.map((c) => c.id)) });
  for (const row of rows) {
    if (row.open_minor === 0 || (wanted && !wanted.has(row.currency))) continue;
    let items = itemsByCustomer.get(row.customer_id);
    if (!items) {
      items = [];
      itemsByCustomer.set(row.customer_id, items);
    }
    items.push({ currency: row.currency, openMinor: row.open_minor, disputedMinor: row.disputed_minor, dueDate: row.due_date, documentDate: row.document_date });
  }

  const reportRows: AgingReportRow[] = [];
  const collectorTotals = new Map<string, Amounts & { collectorId: string | null; collectorName: string | null }>();
  const totals = new Map<string, Amounts>();
  for (const customer of [...customers].sort(byCollectorThenNumber)) {
    const items = itemsByCustomer.get(customer.id);
    if (!items) continue;
    for (const entry of ageItems(items, asOf, config)) {
      const amounts: Amounts = { currency: entry.currency, buckets: entry.buckets, totalMinor: entry.totalMinor, overdueMinor: entry.overdueMinor };
      reportRows.push({
        collectorId: customer.collectorId,
        collectorName: customer.collectorName,
        customerId: customer.id,
        customerNumber: customer.number,
        customerName: customer.name,
        ...amounts,
      });
      const collectorKey = `${customer.collectorId ?? ''}|${entry.currency}`;
      collectorTotals.set(collectorKey, {
        collectorId: customer.collectorId,
        collectorName: customer.collectorName,
        ...plus(collectorTotals.get(collectorKey), amounts),
      });
      totals.set(entry.currency, plus(totals.get(entry.currency), amounts));
    }
  }
  return {
    asOf,
    basis: config.basis,
    buckets: config.buckets.map((bucket) => ({ key: bucket.key, label: bucket.label })),
    rows: reportRows,
    collectorTotals: [...collectorTotals.values()].sort((a, b) => compareKeys(collectorKeys(a, a.currency), collectorKeys(b, b.currency))),
    totals: [...totals.values()].sort((a, b) => (a.currency < b.currency ? -1 : 1)),
  };
}
