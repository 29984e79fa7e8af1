/** customer.work: what is in progress on an account, with ids and allowed actions, for the forms that act on it. */
import type BetterSqlite3 from 'better-sqlite3';
import type { z } from 'zod';
import type { CustomerWorkSchema } from '../../shared/api/collector-schemas';
import { DomainError } from '../../shared/api/result';
import type { Row } from '../schema';
import { prepared } from '../statements';
import { toDisputeView } from '../commands/dispute';
import { toEscalationView } from '../commands/escalation';
import { toFollowUpView } from '../commands/follow-up';
import { toNoteView } from '../commands/note';
import { promiseItemIds, toPromiseView } from '../commands/promise';

export type CustomerWork = z.output<typeof CustomerWorkSchema>;

const Q = {
  customer: 'SELECT id FROM customers WHERE id = ?',
  promises: "SELECT * FROM promises WHERE customer_id = ? AND status = 'open' ORDER BY promised_date, id",
  disputes: "SELECT * FROM disputes WHERE customer_id = ? AND status <> 'voided' ORDER BY created_at DESC, id DESC LIMIT 100",
  followUps: "SELECT * FROM follow_ups WHERE customer_id = ? AND status = 'open' ORDER BY due_date, id",
  escalations: "SELECT * FROM escalations WHERE customer_id = ? AND status = 'requested' ORDER BY requested_at DESC, id DESC",
  notes: 'SELECT * FROM notes WHERE customer_id = ? AND is_current = 1 ORDER BY created_at DESC, id DESC LIMIT 200',
} as const;

export function queryCustomerWork(sqlite: BetterSqlite3.Database, customerId: string): CustomerWork {
  if (!prepared<[string], { id: string }>(sqlite, Q.customer).get(customerId)) {
    throw new DomainError('not_found', `customer ${customerId} does not exist`, 'customerId');
  }
  const all = <R>(query: keyof typeof Q) => prepared<[string], R>(sqlite, Q[query]).all(customerId);
  const reader = { sqlite };
  return {
    promises: all<Row<'promises'>>('promises').map((row) => toPromiseView(row, promiseItemIds(reader, row.id))),
    disputes: all<Row<'disputes'>>('disputes').map((row) => toDisputeView(reader, row)),
    followUps: all<Row<'follow_ups'>>('followUps').map(toFollowUpView),
    escalations: all<Row<'escalations'>>('escalations').map(toEscalationView),
    notes: all<Row<'notes'>>('notes').map(toNoteView),
  };
}
