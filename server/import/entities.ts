/**
 * One zod schema per importable entity, built for the source's read options. Each takes the
 * raw values keyed by target field (strings from CSV, JSON values) and yields a typed record
 * with money in integer minor units; every problem of a row is reported, not only the first.
 */
import { z } from 'zod';
import { CHANNELS, ITEM_KINDS, PAYMENT_METHODS, RISK_CLASSES } from '../../shared/domain/codes';
import { minorDigits } from '../../shared/domain/money';
import { canonicalLanguageTag } from '../../shared/i18n/languages';
import { normalizeLineBreaks } from '../../shared/domain/text';
import { refuseUnsafeText } from '../../shared/api/text-schema';
import { canonicalDecimal, decimalOfNumber, decimalToMinor, exampleIn, parseDateText, parseFlag, type NumberStyle } from './fields';
import type { EntityRecords, ImportEntity, ReadOptions } from './types';

const REQUIRED = 'required, but empty or missing';
const requiredOr = (what: string) => (issue: { input: unknown }) => (issue.input === undefined ? REQUIRED : what);

/** Surrounding blanks dropped, an export's CR LF read as LF (the text rule refuses a bare CR). */
const blank = (value: unknown): unknown => {
  if (typeof value === 'string') return value.trim() === '' ? undefined : normalizeLineBreaks(value.trim());
  return value ?? undefined;
};
/** Blank means absent; `fallback` then stands in (a default or a default currency). */
const field = <T extends z.ZodType>(inner: T, fallback?: unknown) => z.preprocess((value) => blank(value) ?? fallback, inner);

/** Text with the app's one text rule (shared/domain/text.ts): what the desktop refuses is not imported either. */
const text = (max: number) =>
  z
    .string({ error: requiredOr('expected text') })
    .superRefine(refuseUnsafeText)
    .max(max, `at most ${max} characters`);

const date = (format: string) =>
  z.string({ error: requiredOr(`expected a date (${format})`) }).transform((value, ctx) => {
    const iso = parseDateText(value, format);
    if (iso !== null) return iso;
    ctx.addIssue({ code: 'custom', message: `not a date in the format ${format}` });
    return z.NEVER;
  });

type Sign = 'any' | 'positive' | 'not_negative';

/**
 * A decimal in canonical form; converted to minor units once the row's currency is known. The
 * sign is checked here, so it is reported even when another field of the row is bad too.
 */
const decimal = (style: NumberStyle, sign: Sign = 'any') =>
  z.union([z.string(), z.number()], { error: requiredOr('expected an amount') }).transform((value, ctx) => {
    const canonical = typeof value === 'number' ? decimalOfNumber(value) : canonicalDecimal(value, style);
    if (canonical === null) {
      ctx.addIssue({ code: 'custom', message: `not an amount in the mapping's number style (e.g. ${exampleIn(style)})` });
      return z.NEVER;
    }
    const negative = canonical.startsWith('-');
    const zero = /^-?[0.]+$/.test(canonical);
    if (sign === 'positive' && (negative || zero)) ctx.addIssue({ code: 'custom', message: 'must be greater than zero' });
    if (sign === 'not_negative' && negative && !zero) ctx.addIssue({ code: 'custom', message: 'must not be negative' });
    return canonical;
  });

const flag = () =>
  z.union([z.boolean(), z.string()], { error: requiredOr('expected yes or no') }).transform((value, ctx) => {
    if (typeof value === 'boolean') return value;
    const parsed = parseFlag(value);
    if (parsed !== null) return parsed;
    ctx.addIssue({ code: 'custom', message: 'expected yes/no, true/false or 1/0' });
    return z.NEVER;
  });

const wholeNumber = (min: number, max: number) =>
  z
    .union([z.number(), z.string().regex(/^\d+$/, 'expected a whole number').transform(Number)], { error: requiredOr('expected a whole number') })
    .pipe(z.number().int('expected a whole number').min(min, `at least ${min}`).max(max, `at most ${max}`));

const code = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string({ error: requiredOr(`one of ${values.join(', ')}`) })
    .transform((value) => value.toLowerCase().replace(/[\s-]+/g, '_'))
    .pipe(z.enum(values, { error: `one of ${values.join(', ')}` }));

/** A language as ERPs write it ("DE", "de_DE", "pt-br"), kept in its canonical BCP 47 form. */
const languageTag = () =>
  z.string({ error: requiredOr('expected a language code') }).transform((value, ctx) => {
    const tag = canonicalLanguageTag(value);
    if (tag !== null) return tag;
    ctx.addIssue({ code: 'custom', message: 'not a language code (such as de, es-MX or zh-CN)' });
    return z.NEVER;
  });

