/** Static vocabulary of the demo portfolio: countries, roles, note texts. */
import type { Channel, DisputeReason, EscalationKind, Outcome } from '../domain/codes';

export interface CountryProfile {
  readonly code: string;
  readonly currency: string;
  /** Key into the faker locales of names.ts. */
  readonly locale: 'de' | 'de_AT' | 'de_CH' | 'en_GB' | 'en_US' | 'fr' | 'nl' | 'nl_BE' | 'sv' | 'pl' | 'it' | 'es' | 'en_IE';
  readonly dialCode: string;
  readonly domain: string;
  /** Relative share of customers. */
  readonly weight: number;
}

export const COUNTRIES: readonly CountryProfile[] = [
  { code: 'DE', currency: 'EUR', locale: 'de', dialCode: '+49', domain: 'de', weight: 28 },
  { code: 'US', currency: 'USD', locale: 'en_US', dialCode: '+1', domain: 'com', weight: 18 },
  { code: 'GB', currency: 'GBP', locale: 'en_GB', dialCode: '+44', domain: 'co.uk', weight: 12 },
  { code: 'CH', currency: 'CHF', locale: 'de_CH', dialCode: '+41', domain: 'ch', weight: 5 },
  { code: 'SE', currency: 'SEK', locale: 'sv', dialCode: '+46', domain: 'se', weight: 4 },
  { code: 'PL', currency: 'PLN', locale: 'pl', dialCode: '+48', domain: 'pl', weight: 4 },
  { code: 'FR', currency: 'EUR', locale: 'fr', dialCode: '+33', domain: 'fr', weight: 9 },
  { code: 'NL', currency: 'EUR', locale: 'nl', dialCode: '+31', domain: 'nl', weight: 6 },
  { code: 'AT', currency: 'EUR', locale: 'de_AT', dialCode: '+43', domain: 'at', weight: 4 },
  { code: 'BE', currency: 'EUR', locale: 'nl_BE', dialCode: '+32', domain: 'be', weight: 3 },
  { code: 'IT', currency: 'EUR', locale: 'it', dialCode: '+39', domain: 'it', weight: 4 },
  { code: 'ES', currency: 'EUR', locale: 'es', dialCode: '+34', domain: 'es', weight: 2 },
  { code: 'IE', currency: 'EUR', locale: 'en_IE', dialCode: '+353', domain: 'ie', weight: 1 },
];

/** Median invoice in major units, per currency. */
export const MEDIAN_INVOICE: Readonly<Record<string, number>> = {
  EUR: 1_900,
  USD: 2_200,
  GBP: 1_600,
  CHF: 2_400,
  SEK: 21_000,
  PLN: 8_000,
};

export const PAYMENT_TERMS: readonly (readonly [{ label: string; days: number }, number])[] = [
  [{ label: 'Net 14', days: 14 }, 10],
  [{ label: 'Net 30', days: 30 }, 45],
  [{ label: 'Net 45', days: 45 }, 15],
  [{ label: 'Net 60', days: 60 }, 18],
  [{ label: 'Net 90', days: 90 }, 5],
  [{ label: '2/10 Net 30', days: 30 }, 7],
];

export const CONTACT_ROLES: readonly (readonly [string, number])[] = [
  ['Accounts Payable Clerk', 40],
  ['Accounts Payable Manager', 20],
  ['Financial Controller', 15],
  ['Head of Finance', 8],
  ['Treasury Analyst', 7],
  ['Purchasing Manager', 6],
  ['Managing Director', 4],
];

export const CHANNEL_WEIGHTS: readonly (readonly [Channel, number])[] = [
  ['phone', 55],
  ['email', 32],
  ['portal', 6],
  ['letter', 4],
  ['meeting', 3],
];

export const OUTCOME_WEIGHTS: Readonly<Record<Channel, readonly (readonly [Outcome, number])[]>> = {
  phone: [
    ['no_answer', 22],
    ['left_voicemail', 18],
    ['wrong_contact', 3],
    ['call_back_later', 12],
    ['invoice_not_received', 6],
    ['awaiting_approval', 9],
    ['in_payment_run', 11],
    ['payment_sent', 8],
    ['refused_to_pay', 2],
    ['escalated', 1],
  ],
  email: [
    ['invoice_not_received', 14],
    ['awaiting_approval', 16],
    ['in_payment_run', 20],
    ['payment_sent', 22],
    ['call_back_later', 10],
    ['wrong_contact', 4],
    ['refused_to_pay', 2],
  ],
  portal: [
    ['in_payment_run', 30],
    ['awaiting_approval', 30],
    ['invoice_not_received', 20],
    ['payment_sent', 20],
  ],
  letter: [
    ['no_answer', 60],
    ['payment_sent', 25],
    ['escalated', 15],
  ],
  meeting: [
    ['awaiting_approval', 30],
    ['in_payment_run', 30],
    ['payment_sent', 20],
    ['escalated', 20],
  ],
};

