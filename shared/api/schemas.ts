/** zod schemas of the API contract's inputs and outputs (operations are listed in contract.ts). */
import { LANGUAGE_TAG_MAX, canonicalLanguageTag } from '../i18n/languages';
import { z } from 'zod';
import {
  CHANNELS,
  DIRECTIONS,
  DISPUTE_STATUSES,
  ESCALATION_STATUSES,
  ITEM_KINDS,
  OUTCOMES,
  OVERRIDE_KINDS,
  PROMISE_STATUSES,
  RISK_CLASSES,
  ROLES,
} from '../domain/codes';
import { refusalMessage } from '../i18n/refusals';
import { refusalIssue } from './refusal-issue';
import { TextSchema } from './text-schema';
import { CONTACT_ROLE_MAX, EMAIL_PATTERN, EMAIL_REFUSAL, isPhoneNumber, PHONE_MAX, PHONE_REFUSAL } from '../domain/contact-fields';
import { EMAIL_MAX, REASON_MAX, SEARCH_MAX, TITLE_MAX } from '../domain/text';
import { canonicalTimeZone, isTimeZone, TIME_ZONE_MAX_LENGTH } from '../domain/time-zone';

/** A language tag (shared/i18n/languages.ts), stored in its canonical form. */
export const LanguageTagSchema = z
  .string()
  .max(LANGUAGE_TAG_MAX, `must be at most ${LANGUAGE_TAG_MAX} characters`)
  .transform((value, ctx) => {
    if (value.trim() === '') return null;
    const tag = canonicalLanguageTag(value);
    if (tag === null) {
      ctx.addIssue({ code: 'custom', ...refusalIssue({ key: 'languageCodeInvalid' }) });
      return z.NEVER;
    }
    return tag;
  });

export const IdSchema = z.uuid({ message: 'must be a UUID' });
export const CurrencySchema = z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code such as EUR');
/** An IANA time-zone name the runtime knows (shared/domain/time-zone.ts); a setting a user types. */
export const TimeZoneSchema = z
  .string()
  .max(TIME_ZONE_MAX_LENGTH, `is longer than ${TIME_ZONE_MAX_LENGTH} characters`)
  .refine(isTimeZone, refusalIssue({ key: 'timeZoneUnknown' }))
  // Kept in the runtime's spelling ("utc" → "UTC"), the one the time-zone picker lists.
  .transform((name) => canonicalTimeZone(name) ?? name);
export const CalendarDateSchema = z.iso.date({ message: 'must be a date in the form YYYY-MM-DD' });
/** Report dates: any day a business record can carry, so a typo such as 9999 is a field error, not a failed report. */
export const REPORT_DATE_RANGE = { first: '1970-01-01', last: '2099-12-31' } as const;
export const ReportDateSchema = CalendarDateSchema.refine(
  (date) => date >= REPORT_DATE_RANGE.first && date <= REPORT_DATE_RANGE.last,
  refusalIssue({ key: 'reportDateOutOfRange', params: { firstDate: REPORT_DATE_RANGE.first, lastDate: REPORT_DATE_RANGE.last } }),
);
export const TimestampSchema = z.iso.datetime({ message: 'must be an ISO 8601 UTC timestamp' });
export const MinorSchema = z.number().int('must be a whole number of minor units').refine(Number.isSafeInteger, refusalIssue({ key: 'numberTooLarge' }));

/*
 * Values read back from the local store, for the outputs of reads. The store checks only a date's
 * shape (YYYY-MM-DD), a currency's three characters and nothing of a timestamp's text, and a bug,
 * an import or an older client may have written any of those: a read shows such a value (the screens
 * mark it as damaged, see renderer/src/common/format.ts) instead of failing the whole screen.
 * Inputs keep the strict schemas above.
 */
export const StoredDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be shaped YYYY-MM-DD');
export const StoredTimestampSchema = z.string();
export const StoredCurrencySchema = z.string();

export const MoneySchema = z.object({ amountMinor: MinorSchema, currency: StoredCurrencySchema });

export const PriorityFactorSchema = z.object({
  key: z.string(),
  label: z.string(),
  contribution: z.number(),
  detail: z.string(),
  /** The detail as values (shared/domain/priority.ts), for the client to word; absent in a summary stored before it. */
  params: z
    .object({
      amountMinor: z.number().optional(),
      currency: z.string().optional(),
      convertedFrom: z.array(z.object({ currency: z.string(), rate: z.string() })).optional(),
      count: z.number().optional(),
      percent: z.number().optional(),
      riskClass: z.enum(RISK_CLASSES).optional(),
      never: z.boolean().optional(),
    })
    .optional(),
});

