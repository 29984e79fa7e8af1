/** Resolves a report's scope to the customers it covers, in customer-number order. */
import type { ReadDb } from '../read-db';
import type { z } from 'zod';
import type { ReportScopeSchema } from '../../shared/api/report-contract';
import { refused } from '../../shared/i18n/refusals';
import { queryWorklist, type ReadContext } from '../queries/worklist';
import { prepared } from '../statements';

export type ReportScope = z.output<typeof ReportScopeSchema>;

export interface ScopeCustomer {
  readonly id: string;
  readonly number: string;
  readonly name: string;
  readonly collectorId: string | null;
  readonly collectorName: string | null;
}

interface CustomerRow {
  id: string;
  number: string;
  name: string;
  collector_id: string | null;
  collector_name: string | null;
}

const SELECT = `SELECT c.id, c.number, c.name, c.collector_id, u.display_name AS collector_name
  FROM customers c LEFT JOIN users u ON u.id = c.collector_id`;

const toCustomer = (row: CustomerRow): ScopeCustomer => ({
  id: row.id,
  number: row.number,
  name: row.name,
  collectorId: row.collector_id,
  collectorName: row.collector_name,
});

/**
 * Every customer in the scope, ordered by number. `read` is only called for a worklist scope (it
 * needs current summaries); `field` is where the scope sits in the caller's input, for error fields.
 */
export function resolveScope(sqlite: ReadDb, scope: ReportScope, read: () => ReadContext, field = 'scope'): ScopeCustomer[] {
  switch (scope.kind) {
    case 'all':
      return prepared<[], CustomerRow>(sqlite, `${SELECT} ORDER BY c.number`).all().map(toCustomer);
    case 'collectors': {
      const known = new Set(
        prepared<[string], { id: string }>(sqlite, 'SELECT id FROM users WHERE id IN (SELECT value FROM json_each(?))')
          .all(JSON.stringify(scope.collectorIds))
          .map((row) => row.id),
      );
      const unknown = scope.collectorIds.findIndex((id) => !known.has(id));
      if (unknown >= 0) throw refused('not_found', { key: 'collectorNotFound', params: { id: scope.collectorIds[unknown] ?? '' } }, `${field}.collectorIds.${unknown}`);
      return prepared<[string], CustomerRow>(sqlite, `${SELECT} WHERE c.collector_id IN (SELECT value FROM json_each(?)) ORDER BY c.number`)
        .all(JSON.stringify(scope.collectorIds))
        .map(toCustomer);
    }
    case 'customers': {
      const rows = prepared<[string], CustomerRow>(sqlite, `${SELECT} WHERE c.id IN (SELECT value FROM json_each(?)) ORDER BY c.number`).all(
        JSON.stringify(scope.customerIds),
      );
      const found = new Set(rows.map((row) => row.id));
      const unknown = scope.customerIds.findIndex((id) => !found.has(id));
      if (unknown >= 0) throw refused('not_found', { key: 'customerNotFound', params: { id: scope.customerIds[unknown] ?? '' } }, `${field}.customerIds.${unknown}`);
      return rows.map(toCustomer);
    }
    case 'worklist': {
      // The worklist's own query decides who matches, so the export shows exactly the customers the list shows.
      const page = queryWorklist(
        sqlite,
        { filters: scope.filters, search: scope.search, sort: { by: 'number', dir: 'asc' }, offset: 0, limit: Number.MAX_SAFE_INTEGER },
        read(),
      );
      const ids = page.rows.map((row) => row.customerId);
      return prepared<[string], CustomerRow>(sqlite, `${SELECT} WHERE c.id IN (SELECT value FROM json_each(?)) ORDER BY c.number`)
        .all(JSON.stringify(ids))
        .map(toCustomer);
    }
  }
}