/** `{person}` `{doc}` `{amount}` `{date}` are filled in by the generator. */
export const OUTCOME_NOTES: Readonly<Record<Outcome, readonly string[]>> = {
  no_answer: ['No answer.', 'Rang out, no voicemail.', 'No reply to reminder.', 'Switchboard did not pick up.'],
  left_voicemail: [
    'Left voicemail for {person} about overdue {doc}.',
    'Voicemail left, asked {person} to call back regarding {amount}.',
    'Left message with reception for {person}.',
  ],
  wrong_contact: [
    'Wrong contact; {person} moved to another department.',
    'Number belongs to purchasing, asked for AP contact.',
    'Email bounced, contact left the company.',
  ],
  call_back_later: [
    '{person} asked to call back next week.',
    '{person} in a meeting, call back on {date}.',
    'AP team busy with month-end close, call back later.',
  ],
  invoice_not_received: [
    '{person} says {doc} was never received; sent a copy.',
    'Invoice {doc} not in their system, resent PDF to AP mailbox.',
    'Copy of {doc} requested for their records.',
  ],
  awaiting_approval: [
    '{doc} waiting for approval by the budget owner.',
    'Invoice approved by purchasing, waiting for finance sign-off.',
    '{person}: approval workflow stuck, chasing internally.',
  ],
  in_payment_run: [
    '{doc} scheduled in the payment run of {date}.',
    '{person} confirms {amount} is in the next payment run.',
    'Included in Friday payment run per {person}.',
  ],
  payment_sent: [
    '{person} says {amount} was paid on {date}; remittance advice promised.',
    'Payment sent, remittance to follow.',
    'Customer confirms transfer for {doc}.',
  ],
  promise_to_pay: [
    '{person} promises {amount} by {date}.',
    'Promise to pay {amount} on {date} for {doc}.',
    'Agreed payment of {amount} by {date}.',
  ],
  dispute_raised: [
    '{person} disputes {doc}: {reason}.',
    'Customer raised a dispute on {doc} ({reason}).',
  ],
  refused_to_pay: [
    '{person} refuses to pay {doc} until the issue is settled.',
    'Customer will not pay before a credit note is issued.',
  ],
  escalated: [
    'Escalated to team lead: no payment despite repeated reminders.',
    'Escalated, asked the Head of Finance to intervene on {amount}.',
  ],
};

export const DISPUTE_REASON_TEXT: Readonly<Record<DisputeReason, string>> = {
  pricing: 'price differs from the agreed price list',
  quantity_short: 'fewer units delivered than invoiced',
  damaged_or_quality: 'goods arrived damaged',
  freight: 'freight charges not agreed',
  tax: 'wrong VAT rate applied',
  duplicate_billing: 'invoiced twice for the same delivery',
  not_ordered: 'items were not ordered',
  not_received: 'delivery never arrived',
  payment_already_made: 'claims the invoice was already paid',
  other: 'missing purchase order on the invoice',
};

export const ESCALATION_REASONS: Readonly<Record<EscalationKind, string>> = {
  credit_hold: 'Repeated broken promises; stop further deliveries until the overdue balance is paid.',
  write_off: 'Small residual balance after settlement, not worth pursuing.',
  doubtful_account: 'Customer reports liquidity problems; provision for doubtful debt.',
  payment_plan: 'Customer asks to pay the overdue balance in monthly instalments.',
  legal: 'No reaction to final demand; hand over to legal.',
  agency: 'Hand over to the collection agency after the final demand.',
};

export const NOTE_TEXTS: readonly string[] = [
  'Customer pays only on the 15th and the last working day of the month.',
  'Invoices must quote the purchase order number, otherwise AP rejects them.',
  'New ERP at the customer since spring; expect delays with approvals.',
  'Prefers email over phone; AP mailbox is monitored daily.',
  'Statement of account sent; customer to reconcile by end of month.',
  'Remittance advices arrive late; check bank statements before chasing.',
  'Credit limit review scheduled with the credit manager.',
  'Customer asked for a copy of all open invoices as one PDF.',
  'Group company pays centrally from the holding account.',
  'Agreed to call the controller directly for amounts above the usual size.',
  'Customer under new ownership; confirm billing address.',
  'Seasonal business; cash is tight in the first quarter.',
];

export const NOTE_EDITS: readonly string[] = [
  ' Update: confirmed again on the last call.',
  ' Update: contact person changed, see contacts.',
  ' Correction: applies to the subsidiary as well.',
];

export const FOLLOW_UP_TITLES: readonly string[] = [
  'Call back about overdue invoices',
  'Check payment run result',
  'Chase remittance advice',
  'Send statement of account',
  'Check whether the promised payment arrived',
  'Ask whether the invoices are approved',
  'Resend invoice copies',
  'Confirm approval of invoices',
];

export const DISPUTE_EVENT_COMMENTS: readonly string[] = [
  'Forwarded to sales for review.',
  'Proof of delivery requested from logistics.',
  'Price list checked with the account manager.',
  'Customer sent photos of the damaged goods.',
  'Waiting for the customer’s goods receipt.',
  '',
];