export const BucketAmountSchema = z.object({ key: z.string(), label: z.string(), amountMinor: MinorSchema });

export const CurrencyAgingSchema = z.object({
  currency: StoredCurrencySchema,
  buckets: z.array(BucketAmountSchema),
  totalMinor: MinorSchema,
  overdueMinor: MinorSchema,
  disputedMinor: MinorSchema,
  collectibleMinor: MinorSchema,
  /** Payments on account not yet applied; absent in summaries stored before it was kept apart. */
  unappliedMinor: MinorSchema.default(0),
});

export const OverrideSchema = z.object({
  kind: z.enum(OVERRIDE_KINDS),
  reason: z.string(),
  expiresAt: StoredTimestampSchema.nullable(),
});

// ---------- app and preferences ----------

export const AppInfoSchema = z.object({
  version: z.string(),
  schemaVersion: z.number().int(),
  dataDir: z.string(),
  databasePath: z.string(),
  asOf: CalendarDateSchema,
  transport: z.enum(['ipc', 'http']),
  user: z.object({ id: IdSchema, displayName: z.string(), role: z.enum(ROLES) }).nullable(),
});

export const THEMES = ['light', 'dark', 'system'] as const;
export const DENSITIES = ['comfortable', 'compact'] as const;

// ---------- worklist ----------

export const WORKLIST_SORT_KEYS = [
  'score',
  'name',
  'number',
  'overdue',
  'open',
  'oldestDays',
  'nextAction',
  'lastContact',
  'daysLate',
  'shareLate',
  'creditUsed',
] as const;
export type WorklistSortKey = (typeof WORKLIST_SORT_KEYS)[number];

export const WorklistFiltersSchema = z
  .object({
    buckets: z.array(TextSchema.min(1).max(40)).max(20).optional(),
    currencies: z.array(CurrencySchema).max(50).optional(),
    countries: z.array(z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter ISO 3166 country code')).max(300).optional(),
    riskClasses: z.array(z.enum(RISK_CLASSES)).max(RISK_CLASSES.length).optional(),
    hasBrokenPromise: z.boolean().optional(),
    hasDispute: z.boolean().optional(),
    followUpDue: z.boolean().optional(),
    /** An open promise falls due today or tomorrow. */
    promiseDueSoon: z.boolean().optional(),
    /** The customers of these collectors (the team lead's team worklist). */
    collectorIds: z.array(IdSchema).max(100).optional(),
  })
  .strict();

export const WorklistQuerySchema = z
  .object({
    search: TextSchema.max(SEARCH_MAX, `must be at most ${SEARCH_MAX} characters`).optional(),
    filters: WorklistFiltersSchema.default({}),
    sort: z
      .object({ by: z.enum(WORKLIST_SORT_KEYS), dir: z.enum(['asc', 'desc']) })
      .strict()
      .default({ by: 'score', dir: 'desc' }),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500, 'must be at most 500').default(50),
  })
  .strict();

export const WorklistRowSchema = z.object({
  customerId: IdSchema,
  number: z.string(),
  name: z.string(),
  country: z.string(),
  currency: StoredCurrencySchema,
  riskClass: z.enum(RISK_CLASSES),
  creditHold: z.boolean(),
  openMinor: MinorSchema,
  overdueMinor: MinorSchema,
  collectibleMinor: MinorSchema,
  disputedMinor: MinorSchema,
  aging: z.array(BucketAmountSchema),
  mixedCurrency: z.boolean(),
  oldestDaysPastDue: z.number().int().nullable(),
  nextPromiseDate: StoredDateSchema.nullable(),
  nextFollowUpDate: StoredDateSchema.nullable(),
  lastContactAt: StoredTimestampSchema.nullable(),
  brokenPromises: z.number().int(),
  openDisputes: z.number().int(),
  score: z.number(),
  factors: z.array(PriorityFactorSchema),
  override: OverrideSchema.nullable(),
  /** How the customer paid over the trailing year (shared/domain/payment-behaviour.ts); null when nothing was settled. */
  payments: z.object({ paidInvoices: z.number().int(), averageDaysLate: z.number(), shareLate: z.number() }).nullable(),
  /** Share of the credit limit used, basis points rounded up (shared/domain/credit.ts); null: no limit. */
  creditUsedBp: z.number().int().min(0).nullable(),
});

