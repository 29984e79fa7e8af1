/** zod schemas of the KPI dashboard and the 13-week collection forecast (issue 6, docs/KPI.md). */
import { z } from 'zod';
import { KPI_FIGURE_KEYS, KPI_FORMULAS, KPI_NO_VALUE_REASONS, type KpiFigureKey } from '../domain/kpi';

export { KPI_FIGURE_KEYS, type KpiFigureKey };
import { CalendarDateSchema, CurrencySchema, IdSchema, MinorSchema, StoredCurrencySchema } from './schemas';

// From 1900 on: the window walks 12 to 36 months back, which must stay in the calendar dates.ts handles.
export const KPI_MONTH_PATTERN = /^(19|[2-9]\d)\d{2}-(0[1-9]|1[0-2])$/;
export const KpiMonthSchema = z.string().regex(KPI_MONTH_PATTERN, 'must be a month in the form YYYY-MM, 1900 or later');

/** How a figure's value reads: days, a percentage 0..100, a rate 0..1, a count, or contacts per day. */
export const KPI_UNITS = ['days', 'percent', 'rate', 'count', 'per_day'] as const;
export type KpiUnit = (typeof KPI_UNITS)[number];

export const KpiDashboardQuerySchema = z
  .object({
    /** null or absent: the whole team (every customer in the store). */
    collectorId: IdSchema.nullish().transform((value) => value ?? null),
    month: KpiMonthSchema,
    /** Money figures of this currency alone; absent: every currency, converted to the base currency at the stated rates. */
    currency: CurrencySchema.optional(),
  })
  .strict();

export const KpiForecastQuerySchema = z
  .object({ collectorId: IdSchema.nullish().transform((value) => value ?? null) })
  .strict();

/** The values a formula's or reason's text names (the currency of a count, say). */
const KpiTextParamsSchema = z.record(z.string(), z.union([z.number(), z.string()]));

export const KpiFigureSchema = z.object({
  value: z.number().nullable(),
  unit: z.enum(KPI_UNITS),
  /** Why there is no value (say no credit sales in the period), as a code the reader's language words; null when there is one. */
  reason: z.object({ key: z.enum(KPI_NO_VALUE_REASONS), params: KpiTextParamsSchema.optional() }).nullable(),
  /** The formula, as a code (shared/domain/kpi.ts KPI_FORMULAS). */
  formula: z.object({ key: z.enum(KPI_FORMULAS), params: KpiTextParamsSchema.optional() }),
  inputs: z.record(z.string(), z.union([z.number(), z.string()])),
});


/** The figures drawn as monthly trend lines. */
export const KPI_TREND_KEYS = [
  'dso',
  'bestPossibleDso',
  'averageDaysDelinquent',
  'cei',
  'percentCurrent',
  'keptRateByCount',
  'keptRateByAmount',
  'collectedVsPromised',
  'brokenPromises',
  'disputesOpened',
  'disputeCycleTime',
] as const satisfies readonly KpiFigureKey[];
export type KpiTrendKey = (typeof KPI_TREND_KEYS)[number];

export const KpiDisputeGroupSchema = z.object({ key: z.string(), opened: z.number().int().min(0), cycleTimeDays: KpiFigureSchema });

export const KpiCollectorContactsSchema = z.object({
  collectorId: IdSchema,
  displayName: z.string(),
  contacts: z.number().int().min(0),
  perDay: KpiFigureSchema,
});

export const KpiTrendPointSchema = z.object({
  month: KpiMonthSchema,
  values: z.object(Object.fromEntries(KPI_TREND_KEYS.map((key) => [key, z.number().nullable()])) as Record<KpiTrendKey, z.ZodNullable<z.ZodNumber>>),
});