const currency = (options: ReadOptions) =>
  field(
    z
      .string({ error: (issue) => (issue.input === undefined ? 'required (or give a default currency)' : 'expected a currency code') })
      .transform((value) => value.toUpperCase())
      .pipe(z.string().regex(/^[A-Z]{3}$/, 'not an ISO 4217 currency code (three letters)')),
    options.defaultCurrency,
  );

const country = (options: ReadOptions) =>
  field(
    z
      .string({ error: (issue) => (issue.input === undefined ? 'required (or give a default country)' : 'expected a country code') })
      .transform((value) => value.toUpperCase())
      .pipe(z.string().regex(/^[A-Z]{2}$/, 'not an ISO 3166 country code (two letters)')),
    options.defaultCountry,
  );

interface MinorContext {
  addIssue(issue: { code: 'custom'; message: string; path: string[] }): void;
}

/** Minor units of `decimal` in `currency`, or an issue on `path`: more decimals than the currency has, or too large. */
function toMinor(ctx: MinorContext, path: string, decimal: string, currencyCode: string): number {
  const digits = minorDigits(currencyCode);
  const decimals = (decimal.split('.')[1] ?? '').replace(/0+$/, '').length;
  if (decimals > digits) {
    ctx.addIssue({ code: 'custom', message: digits === 0 ? `${currencyCode} amounts have no decimals` : `${currencyCode} amounts have at most ${digits} decimals`, path: [path] });
    return 0;
  }
  const minor = decimalToMinor(decimal, digits);
  if (minor === null) ctx.addIssue({ code: 'custom', message: 'too large', path: [path] });
  return minor ?? 0;
}

const optionalText = (max: number) => field(text(max).optional());

function customerSchema(options: ReadOptions) {
  return z
    .object({
      key: field(text(100)),
      number: field(text(100).optional()),
      name: field(text(200)),
      country: country(options),
      currency: currency(options),
      paymentTerms: optionalText(50),
      paymentTermsDays: field(wholeNumber(0, 3650), 30),
      creditLimit: field(decimal(options.numberStyle, 'not_negative'), '0'),
      creditHold: field(flag(), false),
      riskClass: field(code(RISK_CLASSES), 'medium'),
      erpCountryCode: optionalText(20),
      language: field(languageTag().optional()),
    })
    .transform((row, ctx): EntityRecords['customers'] => ({
      key: row.key,
      number: row.number ?? row.key,
      name: row.name,
      country: row.country,
      currency: row.currency,
      paymentTerms: row.paymentTerms ?? `NET${row.paymentTermsDays}`,
      paymentTermsDays: row.paymentTermsDays,
      creditLimitMinor: toMinor(ctx, 'creditLimit', row.creditLimit, row.currency),
      creditHold: row.creditHold,
      riskClass: row.riskClass,
      erpCountryCode: row.erpCountryCode ?? null,
      language: row.language ?? null,
    }));
}

function contactPersonSchema() {
  return z
    .object({
      key: field(text(100)),
      customerKey: field(text(100)),
      name: field(text(200)),
      role: optionalText(100),
      phone: optionalText(50),
      email: field(text(254).regex(/^[^\s@]+@[^\s@]+$/, 'not an email address').optional()),
      preferredChannel: field(code(CHANNELS).optional()),
      language: field(languageTag().optional()),
      isPrimary: field(flag(), false),
    })
    .transform((row): EntityRecords['contactPersons'] => ({
      key: row.key,
      customerKey: row.customerKey,
      name: row.name,
      role: row.role ?? null,
      phone: row.phone ?? null,
      email: row.email ?? null,
      preferredChannel: row.preferredChannel ?? null,
      language: row.language ?? null,
      isPrimary: row.isPrimary,
    }));
}

