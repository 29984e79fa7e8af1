/**
 * The team lead's commands: customer.reassign moves customers to another collector of the team,
 * escalation.decide approves or rejects a pending escalation request. The server applies the
 * same mutations (server/sync/team-appliers.ts) and checks the rights again.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { z } from 'zod';
import { DomainError } from '../../shared/api/result';
import { CustomerReassignSchema, EscalationDecideSchema, type CustomerReassignResultSchema, type EscalationDecisionSchema } from '../../shared/api/team-schemas';
import type { Role } from '../../shared/domain/codes';
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
import type { Row } from '../schema';
import { prepared } from '../statements';
import { build, execute, selectFirst } from '../typed-sql';
import { toEscalationView } from './escalation';
import { localProfileId, type Command } from './run-command';

export type ReassignResult = z.output<typeof CustomerReassignResultSchema>;
export type EscalationDecisionView = z.output<typeof EscalationDecisionSchema>;

interface UserRow {
  id: string;
  display_name: string;
  role: Role;
  team_id: string | null;
  disabled: number;
}

const userById = (sqlite: BetterSqlite3.Database, id: string): UserRow | undefined =>
  prepared<[string], UserRow>(sqlite, 'SELECT id, display_name, role, team_id, disabled FROM users WHERE id = ?').get(id);

/** The local profile as the actor of a team command, or null before a profile exists. */
export function localActor(sqlite: BetterSqlite3.Database): (TeamActor & { displayName: string }) | null {
  const id = localProfileId(sqlite);
  const user = id === null ? undefined : userById(sqlite, id);
  return user === undefined ? null : { id: user.id, role: user.role, teamId: user.team_id, displayName: user.display_name };
}

interface CustomerCollectorRow {
  id: string;
  collector_id: string | null;
  collector_name: string | null;
  /** The team of the customer's collector; the local store keeps no team of its own on a customer. */
  team_id: string | null;
}

const CUSTOMERS_WITH_COLLECTORS = `SELECT c.id, c.collector_id, u.display_name AS collector_name, u.team_id
  FROM customers c LEFT JOIN users u ON u.id = c.collector_id WHERE c.id IN (SELECT value FROM json_each(?))`;

/**
 * A customer without a collector belongs to no team here; it is in the local store only because
 * the server put it into this user's scope, so the team lead may assign it.
 */
const customerTeamOf = (actor: TeamActor, row: CustomerCollectorRow): string | null => (row.collector_id === null ? actor.teamId : row.team_id);

export const reassignCustomersCommand: Command<typeof CustomerReassignSchema, ReassignResult> = {
  name: 'customer.reassign',
  input: CustomerReassignSchema,
  apply(tx, input) {
    const actor = requireReassigner(localActor(tx.sqlite));
    const target = userById(tx.sqlite, input.toCollectorId);
    if (!target) throw new DomainError('not_found', `user ${input.toCollectorId} does not exist`, 'toCollectorId');
    checkReassignTarget(actor, { id: target.id, displayName: target.display_name, role: target.role, teamId: target.team_id, disabled: target.disabled === 1 });

    const rows = new Map(prepared<[string], CustomerCollectorRow>(tx.sqlite, CUSTOMERS_WITH_COLLECTORS).all(JSON.stringify(input.customerIds)).map((row) => [row.id, row]));
    const moving: CustomerCollectorRow[] = [];
    for (const [index, customerId] of input.customerIds.entries()) {
      const row = rows.get(customerId);
      if (!row) throw new DomainError('not_found', `customer ${customerId} does not exist`, `customerIds.${index}`);
      if (!mayReassignWithin(actor, customerTeamOf(actor, row))) throw refused(`customer ${customerId} is not in your team's portfolio`, `customerIds.${index}`);
      if (row.collector_id !== target.id) moving.push(row);
    }
    if (moving.length === 0) throw new DomainError('validation', `every customer named is already assigned to ${target.display_name}`, 'customerIds');

    const reason = storedOptionalText(input.reason);
    const update = prepared<[string, string, string]>(tx.sqlite, 'UPDATE customers SET collector_id = ?, updated_at = ? WHERE id = ?');
    for (const row of moving) {
      update.run(target.id, tx.now, row.id);
      tx.audit(
        'customer',
        row.id,
        'reassign',
        { collectorId: row.collector_id, collectorName: row.collector_name },
        { collectorId: target.id, collectorName: target.display_name, byName: actor.displayName, reason },
      );
      tx.touch(row.id);
    }
    return { customerIds: moving.map((row) => row.id), toCollector: { id: target.id, displayName: target.display_name } };
  },
};

type EscalationRow = Row<'escalations'>;

export const decideEscalationCommand: Command<typeof EscalationDecideSchema, EscalationDecisionView> = {
  name: 'escalation.decide',
  input: EscalationDecideSchema,
  apply(tx, input) {
    const actor = requireDecider(localActor(tx.sqlite));
    const before = selectFirst(tx.sqlite, build.selectFrom('escalations').selectAll().where('id', '=', input.escalationId));
    if (!before) throw new DomainError('not_found', `escalation ${input.escalationId} does not exist`, 'escalationId');
    const customer = prepared<[string], CustomerCollectorRow & { credit_hold: number }>(
      tx.sqlite,
      `SELECT c.id, c.collector_id, u.display_name AS collector_name, u.team_id, c.credit_hold
        FROM customers c LEFT JOIN users u ON u.id = c.collector_id WHERE c.id = ?`,
    ).get(before.customer_id);
    if (!customer) throw new DomainError('not_found', `customer ${before.customer_id} does not exist`, 'escalationId');
    checkDecision(actor, customerTeamOf(actor, customer), { kind: before.kind, status: before.status, requestedBy: before.requested_by });

    const comment = storedOptionalText(input.comment);
    const after: EscalationRow = { ...before, status: DECISION_STATUS[input.decision], decided_by: actor.id, decided_at: tx.now, decision_comment: comment };
    execute(
      tx.sqlite,
      build.updateTable('escalations').set({ status: after.status, decided_by: after.decided_by, decided_at: after.decided_at, decision_comment: comment }).where('id', '=', before.id),
    );
    tx.audit('escalation', before.id, input.decision, before, after);

    const creditHoldSet = setsCreditHold(before.kind, input.decision) && customer.credit_hold === 0;
    if (creditHoldSet) {
      execute(tx.sqlite, build.updateTable('customers').set({ credit_hold: 1, updated_at: tx.now }).where('id', '=', customer.id));
      tx.audit('customer', customer.id, 'credit_hold', { creditHold: false }, { creditHold: true, escalationId: before.id });
    }
    tx.touch(customer.id);
    return { ...toEscalationView(after), decidedBy: actor.id, decidedAt: tx.now, decisionComment: comment, creditHoldSet };
  },
};