/** One currency's receivables at the period end as stored, and what they count for in the base currency. */
export const KpiCurrencyPositionSchema = z.object({
  currency: StoredCurrencySchema,
  totalMinor: MinorSchema,
  currentMinor: MinorSchema,
  creditSalesMinor: MinorSchema,
  /** Base-currency units per unit, as the settings state it; null: one-currency figures, or no rate. */
  rate: z.string().nullable(),
  totalBaseMinor: MinorSchema.nullable(),
});

/** How the all-currency figures were converted. */
export const KpiConversionSchema = z.object({
  base: StoredCurrencySchema,
  /** The currencies in scope that had no rate: left out of the figures, never guessed. */
  unconverted: z.array(StoredCurrencySchema),
});

export const KpiDashboardSchema = z.object({
  asOf: CalendarDateSchema,
  collectorId: IdSchema.nullable(),
  month: KpiMonthSchema,
  /** The month, cut at the as-of date when it is the current one. */
  period: z.object({ from: CalendarDateSchema, to: CalendarDateSchema }),
  /** The current month so far: its figures cover `days` of `ofDays` (null: the whole month). */
  partial: z.object({ days: z.number().int().min(1), ofDays: z.number().int().min(28) }).nullable(),
  /** The currency of the money figures: the one asked for, or the base currency every currency was converted to. */
  currency: StoredCurrencySchema,
  /** null: one currency's figures, nothing converted. */
  conversion: KpiConversionSchema.nullable(),
  /** Per currency at the period end; every currency in scope when converting, else the one. */
  byCurrency: z.array(KpiCurrencyPositionSchema),
  /** Currencies with open receivables in scope, so the caller can offer the others (empty: nothing open). */
  currencies: z.array(StoredCurrencySchema),
  figures: z.object(Object.fromEntries(KPI_FIGURE_KEYS.map((key) => [key, KpiFigureSchema])) as Record<KpiFigureKey, typeof KpiFigureSchema>),
  disputesByReason: z.array(KpiDisputeGroupSchema),
  disputesByRootCause: z.array(KpiDisputeGroupSchema),
  contacts: z.array(KpiCollectorContactsSchema),
  /** The 12 months ending with `month`, oldest first. */
  trend: z.array(KpiTrendPointSchema),
});

export const KpiForecastAmountSchema = z.object({
  currency: StoredCurrencySchema,
  promisedMinor: MinorSchema,
  itemsMinor: MinorSchema,
  /** Cash from invoices the customers will bill in the 13 weeks, at their trailing 26-week run rate. */
  billingMinor: MinorSchema,
  totalMinor: MinorSchema,
});

export const KpiForecastTotalsSchema = z.object({ currency: StoredCurrencySchema, beyondMinor: MinorSchema, discountedMinor: MinorSchema, billedMinor: MinorSchema });

export const KpiForecastWeekSchema = z.object({
  week: z.number().int().min(1),
  from: CalendarDateSchema,
  to: CalendarDateSchema,
  amounts: z.array(KpiForecastAmountSchema),
});

export const KpiForecastSchema = z.object({
  asOf: CalendarDateSchema,
  collectorId: IdSchema.nullable(),
  weeks: z.array(KpiForecastWeekSchema),
  /**
   * Per currency: open promises and items expected after week 13, the part of open promises not
   * expected given the kept rates, and the trailing 26-week billing the billing part is built on.
   */
  totals: z.array(KpiForecastTotalsSchema),
  /** Every currency converted to the base currency at the stated rates, week by week (currencies without a rate left out and named). */
  converted: z.object({
    weeks: z.array(KpiForecastAmountSchema),
    totals: KpiForecastTotalsSchema,
    unconverted: z.array(StoredCurrencySchema),
  }),
});

export type KpiFigureView = z.output<typeof KpiFigureSchema>;
export type KpiDashboard = z.output<typeof KpiDashboardSchema>;
export type KpiForecastView = z.output<typeof KpiForecastSchema>;
export type KpiDashboardQuery = z.output<typeof KpiDashboardQuerySchema>;
export type KpiForecastQuery = z.output<typeof KpiForecastQuerySchema>;
