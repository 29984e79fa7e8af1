/**
 * Receivables at the end of each day of a list of boundary dates, and credit sales per month, per
 * currency of a scope (one currency, or all of them): one grouped pass over open_items and one over
 * clearings.
 *
 * The AR open at the end of day d is what is open today plus whatever was cleared after d, over the
 * items documented on or before d; so today's position is the ledger's own balance, and earlier
 * ones add back the clearings since. All item kinds count (credit memos and unapplied payments
 * lower it); credit sales are invoices and debit memos, by document date.
 */
import type { ReadDb } from '../../read-db';
import { CREDIT_SALES_KINDS, type ArPosition } from '../../../shared/domain/kpi';
import { addMinorSaturating } from '../../../shared/domain/money';
import { prepared } from '../../statements';
import { currencyFilter, currencyParams, customerFilter, scopeParams, type KpiScope } from './scope';

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
  /** 'YYYY-MM' → credit sales documented that month (CREDIT_SALES_KINDS: net of credit memos; up to the last boundary). */
  readonly salesByMonth: ReadonlyMap<string, number>;
}

interface MutablePosition {
  totalMinor: number;
  currentMinor: number;
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

/**
 * The highest index i in [low, high] with `column <op> @b<i>`, else `low - 1`: a binary search over
 * the sorted boundaries written as nested CASEs, so each row takes about four comparisons, not 13.
 */
function boundarySearch(column: string, op: '>=' | '>', low: number, high: number): string {
  if (low > high) return String(low - 1);
  const middle = Math.ceil((low + high) / 2);
  return `CASE WHEN ${column} ${op} @b${middle} THEN ${boundarySearch(column, op, middle + 1, high)} ELSE ${boundarySearch(column, op, low, middle - 1)} END`;
}

/** The highest boundary index i with `column` ≥ boundary i (the item is current at the end of it), else -1. */
const dueIndex = (column: string, count: number): string => boundarySearch(column, '>=', 0, count - 1);

/** The highest boundary index i with `column` after boundary i (given it is after boundary 0). */
const clearedAfterIndex = (column: string, count: number): string => boundarySearch(column, '>', 1, count - 1);

const itemsSql = (count: number, scope: KpiScope, currency: string | null): string =>
  `SELECT currency, substr(document_date, 1, 7) AS month, ${dueIndex('due_date', count)} AS dueIndex,
     sum(open_minor) AS openMinor,
     sum(CASE WHEN kind IN (${CREDIT_SALES_KINDS.map((kind) => `'${kind}'`).join(', ')}) THEN original_minor ELSE 0 END) AS salesMinor
   FROM open_items
   WHERE document_date <= @b${count - 1} ${currencyFilter(currency)} ${customerFilter(scope, 'customer_id', 'scan')}
   GROUP BY 1, 2, 3`;

// A clearing is in its item's currency; filtering on the clearing first spares the item lookups of the others.
const clearingsSql = (count: number, scope: KpiScope, currency: string | null): string =>
  `SELECT c.currency, substr(o.document_date, 1, 7) AS month, ${dueIndex('o.due_date', count)} AS dueIndex,
     ${clearedAfterIndex('c.cleared_on', count)} AS clearedAfter, sum(c.amount_minor) AS amountMinor
   FROM clearings c JOIN open_items o ON o.id = c.open_item_id
   WHERE c.currency = o.currency AND c.cleared_on > @b0 AND o.document_date <= @b${count - 1}
     ${currencyFilter(currency, 'c.currency')} ${customerFilter(scope, 'o.customer_id')}
   GROUP BY 1, 2, 3, 4`;

// Read through the open-items index (narrow, no table rows): the currencies a scope holds receivables in.
const currenciesSql = (scope: KpiScope): string =>
  `SELECT DISTINCT currency FROM open_items WHERE open_minor <> 0 ${customerFilter(scope, 'customer_id')} ORDER BY currency`;

export function queryArCurrencies(sqlite: ReadDb, scope: KpiScope): string[] {
  return prepared<[Record<string, string>], { currency: string }>(sqlite, currenciesSql(scope))
    .all(scopeParams(scope))
    .map((row) => row.currency);
}

/** Adds `amount` to every boundary from 0 to `last` that has the row's month issued (and, for current AR, the row not yet due). */
function spread(
  positions: MutablePosition[],
  boundaries: readonly ArBoundary[],
  row: { month: string; dueIndex: number },
  last: number,
  amount: number,
): void {
  for (let i = 0; i <= last && i < boundaries.length; i++) {
    const boundary = boundaries[i];
    const position = positions[i];
    if (!boundary || !position || row.month > boundary.month) continue;
    position.totalMinor = addMinorSaturating(position.totalMinor, amount);
    if (row.dueIndex >= i) position.currentMinor = addMinorSaturating(position.currentMinor, amount);
  }
}

/** The history of each currency with items in scope (`currency` null: every currency), by currency code. */
export function queryArHistories(sqlite: ReadDb, scope: KpiScope, boundaries: readonly ArBoundary[], currency: string | null): CurrencyArHistory[] {
  const count = boundaries.length;
  const params: Record<string, string> = { ...scopeParams(scope), ...currencyParams(currency) };
  boundaries.forEach((boundary, i) => {
    params[`b${i}`] = boundary.date;
  });
  const histories = new Map<string, { positions: MutablePosition[]; salesByMonth: Map<string, number> }>();
  const historyOf = (code: string) => {
    let history = histories.get(code);
    if (!history) {
      history = { positions: boundaries.map(() => ({ totalMinor: 0, currentMinor: 0 })), salesByMonth: new Map() };
      histories.set(code, history);
    }
    return history;
  };
  for (const row of prepared<[Record<string, string>], ItemGroup>(sqlite, itemsSql(count, scope, currency)).all(params)) {
    const { positions, salesByMonth } = historyOf(row.currency);
    spread(positions, boundaries, row, count - 1, row.openMinor);
    if (row.salesMinor !== 0) salesByMonth.set(row.month, addMinorSaturating(salesByMonth.get(row.month) ?? 0, row.salesMinor));
  }
  for (const row of prepared<[Record<string, string>], ClearingGroup>(sqlite, clearingsSql(count, scope, currency)).all(params)) {
    spread(historyOf(row.currency).positions, boundaries, row, row.clearedAfter, row.amountMinor);
  }
  return [...histories].sort(([a], [b]) => a.localeCompare(b)).map(([code, history]) => ({ currency: code, ...history }));
}
