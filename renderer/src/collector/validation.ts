/**
 * Client-side checks of the collector forms, as the user types. The rules are the commands' own,
 * from shared/domain (text, date windows, money, contact fields, plan instalments), which the zod
 * schemas of shared/api apply too; only the words around them are the form's. The renderer does not
 * load zod, so what the schemas check structurally (a field present, a number whole) is checked
 * here on the typed text. The server checks again; its field errors are mapped back with
 * `formFieldFor`. Every error is keyed by the dotted path the server would name. The form's own
 * words are translated when checked (i18n.t), so they follow the interface language; those of
 * shared/domain are its refusals, worded in the interface language by refusalText.
 */
import { aboveOwedProblem } from '../../../shared/domain/amount-limits';
import type { Channel, Direction, DisputeReason, Outcome, PaymentMethod } from '../../../shared/domain/codes';
import { CONTACT_LENGTH_REFUSAL, CONTACT_ROLE_MAX, EMAIL_REFUSAL, isEmailAddress, isPhoneNumber, MAX_CONTACT_SECONDS, PHONE_REFUSAL } from '../../../shared/domain/contact-fields';
import { dateWindowProblem, type DateKind } from '../../../shared/domain/date-bounds';
import { isCalendarDate } from '../../../shared/domain/dates';
import { minorDigits, parseMoney } from '../../../shared/domain/money';
import { instalmentDateProblems, MAX_INSTALMENTS } from '../../../shared/domain/promise-plan';
import { EMAIL_MAX, NOTE_MAX, textRefusal, TITLE_MAX } from '../../../shared/domain/text';
import type { Refusal } from '../../../shared/i18n/refusals';
import { formatCount } from '../common/format';
import { refusalText } from '../i18n/errorText';
import { i18n } from '../i18n/i18n';

export { addDays } from '../../../shared/domain/dates';

export type FieldErrors = Readonly<Record<string, string>>;

export interface InstalmentForm {
  readonly date: string;
  readonly amount: string;
}

export interface PromiseForm {
  readonly amount: string;
  readonly currency: string;
  readonly promisedDate: string;
  readonly itemIds: readonly string[];
  readonly paymentMethod: PaymentMethod | '';
  readonly note: string;
  readonly plan: boolean;
  readonly instalments: readonly InstalmentForm[];
}

export interface DisputeItemForm {
  readonly itemId: string;
  readonly documentNumber: string;
  readonly openMinor: number;
  readonly currency: string;
  readonly amount: string;
}

export interface DisputeForm {
  readonly items: readonly DisputeItemForm[];
  readonly reasonCode: DisputeReason | '';
  readonly description: string;
  readonly dueDate: string;
  /** A user id; '' leaves the owner to the command, which makes it the local profile. */
  readonly ownerId: string;
}

export interface ContactForm {
  readonly channel: Channel;
  readonly direction: Direction;
  /** A contact person's id, 'new' for one added inline, or '' for nobody in particular. */
  readonly contactPersonId: string;
  readonly newName: string;
  readonly newPhone: string;
  readonly newEmail: string;
  readonly outcome: Outcome | '';
  readonly note: string;
  /** Whole minutes, as typed. */
  readonly durationMinutes: string;
  readonly followUpDate: string;
}

/** '' when fine; otherwise the message shown under a date field of `kind` (the commands' own window). */
export function dateProblem(kind: DateKind, value: string, today: string, required: boolean): string {
  if (value.trim() === '') return required ? i18n.t('collector.validation.required') : '';
  if (!isCalendarDate(value)) return i18n.t('collector.validation.dateFormat');
  return wordedProblem(dateWindowProblem(kind, value, today));
}

export type ParsedAmount = { readonly ok: true; readonly minor: number } | { readonly ok: false; readonly message: string };

/** A typed amount in major units ("1,234.50") as positive integer minor units. */
export function parseAmount(text: string, currency: string): ParsedAmount {
  if (text.trim() === '') return { ok: false, message: i18n.t('collector.validation.required') };
  try {
    const { amountMinor } = parseMoney(text, currency);
    if (amountMinor <= 0) return { ok: false, message: i18n.t('collector.validation.moreThanZero') };
    return { ok: true, minor: amountMinor };
  } catch {
    return { ok: false, message: i18n.t('collector.validation.amountFormat', { digits: minorDigits(currency) }) };
  }
}

