/**
 * Conversion to one base currency, used only where amounts of different currencies must be ranked
 * or summed together (worklist sort, priority score, the dashboard's all-currency figures). Wherever
 * a converted figure is shown, the screen names the rates and keeps the per-currency amounts beside it.
 */
import { DomainError } from '../api/result';
import { refused } from '../i18n/refusals';
import { assertCurrency, assertMinor, clampMinor, minorDigits } from './money';

/** `rates[code]` is a decimal string: base-currency units per one unit of `code`. */
export interface FxTable {
  readonly base: string;
  readonly rates: Readonly<Record<string, string>>;
}

/**
 * Fixed demonstration rates (EUR per unit), roughly the market level of 2025. They are not live
 * rates; a deployment replaces the table through settings.
 */
export const DEFAULT_FX: FxTable = {
  base: 'EUR',
  rates: {
    EUR: '1',
    USD: '0.92',
    GBP: '1.17',
    CHF: '1.05',
    SEK: '0.088',
    NOK: '0.086',
    DKK: '0.134',
    PLN: '0.23',
    CZK: '0.040',
    HUF: '0.0025',
    JPY: '0.0061',
    CAD: '0.67',
    AUD: '0.60',
  },
};

const RATE = /^(\d+)(?:\.(\d+))?$/;

interface ParsedRate {
  readonly numerator: bigint;
  readonly scale: bigint;
}

const parsedRates = new Map<string, ParsedRate>();

function parseRate(rate: string, currency: string): ParsedRate {
  const cached = parsedRates.get(rate);
  if (cached) return cached;
  const match = RATE.exec(rate);
  const whole = match?.[1];
  if (whole === undefined) {
    throw refused('validation', { key: 'rateInvalid', params: { rate, currency } }, 'currency');
  }
  const fraction = match?.[2] ?? '';
  const numerator = BigInt(whole + fraction);
  if (numerator === 0n) throw refused('validation', { key: 'rateZero', params: { currency } }, 'currency');
  const parsed = { numerator, scale: 10n ** BigInt(fraction.length) };
  parsedRates.set(rate, parsed);
  return parsed;
}

/** Integer division rounding half away from zero; `divisor` is positive. */
function divideRounded(dividend: bigint, divisor: bigint): bigint {
  const negative = dividend < 0n;
  const magnitude = negative ? -dividend : dividend;
  const rounded = (magnitude * 2n + divisor) / (divisor * 2n);
  return negative ? -rounded : rounded;
}

export function hasRate(currency: string, table: FxTable): boolean {
  return currency === table.base || table.rates[currency] !== undefined;
}

export function toBaseMinor(amountMinor: number, currency: string, table: FxTable): number {
  assertMinor(amountMinor);
  assertCurrency(currency);
  if (currency === table.base) return amountMinor;
  const rate = table.rates[currency];
  if (rate === undefined) {
    throw refused('validation', { key: 'noExchangeRate', params: { currency, baseCurrency: table.base } }, 'currency');
  }
  const { numerator, scale } = parseRate(rate, currency);
  const baseFactor = 10n ** BigInt(minorDigits(table.base));
  const sourceFactor = 10n ** BigInt(minorDigits(currency));
  const result = divideRounded(BigInt(amountMinor) * numerator * baseFactor, scale * sourceFactor);
  if (result > BigInt(Number.MAX_SAFE_INTEGER) || result < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw refused('validation', { key: 'amountTooLargeToConvert', params: { currency } }, 'amountMinor');
  }
  return Number(result);
}

/**
 * The base-currency value of an amount for read models: null when the currency has no rate (the
 * caller leaves it out and says so); an amount too large to convert (only a bad stored row gets
 * there) stays at the bound instead of failing the whole read.
 */
export function toBaseMinorSaturating(amountMinor: number, currency: string, table: FxTable): number | null {
  if (!hasRate(currency, table)) return null;
  const amount = clampMinor(amountMinor);
  try {
    return toBaseMinor(amount, currency, table);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return amount < 0 ? -Number.MAX_SAFE_INTEGER : Number.MAX_SAFE_INTEGER;
  }
}

/** The rate a currency converts at, as the settings state it ('1' for the base itself); null: none. */
export const rateOf = (currency: string, table: FxTable): string | null => (currency === table.base ? '1' : (table.rates[currency] ?? null));
