/**
 * escalation.request / escalation.withdraw on the desktop: the shared rules
 * (shared/mutations/escalations.ts), answered with the request as the views show it.
 */
import type { z } from 'zod';
import type { EscalationSchema } from '../../shared/api/collector-schemas';
import { escalationRequest, escalationWithdraw } from '../../shared/mutations/escalations';
import type { SyncedRow } from '../../shared/sync/tables';
import { definitionCommand, toStoredRow } from '../mutations/sqlite-driver';
import { currencyOrNull } from '../queries/stored-values';
import type { Row } from '../schema';

export type EscalationView = z.output<typeof EscalationSchema>;
type EscalationRow = Row<'escalations'>;

export const toEscalationView = (row: EscalationRow): EscalationView => ({
  id: row.id,
  customerId: row.customer_id,
  kind: row.kind,
  amountMinor: row.amount_minor,
  // The column checks length only; a stored code that is no ISO code reads as none.
  currency: currencyOrNull(row.currency),
  reason: row.reason,
  status: row.status,
  decision: row.decided_at === null ? null : { by: row.decided_by, at: row.decided_at, comment: row.decision_comment },
});

const view = (row: SyncedRow<'escalations'>): EscalationView => toEscalationView(toStoredRow('escalations', row));

export const requestEscalationCommand = definitionCommand(escalationRequest, view);
export const withdrawEscalationCommand = definitionCommand(escalationWithdraw, view);
