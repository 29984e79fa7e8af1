/** customer.timeline: the account's history filtered by type and paged, newest first. */
import type BetterSqlite3 from 'better-sqlite3';
import type { z } from 'zod';
import type { TimelinePageSchema, TimelineQuerySchema } from '../../shared/api/collector-schemas';
import { DomainError } from '../../shared/api/result';
import { prepared } from '../statements';
import { customerTimeline } from './account';

export type TimelineQuery = z.output<typeof TimelineQuerySchema>;
export type TimelinePage = z.output<typeof TimelinePageSchema>;

export function queryTimeline(sqlite: BetterSqlite3.Database, query: TimelineQuery): TimelinePage {
  if (!prepared<[string], { id: string }>(sqlite, 'SELECT id FROM customers WHERE id = ?').get(query.customerId)) {
    throw new DomainError('not_found', `customer ${query.customerId} does not exist`, 'customerId');
  }
  // One customer's history is a few hundred rows at most: build it whole, then filter and page.
  const types = query.types === undefined || query.types.length === 0 ? null : new Set(query.types);
  const entries = customerTimeline(sqlite, query.customerId).filter((entry) => types === null || types.has(entry.type));
  return { entries: entries.slice(query.offset, query.offset + query.limit), total: entries.length };
}
