/** Plain-language lines for what a report covers: printed on every PDF page and used in file names. */
import type BetterSqlite3 from 'better-sqlite3';
import { CHANNEL_LABELS, OUTCOME_LABELS } from '../../shared/domain/labels';
import { REPORT_ENTRY_TYPE_LABELS } from '../../shared/domain/report-entries';
import { formatAmount } from '../../shared/domain/money';
import { prepared } from '../statements';
import type { NotesFilter } from './notes-query';
import type { ReportScope } from './scope';

const list = (values: readonly string[], max = 4): string =>
  values.length <= max ? values.join(', ') : `${values.slice(0, max).join(', ')} and ${values.length - max} more`;

export function describeScope(sqlite: BetterSqlite3.Database, scope: ReportScope): string {
  switch (scope.kind) {
    case 'all':
      return 'all customers';
    case 'collectors': {
      const names = prepared<[string], { display_name: string }>(sqlite, 'SELECT display_name FROM users WHERE id IN (SELECT value FROM json_each(?)) ORDER BY display_name')
        .all(JSON.stringify(scope.collectorIds))
        .map((row) => row.display_name);
      return `collectors ${list(names)}`;
    }
    case 'customers':
      return scope.customerIds.length === 1 ? '1 customer' : `${scope.customerIds.length} customers`;
    case 'worklist': {
      const parts = Object.entries(scope.filters).map(([key, value]) => `${key} ${Array.isArray(value) ? value.join('/') : String(value)}`);
      if (scope.search !== undefined && scope.search.trim() !== '') parts.push(`search "${scope.search.trim()}"`);
      return parts.length > 0 ? `worklist filter: ${parts.join(', ')}` : 'the whole worklist';
    }
  }
}

export function describeRange(from: string | undefined, to: string | undefined): string {
  if (from !== undefined && to !== undefined) return from === to ? `on ${from}` : `${from} to ${to}`;
  if (from !== undefined) return `from ${from}`;
  if (to !== undefined) return `until ${to}`;
  return 'all dates';
}

export function describeNotesFilter(sqlite: BetterSqlite3.Database, filter: NotesFilter): string {
  const parts = [describeScope(sqlite, filter.scope), describeRange(filter.from, filter.to)];
  parts.push(filter.types ? `types: ${filter.types.map((type) => REPORT_ENTRY_TYPE_LABELS[type]).join(', ')}` : 'all types');
  if (filter.channels) parts.push(`channels: ${filter.channels.map((channel) => CHANNEL_LABELS[channel]).join(', ')}`);
  if (filter.outcomes) parts.push(`outcomes: ${list(filter.outcomes.map((outcome) => OUTCOME_LABELS[outcome]), 6)}`);
  return parts.join(' · ');
}

/** "EUR 1,234.50": the code first, so columns of several currencies stay readable. */
export const moneyText = (amountMinor: number, currency: string): string => `${currency} ${formatAmount(amountMinor, currency)}`;

/** "2026-11-23 09:15" from an ISO timestamp (UTC). */
export const minuteText = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
