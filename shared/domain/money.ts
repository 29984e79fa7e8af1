/**
 * Money as an integer number of minor units plus an ISO 4217 code. Amounts never pass through
 * floating-point division: decimal strings are built and parsed digit by digit.
 */
import { refused } from '../i18n/refusals';
import { ISO_4217_MINOR_UNITS, STORED_DIGITS_WITHOUT_MINOR_UNIT } from './iso4217';

export interface Money {
  readonly amountMinor: number;
  readonly currency: string;
}

const CURRENCY_CODE = /^[A-Z]{3}$/;

export function assertCurrency(currency: string, field = 'currency'): string {
  if (!CURRENCY_CODE.test(currency)) {
    throw refused('validation', { key: 'currencyCodeInvalid', params: { code: currency } }, field);
  }
  return currency;
}

export function assertMinor(amountMinor: number, field = 'amountMinor'): number {
  if (!Number.isSafeInteger(amountMinor)) {
    throw refused('validation', { key: 'amountNotWholeSafe', params: { value: String(amountMinor) } }, field);
  }
  return amountMinor;
}

export function money(amountMinor: number, currency: string): Money {
  return { amountMinor: assertMinor(amountMinor), currency: assertCurrency(currency) };
}

/** Exact integer addition; refuses a result outside the safe-integer range instead of rounding silently. */
export function addMinor(a: number, b: number): number {
  const total = a + b;
  if (!Number.isSafeInteger(total)) {
    throw refused('validation', 'amountTotalUnsafe', 'amountMinor');
  }
  return total;
}

/**
 * Addition for read models and summaries: a total past the safe range (only a bad stored row gets
 * there) stays at the nearest bound, so one such row cannot fail a whole screen.
 */
export function addMinorSaturating(a: number, b: number): number {
  return clampMinor(clampMinor(a) + clampMinor(b));
}

/**
 * A whole amount held to the safe-integer range: what an INTEGER column or an SQL sum of many
 * spoilt rows can hold. A fraction or NaN is no stored amount but a bug in the caller, and is refused.
 */
export function clampMinor(value: number, field = 'amountMinor'): number {
  if (!Number.isInteger(value)) {
    throw refused('validation', { key: 'amountNotWhole', params: { value: String(value) } }, field);
  }
  return Math.min(Number.MAX_SAFE_INTEGER, Math.max(-Number.MAX_SAFE_INTEGER, value));
}

function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw refused('validation', { key: 'currenciesMixed', params: { currency: a.currency, otherCurrency: b.currency } }, 'currency');
  }
}

export function addMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return { amountMinor: addMinor(a.amountMinor, b.amountMinor), currency: a.currency };
}

export function subtractMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return { amountMinor: addMinor(a.amountMinor, -b.amountMinor), currency: a.currency };
}

export function compareMoney(a: Money, b: Money): -1 | 0 | 1 {
  assertSameCurrency(a, b);
  if (a.amountMinor === b.amountMinor) return 0;
  return a.amountMinor < b.amountMinor ? -1 : 1;
}

export function sumMinor(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total = addMinor(total, assertMinor(value));
  return total;
}

/** `sumMinor` for read models: saturates at the safe-integer bounds instead of throwing. */
export function sumMinorSaturating(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total = addMinorSaturating(total, value);
  return total;
}

export function totalsByCurrency(items: readonly Money[]): Money[] {
  const totals = new Map<string, number>();
  for (const item of items) {
    assertCurrency(item.currency);
    totals.set(item.currency, addMinor(totals.get(item.currency) ?? 0, assertMinor(item.amountMinor)));
  }
  return [...totals.keys()]
    .sort()
    .map((currency) => ({ currency, amountMinor: totals.get(currency) ?? 0 }));
}

/** True for a well-formed ISO 4217 code; a stored code may be any three characters (a damaged row). */
export const isCurrencyCode = (currency: string): boolean => CURRENCY_CODE.test(currency);

