/**
 * The team lead's mutations: customer.reassign moves customers to another collector of the team,
 * escalation.decide approves or rejects a pending escalation request. Who may do what is
 * shared/domain/team.ts; a customer's team is its synced `team_id`, on the desktop as on the server.
 */
import { CustomerReassignSchema, EscalationDecideSchema } from '../api/team-schemas';
import { storedOptionalText } from '../domain/text';
import { assignmentValues, checkDecision, checkReassignTarget, DECISION_STATUS, mayReassignWithin, requireDecider, requireReassigner, setsCreditHold } from '../domain/team';
import { refused } from '../i18n/refusals';
import type { SyncedRow } from '../sync/tables';
import { defineMutation } from './definition';
import { rowById, rowsWhere, updateRow, type Step, type UserFacts } from './effects';
import { requiredRow, requiredUser } from './guards';

export interface Reassignment {
  readonly moved: readonly SyncedRow<'customers'>[];
  readonly target: UserFacts;
}

export const customerReassign = defineMutation({
  name: 'customer.reassign',
  args: CustomerReassignSchema,
  // eslint-disable-next-line require-yield -- the customers are in the args
  *customerOf(args) {
    return args.customerIds[0] ?? '';
  },
  customersOf: (args) => args.customerIds.map((id, index) => ({ id, field: `customerIds.${String(index)}` })),
  *decide(ctx, args): Step<Reassignment> {
    const actor = requireReassigner(ctx.actor);
    const target = yield* requiredUser(args.toCollectorId, 'toCollectorId');
    checkReassignTarget(actor, target);
    const customers = new Map((yield* rowsWhere('customers', { id: [...args.customerIds] }, { lock: true })).map((row) => [row.id, row]));
    const moving: SyncedRow<'customers'>[] = [];
    for (const [index, customerId] of args.customerIds.entries()) {
      const customer = customers.get(customerId);
      if (customer === undefined) throw refused('not_found', { key: 'customerNotFound', params: { id: customerId } }, `customerIds.${String(index)}`);
      if (!mayReassignWithin(actor, customer.team_id)) throw refused('forbidden', { key: 'customerNotInTeam', params: { id: customerId } }, `customerIds.${String(index)}`);
      if (customer.collector_id !== target.id) moving.push(customer);
    }
    if (moving.length === 0) throw refused('validation', { key: 'customersAlreadyAssigned', params: { name: target.displayName } }, 'customerIds');
    const set = assignmentValues(target, ctx.userId, ctx.now, storedOptionalText(args.reason));
    for (const customer of moving) yield* updateRow('customers', customer.id, customer.id, set, 'assign');
    return { moved: moving, target };
  },
});

export interface Decision {
  readonly escalation: SyncedRow<'escalations'>;
  readonly decidedBy: string;
  readonly decidedAt: string;
  readonly creditHoldSet: boolean;
}

export const escalationDecide = defineMutation({
  name: 'escalation.decide',
  args: EscalationDecideSchema,
  *customerOf(args) {
    return (yield* requiredRow('escalations', args.escalationId, 'escalationNotFound', 'escalationId')).customer_id;
  },
  *decide(ctx, args): Step<Decision> {
    const actor = requireDecider(ctx.actor);
    const before = yield* requiredRow('escalations', args.escalationId, 'escalationNotFound', 'escalationId', { lock: true });
    const customer = yield* rowById('customers', before.customer_id, { lock: true });
    if (customer === undefined) throw refused('not_found', { key: 'customerNotFound', params: { id: before.customer_id } }, 'escalationId');
    checkDecision(actor, customer.team_id, { kind: before.kind, status: before.status, requestedBy: before.requested_by });
    const set = { status: DECISION_STATUS[args.decision], decided_by: actor.id, decided_at: ctx.now, decision_comment: storedOptionalText(args.comment) };
    yield* updateRow('escalations', before.customer_id, before.id, set, args.decision);
    const creditHoldSet = setsCreditHold(before.kind, args.decision) && !customer.credit_hold;
    if (creditHoldSet) yield* updateRow('customers', customer.id, customer.id, { credit_hold: true, updated_at: ctx.now }, 'credit_hold');
    return { escalation: { ...before, ...set }, decidedBy: actor.id, decidedAt: ctx.now, creditHoldSet };
  },
});
