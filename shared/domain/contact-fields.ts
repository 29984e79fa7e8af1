/**
 * The rules of what a collector types about a contact (a person's phone and email, a call's
 * length), written once: the commands' schemas (shared/api) and the forms as the user types
 * (renderer/src/collector/validation.ts) both check with these, and say the same words.
 */

export const PHONE_MAX = 40;
/** A contact person's role or title ("Head of accounts payable"). */
export const CONTACT_ROLE_MAX = 100;
/** Digits with the usual separators and an optional leading +; at least 5 digits. */
const PHONE = /^\+?[0-9][0-9 ()./-]{3,38}[0-9]$/;
export const PHONE_MESSAGE = 'must be a phone number such as +49 30 1234567';
export const isPhoneNumber = (value: string): boolean => PHONE.test(value);

/** zod's own email pattern (what `z.email()` checks by default), so a form accepts exactly what the command does. */
export const EMAIL_PATTERN = /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;
export const EMAIL_MESSAGE = 'must be an email address such as ap@example.com';
export const isEmailAddress = (value: string): boolean => EMAIL_PATTERN.test(value);

/** A logged call or meeting lasts at most a day. */
export const MAX_CONTACT_SECONDS = 86_400;
export const CONTACT_LENGTH_MESSAGE = 'must be at most one day';
