/**
 * The team lead's commands on the desktop: customer.reassign and escalation.decide are the shared
 * rules (shared/mutations/team.ts). A reassignment is also told in this desktop's audit log as the
 * timeline shows it (from whom, to whom, by whom, why); who, when and why also travel on the
 * customer row (assigned_by, assigned_at, assignment_reason).
 */
import type { ReadDb } from '../read-db';
import type { z } from 'zod';
import type { CustomerReassignResultSchema, CustomerReassignSchema, EscalationDecisionSchema } from '../../shared/api/team-schemas';
import type { Role } from '../../shared/domain/codes';
import type { TeamActor } from '../../shared/domain/team';
import { storedOptionalText } from '../../shared/domain/text';
import { customerReassign, escalationDecide } from '../../shared/mutations/team';
import { decideOnDesktop, definitionCommand, toStoredRow } from '../mutations/sqlite-driver';
import { prepared } from '../statements';
import { toEscalationView } from './escalation';
import { localProfileId, type Command } from './run-command';

export type ReassignResult = z.output<typeof CustomerReassignResultSchema>;
export type EscalationDecisionView = z.output<typeof EscalationDecisionSchema>;

interface UserRow {
  id: string;
  display_name: string;
  role: Role;
  team_id: string | null;
}

const userById = (sqlite: ReadDb, id: string): UserRow | undefined =>
  prepared<[string], UserRow>(sqlite, 'SELECT id, display_name, role, team_id FROM users WHERE id = ?').get(id);

/** The local profile as the actor of a team read, or null before a profile exists. */
export function localActor(sqlite: ReadDb): (TeamActor & { displayName: string }) | null {
  const id = localProfileId(sqlite);
  const user = id === null ? undefined : userById(sqlite, id);
  return user === undefined ? null : { id: user.id, role: user.role, teamId: user.team_id, displayName: user.display_name };
}

export const reassignCustomersCommand: Command<typeof CustomerReassignSchema, ReassignResult> = {
  name: customerReassign.name,
  input: customerReassign.args,
  apply(tx, input) {
    const { moved, target } = decideOnDesktop(tx, customerReassign, input);
    const byName = tx.userId === null ? null : (userById(tx.sqlite, tx.userId)?.display_name ?? null);
    const reason = storedOptionalText(input.reason);
    for (const customer of moved) {
      const from = customer.collector_id === null ? null : (userById(tx.sqlite, customer.collector_id)?.display_name ?? null);
      tx.audit(
        'customer',
        customer.id,
        'reassign',
        { collectorId: customer.collector_id, collectorName: from },
        { collectorId: target.id, collectorName: target.displayName, byName, reason },
      );
    }
    return { customerIds: moved.map((customer) => customer.id), toCollector: { id: target.id, displayName: target.displayName } };
  },
};

export const decideEscalationCommand = definitionCommand(
  escalationDecide,
  ({ escalation, decidedBy, decidedAt, creditHoldSet }): EscalationDecisionView => ({
    ...toEscalationView(toStoredRow('escalations', escalation)),
    decidedBy,
    decidedAt,
    decisionComment: escalation.decision_comment,
    creditHoldSet,
  }),
);