/** Decimals an amount in `currency` is stored with: the ISO 4217 minor unit (shared/domain/iso4217.ts). */
export function minorDigits(currency: string): number {
  return ISO_4217_MINOR_UNITS.get(currency) ?? STORED_DIGITS_WITHOUT_MINOR_UNIT;
}

const customaryCache = new Map<string, number>();

/**
 * Decimals the locale data customarily shows for `currency` (CLDR: none for HUF or IDR), never more
 * than are stored. Only display uses it, and only for an amount without a fraction.
 */
function customaryDigits(currency: string): number {
  const cached = customaryCache.get(currency);
  if (cached !== undefined) return cached;
  const shown = isCurrencyCode(currency)
    ? (new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2)
    : 2;
  const digits = Math.min(shown, minorDigits(currency));
  customaryCache.set(currency, digits);
  return digits;
}

export function minorToDecimalString(amountMinor: number, currency: string): string {
  assertMinor(amountMinor);
  const digits = minorDigits(currency);
  const sign = amountMinor < 0 ? '-' : '';
  const absolute = String(Math.abs(amountMinor));
  if (digits === 0) return sign + absolute;
  const padded = absolute.padStart(digits + 1, '0');
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

type FormatOptions = Intl.NumberFormatOptions;

const formatterCache = new Map<string, Intl.NumberFormat>();
const FALLBACK_LOCALE = 'en-US';

/** A malformed locale (say from an old preferences file) must not break every amount on screen. */
function createFormatter(locale: string, options: FormatOptions): Intl.NumberFormat {
  try {
    return new Intl.NumberFormat(locale, options);
  } catch (error) {
    if (error instanceof RangeError && locale !== FALLBACK_LOCALE) return new Intl.NumberFormat(FALLBACK_LOCALE, options);
    throw error;
  }
}

function formatter(locale: string, options: FormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let cached = formatterCache.get(key);
  if (!cached) {
    cached = createFormatter(locale, options);
    formatterCache.set(key, cached);
  }
  return cached;
}

/**
 * Intl formats the exact decimal string, so amounts beyond float precision still print every digit.
 * Every stored decimal shows; a whole amount drops the decimals its currency customarily goes without
 * (HUF 1,234 but HUF 1,234.50).
 */
function formatDecimal(amountMinor: number, currency: string, locale: string, options: FormatOptions): string {
  const digits = minorDigits(currency);
  const whole = amountMinor % 10 ** digits === 0;
  const decimal = minorToDecimalString(amountMinor, currency) as Intl.StringNumericLiteral;
  return formatter(locale, { ...options, minimumFractionDigits: whole ? customaryDigits(currency) : digits, maximumFractionDigits: digits }).format(decimal);
}

export function formatMoney(m: Money, locale = 'en-US'): string {
  // Intl refuses a code that is no ISO code; a damaged stored one is printed after the amount as it is.
  if (!isCurrencyCode(m.currency)) return `${formatDecimal(m.amountMinor, m.currency, locale, { style: 'decimal' })} ${m.currency}`;
  return formatDecimal(m.amountMinor, m.currency, locale, { style: 'currency', currency: m.currency });
}

/** The amount without a currency symbol, grouped for the locale: 1234550,'EUR' -> '12,345.50'. */
export function formatAmount(amountMinor: number, currency: string, locale = 'en-US'): string {
  return formatDecimal(amountMinor, currency, locale, { style: 'decimal' });
}

interface Separators {
  readonly group: string;
  readonly decimal: string;
}

function separators(locale: string): Separators {
  const parts = formatter(locale, { style: 'decimal', useGrouping: true }).formatToParts(1234567.5);
  return {
    group: parts.find((part) => part.type === 'group')?.value ?? ',',
    decimal: parts.find((part) => part.type === 'decimal')?.value ?? '.',
  };
}

const SPACES = /[\s\u00a0\u202f]/g;
const MINUS_SIGNS = /^[-\u2212]/;
// People type either apostrophe for the Swiss group separator, whichever one ICU prints.
const APOSTROPHES = /['\u2019]/;

/**
 * Grouping must look like grouping, so a mistyped "1,2,3" is refused rather than read as 123:
 * a lead of 1-3 digits, then groups of 3, or of 2 as in the Indian 12,34,567, the last always 3.
 * One number keeps one pattern: 1,234,56,789 is refused.
 */
export function wellGrouped(groups: readonly string[]): boolean {
  const [lead = '', ...rest] = groups;
  if (rest.length === 0) return /^\d+$/.test(lead);
  const middle = rest.slice(0, -1);
  const width = middle[0]?.length ?? 3;
  return /^\d{1,3}$/.test(lead) && /^\d{3}$/.test(rest.at(-1) ?? '') && (width === 2 || width === 3) && middle.every((part) => new RegExp(`^\\d{${String(width)}}$`).test(part));
}

/** Removes a currency code or symbol written before or after the number, never from its middle. */
function stripAffix(text: string, marker: string): string {
  if (text.startsWith(marker)) return text.slice(marker.length).trim();
  if (text.endsWith(marker)) return text.slice(0, -marker.length).trim();
  return text;
}

/**
 * Reads an amount typed by a person: optional sign, optional currency code or symbol, the locale's
 * group and decimal separators. At most the currency's minor digits are accepted, never rounded.
 */
export function parseMoney(text: string, currency: string, locale = 'en-US'): Money {
  assertCurrency(currency);
  const digits = minorDigits(currency);
  const { group, decimal } = separators(locale);
  const symbol = formatter(locale, { style: 'currency', currency })
    .formatToParts(1)
    .find((part) => part.type === 'currency')?.value;

  let rest = text.trim();
  let negative = false;
  if (MINUS_SIGNS.test(rest)) {
    negative = true;
    rest = rest.slice(1).trim();
  }
  rest = stripAffix(rest, currency);
  if (symbol) rest = stripAffix(rest, symbol);
  if (!negative && MINUS_SIGNS.test(rest)) {
    negative = true;
    rest = rest.slice(1);
  }
  const groupIsSpace = group.replace(SPACES, '') === '';
  rest = groupIsSpace ? rest.replace(SPACES, ' ') : rest.replace(SPACES, '');
  const groupChar = groupIsSpace ? ' ' : group;
  if (APOSTROPHES.test(groupChar)) rest = rest.replace(new RegExp(APOSTROPHES.source, 'g'), groupChar);

  const decimalAt = rest.indexOf(decimal);
  const integerText = decimalAt === -1 ? rest : rest.slice(0, decimalAt);
  const fractionText = decimalAt === -1 ? '' : rest.slice(decimalAt + decimal.length);

  const integerOk = integerText === '' ? fractionText !== '' : wellGrouped(integerText.split(groupChar));
  if (!integerOk || !/^\d*$/.test(fractionText) || (decimalAt !== -1 && fractionText === '' && integerText === '')) {
    const example = formatAmount(1234 * 10 ** digits, currency, locale);
    throw refused('validation', { key: 'amountUnreadable', params: { text, example } }, 'amount');
  }
  if (fractionText.length > digits) {
    throw refused('validation', digits === 0 ? { key: 'currencyNoDecimals', params: { currency } } : { key: 'currencyDecimalsMax', params: { currency, digits } }, 'amount');
  }
  const minorText = integerText.split(groupChar).join('') + fractionText.padEnd(digits, '0');
  const magnitude = BigInt(minorText === '' ? '0' : minorText);
  if (magnitude > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw refused('validation', { key: 'amountTooLarge', params: { text } }, 'amount');
  }
  const amountMinor = Number(magnitude);
  return { amountMinor: negative && amountMinor !== 0 ? -amountMinor : amountMinor, currency };
}
