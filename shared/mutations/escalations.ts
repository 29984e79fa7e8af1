/**
 * escalation.request / escalation.withdraw: the collector asks a team lead for a credit hold,
 * write-off, doubtful-account flag, payment plan approval or a hand-over to legal or an agency.
 * Deciding (approve, reject) belongs to the team lead's work (./team.ts).
 */
import { EscalationRequestSchema, EscalationWithdrawSchema } from '../api/collector-schemas';
import { DomainError } from '../api/result';
import { requireWithinBalance } from '../domain/amount-limits';
import type { EscalationKind } from '../domain/codes';
import { ESCALATION_KIND_LABELS } from '../domain/labels';
import { storedOptionalText } from '../domain/text';
import type { SyncedRow } from '../sync/tables';
import { defineMutation, namedCustomer } from './definition';
import { insertRow, newId, rowsWhere, updateRow, type Step } from './effects';
import { requiredCustomer, requiredRow } from './guards';

type EscalationRow = SyncedRow<'escalations'>;

/** Kinds that mean nothing without an amount. */
const NEEDS_AMOUNT: ReadonlySet<EscalationKind> = new Set(['write_off', 'doubtful_account', 'payment_plan']);

export const escalationRequest = defineMutation({
  name: 'escalation.request',
  args: EscalationRequestSchema,
  customerOf: namedCustomer,
  *decide(ctx, args): Step<EscalationRow> {
    const customer = yield* requiredCustomer(args.customerId);
    const label = ESCALATION_KIND_LABELS[args.kind].toLowerCase();
    if (NEEDS_AMOUNT.has(args.kind) && args.amountMinor === undefined) throw new DomainError('validation', `a ${label} request needs an amount`, 'amountMinor');
    if (args.amountMinor === undefined && args.currency !== undefined) throw new DomainError('validation', 'a currency goes with an amount', 'currency');
    const currency = args.amountMinor === undefined ? null : (args.currency ?? customer.currency);
    if (args.amountMinor !== undefined && currency !== null) {
      const items = yield* rowsWhere('open_items', { customer_id: args.customerId, currency });
      requireWithinBalance(
        args.amountMinor,
        items.reduce((sum, item) => sum + item.open_minor, 0),
        currency,
        'amountMinor',
      );
    }
    if (args.kind === 'credit_hold' && customer.credit_hold) throw new DomainError('conflict', 'this customer is already on credit hold', 'kind');
    const pending = yield* rowsWhere('escalations', { customer_id: args.customerId, kind: args.kind, status: 'requested' });
    if (pending.length > 0) throw new DomainError('conflict', `a ${label} request for this customer is already waiting for a decision`, 'kind');
    const row: EscalationRow = {
      id: yield* newId('escalations'),
      customer_id: args.customerId,
      kind: args.kind,
      amount_minor: args.amountMinor ?? null,
      currency,
      reason: args.reason,
      status: 'requested',
      requested_by: ctx.userId,
      requested_at: ctx.now,
      decided_by: null,
      decided_at: null,
      decision_comment: null,
    };
    yield* insertRow('escalations', args.customerId, row, 'request');
    return row;
  },
});

export const escalationWithdraw = defineMutation({
  name: 'escalation.withdraw',
  args: EscalationWithdrawSchema,
  *customerOf(args) {
    return (yield* requiredRow('escalations', args.escalationId, 'escalation', 'escalationId')).customer_id;
  },
  *decide(ctx, args): Step<EscalationRow> {
    const before = yield* requiredRow('escalations', args.escalationId, 'escalation', 'escalationId', { lock: true });
    if (before.status !== 'requested') throw new DomainError('conflict', `only a pending request can be withdrawn; this one is ${before.status}`, 'escalationId');
    const set = { status: 'withdrawn' as const, decided_by: ctx.userId, decided_at: ctx.now, decision_comment: storedOptionalText(args.reason) };
    yield* updateRow('escalations', before.customer_id, before.id, set, 'withdraw');
    return { ...before, ...set };
  },
});