/** Minor units as the text a user would type back (no grouping), for pre-filled amount fields. */
export function amountText(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  if (digits === 0) return String(minor);
  const padded = String(minor).padStart(digits + 1, '0');
  return `${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

/** A rule's refusal in the interface language, or '' for none. */
const wordedProblem = (refusal: Refusal | null): string => (refusal === null ? '' : refusalText(refusal));

const put = (errors: Record<string, string>, key: string, message: string) => {
  if (message !== '') errors[key] = message;
};

/**
 * The shared text rule (shared/domain/text.ts) as a field message: control, bidi and broken
 * characters are refused as the user types, with the same words the server would use.
 */
export function textRuleProblem(value: string): string {
  return wordedProblem(textRefusal(value));
}

/** Checks an optional free text: not longer than `max`, and within the text rule. */
export function optionalTextProblem(value: string, max: number): string {
  if (value.length > max) return i18n.t('collector.validation.maxChars', { max: formatCount(max) });
  return textRuleProblem(value);
}

export function validateContact(form: ContactForm, today: string): FieldErrors {
  const errors: Record<string, string> = {};
  if (form.outcome === '') errors.outcome = i18n.t('collector.validation.chooseOutcome');
  put(errors, 'note', optionalTextProblem(form.note, NOTE_MAX));
  if (form.durationMinutes.trim() !== '') {
    const minutes = Number(form.durationMinutes);
    if (!Number.isInteger(minutes) || minutes < 0) errors.durationSeconds = i18n.t('collector.validation.wholeMinutes');
    else if (minutes * 60 > MAX_CONTACT_SECONDS) errors.durationSeconds = refusalText(CONTACT_LENGTH_REFUSAL);
  }
  put(errors, 'followUpDate', dateProblem('followUp', form.followUpDate, today, false));
  if (form.contactPersonId === 'new') {
    Object.assign(errors, validateContactPerson({ name: form.newName, role: '', phone: form.newPhone, email: form.newEmail }, 'newContactPerson.'));
    // Someone met on a call is only worth adding with a way to reach them again.
    if (form.newPhone.trim() === '' && form.newEmail.trim() === '') errors['newContactPerson.phone'] = i18n.t('collector.validation.phoneOrEmail');
  }
  return errors;
}

export interface ContactPersonForm {
  readonly name: string;
  readonly role: string;
  readonly phone: string;
  readonly email: string;
}

/**
 * A contact person as typed, in the contact log (`prefix` 'newContactPerson.') or on the account, by
 * contactPerson.save's own rules: a name; role, phone and email optional, each well formed.
 */
export function validateContactPerson(form: ContactPersonForm, prefix = ''): FieldErrors {
  const errors: Record<string, string> = {};
  put(errors, `${prefix}name`, requiredTextProblem(form.name, TITLE_MAX));
  put(errors, `${prefix}role`, optionalTextProblem(form.role.trim(), CONTACT_ROLE_MAX));
  const phone = form.phone.trim();
  const email = form.email.trim();
  if (phone !== '' && !isPhoneNumber(phone)) errors[`${prefix}phone`] = refusalText(PHONE_REFUSAL);
  if (email.length > EMAIL_MAX) errors[`${prefix}email`] = i18n.t('collector.validation.maxChars', { max: String(EMAIL_MAX) });
  else if (textRuleProblem(email) !== '') errors[`${prefix}email`] = textRuleProblem(email);
  else if (email !== '' && !isEmailAddress(email)) errors[`${prefix}email`] = refusalText(EMAIL_REFUSAL);
  return errors;
}

/**
 * `prefix` is 'promise.' inside the contact form (the server names `promise.amountMinor`) and ''
 * for the stand-alone form. `maxMinor` is what the selected items still owe, when known.
 */
export function validatePromise(form: PromiseForm, today: string, prefix = '', maxMinor?: number): FieldErrors {
  const errors: Record<string, string> = {};
  put(errors, `${prefix}note`, optionalTextProblem(form.note, NOTE_MAX));
  if (!form.plan) {
    put(errors, `${prefix}promisedDate`, dateProblem('promise', form.promisedDate, today, true));
    const amount = parseAmount(form.amount, form.currency);
    if (!amount.ok) {
      if (!(form.amount.trim() === '' && form.itemIds.length > 0)) errors[`${prefix}amountMinor`] = amount.message;
    } else if (maxMinor !== undefined) {
      put(errors, `${prefix}amountMinor`, wordedProblem(aboveOwedProblem('promise', amount.minor, maxMinor, form.currency)));
    }
    return errors;
  }
  if (form.instalments.length < 2 || form.instalments.length > MAX_INSTALMENTS) errors[`${prefix}instalments`] = i18n.t('collector.validation.instalmentCount', { max: String(MAX_INSTALMENTS) });
  // The command's own date rules, over the dates that are dates at all.
  const typed = form.instalments.map((instalment) => instalment.date.trim());
  const readable = typed.flatMap((date, index) => (isCalendarDate(date) ? [index] : []));
  const judged = instalmentDateProblems(
    readable.map((index) => typed[index] ?? ''),
    today,
  );
  const problems = new Map(readable.map((index, at) => [index, judged[at] ?? null]));
  let sum = 0;
  let unreadable = 0;
  for (const [index, instalment] of form.instalments.entries()) {
    const key = `${prefix}instalments.${index}`;
    const problem = problems.get(index);
    if (problem === undefined) errors[`${key}.promisedDate`] = dateProblem('planInstalment', typed[index] ?? '', today, true);
    else if (problem?.kind === 'window') errors[`${key}.promisedDate`] = refusalText(problem.problem);
    else if (problem?.kind === 'order') errors[`${key}.promisedDate`] = i18n.t('collector.validation.afterPrevious', { previous: problem.previous });
    const amount = parseAmount(instalment.amount, form.currency);
    if (amount.ok) sum += amount.minor;
    else {
      unreadable += 1;
      errors[`${key}.amountMinor`] = amount.message;
    }
  }
  const total = form.amount.trim() === '' ? undefined : parseAmount(form.amount, form.currency);
  if (total && !total.ok) errors[`${prefix}totalMinor`] = total.message;
  const expected = total?.ok ? total.minor : form.itemIds.length > 0 ? maxMinor : undefined;
  // Told with the other mistakes, not after them: an unreadable instalment counts as nothing yet,
  // so the user sees at once how far the plan is from its total.
  if (expected !== undefined && sum !== expected) {
    const amounts = { sum: amountText(sum, form.currency), expected: amountText(expected, form.currency) };
    errors[`${prefix}totalMinor`] =
      unreadable === 0 ? i18n.t('collector.validation.planSum', amounts) : i18n.t('collector.validation.planSumSoFar', { ...amounts, count: unreadable });
  }
  return errors;
}

export function validateDispute(form: DisputeForm, today: string, prefix = ''): FieldErrors {
  const errors: Record<string, string> = {};
  if (form.items.length === 0) errors[`${prefix}items`] = i18n.t('collector.validation.selectItem');
  form.items.forEach((item, index) => {
    const amount = parseAmount(item.amount, item.currency);
    const key = `${prefix}items.${index}.disputedMinor`;
    if (!amount.ok) errors[key] = amount.message;
    else if (amount.minor > item.openMinor) errors[key] = i18n.t('collector.validation.aboveOpen', { amount: amountText(item.openMinor, item.currency) });
  });
  if (new Set(form.items.map((item) => item.currency)).size > 1) errors[`${prefix}items`] = i18n.t('collector.validation.oneCurrency');
  if (form.reasonCode === '') errors[`${prefix}reasonCode`] = i18n.t('collector.validation.chooseReason');
  put(errors, `${prefix}description`, optionalTextProblem(form.description, NOTE_MAX));
  put(errors, `${prefix}dueDate`, dateProblem('disputeDue', form.dueDate, today, false));
  return errors;
}

/** Checks a required text field: trimmed not empty, not longer than `max`, and within the text rule. */
export function requiredTextProblem(value: string, max: number): string {
  if (value.trim() === '') return i18n.t('collector.validation.required');
  if (value.trim().length > max) return i18n.t('collector.validation.maxChars', { max: formatCount(max) });
  return textRuleProblem(value);
}

/**
 * The form field a server error belongs to: the longest known key that is the error's path or a
 * parent of it ('promise.itemIds.1' -> 'promise.itemIds'); undefined when no field shows it.
 */
export function formFieldFor(serverField: string | undefined, known: readonly string[]): string | undefined {
  if (serverField === undefined) return undefined;
  let best: string | undefined;
  for (const key of known) {
    if ((serverField === key || serverField.startsWith(`${key}.`)) && (best === undefined || key.length > best.length)) best = key;
  }
  return best;
}

/** The date `months` calendar months after `date`, clamped to the month's last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined) return date;
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}
