/**
 * The aging report as of a date: per collector, customer and currency, open amounts by bucket.
 * An item counts when it was issued by the date and still open then: its open amount today plus
 * whatever clearings took off after the date. Currencies are never added together.
 */
import type { ReadDb } from '../read-db';
import type { z } from 'zod';
import type { AgingReportSchema } from '../../shared/api/report-contract';
import type { ItemKind } from '../../shared/domain/codes';
import { ageItems, type AgeableItem, type AgingConfig } from '../../shared/domain/aging';
import { addMinorSaturating } from '../../shared/domain/money';
import { prepared } from '../statements';
import type { ScopeCustomer } from './scope';

export type AgingReport = z.output<typeof AgingReportSchema>;
export type AgingReportRow = AgingReport['rows'][number];
type Amounts = AgingReport['totals'][number];

interface ItemGroup {
  customer_id: string;
  kind: ItemKind;
  currency: string;
  dueDate: string;
  documentDate: string;
  openMinor: number;
  disputedMinor: number;
}

/**
 * Items open on @asOf: issued by then, with their open amount then = open now + clearings dated after
 * it (so an item paid since counts again). Aging is additive, so the two parts are separate rows of
 * the same dates: the open amounts straight off the covering index of open items, and the later
 * clearings. Summed in SQL per customer, kind, currency, bucket and overdue state, as the summary refresh
 * does: each group carries its members' latest dates, which fall in the same bucket and overdue state,
 * so ageItems places the group exactly as it would each item.
 */
function itemGroupsSql(config: AgingConfig, scoped: boolean): string {
  const days = (column: string) => `CAST(julianday(@asOf) - julianday(${column}) AS INTEGER)`;
  const basisDays = config.basis === 'due_date' ? 'due_days' : days('document_date');
  const bucket = `CASE ${config.buckets
    .map((b, index) => (b.toDays === null ? null : `WHEN basis_days <= ${Math.trunc(b.toDays)} THEN ${index}`))
    .filter((branch) => branch !== null)
    .join(' ')} ELSE ${config.buckets.length} END`;
  const inScope = (column: string) => (scoped ? `AND ${column} IN (SELECT value FROM json_each(@customers))` : '');
  return `SELECT customer_id, kind, currency, sum(open_minor) AS openMinor, sum(disputed_minor) AS disputedMinor,
      max(due_date) AS dueDate, max(document_date) AS documentDate
    FROM (SELECT *, ${basisDays} AS basis_days FROM (SELECT *, ${days('due_date')} AS due_days FROM (
      SELECT customer_id, kind, currency, due_date, document_date, open_minor, disputed_minor FROM open_items
        WHERE open_minor <> 0 AND document_date <= @asOf ${inScope('customer_id')}
      UNION ALL
      SELECT i.customer_id, i.kind, i.currency, i.due_date, i.document_date, c.amount_minor, 0 FROM clearings c JOIN open_items i ON i.id = c.open_item_id
        WHERE c.cleared_on > @asOf AND i.document_date <= @asOf ${inScope('i.customer_id')})))
    GROUP BY customer_id, kind, currency, ${bucket}, due_days > 0`;
}

/** `total + entry`, bucket by bucket (same currency only, exact integers). */
function plus(total: Amounts | undefined, entry: Amounts): Amounts {
  if (!total) return entry;
  return {
    currency: entry.currency,
    buckets: total.buckets.map((bucket, index) => ({ ...bucket, amountMinor: addMinorSaturating(bucket.amountMinor, entry.buckets[index]?.amountMinor ?? 0) })),
    unappliedMinor: addMinorSaturating(total.unappliedMinor, entry.unappliedMinor),
    totalMinor: addMinorSaturating(total.totalMinor, entry.totalMinor),
    overdueMinor: addMinorSaturating(total.overdueMinor, entry.overdueMinor),
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

const countCustomers = (sqlite: ReadDb): number => prepared<[], { n: number }>(sqlite, 'SELECT count(*) AS n FROM customers').get()?.n ?? 0;

export function agingReport(
  sqlite: ReadDb,
  customers: readonly ScopeCustomer[],
  asOf: string,
  config: AgingConfig,
  currencies: readonly string[] | undefined,
): AgingReport {
  const wanted = currencies ? new Set(currencies) : null;
  const scoped = customers.length !== countCustomers(sqlite);
  const params: Record<string, string> = { asOf };
  if (scoped) params.customers = JSON.stringify(customers.map((customer) => customer.id));
  const itemsByCustomer = new Map<string, AgeableItem[]>();
  for (const group of prepared<[Record<string, string>], ItemGroup>(sqlite, itemGroupsSql(config, scoped)).iterate(params)) {
    if (wanted && !wanted.has(group.currency)) continue;
    let items = itemsByCustomer.get(group.customer_id);
    if (!items) {
      items = [];
      itemsByCustomer.set(group.customer_id, items);
    }
    items.push(group);
  }

  const reportRows: AgingReportRow[] = [];
  const collectorTotals = new Map<string, Amounts & { collectorId: string | null; collectorName: string | null }>();
  const totals = new Map<string, Amounts>();
  for (const customer of [...customers].sort(byCollectorThenNumber)) {
    const items = itemsByCustomer.get(customer.id);
    if (!items) continue;
    for (const entry of ageItems(items, asOf, config)) {
      const amounts: Amounts = { currency: entry.currency, buckets: entry.buckets, unappliedMinor: entry.unappliedMinor, totalMinor: entry.totalMinor, overdueMinor: entry.overdueMinor };
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
