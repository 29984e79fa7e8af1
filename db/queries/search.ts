/** Global search over the FTS5 index: prefix matching on what the user typed, never FTS syntax. */
import type { ReadDb } from '../read-db';
import type { z } from 'zod';
import type { SearchHitSchema, SearchQuerySchema } from '../../shared/api/schemas';
import type { SearchKind } from '../schema';
import { prepared } from '../statements';
import { toFtsQuery } from './fts';

export type SearchQuery = z.output<typeof SearchQuerySchema>;
export type SearchHit = z.output<typeof SearchHitSchema>;

/** Matched words in a snippet are wrapped in these, so the UI can highlight them without parsing HTML. */
export const SNIPPET_OPEN = '«';
export const SNIPPET_CLOSE = '»';

interface HitRow {
  kind: SearchKind;
  customer_id: string;
  label: string;
  snippet: string;
  number: string;
  name: string;
}

const SEARCH = `SELECT f.kind, f.customer_id, f.label, snippet(search_index, -1, '${SNIPPET_OPEN}', '${SNIPPET_CLOSE}', '…', 12) AS snippet,
  c.number, c.name
FROM search_index f JOIN customers c ON c.id = f.customer_id
WHERE search_index MATCH ? ORDER BY rank LIMIT ?`;

const KIND_LABEL: Readonly<Record<SearchKind, string>> = {
  customer: 'Customer',
  contact: 'Contact person',
  document: 'Document',
  reference: 'Customer reference',
  note: 'Note',
};

export function searchGlobal(sqlite: ReadDb, query: SearchQuery): SearchHit[] {
  const match = toFtsQuery(query.q);
  if (match === null) return [];
  return prepared<[string, number], HitRow>(sqlite, SEARCH)
    .all(match, query.limit)
    .map((row) => ({
      kind: row.kind,
      customerId: row.customer_id,
      customerNumber: row.number,
      customerName: row.name,
      label: row.label === '' ? KIND_LABEL[row.kind] : row.label,
      snippet: row.snippet,
    }));
}
