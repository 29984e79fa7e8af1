/**
 * The rules of what a collector types about a contact (a person's phone and email, a call's
 * length), written once: the commands' schemas (shared/api) and the forms as the user types
 * (renderer/src/collector/validation.ts) both check with these, and say the same words (refusals
 * whose words end a sentence naming the field).
 */
import type { Refusal } from '../i18n/refusals';

export const PHONE_MAX = 40;
/** A contact person's role or title ("Head of accounts payable"). */
export const CONTACT_ROLE_MAX = 100;
/** Digits with the usual separators and an optional leading +; at least 5 digits. */
const PHONE = /^\+?[0-9][0-9 ()./-]{3,38}[0-9]$/;
export const PHONE_REFUSAL: Refusal = { key: 'phoneNumberFormat' };
export const isPhoneNumber = (value: string): boolean => PHONE.test(value);

/** zod's own email pattern (what `z.email()` checks by default), so a form accepts exactly what the command does. */
export const EMAIL_PATTERN = /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;
export const EMAIL_REFUSAL: Refusal = { key: 'emailAddressFormat' };
export const isEmailAddress = (value: string): boolean => EMAIL_PATTERN.test(value);

/** A logged call or meeting lasts at most a day. */
export const MAX_CONTACT_SECONDS = 86_400;
export const CONTACT_LENGTH_REFUSAL: Refusal = { key: 'contactTooLong' };
