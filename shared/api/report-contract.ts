/** Exports and reports (issue 6): portfolio notes, aging, customer statements. */
import { z } from 'zod';
import { CHANNELS, OUTCOMES } from '../domain/codes';
import { EXPORT_STATES, REPORT_ENTRY_TYPES, REPORT_FORMATS, REPORT_KINDS } from '../domain/report-entries';
import { BucketAmountSchema, CalendarDateSchema, CurrencySchema, IdSchema, MinorSchema, ReportDateSchema, StoredCurrencySchema, WorklistFiltersSchema } from './schemas';
import { SEARCH_MAX } from '../domain/text';
import { UI_LANGUAGES } from '../i18n/languages';
import { refusalIssue } from './refusal-issue';
import { RefusalParamsSchema, RefusalReasonSchema } from '../sync/protocol';
import { TextSchema } from './text-schema';

const operation = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

/** Which customers a report covers: everyone, some collectors' portfolios, some customers, or what a worklist filter shows. */
export const ReportScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }).strict(),
  z.object({ kind: z.literal('collectors'), collectorIds: z.array(IdSchema).min(1, 'choose at least one collector').max(500) }).strict(),
  z.object({ kind: z.literal('customers'), customerIds: z.array(IdSchema).min(1, 'choose at least one customer').max(10_000) }).strict(),
  z
    .object({
      kind: z.literal('worklist'),
      filters: WorklistFiltersSchema.default({}),
      search: TextSchema.max(SEARCH_MAX, `must be at most ${SEARCH_MAX} characters`).optional(),
    })
    .strict(),
]);

const nonEmpty = (what: string) => `choose at least one ${what} or leave the list out for all`;

export const NotesFilterSchema = z
  .object({
    scope: ReportScopeSchema.default({ kind: 'all' }),
    /** Calendar dates (UTC), both inclusive; either may be left out. */
    from: ReportDateSchema.optional(),
    to: ReportDateSchema.optional(),
    /** Left out: every type. */
    types: z.array(z.enum(REPORT_ENTRY_TYPES)).min(1, nonEmpty('type')).optional(),
    /** Narrows contacts only: other entries have no channel. */
    channels: z.array(z.enum(CHANNELS)).min(1, nonEmpty('channel')).optional(),
    /** Narrows contacts only: notes, promises and disputes carry no outcome code of their own. */
    outcomes: z.array(z.enum(OUTCOMES)).min(1, nonEmpty('outcome')).optional(),
  })
  .strict()
  .refine((filter) => filter.from === undefined || filter.to === undefined || filter.from <= filter.to, {
    path: ['to'],
    ...refusalIssue({ key: 'reportRangeReversed' }),
  });

export const AgingFilterSchema = z
  .object({
    scope: ReportScopeSchema.default({ kind: 'all' }),
    /** Left out: today. Items are open as of this date: issued by then and not yet cleared by then. */
    asOf: ReportDateSchema.optional(),
    currencies: z.array(CurrencySchema).min(1, nonEmpty('currency')).max(50).optional(),
  })
  .strict();

export const StatementFilterSchema = z
  .object({
    customerId: IdSchema,
    asOf: ReportDateSchema.optional(),
  })
  .strict();

export const IssuerSchema = z
  .object({
    name: TextSchema.trim().min(1, 'must not be empty').max(120),
    lines: z.array(TextSchema.max(120)).max(6).default([]),
  })
  .strict();

const format = z.enum(REPORT_FORMATS);

/**
 * The language of the document: its headers, titles, labels of codes and texts; a PDF also writes
 * amounts and dates that language's way. English when left out.
 */
const language = z.enum(UI_LANGUAGES).default('en');

