/** What the team screen's approvals list shows and what the decision dialog is opened with. */
import type { OperationOutput } from '../../../shared/api/contract';
import type { EscalationKind } from '../../../shared/domain/codes';

export type PendingEscalation = OperationOutput<'team.escalations'>[number];

export interface DecisionRequest {
  readonly escalation: PendingEscalation;
  readonly decision: 'approve' | 'reject';
}

/** Each kind as a sentence names it ("Approve write-off"): lower case in English, a noun keeps its capital in German. */
export const KIND_IN_SENTENCE = {
  credit_hold: 'team.kind.creditHold',
  write_off: 'team.kind.writeOff',
  doubtful_account: 'team.kind.doubtfulAccount',
  payment_plan: 'team.kind.paymentPlan',
  legal: 'team.kind.legal',
  agency: 'team.kind.agency',
} as const satisfies Readonly<Record<EscalationKind, string>>;
