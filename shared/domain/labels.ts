/**
 * English labels for every code list. Each map is a Record over its union, so adding a code to
 * codes.ts without a label fails the typecheck.
 */
import type {
  Channel,
  Direction,
  DisputeReason,
  DisputeResolution,
  DisputeStatus,
  EscalationKind,
  EscalationStatus,
  FollowUpStatus,
  ItemKind,
  Outcome,
  OverrideKind,
  PaymentMethod,
  PromiseStatus,
  RiskClass,
  Role,
  RootCause,
} from './codes';

export const ITEM_KIND_LABELS: Readonly<Record<ItemKind, string>> = {
  invoice: 'Invoice',
  credit_memo: 'Credit memo',
  debit_memo: 'Debit memo',
  payment_on_account: 'Payment on account',
};

export const RISK_CLASS_LABELS: Readonly<Record<RiskClass, string>> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};

export const CHANNEL_LABELS: Readonly<Record<Channel, string>> = {
  phone: 'Phone',
  email: 'Email',
  letter: 'Letter',
  meeting: 'Meeting',
  portal: 'Customer portal',
};

export const DIRECTION_LABELS: Readonly<Record<Direction, string>> = {
  outbound: 'Outbound',
  inbound: 'Inbound',
};

export const OUTCOME_LABELS: Readonly<Record<Outcome, string>> = {
  no_answer: 'No answer',
  left_voicemail: 'Left voicemail',
  wrong_contact: 'Wrong contact',
  call_back_later: 'Call back later',
  invoice_not_received: 'Invoice not received',
  awaiting_approval: 'Awaiting approval',
  in_payment_run: 'In payment run',
  payment_sent: 'Payment sent',
  promise_to_pay: 'Promise to pay',
  dispute_raised: 'Dispute raised',
  refused_to_pay: 'Refused to pay',
  escalated: 'Escalated',
};

export const PROMISE_STATUS_LABELS: Readonly<Record<PromiseStatus, string>> = {
  open: 'Open',
  kept: 'Kept',
  partially_kept: 'Partially kept',
  broken: 'Broken',
  cancelled: 'Cancelled',
  superseded: 'Superseded',
};

export const DISPUTE_STATUS_LABELS: Readonly<Record<DisputeStatus, string>> = {
  new: 'New',
  in_process: 'In process',
  escalated: 'Escalated',
  resolved: 'Resolved',
  closed: 'Closed',
  voided: 'Voided',
};

export const DISPUTE_REASON_LABELS: Readonly<Record<DisputeReason, string>> = {
  pricing: 'Pricing',
  quantity_short: 'Quantity short',
  damaged_or_quality: 'Damaged or quality issue',
  freight: 'Freight',
  tax: 'Tax',
  duplicate_billing: 'Duplicate billing',
  not_ordered: 'Not ordered',
  not_received: 'Not received',
  payment_already_made: 'Payment already made',
  other: 'Other',
};

export const DISPUTE_RESOLUTION_LABELS: Readonly<Record<DisputeResolution, string>> = {
  credit_memo_issued: 'Credit memo issued',
  partially_credited: 'Partially credited',
  customer_withdrew: 'Customer withdrew',
  claim_rejected: 'Claim rejected',
};

export const ROOT_CAUSE_LABELS: Readonly<Record<RootCause, string>> = {
  sales: 'Sales',
  shipping: 'Shipping',
  billing: 'Billing',
  customer_error: 'Customer error',
};

export const ESCALATION_KIND_LABELS: Readonly<Record<EscalationKind, string>> = {
  credit_hold: 'Credit hold',
  write_off: 'Write-off',
  doubtful_account: 'Doubtful account',
  payment_plan: 'Payment plan',
  legal: 'Legal action',
  agency: 'Collection agency',
};

export const ESCALATION_STATUS_LABELS: Readonly<Record<EscalationStatus, string>> = {
  requested: 'Requested',
  approved: 'Approved',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
};

export const FOLLOW_UP_STATUS_LABELS: Readonly<Record<FollowUpStatus, string>> = {
  open: 'Open',
  done: 'Done',
  cancelled: 'Cancelled',
};

export const OVERRIDE_KIND_LABELS: Readonly<Record<OverrideKind, string>> = {
  pin: 'Pinned',
  snooze: 'Snoozed',
};

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  collector: 'Collector',
  team_lead: 'Team lead',
  admin: 'Administrator',
};

export const PAYMENT_METHOD_LABELS: Readonly<Record<PaymentMethod, string>> = {
  bank_transfer: 'Bank transfer',
  direct_debit: 'Direct debit',
  card: 'Card',
  cheque: 'Cheque',
  cash: 'Cash',
  other: 'Other',
};
