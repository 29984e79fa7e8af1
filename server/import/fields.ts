/**
 * Exact readers for the text an ERP export contains: dates in a stated pattern, decimal
 * amounts with a stated separator, yes/no flags. Amounts never pass through a float.
 */
import { isCalendarDate } from '../../shared/domain/dates';

const DATE_TOKENS: Readonly<Record<string, string>> = {
  yyyy: '(?<year>\\d{4})',
  MM: '(?<month>\\d{2})',
  M: '(?<month>\\d{1,2})',
  dd: '(?<day>\\d{2})',
  d: '(?<day>\\d{1,2})',
};
const TOKEN = /yyyy|MM|M|dd|d/g;
const patternCache = new Map<string, RegExp | null>();

/** A regular expression for a pattern such as "M/d/yyyy" or "dd.MM.yyyy"; null when it lacks a year, month or day. */
function datePattern(format: string): RegExp | null {
  const cached = patternCache.get(format);
  if (cached !== undefined) return cached;
  const tokens = format.match(TOKEN) ?? [];
  const complete = ['y', 'M', 'd'].every((letter) => tokens.filter((token) => token.startsWith(letter)).length === 1);
  let pattern: RegExp | null = null;
  if (complete) {
    let source = '';
    let last = 0;
    for (const match of format.matchAll(TOKEN)) {
      source += escapeRegExp(format.slice(last, match.index)) + (DATE_TOKENS[match[0]] ?? '');
      last = match.index + match[0].length;
    }
    pattern = new RegExp(`^${source}${escapeRegExp(format.slice(last))}$`);
  }
  patternCache.set(format, pattern);
  return pattern;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

export const isDateFormat = (format: string): boolean => datePattern(format) !== null;

/** The ISO calendar date of `text` read with `format`, or null when it does not match or names no real day. */
export function parseDateText(text: string, format: string): string | null {
  const groups = datePattern(format)?.exec(text.trim())?.groups;
  if (groups === undefined) return null;
  const { year = '', month = '', day = '' } = groups;
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isCalendarDate(iso) ? iso : null;
}

export type DecimalSeparator = '.' | ',';

/**
 * `text` as a canonical decimal ("-1234.5"), or null. No grouping separators: an export that
 * writes "1,234.50" is read with the other separator and refused, never guessed.
 */
export function canonicalDecimal(text: string, separator: DecimalSeparator): string | null {
  const trimmed = text.trim();
  const match = (separator === '.' ? /^([-+]?)(\d+)(?:\.(\d+))?$/ : /^([-+]?)(\d+)(?:,(\d+))?$/).exec(trimmed);
  if (match === null) return null;
  const [, sign = '', whole = '', fraction] = match;
  return `${sign === '-' ? '-' : ''}${whole}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** A JSON number as a canonical decimal: its shortest round-trip text, which is exact for anything an ERP writes. */
export function decimalOfNumber(value: number): string | null {
  if (!Number.isFinite(value)) return null;
  const text = String(value);
  return /e/i.test(text) ? null : text;
}

/**
 * Integer minor units of a canonical decimal for a currency with `digits` minor digits; null
 * when it has more decimals than that (refused, not rounded) or leaves the safe-integer range.
 */
export function decimalToMinor(decimal: string, digits: number): number | null {
  const negative = decimal.startsWith('-');
  const [whole = '', fraction = ''] = (negative ? decimal.slice(1) : decimal).split('.');
  if (fraction.replace(/0+$/, '').length > digits) return null;
  const magnitude = BigInt(whole + fraction.slice(0, digits).padEnd(digits, '0'));
  if (magnitude > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  const minor = Number(magnitude);
  return negative && minor !== 0 ? -minor : minor;
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'x', 'ja', 'j']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'nein']);

export function parseFlag(text: string): boolean | null {
  const word = text.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return null;
}