export const WorklistPageSchema = z.object({
  rows: z.array(WorklistRowSchema),
  total: z.number().int(),
  asOf: CalendarDateSchema,
});

export const WorklistFacetsSchema = z.object({
  buckets: z.array(z.object({ key: z.string(), label: z.string() })),
  currencies: z.array(StoredCurrencySchema),
  countries: z.array(z.string()),
  riskClasses: z.array(z.enum(RISK_CLASSES)),
});

// ---------- customer account ----------

export const CustomerRefSchema = z.object({ customerId: IdSchema }).strict();

export const CustomerHeaderSchema = z.object({
  id: IdSchema,
  number: z.string(),
  name: z.string(),
  country: z.string(),
  /** The language the customer is written to in (canonical BCP 47, from the ERP); null: not known. */
  language: z.string().nullable(),
  /**
   * The default language of the customer's team (the server's directory): documents fall back to it
   * when neither the contact person nor the customer has a language the product speaks; null: none known.
   */
  teamLanguage: z.string().nullable(),
  currency: StoredCurrencySchema,
  paymentTerms: z.string(),
  paymentTermsDays: z.number().int(),
  creditLimitMinor: MinorSchema,
  creditUsedMinor: MinorSchema,
  /** Every currency's open balance against the limit, in the base currency, basis points rounded up (shared/domain/credit.ts); null: no limit. */
  creditUsedBp: z.number().int().min(0).nullable(),
  creditHold: z.boolean(),
  riskClass: z.enum(RISK_CLASSES),
  collector: z.object({ id: IdSchema, displayName: z.string() }).nullable(),
  /** The last reassignment: by whom (null when that user is not known here), when, and why. */
  assignment: z.object({ byName: z.string().nullable(), at: z.string(), reason: z.string().nullable() }).nullable(),
});

export const OpenItemSchema = z.object({
  id: IdSchema,
  kind: z.enum(ITEM_KINDS),
  documentNumber: z.string(),
  reference: z.string().nullable(),
  documentDate: StoredDateSchema,
  dueDate: StoredDateSchema,
  currency: StoredCurrencySchema,
  originalMinor: MinorSchema,
  openMinor: MinorSchema,
  disputedMinor: MinorSchema,
  dunningLevel: z.number().int(),
  /** The ERP flags the item as disputed (its own dispute management), whether or not a case is open here. */
  erpDisputed: z.boolean(),
  daysPastDue: z.number().int(),
  bucketKey: z.string(),
  promised: z.boolean(),
});

export const ContactPersonSchema = z.object({
  id: IdSchema,
  name: z.string(),
  role: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  preferredChannel: z.enum(CHANNELS).nullable(),
  language: z.string().nullable(),
  isPrimary: z.boolean(),
});

export const TIMELINE_TYPES = ['activity', 'payment', 'promise', 'dispute', 'note', 'follow_up', 'escalation'] as const;
export type TimelineType = (typeof TIMELINE_TYPES)[number];

/** What a timeline entry's title says, for a screen to word it in the interface language from `titleParams`. */
export const TIMELINE_TITLES = [
  'activity',
  'payment',
  'promise',
  'promiseCancelled',
  'dispute',
  'disputeMoved',
  'note',
  'noteEdited',
  'followUp',
  'followUpDone',
  'followUpCancelled',
  'escalation',
  'decision',
  'reassignment',
] as const;
export type TimelineTitle = (typeof TIMELINE_TITLES)[number];

export const TimelineEntrySchema = z.object({
  id: z.string(),
  type: z.enum(TIMELINE_TYPES),
  at: StoredTimestampSchema,
  /** Written with any calendar date it names as ISO text, the same text as `date`, which a screen shows in the user's format. */
  title: z.string(),
  /** The kind of title, for wording it in another language; absent on an entry a screen shows as `title`. */
  titleKey: z.enum(TIMELINE_TITLES).optional(),
  /** The title's values: codes (channel, outcome, reason, status, kind) as codes, names as written, dates as ISO, numbers. */
  titleParams: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  /** The calendar date the title names (a promise's promised date, a follow-up's due date), or null. */
  date: z.string().nullable(),
  detail: z.string().nullable(),
  by: z.string().nullable(),
  amount: MoneySchema.nullable(),
  status: z.string().nullable(),
  channel: z.enum(CHANNELS).nullable(),
  direction: z.enum(DIRECTIONS).nullable(),
  outcome: z.enum(OUTCOMES).nullable(),
});

