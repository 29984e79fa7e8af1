/** escalation.request / escalation.withdraw on the server, mirroring db/commands/escalation.ts. */
import { sql } from 'kysely';
import { EscalationRequestSchema, EscalationWithdrawSchema } from '../../shared/api/collector-schemas';
import { DomainError } from '../../shared/api/result';
import { requireWithinBalance } from '../../shared/domain/amount-limits';
import type { EscalationKind } from '../../shared/domain/codes';
import { ESCALATION_KIND_LABELS } from '../../shared/domain/labels';
import { storedOptionalText } from '../../shared/domain/text';
import { define, namedCustomer, log, newId } from './appliers';

/** Kinds that mean nothing without an amount (the client's rule). */
const NEEDS_AMOUNT: ReadonlySet<EscalationKind> = new Set(['write_off', 'doubtful_account', 'payment_plan']);

export const escalationRequest = define({
  schema: EscalationRequestSchema,
  customerOf: namedCustomer,
  async apply(ctx, args) {
    const customer = await ctx.trx.selectFrom('customers').select(['currency', 'credit_hold']).where('id', '=', args.customerId).executeTakeFirstOrThrow();
    const label = ESCALATION_KIND_LABELS[args.kind].toLowerCase();
    if (NEEDS_AMOUNT.has(args.kind) && args.amountMinor === undefined) throw new DomainError('validation', `a ${label} request needs an amount`, 'amountMinor');
    if (args.amountMinor === undefined && args.currency !== undefined) throw new DomainError('validation', 'a currency goes with an amount', 'currency');
    if (args.amountMinor !== undefined) {
      const currency = args.currency ?? customer.currency;
      const balance = await ctx.trx
        .selectFrom('open_items')
        .select(sql<number>`coalesce(sum(open_minor), 0)::int8`.as('balance'))
        .where('customer_id', '=', args.customerId)
        .where('currency', '=', currency)
        .executeTakeFirst();
      requireWithinBalance(args.amountMinor, balance?.balance ?? 0, currency, 'amountMinor');
    }
    if (args.kind === 'credit_hold' && customer.credit_hold) throw new DomainError('conflict', 'this customer is already on credit hold', 'kind');
    const pending = await ctx.trx
      .selectFrom('escalations')
      .select('id')
      .where('customer_id', '=', args.customerId)
      .where('kind', '=', args.kind)
      .where('status', '=', 'requested')
      .executeTakeFirst();
    if (pending !== undefined) throw new DomainError('conflict', `a ${label} request for this customer is already waiting for a decision`, 'kind');
    const id = await newId(ctx, 'escalations');
    const seq = await log(ctx, 'escalations', id, args.customerId);
    await ctx.trx
      .insertInto('escalations')
      .values({
        id,
        customer_id: args.customerId,
        kind: args.kind,
        amount_minor: args.amountMinor ?? null,
        currency: args.amountMinor === undefined ? null : (args.currency ?? customer.currency),
        reason: args.reason,
        status: 'requested',
        requested_by: ctx.principal.userId,
        requested_at: ctx.now,
        decided_by: null,
        decided_at: null,
        decision_comment: null,
        updated_seq: seq,
      })
      .execute();
  },
});

export const escalationWithdraw = define({
  schema: EscalationWithdrawSchema,
  async customerOf(trx, args) {
    const row = await trx.selectFrom('escalations').select('customer_id').where('id', '=', args.escalationId).executeTakeFirst();
    if (row === undefined) throw new DomainError('not_found', `escalation ${args.escalationId} does not exist`, 'escalationId');
    return row.customer_id;
  },
  async apply(ctx, args) {
    const before = await ctx.trx.selectFrom('escalations').selectAll().where('id', '=', args.escalationId).forUpdate().executeTakeFirstOrThrow();
    if (before.status !== 'requested') throw new DomainError('conflict', `only a pending request can be withdrawn; this one is ${before.status}`, 'escalationId');
    const seq = await log(ctx, 'escalations', before.id, before.customer_id);
    await ctx.trx
      .updateTable('escalations')
      .set((eb) => ({
        status: 'withdrawn',
        decided_by: ctx.principal.userId,
        decided_at: ctx.now,
        decision_comment: storedOptionalText(args.reason),
        updated_seq: seq,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', before.id)
      .execute();
  },
});
