/**
 * Team lead rules shared by the local commands and the server appliers: who may reassign
 * customers and decide escalation requests, and what a decision changes.
 */
import { refused, type RefusalKey } from '../i18n/refusals';
import type { EscalationKind, EscalationStatus, Role } from './codes';
import { addDays, daysBetween } from './dates';
import { ESCALATION_KIND_LABELS } from './labels';

/** The person acting: the local profile on the client, the principal on the server. */
export interface TeamActor {
  readonly id: string;
  readonly role: Role;
  readonly teamId: string | null;
}

export interface ReassignTarget {
  readonly id: string;
  readonly displayName: string;
  readonly role: Role;
  readonly teamId: string | null;
  readonly disabled: boolean;
}

export const ESCALATION_DECISIONS = ['approve', 'reject'] as const;
export type EscalationDecision = (typeof ESCALATION_DECISIONS)[number];

export const DECISION_STATUS: Readonly<Record<EscalationDecision, Extract<EscalationStatus, 'approved' | 'rejected'>>> = {
  approve: 'approved',
  reject: 'rejected',
};

/** A reassignment's target who is no collector, by what they are. */
const NOT_A_COLLECTOR: Readonly<Record<Exclude<Role, 'collector'>, RefusalKey>> = { team_lead: 'reassignTargetTeamLead', admin: 'reassignTargetAdmin' };

/** Who may not decide escalations, by the role they are signed in with. */
const NOT_A_DECIDER: Readonly<Record<Exclude<Role, 'team_lead'>, RefusalKey>> = { collector: 'decideSignedInAsCollector', admin: 'decideSignedInAsAdmin' };

/** Only a pending request can be decided: why this one, by what it is now. */
const NOT_DECIDABLE: Readonly<Record<Exclude<EscalationStatus, 'requested'>, RefusalKey>> = {
  approved: 'escalationDecideApproved',
  rejected: 'escalationDecideRejected',
  withdrawn: 'escalationDecideWithdrawn',
};

const leadsTeam = (actor: TeamActor, teamId: string | null): boolean => actor.role === 'team_lead' && actor.teamId !== null && actor.teamId === teamId;

/** Reassigning: an admin anywhere, a team lead within their own team. */
export function mayReassignWithin(actor: TeamActor, teamId: string | null): boolean {
  return actor.role === 'admin' || leadsTeam(actor, teamId);
}

export function requireReassigner<A extends TeamActor>(actor: A | null): A {
  if (actor === null) throw refused('forbidden', 'signInToReassign');
  // Every role but the collector's may reassign.
  if (actor.role === 'collector') throw refused('forbidden', 'reassignSignedInAsCollector');
  return actor;
}

/** The team views (load, pending requests) are a team lead's, and an admin's. */
export function requireTeamViewer<A extends TeamActor>(actor: A | null): A {
  if (actor === null || (actor.role !== 'team_lead' && actor.role !== 'admin')) throw refused('forbidden', 'teamViewForLeads');
  return actor;
}

/** The target must be an active collector of the actor's team (any team for an admin). */
export function checkReassignTarget(actor: TeamActor, target: ReassignTarget): void {
  const name = { name: target.displayName };
  if (target.role !== 'collector') throw refused('validation', { key: NOT_A_COLLECTOR[target.role], params: name }, 'toCollectorId');
  if (target.disabled) throw refused('validation', { key: 'reassignTargetDisabled', params: name }, 'toCollectorId');
  if (!mayReassignWithin(actor, target.teamId)) throw refused('forbidden', { key: 'reassignTargetOtherTeam', params: name }, 'toCollectorId');
}

export function requireDecider<A extends TeamActor>(actor: A | null): A {
  if (actor === null) throw refused('forbidden', 'signInToDecide');
  if (actor.role !== 'team_lead') throw refused('forbidden', NOT_A_DECIDER[actor.role]);
  return actor;
}

export interface PendingEscalation {
  readonly kind: EscalationKind;
  readonly status: EscalationStatus;
  readonly requestedBy: string | null;
}

/** A team lead of the customer's team decides a pending request someone else made (four eyes). */
export function checkDecision(actor: TeamActor, customerTeamId: string | null, escalation: PendingEscalation): void {
  if (!leadsTeam(actor, customerTeamId)) throw refused('forbidden', 'decideOtherTeam', 'escalationId');
  if (escalation.status !== 'requested') throw refused('conflict', NOT_DECIDABLE[escalation.status], 'escalationId');
  if (escalation.requestedBy === actor.id) throw refused('forbidden', 'decideOwnRequest', 'escalationId');
}

/** Approving a credit hold request puts the customer on hold (see docs/TEAM.md). */
export const setsCreditHold = (kind: EscalationKind, decision: EscalationDecision): boolean => kind === 'credit_hold' && decision === 'approve';

export function decisionTitle(kind: EscalationKind, status: EscalationStatus): string {
  const label = ESCALATION_KIND_LABELS[kind];
  switch (status) {
    case 'approved':
      return `${label} approved`;
    case 'rejected':
      return `${label} request rejected`;
    case 'withdrawn':
      return `${label} request withdrawn`;
    case 'requested':
      return `${label} requested`;
  }
}

/**
 * What assigning a customer writes, however it is done (a team lead's customer.reassign, an
 * administrator's command or file): the collector, the collector's team, and by whom, when and why.
 */
export const assignmentValues = (collector: { readonly id: string; readonly teamId: string | null }, by: string | null, at: string, reason: string | null) => ({
  collector_id: collector.id,
  team_id: collector.teamId,
  assigned_by: by,
  assigned_at: at,
  assignment_reason: reason,
  updated_at: at,
});

export const reassignmentTitle = (from: string | null, to: string, by: string | null): string =>
  `Reassigned ${from === null ? '' : `from ${from} `}to ${to}${by === null ? '' : ` by ${by}`}`;

/** Monday of the week holding `date` (weeks run Monday to Sunday). */
export function weekStart(date: string): string {
  // 1970-01-05 was a Monday.
  const offset = ((daysBetween('1970-01-05', date) % 7) + 7) % 7;
  return addDays(date, -offset);
}
