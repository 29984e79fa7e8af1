/**
 * escalation.request / escalation.withdraw: the collector asks a team lead for a credit hold,
 * write-off, doubtful-account flag, payment plan approval or a hand-over to legal or an agency.
 * Deciding (approve, reject) belongs to the team lead's work.
 */
import { sql } from 'kysely';
import { currencyOrNull } from '../queries/stored-values';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { EscalationRequestSchema, EscalationWithdrawSchema, type EscalationSchema } from '../../shared/api/collector-schemas';
import { DomainError } from '../../shared/api/result';
import { requireWithinBalance } from '../../shared/domain/amount-limits';
import type { EscalationKind } from '../../shared/domain/codes';
import { ESCALATION_KIND_LABELS } from '../../shared/domain/labels';
import { storedOptionalText } from '../../shared/domain/text';
import type { Row } from '../schema';
import { build, execute, selectFirst } from '../typed-sql';
import type { Command } from './run-command';
import { loadCustomer } from './open-items';

export type EscalationView = z.output<typeof EscalationSchema>;
type EscalationRow = Row<'escalations'>;

/** Kinds that mean nothing without an amount. */
const NEEDS_AMOUNT: ReadonlySet<EscalationKind> = new Set(['write_off', 'doubtful_account', 'payment_plan']);


export const toEscalationView = (row: EscalationRow): EscalationView => ({
  id: row.id,
  customerId: row.customer_id,
  kind: row.kind,
  amountMinor: row.amount_minor,
  // The column checks length only; a stored code that is no ISO code reads as none.
  currency: currencyOrNull(row.currency),
  reason: row.reason,
  status: row.status,
});

export const requestEscalationCommand: Command<typeof EscalationRequestSchema, EscalationView> = {
  name: 'escalation.request',
  input: EscalationRequestSchema,
  apply(tx, input) {
    const customer = loadCustomer(tx.sqlite, input.customerId);
    if (NEEDS_AMOUNT.has(input.kind) && input.amountMinor === undefined) {
      throw new DomainError('validation', `a ${ESCALATION_KIND_LABELS[input.kind].toLowerCase()} request needs an amount`, 'amountMinor');
    }
    if (input.amountMinor === undefined && input.currency !== undefined) throw new DomainError('validation', 'a currency goes with an amount', 'currency');
    if (input.amountMinor !== undefined) {
      const currency = input.currency ?? customer.currency;
      const balance = build
        .selectFrom('open_items')
        .select(sql<number>`coalesce(sum(open_minor), 0)`.as('balance'))
        .where('customer_id', '=', input.customerId)
        .where('currency', '=', currency);
      requireWithinBalance(input.amountMinor, selectFirst(tx.sqlite, balance)?.balance ?? 0, currency, 'amountMinor');
    }
    if (input.kind === 'credit_hold' && customer.credit_hold === 1) throw new DomainError('conflict', 'this customer is already on credit hold', 'kind');
    const pending = build.selectFrom('escalations').select('id').where('customer_id', '=', input.customerId).where('kind', '=', input.kind).where('status', '=', 'requested');
    if (selectFirst(tx.sqlite, pending)) {
      throw new DomainError('conflict', `a ${ESCALATION_KIND_LABELS[input.kind].toLowerCase()} request for this customer is already waiting for a decision`, 'kind');
    }
    const row: EscalationRow = {
      id: uuidv7(),
      customer_id: input.customerId,
      kind: input.kind,
      amount_minor: input.amountMinor ?? null,
      currency: input.amountMinor === undefined ? null : (input.currency ?? customer.currency),
      reason: input.reason,
      status: 'requested',
      requested_by: tx.userId,
      requested_at: tx.now,
      decided_by: null,
      decided_at: null,
      decision_comment: null,
    };
    execute(tx.sqlite, build.insertInto('escalations').values(row));
    tx.audit('escalation', row.id, 'request', null, row);
    tx.touch(input.customerId);
    return toEscalationView(row);
  },
};

export const withdrawEscalationCommand: Command<typeof EscalationWithdrawSchema, EscalationView> = {
  name: 'escalation.withdraw',
  input: EscalationWithdrawSchema,
  apply(tx, input) {
    const before = selectFirst(tx.sqlite, build.selectFrom('escalations').selectAll().where('id', '=', input.escalationId));
    if (!before) throw new DomainError('not_found', `escalation ${input.escalationId} does not exist`, 'escalationId');
    if (before.status !== 'requested') throw new DomainError('conflict', `only a pending request can be withdrawn; this one is ${before.status}`, 'escalationId');
    const comment = storedOptionalText(input.reason);
    const after: EscalationRow = { ...before, status: 'withdrawn', decided_by: tx.userId, decided_at: tx.now, decision_comment: comment };
    execute(tx.sqlite, build.updateTable('escalations').set({ status: after.status, decided_by: after.decided_by, decided_at: after.decided_at, decision_comment: comment }).where('id', '=', before.id));
    tx.audit('escalation', before.id, 'withdraw', before, after);
    tx.touch(before.customer_id);
    return toEscalationView(after);
  },
};
