/**
 * The quick-log panel's state as one plain object: built from the account and the contact
 * defaults, restored from a saved draft, and turned into the commands' inputs.
 */
import type { OperationInput, OperationOutput } from '../../../shared/api/contract';
import { owedOnItems } from '../../../shared/domain/owed-items';
import type { Channel, Direction, DisputeReason, Outcome, PaymentMethod } from '../../../shared/domain/codes';
import { CHANNEL_LABELS, DIRECTION_LABELS, DISPUTE_REASON_LABELS, OUTCOME_LABELS, PAYMENT_METHOD_LABELS } from '../../../shared/domain/labels';
import { OUTCOME_LABEL_KEYS } from '../common/labels';
import { PSEUDO_LANGUAGE } from '../../../shared/i18n/languages';
import { i18n } from '../i18n/i18n';
import { amountText, parseAmount, type ContactForm, type DisputeForm, type DisputeItemForm, type PromiseForm } from './validation';

type Account = OperationOutput<'customer.account'>;
type OpenItem = Account['openItems'][number];

export interface WorkForm {
  readonly contact: ContactForm;
  readonly promise: PromiseForm;
  readonly dispute: DisputeForm;
}

const undisputed = (item: OpenItem) => Math.max(0, item.openMinor - item.disputedMinor);

/** What the selected items still owe and is not disputed; undefined without items or with mixed currencies. */
export function itemsOpenTotal(items: readonly OpenItem[]): number | undefined {
  if (items.length === 0 || new Set(items.map((item) => item.currency)).size > 1) return undefined;
  return items.reduce((sum, item) => sum + undisputed(item), 0);
}

/**
 * What a promise in `currency` may ask for at most (shared/domain/owed-items.ts, the commands' own
 * rule): what the selected items still owe, or without items what the account owes in that currency.
 */
export function promiseCeiling(account: Account, selected: readonly OpenItem[], currency: string): number {
  const scope = selected.length > 0 ? selected : account.openItems.filter((item) => item.currency === currency && item.openMinor !== 0);
  return owedOnItems(scope.map((item) => ({ open_minor: item.openMinor, disputed_minor: item.disputedMinor })));
}

export function initialForm(account: Account, items: readonly OpenItem[], defaults: OperationOutput<'contact.defaults'> | null): WorkForm {
  const currency = items[0]?.currency ?? account.customer.currency;
  const total = itemsOpenTotal(items);
  return {
    contact: {
      channel: defaults?.channel ?? 'phone',
      direction: defaults?.direction ?? 'outbound',
      contactPersonId: defaults?.contactPersonId ?? '',
      newName: '',
      newPhone: '',
      newEmail: '',
      outcome: '',
      note: '',
      durationMinutes: '',
      followUpDate: '',
    },
    promise: {
      amount: total !== undefined ? amountText(total, currency) : '',
      currency,
      promisedDate: '',
      itemIds: items.map((item) => item.id),
      paymentMethod: '',
      note: '',
      plan: false,
      instalments: [],
    },
    dispute: {
      items: items.map((item) => disputeItem(item, amountText(undisputed(item), item.currency))),
      reasonCode: '',
      description: '',
      dueDate: '',
      ownerId: '',
    },
  };
}

const disputeItem = (item: OpenItem, amount: string): DisputeItemForm => ({
  itemId: item.id,
  documentNumber: item.documentNumber,
  openMinor: undisputed(item),
  currency: item.currency,
  amount,
});

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown, fallback: string): string => (typeof value === 'string' ? value : fallback);
const code = <T extends string>(labels: Readonly<Record<T, string>>, value: unknown, fallback: T | ''): T | '' =>
  typeof value === 'string' && Object.hasOwn(labels, value) ? (value as T) : fallback;

/**
 * Lays a saved draft over the fresh form. The items always come from the current selection when
 * there is one (amounts typed for the same items are kept); anything malformed is ignored.
 */
