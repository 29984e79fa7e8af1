/** Plain-language lines for what a report covers, in the document's language: printed under every PDF page's title. */
import type BetterSqlite3 from 'better-sqlite3';
import type { DocumentLanguage, DocumentStrings, WorklistFilterKey } from '../../shared/i18n/documents';
import { prepared } from '../statements';
import type { NotesFilter } from './notes-query';
import type { ReportScope } from './scope';

const list = (strings: DocumentStrings, values: readonly string[], max = 4): string =>
  values.length <= max ? strings.lists.join(values) : strings.lists.joinWithMore(values.slice(0, max), values.length - max);

type WorklistFilters = Extract<ReportScope, { kind: 'worklist' }>['filters'];

/** One worklist filter's values: risk classes and yes-or-no filters in words, other values (codes, ids) as they are. */
function worklistValues(strings: DocumentStrings, key: WorklistFilterKey, filters: WorklistFilters): string {
  const { filters: words } = strings;
  if (key === 'riskClasses') return (filters.riskClasses ?? []).map((risk) => words.riskClass[risk]).join('/');
  const value = filters[key];
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  return Array.isArray(value) ? value.join('/') : String(value);
}

export function describeScope(sqlite: BetterSqlite3.Database, scope: ReportScope, strings: DocumentStrings): string {
  const words = strings.filters;
  switch (scope.kind) {
    case 'all':
      return words.allCustomers;
    case 'collectors': {
      const names = prepared<[string], { display_name: string }>(sqlite, 'SELECT display_name FROM users WHERE id IN (SELECT value FROM json_each(?)) ORDER BY display_name')
        .all(JSON.stringify(scope.collectorIds))
        .map((row) => row.display_name);
      return words.collectors(list(strings, names));
    }
    case 'customers':
      return words.customers(scope.customerIds.length);
    case 'worklist': {
      const parts = (Object.keys(scope.filters) as WorklistFilterKey[]).map((key) =>
        words.worklistFilter(words.worklistFilterNames[key], worklistValues(strings, key, scope.filters)),
      );
      if (scope.search !== undefined && scope.search.trim() !== '') parts.push(words.search(scope.search.trim()));
      return parts.length > 0 ? words.worklist(strings.lists.join(parts)) : words.wholeWorklist;
    }
  }
}

/** `from` and `to` are ISO dates; they are printed the document's way. */
export function describeRange(from: string | undefined, to: string | undefined, doc: DocumentLanguage): string {
  const words = doc.strings.filters;
  if (from !== undefined && to !== undefined) return from === to ? words.onDate(doc.date(from)) : words.dateRange(doc.date(from), doc.date(to));
  if (from !== undefined) return words.fromDate(doc.date(from));
  if (to !== undefined) return words.untilDate(doc.date(to));
  return words.allDates;
}

export function describeNotesFilter(sqlite: BetterSqlite3.Database, filter: NotesFilter, doc: DocumentLanguage): string {
  const { strings } = doc;
  const { filters: words, labels } = strings;
  const parts = [describeScope(sqlite, filter.scope, strings), describeRange(filter.from, filter.to, doc)];
  parts.push(filter.types ? words.types(strings.lists.join(filter.types.map((type) => labels.entryType[type]))) : words.allTypes);
  if (filter.channels) parts.push(words.channels(strings.lists.join(filter.channels.map((channel) => labels.channel[channel]))));
  if (filter.outcomes) parts.push(words.outcomes(list(strings, filter.outcomes.map((outcome) => labels.outcome[outcome]), 6)));
  return parts.join(words.separator);
}
