/**
 * Team lead rules shared by the local commands and the server appliers: who may reassign
 * customers and decide escalation requests, and what a decision changes.
 */
import { DomainError } from '../api/result';
import type { EscalationKind, EscalationStatus, Role } from './codes';
import { addDays, daysBetween } from './dates';
import { ESCALATION_KIND_LABELS, ROLE_LABELS } from './labels';

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

/**
 * Refused for lack of rights. The API has no `forbidden` code yet (shared/api/result.ts), so the
 * refusal travels as `validation`; the message says what right is missing.
 */
export const refused = (message: string, field?: string): DomainError => new DomainError('forbidden', message, field);

const leadsTeam = (actor: TeamActor, teamId: string | null): boolean => actor.role === 'team_lead' && actor.teamId !== null && actor.teamId === teamId;

/** Reassigning: an admin anywhere, a team lead within their own team. */
export function mayReassignWithin(actor: TeamActor, teamId: string | null): boolean {
  return actor.role === 'admin' || leadsTeam(actor, teamId);
}

export function requireReassigner<A extends TeamActor>(actor: A | null): A {
  if (actor === null) throw refused('Sign in first: reassigning customers needs a team lead profile.');
  if (actor.role !== 'team_lead' && actor.role !== 'admin') {
    throw refused(`Only a team lead can reassign customers; you are signed in as ${ROLE_LABELS[actor.role].toLowerCase()}.`);
  }
  return actor;
}

/** The target must be an active collector of the actor's team (any team for an admin). */
export function checkReassignTarget(actor: TeamActor, target: ReassignTarget): void {
  if (target.role !== 'collector') throw new DomainError('validation', `${target.displayName} is a ${ROLE_LABELS[target.role].toLowerCase()}, not a collector`, 'toCollectorId');
  if (target.disabled) throw new DomainError('validation', `${target.displayName} is disabled`, 'toCollectorId');
  if (!mayReassignWithin(actor, target.teamId)) throw refused(`${target.displayName} is not a collector of your team`, 'toCollectorId');
}

export function requireDecider<A extends TeamActor>(actor: A | null): A {
  if (actor === null) throw refused('Sign in first: deciding escalations needs a team lead profile.');
  if (actor.role !== 'team_lead') throw refused(`Only a team lead can approve or reject escalation requests; you are signed in as ${ROLE_LABELS[actor.role].toLowerCase()}.`);
  return actor;
}

export interface PendingEscalation {
  readonly kind: EscalationKind;
  readonly status: EscalationStatus;
  readonly requestedBy: string | null;
}

/** A team lead of the customer's team decides a pending request someone else made (four eyes). */
export function checkDecision(actor: TeamActor, customerTeamId: string | null, escalation: PendingEscalation): void {
  if (!leadsTeam(actor, customerTeamId)) throw refused("Only a team lead of this customer's team can decide its escalations", 'escalationId');
  if (escalation.status !== 'requested') throw new DomainError('conflict', `only a pending request can be decided; this one is ${escalation.status}`, 'escalationId');
  if (escalation.requestedBy === actor.id) throw refused('You made this request yourself; another team lead has to decide it', 'escalationId');
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
