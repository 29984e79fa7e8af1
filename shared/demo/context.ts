/** State shared by the generator steps: the seeded generator, the rows built so far, and row helpers. */
import type { Channel, Direction, ItemKind, Outcome, OverrideKind, PaymentMethod, Role } from '../domain/codes';
import { minorDigits } from '../domain/money';
import type { NewSharedRow } from '../sync/table-types';
import { isoDate, isoTimestamp, msOf } from './calendar';
import type { CountryProfile } from './catalog';
import type { IdFactory } from './ids';
import type { Rng } from './random';

/** A demo user: the local store's users row, with the flag as a boolean. */
export interface DemoUser {
  readonly id: string;
  readonly username: string;
  readonly display_name: string;
  readonly email: string | null;
  readonly role: Role;
  readonly team_id: string | null;
  /** The desktop's own profile (the demo collector). */
  readonly is_local_profile: boolean;
  readonly created_at: string;
}

/** A pin or snooze of the demo worklist (the desktop keeps these; they are not synced). */
export interface DemoOverride {
  readonly id: string;
  readonly customer_id: string;
  readonly kind: OverrideKind;
  readonly reason: string;
  readonly expires_at: string | null;
  readonly created_by: string;
  readonly created_at: string;
  readonly cleared_at: string | null;
}

/** The demo portfolio as each store's seed takes it: synced rows as the shared rules see them (booleans as booleans). */
export interface DemoRows {
  users: DemoUser[];
  customers: NewSharedRow<'customers'>[];
  contact_persons: NewSharedRow<'contact_persons'>[];
  open_items: NewSharedRow<'open_items'>[];
  payments: NewSharedRow<'payments'>[];
  clearings: NewSharedRow<'clearings'>[];
  activities: NewSharedRow<'activities'>[];
  promises: NewSharedRow<'promises'>[];
  promise_items: NewSharedRow<'promise_items'>[];
  disputes: NewSharedRow<'disputes'>[];
  dispute_items: NewSharedRow<'dispute_items'>[];
  dispute_events: NewSharedRow<'dispute_events'>[];
  notes: NewSharedRow<'notes'>[];
  follow_ups: NewSharedRow<'follow_ups'>[];
  escalations: NewSharedRow<'escalations'>[];
  worklist_overrides: DemoOverride[];
}

export const emptyRows = (): DemoRows => ({
  users: [],
  customers: [],
  contact_persons: [],
  open_items: [],
  payments: [],
  clearings: [],
  activities: [],
  promises: [],
  promise_items: [],
  disputes: [],
  dispute_items: [],
  dispute_events: [],
  notes: [],
  follow_ups: [],
  escalations: [],
  worklist_overrides: [],
});

export interface DemoUsers {
  readonly me: string;
  readonly lead: string;
  readonly formerCollector: string;
  readonly coordinator: string;
  readonly coordinatorName: string;
  readonly leadName: string;
}

/** An item as the generator tracks it while later steps pay, promise or dispute it. */
export interface ItemState {
  readonly row: NewSharedRow<'open_items'> & { open_minor: number; disputed_minor: number };
  readonly dueDay: number;
  readonly docDay: number;
  promised: boolean;
  disputed: boolean;
  /** Kept as generated: a sample the demo promises to show (no promise, dispute or payment touches it). */
  reserved: boolean;
}

export interface ContactRef {
  readonly id: string;
  readonly name: string;
}

export interface CustomerState {
  readonly index: number;
  readonly id: string;
  readonly name: string;
  readonly country: CountryProfile;
  readonly currency: string;
  readonly secondCurrency: string | null;
  readonly termsDays: number;
  readonly latenessDays: number;
  readonly sizeFactor: number;
  readonly sinceDay: number;
  readonly contacts: ContactRef[];
  readonly items: ItemState[];
  /** Days between the last generic contact and the as-of date. */
  readonly contactGapDays: number;
  /** Set when a credit-hold escalation was approved, so the ERP flag agrees. */
  holdApproved: boolean;
}

export interface GenContext {
  readonly rng: Rng;
  readonly id: IdFactory;
  /** Day number of the as-of date. */
  readonly asOfDay: number;
  /** When the ERP last delivered: the evening before the as-of date. */
  readonly erpSyncedAt: string;
  readonly rows: DemoRows;
  readonly users: DemoUsers;
  readonly counters: Record<ItemKind | 'payment', number>;
}

const DOCUMENT_PREFIX: Record<ItemKind | 'payment', string> = {
  invoice: '90',
  debit_memo: '80',
  credit_memo: '70',
  payment_on_account: '14',
  payment: '15',
};

/** ERP-style ten-digit document numbers, one range per kind. */
export function nextDocumentNumber(ctx: GenContext, kind: ItemKind | 'payment'): string {
  ctx.counters[kind] += 1;
  return DOCUMENT_PREFIX[kind] + String(ctx.counters[kind]).padStart(8, '0');
}

/** A time during office hours on that day (UTC). */
export function officeTime(ctx: GenContext, day: number): number {
  return msOf(day, ctx.rng.int(7 * 60, 17 * 60 + 30));
}

