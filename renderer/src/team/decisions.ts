/** What the team screen's approvals list shows and what the decision dialog is opened with. */
import type { OperationOutput } from '../../../shared/api/contract';

export type PendingEscalation = OperationOutput<'team.escalations'>[number];

export interface DecisionRequest {
  readonly escalation: PendingEscalation;
  readonly decision: 'approve' | 'reject';
}
