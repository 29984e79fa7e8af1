/** customer.work: what is in progress on an account, with ids and allowed actions, for the forms that act on it. */
import { LOCAL_OVERRIDE_OWNER } from './override-owner';
import type { ReadDb } from '../read-db';
import type { z } from 'zod';
import type { CustomerWorkSchema } from '../../shared/api/collector-schemas';
import { refused } from '../../shared/i18n/refusals';
import { timestampDaysBefore } from '../../shared/domain/dates';
import type { Row } from '../schema';
import { prepared } from '../statements';
import { toDisputeView } from '../commands/dispute';
import { toEscalationView } from '../commands/escalation';
import { toFollowUpView } from '../commands/follow-up';
import { toNoteView } from '../commands/note';
import { promiseItemIds, toPromiseView } from '../commands/promise';
import { customerAttachments } from './attachments';

export type CustomerWork = z.output<typeof CustomerWorkSchema>;

export const CUSTOMER_WORK_QUERIES = {
  customer: 'SELECT id FROM customers WHERE id = ?',
  // Broken and partially kept promises stay until a new promise answers them: the collector's next step.
  promises: `SELECT * FROM promises WHERE customer_id = ?
    AND (status = 'open' OR (status IN ('broken', 'partially_kept') AND superseded_by IS NULL))
    ORDER BY promised_date, id`,
  disputes: "SELECT * FROM disputes WHERE customer_id = ? AND status <> 'voided' ORDER BY created_at DESC, id DESC LIMIT 100",
  followUps: "SELECT * FROM follow_ups WHERE customer_id = ? AND status = 'open' ORDER BY due_date, id",
  notes: 'SELECT * FROM notes WHERE customer_id = ? AND is_current = 1 ORDER BY created_at DESC, id DESC LIMIT 200',
} as const;
const Q = CUSTOMER_WORK_QUERIES;

/** A decision stays on the escalation card this long, so the collector sees the answer where they asked. */
const DECISIONS_SHOWN_DAYS = 30;
export const ESCALATIONS = `SELECT * FROM escalations WHERE customer_id = ?
  AND (status = 'requested' OR (status IN ('approved', 'rejected') AND decided_at >= ?))
  ORDER BY coalesce(decided_at, requested_at) DESC, id DESC`;

// Active as the worklist counts it: not cleared and not yet expired; the newest one wins.
const ACTIVE_OVERRIDE = `SELECT kind, reason, expires_at FROM worklist_overrides
  WHERE customer_id = ? AND cleared_at IS NULL AND (expires_at IS NULL OR expires_at > ?) AND created_by = ${LOCAL_OVERRIDE_OWNER}
  ORDER BY created_at DESC, id DESC LIMIT 1`;

type OverrideRow = Pick<Row<'worklist_overrides'>, 'kind' | 'reason' | 'expires_at'>;

/** `now` is the current UTC timestamp: a pin or snooze whose expiry has passed is not shown. */
export function queryCustomerWork(sqlite: ReadDb, customerId: string, now: string): CustomerWork {
  if (!prepared<[string], { id: string }>(sqlite, Q.customer).get(customerId)) {
    throw refused('not_found', { key: 'customerNotFound', params: { id: customerId } }, 'customerId');
  }
  const all = <R>(query: keyof typeof Q) => prepared<[string], R>(sqlite, Q[query]).all(customerId);
  const reader = { sqlite };
  return {
    promises: all<Row<'promises'>>('promises').map((row) => toPromiseView(row, promiseItemIds(reader, row.id))),
    disputes: all<Row<'disputes'>>('disputes').map((row) => toDisputeView(reader, row)),
    followUps: all<Row<'follow_ups'>>('followUps').map(toFollowUpView),
    escalations: prepared<[string, string], Row<'escalations'>>(sqlite, ESCALATIONS).all(customerId, timestampDaysBefore(now, DECISIONS_SHOWN_DAYS)).map(toEscalationView),
    notes: all<Row<'notes'>>('notes').map(toNoteView),
    override: activeOverride(sqlite, customerId, now),
    attachments: customerAttachments(sqlite, customerId),
  };
}

function activeOverride(sqlite: ReadDb, customerId: string, now: string): CustomerWork['override'] {
  const row = prepared<[string, string], OverrideRow>(sqlite, ACTIVE_OVERRIDE).get(customerId, now);
  return row ? { kind: row.kind, reason: row.reason, expiresAt: row.expires_at } : null;
}