/** `EUR 1,234.56` for note texts; grouping by hand because Intl was the generator's hot spot. */
export function money(amountMinor: number, currency: string): string {
  const digits = minorDigits(currency);
  const sign = amountMinor < 0 ? '-' : '';
  const absolute = Math.abs(amountMinor);
  const factor = 10 ** digits;
  const whole = String(Math.floor(absolute / factor)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = digits > 0 ? `.${String(absolute % factor).padStart(digits, '0')}` : '';
  return `${currency} ${sign}${whole}${fraction}`;
}

export function addItem(
  ctx: GenContext,
  customer: CustomerState,
  item: {
    kind: ItemKind;
    docDay: number;
    dueDay: number;
    currency: string;
    originalMinor: number;
    openMinor: number;
    reference: string | null;
    dunningLevel: number;
    clearedDay: number | null;
  },
): ItemState {
  const documentNumber = nextDocumentNumber(ctx, item.kind);
  const row = {
    id: ctx.id(msOf(item.docDay, 360)),
    erp_key: `1000/${isoDate(item.docDay).slice(0, 4)}/${documentNumber}`,
    customer_id: customer.id,
    kind: item.kind,
    document_number: documentNumber,
    reference: item.reference,
    document_date: isoDate(item.docDay),
    due_date: isoDate(item.dueDay),
    currency: item.currency,
    original_minor: item.originalMinor,
    open_minor: item.openMinor,
    disputed_minor: 0,
    dunning_level: item.dunningLevel,
    cleared_at: item.clearedDay === null ? null : isoDate(item.clearedDay),
    updated_at: ctx.erpSyncedAt,
  };
  ctx.rows.open_items.push(row);
  const state: ItemState = { row, dueDay: item.dueDay, docDay: item.docDay, promised: false, disputed: false, reserved: false };
  if (item.openMinor !== 0) customer.items.push(state);
  return state;
}

export function addPayment(
  ctx: GenContext,
  customer: CustomerState,
  payment: { amountMinor: number; currency: string; valueDay: number; method: PaymentMethod; reference: string | null },
): string {
  const number = nextDocumentNumber(ctx, 'payment');
  const id = ctx.id(msOf(payment.valueDay, 480));
  ctx.rows.payments.push({
    id,
    erp_key: `1000/${isoDate(payment.valueDay).slice(0, 4)}/${number}`,
    customer_id: customer.id,
    amount_minor: payment.amountMinor,
    currency: payment.currency,
    value_date: isoDate(payment.valueDay),
    method: payment.method,
    reference: payment.reference,
    updated_at: ctx.erpSyncedAt,
  });
  return id;
}

export function addClearing(ctx: GenContext, paymentId: string | null, item: ItemState['row'], amountMinor: number, day: number): void {
  ctx.rows.clearings.push({
    id: ctx.id(msOf(day, 490)),
    payment_id: paymentId,
    open_item_id: item.id,
    amount_minor: amountMinor,
    currency: item.currency,
    cleared_on: isoDate(day),
  });
}

export const PAYMENT_METHOD_WEIGHTS: readonly (readonly [PaymentMethod, number])[] = [
  ['bank_transfer', 78],
  ['direct_debit', 10],
  ['card', 4],
  ['cheque', 5],
  ['other', 3],
];

export function addActivity(
  ctx: GenContext,
  customer: CustomerState,
  activity: {
    at: number;
    channel: Channel;
    direction: Direction;
    outcome: Outcome;
    note: string;
    durationSeconds: number | null;
    followUpDay: number | null;
    userId: string | null;
    contact: ContactRef | null;
  },
): string {
  const id = ctx.id(activity.at);
  const { contact } = activity;
  const at = isoTimestamp(activity.at);
  ctx.rows.activities.push({
    id,
    customer_id: customer.id,
    contact_person_id: contact?.id ?? null,
    channel: activity.channel,
    direction: activity.direction,
    outcome: activity.outcome,
    note: activity.note,
    duration_seconds: activity.durationSeconds,
    follow_up_date: activity.followUpDay === null ? null : isoDate(activity.followUpDay),
    occurred_at: at,
    user_id: activity.userId,
    created_at: at,
  });
  return id;
}

/** Who was reached: usually one of the customer's contact persons, sometimes just the AP team. */
export const pickContact = (ctx: GenContext, customer: CustomerState): ContactRef | null =>
  customer.contacts.length > 0 && ctx.rng.chance(0.85) ? ctx.rng.pick(customer.contacts) : null;

/** How a note names the person: the first name, or the AP team when nobody specific was reached. */
export const personOf = (contact: ContactRef | null): string => contact?.name.split(' ')[0] ?? 'AP team';

export function fillTemplate(template: string, values: { person: string; doc: string; amount: string; date: string; reason?: string }): string {
  return template
    .replace('{person}', values.person)
    .replace('{doc}', values.doc)
    .replace('{amount}', values.amount)
    .replace('{date}', values.date)
    .replace('{reason}', values.reason ?? '');
}