export function restoreDraft(fresh: WorkForm, raw: unknown): WorkForm {
  if (!isRecord(raw)) return fresh;
  const c = isRecord(raw.contact) ? raw.contact : {};
  const p = isRecord(raw.promise) ? raw.promise : {};
  const d = isRecord(raw.dispute) ? raw.dispute : {};
  const channel = code<Channel>(CHANNEL_LABELS, c.channel, fresh.contact.channel);
  const direction = code<Direction>(DIRECTION_LABELS, c.direction, fresh.contact.direction);
  const contact: ContactForm = {
    channel: channel === '' ? fresh.contact.channel : channel,
    direction: direction === '' ? fresh.contact.direction : direction,
    contactPersonId: str(c.contactPersonId, fresh.contact.contactPersonId),
    newName: str(c.newName, ''),
    newPhone: str(c.newPhone, ''),
    newEmail: str(c.newEmail, ''),
    outcome: code<Outcome>(OUTCOME_LABELS, c.outcome, ''),
    note: str(c.note, ''),
    durationMinutes: str(c.durationMinutes, ''),
    followUpDate: str(c.followUpDate, ''),
  };
  const draftInstalments = Array.isArray(p.instalments) ? p.instalments.filter(isRecord).map((i) => ({ date: str(i.date, ''), amount: str(i.amount, '') })) : [];
  const keepItems = fresh.promise.itemIds.length === 0 && Array.isArray(p.itemIds) && p.itemIds.every((id) => typeof id === 'string');
  const promise: PromiseForm = {
    ...fresh.promise,
    amount: keepItems || fresh.promise.itemIds.length === 0 ? str(p.amount, fresh.promise.amount) : fresh.promise.amount,
    promisedDate: str(p.promisedDate, ''),
    paymentMethod: code<PaymentMethod>(PAYMENT_METHOD_LABELS, p.paymentMethod, ''),
    note: str(p.note, ''),
    plan: p.plan === true && draftInstalments.length > 0,
    instalments: draftInstalments,
  };
  const draftAmounts = new Map(
    (Array.isArray(d.items) ? d.items.filter(isRecord) : []).map((item) => [str(item.itemId, ''), str(item.amount, '')] as const),
  );
  const dispute: DisputeForm = {
    items: fresh.dispute.items.map((item) => ({ ...item, amount: draftAmounts.get(item.itemId) ?? item.amount })),
    reasonCode: code<DisputeReason>(DISPUTE_REASON_LABELS, d.reasonCode, ''),
    description: str(d.description, ''),
    dueDate: str(d.dueDate, ''),
    ownerId: str(d.ownerId, ''),
  };
  return { contact, promise, dispute };
}

const orNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());
const minor = (text: string, currency: string): number | undefined => {
  const parsed = parseAmount(text, currency);
  return parsed.ok ? parsed.minor : undefined;
};

export function promiseTerms(form: PromiseForm): NonNullable<OperationInput<'contact.log'>['promise']> {
  return {
    amountMinor: minor(form.amount, form.currency),
    currency: form.currency,
    promisedDate: form.promisedDate,
    itemIds: [...form.itemIds],
    paymentMethod: form.paymentMethod === '' ? null : form.paymentMethod,
    note: form.note,
  };
}

export function planTerms(form: PromiseForm): NonNullable<OperationInput<'contact.log'>['plan']> {
  return {
    totalMinor: minor(form.amount, form.currency),
    currency: form.currency,
    instalments: form.instalments.map((instalment) => ({ promisedDate: instalment.date, amountMinor: minor(instalment.amount, form.currency) ?? 0 })),
    itemIds: [...form.itemIds],
    paymentMethod: form.paymentMethod === '' ? null : form.paymentMethod,
    note: form.note,
  };
}

export function disputeTerms(form: DisputeForm): NonNullable<OperationInput<'contact.log'>['dispute']> {
  return {
    items: form.items.map((item) => ({ itemId: item.itemId, disputedMinor: minor(item.amount, item.currency) ?? 0 })),
    reasonCode: form.reasonCode === '' ? 'other' : form.reasonCode,
    description: form.description,
    dueDate: orNull(form.dueDate),
    ownerId: form.ownerId === '' ? undefined : form.ownerId,
  };
}

/** The follow-up's title is data others read: in the collector's language, never in the pseudo-locale (its English instead). */
function followUpTitle(outcome: Outcome): string {
  const lng = i18n.language === PSEUDO_LANGUAGE ? 'en' : i18n.language;
  return i18n.t('collector.work.followUpTitle', { lng, outcome: i18n.t(OUTCOME_LABEL_KEYS[outcome], { lng }) });
}

/** The contact.log input: the promise or the payment plan goes with it, one command, all or nothing. */
export function contactInput(customerId: string, form: WorkForm, draftKey: string): OperationInput<'contact.log'> {
  const { contact } = form;
  const outcome: Outcome = contact.outcome === '' ? 'no_answer' : contact.outcome;
  const isNew = contact.contactPersonId === 'new';
  return {
    customerId,
    channel: contact.channel,
    direction: contact.direction,
    contactPersonId: isNew || contact.contactPersonId === '' ? null : contact.contactPersonId,
    newContactPerson: isNew ? { name: contact.newName.trim(), phone: orNull(contact.newPhone), email: orNull(contact.newEmail) } : undefined,
    outcome,
    note: contact.note,
    durationSeconds: contact.durationMinutes.trim() === '' ? null : Number(contact.durationMinutes) * 60,
    followUpDate: orNull(contact.followUpDate),
    followUpTitle: contact.followUpDate === '' ? undefined : followUpTitle(outcome),
    promise: outcome === 'promise_to_pay' && !form.promise.plan ? promiseTerms(form.promise) : undefined,
    plan: outcome === 'promise_to_pay' && form.promise.plan ? planTerms(form.promise) : undefined,
    dispute: outcome === 'dispute_raised' ? disputeTerms(form.dispute) : undefined,
    draftKey,
  };
}
