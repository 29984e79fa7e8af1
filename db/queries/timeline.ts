/** customer.timeline: the account's history filtered by type and paged, newest first. */
import type { ReadDb } from '../read-db';
import type { z } from 'zod';
import type { TimelinePageSchema, TimelineQuerySchema } from '../../shared/api/collector-schemas';
import { TIMELINE_TYPES } from '../../shared/api/schemas';
import { refused } from '../../shared/i18n/refusals';
import type { EscalationKind, EscalationStatus } from '../../shared/domain/codes';
import { decisionTitle, reassignmentTitle } from '../../shared/domain/team';
import { prepared } from '../statements';
import { customerTimeline } from './account';
import { storedCurrency } from './stored-values';

export type TimelineQuery = z.output<typeof TimelineQuerySchema>;
export type TimelinePage = z.output<typeof TimelinePageSchema>;
type TimelineEntry = TimelinePage['entries'][number];

const BLANK = { date: null, detail: null, by: null, amount: null, status: null, channel: null, direction: null, outcome: null } as const;

const DECISIONS = `SELECT e.id, e.kind, e.status, e.amount_minor, ${storedCurrency('e.currency')} AS currency, e.decided_at, e.decision_comment, u.display_name AS by_name
  FROM escalations e LEFT JOIN users u ON u.id = e.decided_by WHERE e.customer_id = ? AND e.decided_at IS NOT NULL`;

/** Decisions on escalation requests (and withdrawals), each an entry of its own at the time it was made. */
function decisionEntries(sqlite: ReadDb, customerId: string): TimelineEntry[] {
  const rows = prepared<[string], { id: string; kind: EscalationKind; status: EscalationStatus; amount_minor: number | null; currency: string | null; decided_at: string; decision_comment: string | null; by_name: string | null }>(sqlite, DECISIONS).all(customerId);
  return rows.map((row) => ({
    ...BLANK,
    id: `${row.id}:decision`,
    type: 'escalation',
    at: row.decided_at,
    title: decisionTitle(row.kind, row.status),
    titleKey: 'decision' as const,
    titleParams: { kind: row.kind, status: row.status },
    detail: row.decision_comment,
    by: row.by_name,
    amount: row.amount_minor !== null && row.currency !== null ? { amountMinor: row.amount_minor, currency: row.currency } : null,
    status: row.status,
  }));
}

// Reassignments live in the local audit log only; the names are those recorded at the time.
const REASSIGNMENTS = `SELECT id, at, before_json ->> 'collectorName' AS from_name, after_json ->> 'collectorName' AS to_name,
    after_json ->> 'byName' AS by_name, after_json ->> 'reason' AS reason
  FROM audit_log WHERE entity = 'customer' AND entity_id = ? AND action = 'reassign'`;

/** Reassignments show among the notes: the timeline has no type of their own (see docs/TEAM.md). */
function reassignmentEntries(sqlite: ReadDb, customerId: string): TimelineEntry[] {
  const rows = prepared<[string], { id: string; at: string; from_name: string | null; to_name: string | null; by_name: string | null; reason: string | null }>(sqlite, REASSIGNMENTS).all(customerId);
  return rows.map((row) => ({
    ...BLANK,
    id: row.id,
    type: 'note',
    at: row.at,
    title: reassignmentTitle(row.from_name, row.to_name ?? 'another collector', row.by_name),
    titleKey: 'reassignment' as const,
    // The names recorded; one missing is left out (the English says "another collector" for a missing new collector).
    titleParams: Object.fromEntries(Object.entries({ from: row.from_name, to: row.to_name, by: row.by_name }).filter((pair): pair is [string, string] => pair[1] !== null)),
    detail: row.reason,
    by: row.by_name,
  }));
}

// Newest first; the id breaks ties so the order never flickers between reads.
const newestFirst = (a: TimelineEntry, b: TimelineEntry) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1);

export function queryTimeline(sqlite: ReadDb, query: TimelineQuery): TimelinePage {
  if (!prepared<[string], { id: string }>(sqlite, 'SELECT id FROM customers WHERE id = ?').get(query.customerId)) {
    throw refused('not_found', { key: 'customerNotFound', params: { id: query.customerId } }, 'customerId');
  }
  // Built whole, then counted, filtered and paged: a long-standing customer's history is a few thousand
  // entries (the demo's largest about 2,400), read in a few milliseconds.
  const types = query.types === undefined || query.types.length === 0 ? null : new Set(query.types);
  const history = [...customerTimeline(sqlite, query.customerId), ...decisionEntries(sqlite, query.customerId), ...reassignmentEntries(sqlite, query.customerId)];
  const byType = new Map<string, number>();
  for (const entry of history) byType.set(entry.type, (byType.get(entry.type) ?? 0) + 1);
  const counts = TIMELINE_TYPES.map((type) => ({ type, count: byType.get(type) ?? 0 }));
  const entries = history.filter((entry) => types === null || types.has(entry.type)).sort(newestFirst);
  return { entries: entries.slice(query.offset, query.offset + query.limit), total: entries.length, counts: counts.filter((each) => each.count > 0) };
}