export const ExportStartSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('notes'),
      format,
      language,
      filter: NotesFilterSchema.default({ scope: { kind: 'all' } }),
      options: z
        .object({
          /** CSV: start with a UTF-8 byte order mark so Excel reads accents right. */
          bom: z.boolean().default(false),
          /** XLSX: one worksheet per customer instead of one for all. */
          sheetPerCustomer: z.boolean().default(false),
        })
        .strict()
        .default({ bom: false, sheetPerCustomer: false }),
    })
    .strict(),
  z
    .object({
      kind: z.literal('aging'),
      format,
      language,
      filter: AgingFilterSchema.default({ scope: { kind: 'all' } }),
      options: z.object({ bom: z.boolean().default(false) }).strict().default({ bom: false }),
    })
    .strict(),
  z
    .object({
      kind: z.literal('statement'),
      format: z.literal('pdf', { message: 'a customer statement is a PDF only' }),
      language,
      filter: StatementFilterSchema,
      options: z
        .object({ issuer: IssuerSchema.optional() })
        .strict()
        .default({}),
    })
    .strict(),
]);

export const ExportJobRefSchema = z.object({ jobId: IdSchema }).strict();

/** A finished export, by the file name `report.exportStart` gave (letters, digits, `.`, `-`, `_`; no path). */
export const ExportFileRefSchema = z
  .object({
    fileName: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,199}\.(csv|xlsx|pdf)$/, 'must be the name of an export file')
      .refine((name) => !name.includes('..'), refusalIssue({ key: 'exportFileName' })),
  })
  .strict();

export const ExportStartedSchema = z.object({ jobId: IdSchema, fileName: z.string() });

export const ExportStatusSchema = z.object({
  jobId: IdSchema,
  kind: z.enum(REPORT_KINDS),
  format,
  state: z.enum(EXPORT_STATES),
  rows: z.number().int().min(0),
  total: z.number().int().min(0),
  /** 0..100, whole numbers; 100 only when done. */
  percent: z.number().int().min(0).max(100),
  /** Under `<dataDir>/exports/`; the file exists only in state done (dev:web serves it at /exports/<fileName>). */
  fileName: z.string(),
  filePath: z.string(),
  /**
   * Why a failed job wrote no file: the English `message` (a refusal's, or the system's own words
   * for a file that could not be written), with the `reason` and `params` the client words it by.
   * Jobs live in memory only, so no job of an older shape is ever read back.
   */
  error: z
    .object({ code: z.string(), message: z.string(), field: z.string().optional(), reason: RefusalReasonSchema.optional(), params: RefusalParamsSchema.optional() })
    .nullable(),
  /** Characters of the data the PDF's fonts have no glyph for (at most 40, in the order met): shown as empty boxes in the file. */
  unprintable: z.array(z.string()),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
});

export const NotesCountSchema = z.object({ count: z.number().int().min(0), customers: z.number().int().min(0) });

const AgingAmountsSchema = z.object({
  currency: StoredCurrencySchema,
  buckets: z.array(BucketAmountSchema),
  /** Payments on account not yet applied: in the total, in no bucket, never overdue. */
  unappliedMinor: MinorSchema,
  totalMinor: MinorSchema,
  overdueMinor: MinorSchema,
});

export const AgingReportRowSchema = AgingAmountsSchema.extend({
  collectorId: IdSchema.nullable(),
  collectorName: z.string().nullable(),
  customerId: IdSchema,
  customerNumber: z.string(),
  customerName: z.string(),
});

export const AgingReportSchema = z.object({
  asOf: CalendarDateSchema,
  basis: z.enum(['due_date', 'document_date']),
  buckets: z.array(z.object({ key: z.string(), label: z.string() })),
  /** Ordered by collector name, customer number and currency. */
  rows: z.array(AgingReportRowSchema),
  /** Per collector and currency. */
  collectorTotals: z.array(AgingAmountsSchema.extend({ collectorId: IdSchema.nullable(), collectorName: z.string().nullable() })),
  /** Per currency: different currencies are never added together. */
  totals: z.array(AgingAmountsSchema),
});

export const reportContract = {
  'report.notesCount': operation(NotesFilterSchema, NotesCountSchema),
  'report.aging': operation(AgingFilterSchema, AgingReportSchema),
  'report.exportStart': operation(ExportStartSchema, ExportStartedSchema),
  'report.exportStatus': operation(ExportJobRefSchema, ExportStatusSchema),
  'report.exportCancel': operation(ExportJobRefSchema, ExportStatusSchema),
  /** Shows a finished export in the system's file manager (the desktop app only; dev:web downloads it). */
  'report.reveal': operation(ExportFileRefSchema, z.object({ revealed: z.literal(true) })),
} as const;