function openItemSchema(options: ReadOptions) {
  return z
    .object({
      key: field(text(100)),
      customerKey: field(text(100)),
      kind: field(code(ITEM_KINDS), 'invoice'),
      documentNumber: optionalText(100),
      reference: optionalText(200),
      documentDate: field(date(options.dateFormat)),
      dueDate: field(date(options.dateFormat)),
      currency: currency(options),
      originalAmount: field(decimal(options.numberStyle)),
      openAmount: field(decimal(options.numberStyle).optional()),
      disputedAmount: field(decimal(options.numberStyle, 'not_negative').optional()),
      disputed: field(flag().optional()),
      dunningLevel: field(wholeNumber(0, 9), 0),
      clearedOn: field(date(options.dateFormat).optional()),
    })
    .transform((row, ctx): EntityRecords['openItems'] => {
      const originalMinor = toMinor(ctx, 'originalAmount', row.originalAmount, row.currency);
      const openMinor = row.openAmount === undefined ? originalMinor : toMinor(ctx, 'openAmount', row.openAmount, row.currency);
      // What is still open of a credit is a credit: an export writing it unsigned would turn it into a debt.
      if (Math.sign(openMinor) * Math.sign(originalMinor) < 0) ctx.addIssue({ code: 'custom', message: `the open amount has the opposite sign of the original amount (${row.originalAmount})`, path: ['openAmount'] });
      const givenDisputedMinor = row.disputedAmount === undefined ? null : toMinor(ctx, 'disputedAmount', row.disputedAmount, row.currency);
      const disputed = row.disputed ?? (givenDisputedMinor ?? 0) > 0;
      // The ERP flags the item disputed and names no amount: all that is open is in dispute, so it is
      // left out of what is collectible, dunned and promised, as the rules for disputes say.
      const disputedMinor = givenDisputedMinor ?? (disputed ? Math.max(0, openMinor) : 0);
      return {
        key: row.key,
        customerKey: row.customerKey,
        kind: row.kind,
        documentNumber: row.documentNumber ?? row.key,
        reference: row.reference ?? null,
        documentDate: row.documentDate,
        dueDate: row.dueDate,
        currency: row.currency,
        originalMinor,
        openMinor,
        disputedMinor,
        disputed,
        dunningLevel: row.dunningLevel,
        clearedOn: row.clearedOn ?? null,
      };
    });
}

function paymentSchema(options: ReadOptions) {
  return z
    .object({
      key: field(text(100)),
      customerKey: field(text(100)),
      amount: field(decimal(options.numberStyle, 'positive')),
      currency: currency(options),
      valueDate: field(date(options.dateFormat)),
      method: field(code(PAYMENT_METHODS).optional()),
      reference: optionalText(200),
    })
    .transform((row, ctx): EntityRecords['payments'] => ({
      key: row.key,
      customerKey: row.customerKey,
      amountMinor: toMinor(ctx, 'amount', row.amount, row.currency),
      currency: row.currency,
      valueDate: row.valueDate,
      method: row.method ?? null,
      reference: row.reference ?? null,
    }));
}

function clearingSchema(options: ReadOptions) {
  return z
    .object({
      key: field(text(100)),
      itemKey: field(text(100)),
      paymentKey: optionalText(100),
      amount: field(decimal(options.numberStyle)),
      currency: currency(options),
      clearedOn: field(date(options.dateFormat)),
    })
    .transform((row, ctx): EntityRecords['clearings'] => ({
      key: row.key,
      itemKey: row.itemKey,
      paymentKey: row.paymentKey ?? null,
      amountMinor: toMinor(ctx, 'amount', row.amount, row.currency),
      currency: row.currency,
      clearedOn: row.clearedOn,
    }));
}

export type RecordSchemas = { readonly [E in ImportEntity]: z.ZodType<EntityRecords[E]> };

export function recordSchemas(options: ReadOptions): RecordSchemas {
  return {
    customers: customerSchema(options),
    contactPersons: contactPersonSchema(),
    openItems: openItemSchema(options),
    payments: paymentSchema(options),
    clearings: clearingSchema(options),
  };
}

/** Target fields per entity, and those a CSV mapping must name because they have no default. */
export const ENTITY_FIELDS: { readonly [E in ImportEntity]: { readonly all: readonly string[]; readonly required: readonly string[] } } = {
  customers: {
    all: ['key', 'number', 'name', 'country', 'currency', 'paymentTerms', 'paymentTermsDays', 'creditLimit', 'creditHold', 'riskClass', 'erpCountryCode', 'language'],
    required: ['key', 'name'],
  },
  contactPersons: {
    all: ['key', 'customerKey', 'name', 'role', 'phone', 'email', 'preferredChannel', 'language', 'isPrimary'],
    required: ['key', 'customerKey', 'name'],
  },
  openItems: {
    all: ['key', 'customerKey', 'kind', 'documentNumber', 'reference', 'documentDate', 'dueDate', 'currency', 'originalAmount', 'openAmount', 'disputedAmount', 'disputed', 'dunningLevel', 'clearedOn'],
    required: ['key', 'customerKey', 'documentDate', 'dueDate', 'originalAmount'],
  },
  payments: {
    all: ['key', 'customerKey', 'amount', 'currency', 'valueDate', 'method', 'reference'],
    required: ['key', 'customerKey', 'amount', 'valueDate'],
  },
  clearings: {
    all: ['key', 'itemKey', 'paymentKey', 'amount', 'currency', 'clearedOn'],
    required: ['key', 'itemKey', 'amount', 'clearedOn'],
  },
};
