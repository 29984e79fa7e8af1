/**
 * Whose figures: the team (every customer in the store) or one collector's portfolio
 * (customers.collector_id). Statements take the collector as the named parameter @collectorId.
 */
export interface KpiScope {
  /** null: the whole team. */
  readonly collectorId: string | null;
}

/** `AND <column> IN (the collector's customers)`, or nothing for the team. */
export const customerFilter = (scope: KpiScope, column: string): string =>
  scope.collectorId === null ? '' : `AND ${column} IN (SELECT id FROM customers WHERE collector_id = @collectorId)`;

export const scopeParams = (scope: KpiScope): Record<string, string> => (scope.collectorId === null ? {} : { collectorId: scope.collectorId });
