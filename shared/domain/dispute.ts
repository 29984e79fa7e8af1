/**
 * The dispute case life cycle (DOMAIN.md): new -> in_process -> (escalated ->) resolved -> closed,
 * reopen from resolved or closed, void from new or in_process. One table of allowed moves, so the
 * client, the server and the UI's buttons cannot disagree.
 */
import { refused, type RefusalKey } from '../i18n/refusals';
import type { DisputeResolution, DisputeStatus, RootCause } from './codes';

export const DISPUTE_ACTIONS = ['start', 'escalate', 'resolve', 'close', 'reopen', 'void'] as const;
export type DisputeAction = (typeof DISPUTE_ACTIONS)[number];

const TRANSITIONS: Readonly<Record<DisputeAction, { readonly from: readonly DisputeStatus[]; readonly to: DisputeStatus }>> = {
  start: { from: ['new'], to: 'in_process' },
  escalate: { from: ['new', 'in_process'], to: 'escalated' },
  resolve: { from: ['in_process', 'escalated'], to: 'resolved' },
  close: { from: ['resolved'], to: 'closed' },
  reopen: { from: ['resolved', 'closed'], to: 'in_process' },
  void: { from: ['new', 'in_process'], to: 'voided' },
};

/**
 * Why a move from a status is refused: the status and the moves it allows (TRANSITIONS), one key
 * per status, so no status or action is a parameter. A new move in TRANSITIONS needs its words here.
 */
const NOT_ALLOWED: Readonly<Record<DisputeStatus, RefusalKey>> = {
  new: 'disputeIsNew',
  in_process: 'disputeIsInProcess',
  escalated: 'disputeIsEscalated',
  resolved: 'disputeIsResolved',
  closed: 'disputeIsClosed',
  voided: 'disputeIsVoided',
};

export const OPEN_DISPUTE_STATUSES: readonly DisputeStatus[] = ['new', 'in_process', 'escalated'];

export const isOpenDispute = (status: DisputeStatus): boolean => OPEN_DISPUTE_STATUSES.includes(status);

export const allowedDisputeActions = (status: DisputeStatus): DisputeAction[] =>
  DISPUTE_ACTIONS.filter((action) => TRANSITIONS[action].from.includes(status));

export interface DisputeResolutionInput {
  readonly resolution: DisputeResolution;
  readonly rootCause: RootCause;
}

/**
 * The status after `action`, or a DomainError('conflict') naming the current status and the moves
 * it allows when this one is not allowed. Resolving needs a resolution and a root cause.
 */
export function transitionDispute(status: DisputeStatus, action: DisputeAction, resolution?: DisputeResolutionInput): DisputeStatus {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(status)) throw refused('conflict', NOT_ALLOWED[status], 'action');
  if (action === 'resolve' && resolution === undefined) throw refused('validation', 'disputeResolveNeedsResolution', 'resolution');
  return rule.to;
}

