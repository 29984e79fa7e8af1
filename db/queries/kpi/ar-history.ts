/**
 * Receivables at the end of each day of a list of boundary dates, and credit sales per month, for
 * every currency of a scope: one grouped pass over open_items and one over clearings.
 *
 * The AR open at the end of day d is what is open today plus whatever was cleared after d, over the
 * items documented on or before d; so today's position is the ledger's own balance, and earlier
 * ones add back the clearings since. All item kinds count (credit memos and unapplied payments
 * lower it); credit sales are invoices and debit memos, by document date.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { ArPosition } from '../../../shared/domain/kpi';
import { addMinor } from '../../../shared/domain/money';
import { prepared } from '../../statements';
import { customerFilter, scopeParams, type KpiScope } from './scope';

export interface ArBoundary {
  /** End of this day. */
  readonly date: string;
  /** Items documented in this month or before are issued by `date` (dates are month ends, or the as-of date in its month). */
  readonly month: string;
}

export interface CurrencyArHistory {
  readonly currency: string;
  /** One per boundary, in the boundaries' order. */
  readonly positions: readonly ArPosition[];
  /** 'YYYY-MM' → invoices and debit memos documented that month (up to the last boundary). */
  readonly salesByMonth: ReadonlyMap<string, number>;
}

interface ItemGroup {
  currency: string;
  month: string;
  dueIndex: number;
  openMinor: number;
  salesMinor: number;
}

interface ClearingGroup {
  currency: string;
  month: string;
  dueIndex: number;
  clearedAfter: number;
  amountMinor: number;
}

/** The highest boundary index i with `column` ≥ boundary i (the item is current at the end of it), else -1. */
const dueIndex = (column: string, count: number): string =>
  `CASE ${Array.from({ length: count }, (_, k) => count - 1 - k)
    .map((i) => `WHEN ${column} >= @b${i} THEN ${i}`)
    .join(' ')} ELSE -1 END`;

/** The highest boundary index i with `column` after boundary i (given it is after boundary 0). */
const clearedAfterIndex = (column: string, count: number): string =>
  `CASE ${Array.from({ length: count - 1 }, (_, k) => count - 1 - k)
    .map((i) => `WHEN ${column} > @b${i} THEN ${i}`)
    .join(' ')} ELSE 0 END`;

const itemsSql = (count: number, scope: KpiScope): string =>
  `SELECT currency, substr(document_date, 1, 7) AS month, ${dueIndex('due_date', count)} AS dueIndex,
     sum(open_minor) AS openMinor,
     sum(CASE WHEN kind IN ('invoice', 'debit_memo') THEN original_minor ELSE 0 END) AS salesMinor
   FROM open_items
   WHERE document_date <= @b${count - 1} ${customerFilter(scope, 'customer_id')}
   GROUP BY 1, 2, 3`;

const clearingsSql = (count: number, scope: KpiScope): string =>
  `SELECT o.currency AS currency, substr(o.document_date, 1, 7) AS month, ${dueIndex('o.due_date', count)} AS dueIndex,
     ${clearedAfterIndex('c.cleared_on', count)} AS clearedAfter, sum(c.amount_minor) AS amountMinor
   FROM clearings c JOIN open_items o ON o.id = c.open_item_id
   WHERE c.cleared_on > @b0 AND o.document_date <= @b${count - 1} ${customerFilter(scope, 'o.customer_id')}
   GROUP BY 1, 2, 3, 4`;

function emptyHistory(currency: string, count: number): { positions: { totalMinor: number; currentMinor: number }[]; salesByMonth: Map<string, number> } {
  return { positions: Array.from({ length: count }, () => ({ totalMinor: 0, currentMinor: 0 })), salesByMonth: new Map() };
}

/** Adds `amount` to every boundary from 0 to `last` that has the row's month issued (and, for current AR, the row not yet due). */
function spread(
  positions: { totalMinor: number; currentMinor: number }[],
  boundaries: readonly ArBoundary[],
  row: { month: string; dueIndex: number },
  last: number,
  amount: number,
): void {
  for (let i = 0; i <= last && i < boundaries.length; i++) {
    const boundary = boundaries[i];
    const position = positions[i];
    if (!boundary || !position || row.month > boundary.month) continue;
    position.totalMinor = addMinor(position.totalMinor, amount);
    if (row.dueIndex >= i) position.currentMinor = addMinor(position.currentMinor, amount);
  }
}

export function queryArHistory(sqlite: BetterSqlite3.Database, scope: KpiScope, boundaries: readonly ArBoundary[]): Map<string, CurrencyArHistory> {
  const count = boundaries.length;
  const params: Record<string, string> = { ...scopeParams(scope) };
  boundaries.forEach((boundary, i) => {
    params[`b${i}`] = boundary.date;
  });
  const histories = new Map<string, ReturnType<typeof emptyHistory>>();
  const historyOf = (currency: string) => {
    let history = histories.get(currency);
    if (!history) {
      history = emptyHistory(currency, count);
      histories.set(currency, history);
    }
    return history;
  };

  for (const row of prepared<[Record<string, string>], ItemGroup>(sqlite, itemsSql(count, scope)).all(params)) {
    const history = historyOf(row.currency);
    spread(history.positions, boundaries, row, count - 1, row.openMinor);
    if (row.salesMinor !== 0) history.salesByMonth.set(row.month, addMinor(history.salesByMonth.get(row.month) ?? 0, row.salesMinor));
  }
  for (const row of prepared<[Record<string, string>], ClearingGroup>(sqlite, clearingsSql(count, scope)).all(params)) {
    spread(historyOf(row.currency).positions, boundaries, row, row.clearedAfter, row.amountMinor);
  }
  return new Map([...histories].sort(([a], [b]) => (a < b ? -1 : 1)).map(([currency, history]) => [currency, { currency, ...history }]));
}
