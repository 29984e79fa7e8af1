/** customer.reassign / escalation.decide on the server, mirroring db/commands/team.ts with the server's own teams. */
import { DomainError } from '../../shared/api/result';
import { CustomerReassignSchema, EscalationDecideSchema } from '../../shared/api/team-schemas';
import { storedOptionalText } from '../../shared/domain/text';
import {
  checkDecision,
  checkReassignTarget,
  DECISION_STATUS,
  mayReassignWithin,
  refused,
  requireDecider,
  requireReassigner,
  setsCreditHold,
  type TeamActor,
} from '../../shared/domain/team';
import type { Principal } from '../auth/principal';
import { define, log } from './appliers';

const actorOf = (principal: Principal): TeamActor => ({ id: principal.userId, role: principal.role, teamId: principal.teamId });

export const customerReassign = define({
  schema: CustomerReassignSchema,
  /**
   * The first customer outside the caller's scope, one that does not exist included (so the push
   * answers `forbidden` for both alike), else the first named.
   */
  async customerOf(_trx, args, customers) {
    await customers.prefetch(args.customerIds);
    for (const id of args.customerIds) if (!(await customers.mayChange(id))) return id;
    return args.customerIds[0] ?? '';
  },
  async apply(ctx, args) {
    const { trx } = ctx;
    const actor = requireReassigner(actorOf(ctx.principal));
    const target = await trx.selectFrom('users').select(['id', 'display_name', 'role', 'team_id', 'disabled']).where('id', '=', args.toCollectorId).executeTakeFirst();
    if (target === undefined) throw new DomainError('not_found', `user ${args.toCollectorId} does not exist`, 'toCollectorId');
    checkReassignTarget(actor, { id: target.id, displayName: target.display_name, role: target.role, teamId: target.team_id, disabled: target.disabled });

    const customers = await trx.selectFrom('customers').select(['id', 'collector_id', 'team_id']).where('id', 'in', args.customerIds).orderBy('id').forUpdate().execute();
    const byId = new Map(customers.map((customer) => [customer.id, customer]));
    const moving: string[] = [];
    for (const [index, id] of args.customerIds.entries()) {
      const customer = byId.get(id);
      if (customer === undefined) throw new DomainError('not_found', `customer ${id} does not exist`, `customerIds.${index}`);
      if (!mayReassignWithin(actor, customer.team_id)) throw refused(`customer ${id} is not in your team's portfolio`, `customerIds.${index}`);
      if (customer.collector_id !== target.id) moving.push(id);
    }
    if (moving.length === 0) throw new DomainError('validation', `every customer named is already assigned to ${target.display_name}`, 'customerIds');
    for (const id of moving) {
      // The customer's change_log entry is what the pull turns into a removal for the old collector
      // and into the whole customer for the new one. Logged before the update, it records the
      // assignment the customer had (migration 005): only those who held it get the removal.
      const seq = await log(ctx, 'customers', id, id);
      await trx
        .updateTable('customers')
        .set((eb) => ({ collector_id: target.id, team_id: target.team_id, updated_at: ctx.now, updated_seq: seq, version: eb('version', '+', 1) }))
        .where('id', '=', id)
        .execute();
    }
  },
});

export const escalationDecide = define({
  schema: EscalationDecideSchema,
  async customerOf(trx, args) {
    const row = await trx.selectFrom('escalations').select('customer_id').where('id', '=', args.escalationId).executeTakeFirst();
    if (row === undefined) throw new DomainError('not_found', `escalation ${args.escalationId} does not exist`, 'escalationId');
    return row.customer_id;
  },
  async apply(ctx, args) {
    const { trx } = ctx;
    const actor = requireDecider(actorOf(ctx.principal));
    const before = await trx.selectFrom('escalations').selectAll().where('id', '=', args.escalationId).forUpdate().executeTakeFirstOrThrow();
    const customer = await trx.selectFrom('customers').select(['id', 'team_id', 'credit_hold']).where('id', '=', before.customer_id).forUpdate().executeTakeFirstOrThrow();
    checkDecision(actor, customer.team_id, { kind: before.kind, status: before.status, requestedBy: before.requested_by });

    const seq = await log(ctx, 'escalations', before.id, before.customer_id);
    await trx
      .updateTable('escalations')
      .set((eb) => ({
        status: DECISION_STATUS[args.decision],
        decided_by: actor.id,
        decided_at: ctx.now,
        decision_comment: storedOptionalText(args.comment),
        updated_seq: seq,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', before.id)
      .execute();

    if (setsCreditHold(before.kind, args.decision) && !customer.credit_hold) {
      const customerSeq = await log(ctx, 'customers', customer.id, customer.id);
      await trx
        .updateTable('customers')
        .set((eb) => ({ credit_hold: true, updated_at: ctx.now, updated_seq: customerSeq, version: eb('version', '+', 1) }))
        .where('id', '=', customer.id)
        .execute();
    }
  },
});