export const CustomerAccountSchema = z.object({
  customer: CustomerHeaderSchema,
  asOf: CalendarDateSchema,
  aging: z.array(CurrencyAgingSchema),
  oldestDaysPastDue: z.number().int().nullable(),
  score: z.number(),
  factors: z.array(PriorityFactorSchema),
  openItems: z.array(OpenItemSchema),
  contacts: z.array(ContactPersonSchema),
  promiseStatuses: z.array(z.object({ status: z.enum(PROMISE_STATUSES), count: z.number().int() })),
  disputeStatuses: z.array(z.object({ status: z.enum(DISPUTE_STATUSES), count: z.number().int() })),
  escalationStatuses: z.array(z.object({ status: z.enum(ESCALATION_STATUSES), count: z.number().int() })),
  /** The customer's invoices, open and settled, and how many were disputed: flagged by the ERP or in a case here. */
  disputeHistory: z.object({ invoices: z.number().int(), disputed: z.number().int() }),
  /** How the customer paid over the trailing year, and its days to pay month by month (shared/domain/payment-behaviour.ts). */
  paymentBehaviour: z.object({
    /** null when nothing was settled in the trailing year. */
    figures: z.object({ paidInvoices: z.number().int(), averageDaysToPay: z.number(), averageDaysLate: z.number(), shareLate: z.number() }).nullable(),
    months: z.array(z.object({ month: z.string(), paidInvoices: z.number().int(), averageDaysToPay: z.number().nullable() })),
    trend: z.enum(['faster', 'slower', 'steady']).nullable(),
  }),
});

// ---------- search ----------

export const SEARCH_HIT_KINDS = ['customer', 'contact', 'document', 'reference', 'note'] as const;

export const SearchQuerySchema = z
  .object({
    q: TextSchema.trim().min(1, 'must not be empty').max(SEARCH_MAX, `must be at most ${SEARCH_MAX} characters`),
    limit: z.number().int().min(1).max(100).default(20),
  })
  .strict();

export const SearchHitSchema = z.object({
  kind: z.enum(SEARCH_HIT_KINDS),
  customerId: IdSchema,
  customerNumber: z.string(),
  customerName: z.string(),
  label: z.string(),
  snippet: z.string(),
});

// ---------- commands ----------

const optionalText = (max: number) =>
  TextSchema.trim()
    .max(max, `must be at most ${max} characters`)
    .nullish()
    .transform((value) => (value ? value : null));

export const ContactPersonSaveSchema = z
  .object({
    customerId: IdSchema,
    /** Present to correct an existing contact person; absent to add one. */
    id: IdSchema.optional(),
    name: TextSchema.trim().min(1, 'is required').max(TITLE_MAX, `must be at most ${TITLE_MAX} characters`),
    role: optionalText(CONTACT_ROLE_MAX),
    phone: TextSchema.trim()
      .max(PHONE_MAX, `must be at most ${PHONE_MAX} characters`)
      .refine((value) => value === '' || isPhoneNumber(value), refusalIssue(PHONE_REFUSAL))
      .nullish()
      .transform((value) => (value ? value : null)),
    email: z
      .union([z.literal(''), z.email({ pattern: EMAIL_PATTERN, message: refusalMessage(EMAIL_REFUSAL) }).max(EMAIL_MAX)])
      .nullish()
      .transform((value) => (value ? value : null)),
    preferredChannel: z.enum(CHANNELS).nullish().transform((value) => value ?? null),
    /** The language to write to this person in; left out, a correction keeps the one stored. */
    language: LanguageTagSchema.nullish(),
    isPrimary: z.boolean().default(false),
  })
  .strict();


export const WorklistSetOverrideSchema = z
  .object({
    customerId: IdSchema,
    kind: z.enum(OVERRIDE_KINDS),
    reason: TextSchema.trim().min(1, 'is required').max(REASON_MAX, `must be at most ${REASON_MAX} characters`),
    expiresAt: TimestampSchema.nullish().transform((value) => value ?? null),
  })
  .strict();

export const WorklistClearOverrideSchema = z
  .object({
    customerId: IdSchema,
    reason: TextSchema.trim().max(REASON_MAX, `must be at most ${REASON_MAX} characters`).optional(),
  })
  .strict();
