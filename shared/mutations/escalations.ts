/**
 * escalation.request / escalation.withdraw: the collector asks a team lead for a credit hold,
 * write-off, doubtful-account flag, payment plan approval or a hand-over to legal or an agency.
 * Deciding (approve, reject) belongs to the team lead's work (./team.ts).
 */
import { EscalationRequestSchema, EscalationWithdrawSchema } from '../api/collector-schemas';
import { requireWithinBalance } from '../domain/amount-limits';
import type { EscalationKind, EscalationStatus } from '../domain/codes';
import { storedOptionalText } from '../domain/text';
import { refused, type RefusalKey } from '../i18n/refusals';
import type { SyncedRow } from '../sync/tables';
import { defineMutation, namedCustomer } from './definition';
import { insertRow, newId, rowsWhere, updateRow, type Step } from './effects';
import { requiredCustomer, requiredRow } from './guards';

type EscalationRow = SyncedRow<'escalations'>;

/** Kinds that mean nothing without an amount, and the refusal of one asked for without. */
const NEEDS_AMOUNT: Readonly<Partial<Record<EscalationKind, RefusalKey>>> = {
  write_off: 'writeOffNeedsAmount',
  doubtful_account: 'doubtfulAccountNeedsAmount',
  payment_plan: 'paymentPlanNeedsAmount',
};

/** A request of this kind for the customer is already waiting for a decision. */
const ALREADY_PENDING: Readonly<Record<EscalationKind, RefusalKey>> = {
  credit_hold: 'creditHoldRequestPending',
  write_off: 'writeOffRequestPending',
  doubtful_account: 'doubtfulAccountRequestPending',
  payment_plan: 'paymentPlanRequestPending',
  legal: 'legalRequestPending',
  agency: 'agencyRequestPending',
};

/** Only a pending request can be withdrawn: why this one, by what it is now. */
const NOT_WITHDRAWABLE: Readonly<Record<Exclude<EscalationStatus, 'requested'>, RefusalKey>> = {
  approved: 'escalationWithdrawApproved',
  rejected: 'escalationWithdrawRejected',
  withdrawn: 'escalationWithdrawWithdrawn',
};

export const escalationRequest = defineMutation({
  name: 'escalation.request',
  args: EscalationRequestSchema,
  customerOf: namedCustomer,
  *decide(ctx, args): Step<EscalationRow> {
    const customer = yield* requiredCustomer(args.customerId);
    const needsAmount = NEEDS_AMOUNT[args.kind];
    if (needsAmount !== undefined && args.amountMinor === undefined) throw refused('validation', needsAmount, 'amountMinor');
    if (args.amountMinor === undefined && args.currency !== undefined) throw refused('validation', 'currencyWithoutAmount', 'currency');
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
    if (args.kind === 'credit_hold' && customer.credit_hold) throw refused('conflict', 'alreadyOnCreditHold', 'kind');
    const pending = yield* rowsWhere('escalations', { customer_id: args.customerId, kind: args.kind, status: 'requested' });
    if (pending.length > 0) throw refused('conflict', ALREADY_PENDING[args.kind], 'kind');
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
    return (yield* requiredRow('escalations', args.escalationId, 'escalationNotFound', 'escalationId')).customer_id;
  },
  *decide(ctx, args): Step<EscalationRow> {
    const before = yield* requiredRow('escalations', args.escalationId, 'escalationNotFound', 'escalationId', { lock: true });
    if (before.status !== 'requested') throw refused('conflict', NOT_WITHDRAWABLE[before.status], 'escalationId');
    const set = { status: 'withdrawn' as const, decided_by: ctx.userId, decided_at: ctx.now, decision_comment: storedOptionalText(args.reason) };
    yield* updateRow('escalations', before.customer_id, before.id, set, 'withdraw');
    return { ...before, ...set };
  },
});
