/**
 * A document's language: its words and how it writes amounts and dates. PDFs are read by people,
 * so they write amounts and dates the language's way (formattingLocale(language, []): 1.234,56 in
 * German); English keeps the ISO dates its documents have always printed. CSV and Excel do not use
 * this: their numbers and dates stay machine-readable, only their words are translated.
 */
import { formatAmount } from '../../domain/money';
import { formattingLocale, type UiLanguage } from '../languages';
import { documentStrings } from './catalog';
import type { DocumentStrings } from './strings';

export interface DocumentLanguage {
  readonly language: UiLanguage;
  readonly strings: DocumentStrings;
  /** The locale amounts (and, unless the language keeps ISO dates, dates) are written in. */
  readonly locale: string;
  /** "1,234.50" (en), "1.234,50" (de): grouped, the currency's decimals, no symbol. */
  amount(amountMinor: number, currency: string): string;
  /** "EUR 1,234.50": the code first, so columns of several currencies stay readable. */
  money(amountMinor: number, currency: string): string;
  /** A calendar date (YYYY-MM-DD): as it is in English, "23.11.2026" in German. */
  date(isoDate: string): string;
  /** "2026-11-23 09:15" from an ISO timestamp, in UTC (the documents say so). */
  minute(isoTimestamp: string): string;
  /** An aging bucket's label: the "current" bucket's word is the language's; day ranges are digits. */
  bucketLabel(bucket: { readonly key: string; readonly label: string }): string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** The label makeAgingBuckets gives the first bucket (shared/domain/aging.ts). */
const DEFAULT_CURRENT_LABEL = 'Current';

export function documentLanguage(language: UiLanguage): DocumentLanguage {
  const strings = documentStrings(language);
  const locale = formattingLocale(language, []);
  const numericDate = new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' });
  const date = (isoDate: string): string => (strings.isoDates || !ISO_DATE.test(isoDate) ? isoDate : numericDate.format(new Date(`${isoDate}T00:00:00.000Z`)));
  const amount = (amountMinor: number, currency: string): string => formatAmount(amountMinor, currency, locale);
  return {
    language,
    strings,
    locale,
    amount,
    money: (amountMinor, currency) => `${currency} ${amount(amountMinor, currency)}`,
    date,
    minute: (isoTimestamp) => `${date(isoTimestamp.slice(0, 10))} ${isoTimestamp.slice(11, 16)}`,
    bucketLabel: (bucket) => (bucket.key === 'current' && bucket.label === DEFAULT_CURRENT_LABEL ? strings.labels.currentBucket : bucket.label),
  };
}
