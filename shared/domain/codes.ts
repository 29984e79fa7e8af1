/**
 * Code lists of the collections domain (see ../shared/DOMAIN.md). Each list is the single
 * source for the zod enums of the API contract, the SQLite CHECK constraints and the UI labels.
 */

export const ITEM_KINDS = ['invoice', 'credit_memo', 'debit_memo', 'payment_on_account'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const RISK_CLASSES = ['low', 'medium', 'high', 'critical'] as const;
export type RiskClass = (typeof RISK_CLASSES)[number];

export const CHANNELS = ['phone', 'email', 'letter', 'meeting', 'portal'] as const;
export type Channel = (typeof CHANNELS)[number];

export const DIRECTIONS = ['outbound', 'inbound'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const OUTCOMES = [
  'no_answer',
  'left_voicemail',
  'wrong_contact',
  'call_back_later',
  'invoice_not_received',
  'awaiting_approval',
  'in_payment_run',
  'payment_sent',
  'promise_to_pay',
  'dispute_raised',
  'refused_to_pay',
  'escalated',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const PROMISE_STATUSES = ['open', 'kept', 'partially_kept', 'broken', 'cancelled', 'superseded'] as const;
export type PromiseStatus = (typeof PROMISE_STATUSES)[number];

export const DISPUTE_STATUSES = ['new', 'in_process', 'escalated', 'resolved', 'closed', 'voided'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

export const DISPUTE_REASONS = [
  'pricing',
  'quantity_short',
  'damaged_or_quality',
  'freight',
  'tax',
  'duplicate_billing',
  'not_ordered',
  'not_received',
  'payment_already_made',
  'other',
] as const;
export type DisputeReason = (typeof DISPUTE_REASONS)[number];

export const DISPUTE_RESOLUTIONS = ['credit_memo_issued', 'partially_credited', 'customer_withdrew', 'claim_rejected'] as const;
export type DisputeResolution = (typeof DISPUTE_RESOLUTIONS)[number];

export const ROOT_CAUSES = ['sales', 'shipping', 'billing', 'customer_error'] as const;
export type RootCause = (typeof ROOT_CAUSES)[number];

export const ESCALATION_KINDS = ['credit_hold', 'write_off', 'doubtful_account', 'payment_plan', 'legal', 'agency'] as const;
export type EscalationKind = (typeof ESCALATION_KINDS)[number];

export const ESCALATION_STATUSES = ['requested', 'approved', 'rejected', 'withdrawn'] as const;
export type EscalationStatus = (typeof ESCALATION_STATUSES)[number];

export const FOLLOW_UP_STATUSES = ['open', 'done', 'cancelled'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

export const OVERRIDE_KINDS = ['pin', 'snooze'] as const;
export type OverrideKind = (typeof OVERRIDE_KINDS)[number];

export const ROLES = ['collector', 'team_lead', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const PAYMENT_METHODS = ['bank_transfer', 'direct_debit', 'card', 'cheque', 'cash', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
