/**
 * Renderer-only labels; domain code labels come from shared/domain/labels in English, and from
 * the key maps below in the interface language (`t(OUTCOME_LABEL_KEYS[code])`). Each map is
 * `satisfies` a Record over its union, so a code added to codes.ts without a key fails the typecheck.
 */
import type { TimelineType } from '../../../shared/api/schemas';
import type {
  Channel,
  Direction,
  DisputeReason,
  DisputeResolution,
  DisputeStatus,
  EscalationKind,
  EscalationStatus,
  Outcome,
  PaymentMethod,
  PromiseStatus,
  RiskClass,
  Role,
  RootCause,
} from '../../../shared/domain/codes';
import { i18n } from '../i18n/i18n';

/** Read when shown (getters), so the labels follow the interface language. */
export const TIMELINE_TYPE_LABELS: Readonly<Record<TimelineType, string>> = {
  get activity() {
    return i18n.t('common.timelineType.activity');
  },
  get payment() {
    return i18n.t('common.timelineType.payment');
  },
  get promise() {
    return i18n.t('common.timelineType.promise');
  },
  get dispute() {
    return i18n.t('common.timelineType.dispute');
  },
  get note() {
    return i18n.t('common.timelineType.note');
  },
  get follow_up() {
    return i18n.t('common.timelineType.follow_up');
  },
  get escalation() {
    return i18n.t('common.timelineType.escalation');
  },
};

export const labelOf = (labels: Readonly<Record<string, string>>, code: string): string => labels[code] ?? code.replaceAll('_', ' ');

export const RISK_CLASS_LABEL_KEYS = {
  low: 'common.codes.riskClass.low',
  medium: 'common.codes.riskClass.medium',
  high: 'common.codes.riskClass.high',
  critical: 'common.codes.riskClass.critical',
} as const satisfies Record<RiskClass, string>;

export const CHANNEL_LABEL_KEYS = {
  phone: 'common.codes.channel.phone',
  email: 'common.codes.channel.email',
  letter: 'common.codes.channel.letter',
  meeting: 'common.codes.channel.meeting',
  portal: 'common.codes.channel.portal',
} as const satisfies Record<Channel, string>;

export const DIRECTION_LABEL_KEYS = {
  outbound: 'common.codes.direction.outbound',
  inbound: 'common.codes.direction.inbound',
} as const satisfies Record<Direction, string>;

export const OUTCOME_LABEL_KEYS = {
  no_answer: 'common.codes.outcome.no_answer',
  left_voicemail: 'common.codes.outcome.left_voicemail',
  wrong_contact: 'common.codes.outcome.wrong_contact',
  call_back_later: 'common.codes.outcome.call_back_later',
  invoice_not_received: 'common.codes.outcome.invoice_not_received',
  awaiting_approval: 'common.codes.outcome.awaiting_approval',
  in_payment_run: 'common.codes.outcome.in_payment_run',
  payment_sent: 'common.codes.outcome.payment_sent',
  promise_to_pay: 'common.codes.outcome.promise_to_pay',
  dispute_raised: 'common.codes.outcome.dispute_raised',
  refused_to_pay: 'common.codes.outcome.refused_to_pay',
  escalated: 'common.codes.outcome.escalated',
} as const satisfies Record<Outcome, string>;

export const PROMISE_STATUS_LABEL_KEYS = {
  open: 'common.codes.promiseStatus.open',
  kept: 'common.codes.promiseStatus.kept',
  partially_kept: 'common.codes.promiseStatus.partially_kept',
  broken: 'common.codes.promiseStatus.broken',
  cancelled: 'common.codes.promiseStatus.cancelled',
  superseded: 'common.codes.promiseStatus.superseded',
} as const satisfies Record<PromiseStatus, string>;

export const DISPUTE_STATUS_LABEL_KEYS = {
  new: 'common.codes.disputeStatus.new',
  in_process: 'common.codes.disputeStatus.in_process',
  escalated: 'common.codes.disputeStatus.escalated',
  resolved: 'common.codes.disputeStatus.resolved',
  closed: 'common.codes.disputeStatus.closed',
  voided: 'common.codes.disputeStatus.voided',
} as const satisfies Record<DisputeStatus, string>;

export const DISPUTE_REASON_LABEL_KEYS = {
  pricing: 'common.codes.disputeReason.pricing',
  quantity_short: 'common.codes.disputeReason.quantity_short',
  damaged_or_quality: 'common.codes.disputeReason.damaged_or_quality',
  freight: 'common.codes.disputeReason.freight',
  tax: 'common.codes.disputeReason.tax',
  duplicate_billing: 'common.codes.disputeReason.duplicate_billing',
  not_ordered: 'common.codes.disputeReason.not_ordered',
  not_received: 'common.codes.disputeReason.not_received',
  payment_already_made: 'common.codes.disputeReason.payment_already_made',
  other: 'common.codes.disputeReason.other',
} as const satisfies Record<DisputeReason, string>;

export const DISPUTE_RESOLUTION_LABEL_KEYS = {
  credit_memo_issued: 'common.codes.disputeResolution.credit_memo_issued',
  partially_credited: 'common.codes.disputeResolution.partially_credited',
  customer_withdrew: 'common.codes.disputeResolution.customer_withdrew',
  claim_rejected: 'common.codes.disputeResolution.claim_rejected',
} as const satisfies Record<DisputeResolution, string>;

export const ROOT_CAUSE_LABEL_KEYS = {
  sales: 'common.codes.rootCause.sales',
  shipping: 'common.codes.rootCause.shipping',
  billing: 'common.codes.rootCause.billing',
  customer_error: 'common.codes.rootCause.customer_error',
} as const satisfies Record<RootCause, string>;

export const ESCALATION_KIND_LABEL_KEYS = {
  credit_hold: 'common.codes.escalationKind.credit_hold',
  write_off: 'common.codes.escalationKind.write_off',
  doubtful_account: 'common.codes.escalationKind.doubtful_account',
  payment_plan: 'common.codes.escalationKind.payment_plan',
  legal: 'common.codes.escalationKind.legal',
  agency: 'common.codes.escalationKind.agency',
} as const satisfies Record<EscalationKind, string>;

export const ESCALATION_STATUS_LABEL_KEYS = {
  requested: 'common.codes.escalationStatus.requested',
  approved: 'common.codes.escalationStatus.approved',
  rejected: 'common.codes.escalationStatus.rejected',
  withdrawn: 'common.codes.escalationStatus.withdrawn',
} as const satisfies Record<EscalationStatus, string>;

export const ROLE_LABEL_KEYS = {
  collector: 'common.codes.role.collector',
  team_lead: 'common.codes.role.team_lead',
  admin: 'common.codes.role.admin',
} as const satisfies Record<Role, string>;

export const PAYMENT_METHOD_LABEL_KEYS = {
  bank_transfer: 'common.codes.paymentMethod.bank_transfer',
  direct_debit: 'common.codes.paymentMethod.direct_debit',
  card: 'common.codes.paymentMethod.card',
  cheque: 'common.codes.paymentMethod.cheque',
  cash: 'common.codes.paymentMethod.cash',
  other: 'common.codes.paymentMethod.other',
} as const satisfies Record<PaymentMethod, string>;
