/** zod schemas of the team lead operations: reassignment, escalation decisions, team views. */
import { z } from 'zod';
import { ESCALATION_KINDS, ESCALATION_STATUSES } from '../domain/codes';
import { ESCALATION_DECISIONS } from '../domain/team';
import { EscalationSchema } from './collector-schemas';
import { refusalIssue } from './refusal-issue';
import { TextSchema } from './text-schema';
import { COMMENT_MAX, REASON_MAX } from '../domain/text';
import { CalendarDateSchema, IdSchema, MinorSchema, StoredCurrencySchema, StoredTimestampSchema, TimestampSchema } from './schemas';

/** The most customers one reassignment moves (one outbox mutation, one push). */
export const REASSIGN_MAX = 500;

const text = (max: number) => TextSchema.trim().max(max, `must be at most ${max} characters`);

export const CustomerReassignSchema = z
  .object({
    customerIds: z
      .array(IdSchema)
      .min(1, 'name at least one customer')
      .max(REASSIGN_MAX, `must name at most ${REASSIGN_MAX} customers`)
      .refine((ids) => new Set(ids).size === ids.length, refusalIssue({ key: 'customerNamedTwice' })),
    toCollectorId: IdSchema,
    reason: text(REASON_MAX).optional(),
  })
  .strict();

export const CustomerReassignResultSchema = z.object({
  /** The customers whose collector changed (those already with the target are left alone). */
  customerIds: z.array(IdSchema),
  toCollector: z.object({ id: IdSchema, displayName: z.string() }),
});

export const EscalationDecideSchema = z
  .object({
    escalationId: IdSchema,
    decision: z.enum(ESCALATION_DECISIONS),
    comment: text(COMMENT_MAX).optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.decision === 'reject' && (input.comment === undefined || input.comment === '')) {
      ctx.addIssue({ code: 'custom', ...refusalIssue({ key: 'rejectionNeedsComment' }), path: ['comment'] });
    }
  });

export const EscalationDecisionSchema = EscalationSchema.extend({
  decidedBy: IdSchema,
  decidedAt: TimestampSchema,
  decisionComment: z.string().nullable(),
  /** True when the approval put the customer on credit hold. */
  creditHoldSet: z.boolean(),
});

export const TeamLoadSchema = z.object({
  asOf: CalendarDateSchema,
  /** Monday of the current week: contacts are counted from then. */
  weekStart: CalendarDateSchema,
  collectors: z.array(
    z.object({
      collectorId: IdSchema,
      displayName: z.string(),
      /** Disabled on the server: still listed while they own customers, never offered as a new owner. */
      disabled: z.boolean(),
      customers: z.number().int(),
      /** Overdue amounts per currency, largest first. */
      overdue: z.array(z.object({ currency: StoredCurrencySchema, amountMinor: MinorSchema })),
      contactsThisWeek: z.number().int(),
      promisesOpen: z.number().int(),
      promisesBroken: z.number().int(),
    }),
  ),
});

export const TeamEscalationSchema = z.object({
  id: IdSchema,
  customerId: IdSchema,
  customerNumber: z.string(),
  customerName: z.string(),
  collectorName: z.string().nullable(),
  kind: z.enum(ESCALATION_KINDS),
  status: z.enum(ESCALATION_STATUSES),
  amountMinor: MinorSchema.nullable(),
  currency: StoredCurrencySchema.nullable(),
  reason: z.string(),
  requestedBy: z.string().nullable(),
  requestedByName: z.string().nullable(),
  requestedAt: StoredTimestampSchema,
});
