/**
 * Exact readers for the text an ERP export contains: dates in a stated pattern, decimal
 * amounts in a stated number style, yes/no flags. Amounts never pass through a float.
 */
import { isCalendarDate } from '../../shared/domain/dates';
import { wellGrouped } from '../../shared/domain/money';

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
/** Grouping separators ERPs write: dot, comma, apostrophe (Swiss; either one), and a space of any width. */
export const GROUP_SEPARATORS = ['.', ',', "'", '\u2019', ' ', '\u00a0', '\u202f'] as const;
export type GroupSeparator = (typeof GROUP_SEPARATORS)[number];
/**
 * Where the minus of a negative amount goes: -250.00, 250.00- (SAP's lists) or (250.00) (accounting
 * reports); or either of the first two, as one SAP report writes the one and its spreadsheet export the other.
 */
export const NEGATIVE_STYLES = ['leading', 'trailing', 'parentheses', 'leading_or_trailing'] as const;
export type NegativeStyle = (typeof NEGATIVE_STYLES)[number];

/** How an export writes numbers: declared in the mapping, never guessed. */
export interface NumberStyle {
  readonly decimal: DecimalSeparator;
  /** null: no grouping allowed. */
  readonly group: GroupSeparator | null;
  readonly negative: NegativeStyle;
}

export const PLAIN_NUMBERS: NumberStyle = { decimal: '.', group: null, negative: 'leading' };

const SPACES = /[ \u00a0\u202f]/g;
const APOSTROPHES = /['\u2019]/g;
const MINUS = /^[-\u2212]/;
const TRAILING_MINUS = /[-\u2212]$/;

/** Spaces of any width stand for one another, as do the two apostrophes: exports differ only in which they print. */
function normalGroups(text: string, group: GroupSeparator): { readonly text: string; readonly group: string } {
  if (group === ' ' || group === '\u00a0' || group === '\u202f') return { text: text.replace(SPACES, ' '), group: ' ' };
  if (group === "'" || group === '\u2019') return { text: text.replace(APOSTROPHES, "'"), group: "'" };
  return { text, group };
}

/** The sign and the rest of `text` as the style writes a negative amount; a sign elsewhere stays in the rest, which is then refused. */
function unsigned(text: string, negative: NegativeStyle): { readonly minus: boolean; readonly body: string } {
  if (negative === 'parentheses') {
    const inner = /^\((.*)\)$/.exec(text)?.[1];
    return inner === undefined ? { minus: false, body: text } : { minus: true, body: inner };
  }
  if ((negative === 'trailing' || negative === 'leading_or_trailing') && TRAILING_MINUS.test(text)) return { minus: true, body: text.slice(0, -1) };
  if (negative === 'trailing') return { minus: false, body: text };
  if (MINUS.test(text)) return { minus: true, body: text.slice(1) };
  return { minus: false, body: text.startsWith('+') ? text.slice(1) : text };
}

/**
 * `text` as a canonical decimal ("-1234.5"), or null when it is not written in `style`: the
 * declared decimal separator, grouping (well formed: 1.234.567, also 12,34,567) only when one is
 * declared, and the minus where the style puts it.
 */
export function canonicalDecimal(text: string, style: NumberStyle): string | null {
  const signed = unsigned(text.trim(), style.negative);
  if (/[-+\u2212()]/.test(signed.body)) return null;
  const { text: body, group } = style.group === null ? { text: signed.body, group: null } : normalGroups(signed.body, style.group);
  const at = body.indexOf(style.decimal);
  const whole = at === -1 ? body : body.slice(0, at);
  const fraction = at === -1 ? undefined : body.slice(at + 1);
  if (fraction !== undefined && !/^\d+$/.test(fraction)) return null;
  const groups = group === null ? [whole] : whole.split(group);
  if (!(groups.length === 1 ? /^\d+$/.test(whole) : wellGrouped(groups))) return null;
  return `${signed.minus ? '-' : ''}${groups.join('')}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** An example amount written in `style`, for the refusal's message: -1,234.56 as that export would write it. */
export function exampleIn(style: NumberStyle): string {
  const group = style.group === null ? '' : style.group === '\u00a0' || style.group === '\u202f' ? ' ' : style.group;
  const digits = `1${group}234${style.decimal}56`;
  if (style.negative === 'parentheses') return `(${digits})`;
  if (style.negative === 'leading_or_trailing') return `-${digits} or ${digits}-`;
  return style.negative === 'trailing' ? `${digits}-` : `-${digits}`;
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
