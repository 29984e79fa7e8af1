/**
 * Whose figures: the team (every customer in the store) or one collector's portfolio
 * (customers.collector_id). Statements take the collector as the named parameter @collectorId.
 */
export interface KpiScope {
  /** null: the whole team. */
  readonly collectorId: string | null;
}

/**
 * `AND <column> IN (the collector's customers)`, or nothing for the team. `scan` keeps SQLite from
 * reading a wide table through the customer index (the unary + hides the column from the planner):
 * a portfolio can be most of the store, and one sequential pass with a membership probe per row beats
 * a random row read per item there, while costing no more than the team's pass for a small one.
 */
export const customerFilter = (scope: KpiScope, column: string, access: 'index' | 'scan' = 'index'): string =>
  scope.collectorId === null ? '' : `AND ${access === 'scan' ? '+' : ''}${column} IN (SELECT id FROM customers WHERE collector_id = @collectorId)`;

export const scopeParams = (scope: KpiScope): Record<string, string> => (scope.collectorId === null ? {} : { collectorId: scope.collectorId });

/** `AND <column> = @currency`, or nothing when every currency is read (`currency` null). */
export const currencyFilter = (currency: string | null, column = 'currency'): string => (currency === null ? '' : `AND ${column} = @currency`);

export const currencyParams = (currency: string | null): Record<string, string> => (currency === null ? {} : { currency });
