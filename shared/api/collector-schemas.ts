/** zod schemas of the collector's work: contacts, promises, payment plans, disputes, notes, follow-ups, escalations, drafts. */
import { z } from 'zod';
import {
  CHANNELS,
  DIRECTIONS,
  DISPUTE_REASONS,
  DISPUTE_RESOLUTIONS,
  DISPUTE_STATUSES,
  ESCALATION_KINDS,
  ESCALATION_STATUSES,
  FOLLOW_UP_STATUSES,
  OUTCOMES,
  PAYMENT_METHODS,
  PROMISE_STATUSES,
  ROLES,
  ROOT_CAUSES,
} from '../domain/codes';
import { CONTACT_LENGTH_REFUSAL, MAX_CONTACT_SECONDS } from '../domain/contact-fields';
import { DISPUTE_ACTIONS } from '../domain/dispute';
import { MAX_INSTALMENTS } from '../domain/promise-plan';
import { COMMENT_MAX, NOTE_MAX, REASON_MAX, TITLE_MAX } from '../domain/text';
import { refusalMessage } from '../i18n/refusals';
import { AttachmentSchema } from './attachment-schemas';
import { refusalIssue } from './refusal-issue';
import { TextSchema } from './text-schema';
import { CalendarDateSchema, ContactPersonSaveSchema, CurrencySchema, IdSchema, MinorSchema, OverrideSchema, StoredCurrencySchema, StoredDateSchema, StoredTimestampSchema, TIMELINE_TYPES, TimelineEntrySchema } from './schemas';

const text = (max: number) => TextSchema.trim().max(max, `must be at most ${max} characters`);
const requiredText = (max: number) => text(max).min(1, 'is required');
const PositiveMinorSchema = MinorSchema.refine((value) => value > 0, refusalIssue({ key: 'mustBeMoreThanZero' }));

// ---------- promises ----------

export const PromiseTermsSchema = z
  .object({
    /** Defaults to the open total of `itemIds` when items are given. */
    amountMinor: PositiveMinorSchema.optional(),
    /** Defaults to the items' currency, else the customer's. */
    currency: CurrencySchema.optional(),
    promisedDate: CalendarDateSchema,
    itemIds: z.array(IdSchema).max(500, 'must list at most 500 items').default([]),
    paymentMethod: z.enum(PAYMENT_METHODS).nullish().transform((value) => value ?? null),
    note: text(NOTE_MAX).default(''),
  })
  .strict();

export const PromiseCreateSchema = PromiseTermsSchema.extend({ customerId: IdSchema }).strict();

export const InstalmentSchema = z.object({ promisedDate: CalendarDateSchema, amountMinor: PositiveMinorSchema }).strict();

/** A payment plan's terms, on its own (promise.plan) or agreed in a logged contact (contact.log `plan`). */
export const PlanTermsSchema = z
  .object({
    /** When given, the instalments must add up to it exactly. */
    totalMinor: PositiveMinorSchema.optional(),
    currency: CurrencySchema.optional(),
    instalments: z.array(InstalmentSchema).min(2, 'a payment plan has at least 2 instalments').max(MAX_INSTALMENTS, `a payment plan has at most ${MAX_INSTALMENTS} instalments`),
    itemIds: z.array(IdSchema).max(500, 'must list at most 500 items').default([]),
    paymentMethod: z.enum(PAYMENT_METHODS).nullish().transform((value) => value ?? null),
    note: text(NOTE_MAX).default(''),
  })
  .strict();

export const PromisePlanSchema = PlanTermsSchema.extend({ customerId: IdSchema }).strict();

export const PromiseCancelSchema = z
  .object({
    promiseId: IdSchema,
    reason: requiredText(REASON_MAX),
    /** Cancels every open instalment of the promise's payment plan. */
    wholePlan: z.boolean().default(false),
  })
  .strict();

export const PromiseSchema = z.object({
  id: IdSchema,
  customerId: IdSchema,
  planId: IdSchema.nullable(),
  amountMinor: MinorSchema,
  currency: StoredCurrencySchema,
  promisedDate: StoredDateSchema,
  paymentMethod: z.enum(PAYMENT_METHODS).nullable(),
  note: z.string(),
  status: z.enum(PROMISE_STATUSES),
  level: z.number().int(),
  paidMinor: MinorSchema,
  itemIds: z.array(IdSchema),
  supersededIds: z.array(IdSchema),
});

export const PromisePlanResultSchema = z.object({ planId: IdSchema, totalMinor: MinorSchema, promises: z.array(PromiseSchema) });

export const PromisesEvaluationSchema = z.object({
  asOf: CalendarDateSchema,
  evaluated: z.number().int(),
  kept: z.number().int(),
  partiallyKept: z.number().int(),
  broken: z.number().int(),
  followUpsCreated: z.number().int(),
});

// ---------- disputes ----------

export const DisputeItemInputSchema = z.object({ itemId: IdSchema, disputedMinor: PositiveMinorSchema }).strict();

export const DisputeTermsSchema = z
  .object({
    items: z.array(DisputeItemInputSchema).min(1, 'a dispute covers at least one item').max(200, 'must list at most 200 items'),
    reasonCode: z.enum(DISPUTE_REASONS),
    description: text(NOTE_MAX).default(''),
    /** User id of the owner; defaults to the local profile. */
    ownerId: IdSchema.optional(),
    dueDate: CalendarDateSchema.nullish().transform((value) => value ?? null),
  })
  .strict();

export const DisputeCreateSchema = DisputeTermsSchema.extend({ customerId: IdSchema }).strict();

export const DisputeTransitionSchema = z
  .object({
    disputeId: IdSchema,
    action: z.enum(DISPUTE_ACTIONS),
    comment: text(COMMENT_MAX).default(''),
    resolution: z.enum(DISPUTE_RESOLUTIONS).optional(),
    rootCause: z.enum(ROOT_CAUSES).optional(),
  })
  .strict();

export const DisputeSchema = z.object({
  id: IdSchema,
  customerId: IdSchema,
  status: z.enum(DISPUTE_STATUSES),
  reasonCode: z.enum(DISPUTE_REASONS),
  description: z.string(),
  ownerId: z.string().nullable(),
  dueDate: StoredDateSchema.nullable(),
  currency: StoredCurrencySchema,
  disputedMinor: MinorSchema,
  resolution: z.enum(DISPUTE_RESOLUTIONS).nullable(),
  rootCause: z.enum(ROOT_CAUSES).nullable(),
  items: z.array(z.object({ itemId: IdSchema, disputedMinor: MinorSchema })),
  allowedActions: z.array(z.enum(DISPUTE_ACTIONS)),
});

// ---------- contacts ----------

export const NewContactPersonSchema = ContactPersonSaveSchema.omit({ customerId: true, id: true });

export const ContactLogSchema = z
  .object({
    customerId: IdSchema,
    channel: z.enum(CHANNELS),
    direction: z.enum(DIRECTIONS).default('outbound'),
    contactPersonId: IdSchema.nullish().transform((value) => value ?? null),
    /** A contact person added in the same step (name plus phone or email). */
    newContactPerson: NewContactPersonSchema.optional(),
    outcome: z.enum(OUTCOMES),
    note: text(NOTE_MAX).default(''),
    durationSeconds: z.number().int().min(0).max(MAX_CONTACT_SECONDS, refusalMessage(CONTACT_LENGTH_REFUSAL)).nullish().transform((value) => value ?? null),
    /** Creates an open follow-up on this date. */
    followUpDate: CalendarDateSchema.nullish().transform((value) => value ?? null),
    /** The follow-up's title in the collector's language ("Wiedervorlage: Rückruf später"); an older client sends none and gets the English one. */
    followUpTitle: requiredText(TITLE_MAX).optional(),
    promise: PromiseTermsSchema.optional(),
    /** A payment plan agreed in the call, instead of a single promise: logged with the contact in one step. */
    plan: PlanTermsSchema.optional(),
    dispute: DisputeTermsSchema.optional(),
    /** The draft the form was typed into; cleared when the contact is logged. */
    draftKey: TextSchema.min(1).max(200).optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.contactPersonId !== null && input.newContactPerson !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['newContactPerson'], ...refusalIssue({ key: 'contactPersonEitherOr' }) });
    }
    if (input.newContactPerson !== undefined && input.newContactPerson.phone === null && input.newContactPerson.email === null) {
      ctx.addIssue({ code: 'custom', path: ['newContactPerson', 'phone'], ...refusalIssue({ key: 'newContactNeedsPhoneOrEmail' }) });
    }
    if (input.promise !== undefined && input.outcome !== 'promise_to_pay') {
      ctx.addIssue({ code: 'custom', path: ['promise'], ...refusalIssue({ key: 'promiseNeedsPromiseOutcome' }) });
    }
    if (input.plan !== undefined && input.outcome !== 'promise_to_pay') {
      ctx.addIssue({ code: 'custom', path: ['plan'], ...refusalIssue({ key: 'planNeedsPromiseOutcome' }) });
    }
    if (input.plan !== undefined && input.promise !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['plan'], ...refusalIssue({ key: 'promiseOrPlan' }) });
    }
    if (input.dispute !== undefined && input.outcome !== 'dispute_raised') {
      ctx.addIssue({ code: 'custom', path: ['dispute'], ...refusalIssue({ key: 'disputeNeedsDisputeOutcome' }) });
    }
  });

export const ContactLogResultSchema = z.object({
  activityId: IdSchema,
  customerId: IdSchema,
  contactPersonId: IdSchema.nullable(),
  followUpId: IdSchema.nullable(),
  promise: PromiseSchema.nullable(),
  plan: PromisePlanResultSchema.nullable(),
  dispute: DisputeSchema.nullable(),
});

export const ContactDefaultsQuerySchema = z.object({ customerId: IdSchema.optional() }).strict();

export const ContactDefaultsSchema = z.object({
  channel: z.enum(CHANNELS),
  direction: z.enum(DIRECTIONS),
  /** The customer's primary contact person, else the one contacted last. */
  contactPersonId: IdSchema.nullable(),
});

// ---------- notes ----------

export const NoteAddSchema = z
  .object({ customerId: IdSchema, itemId: IdSchema.nullish().transform((value) => value ?? null), body: requiredText(NOTE_MAX) })
  .strict();

export const NoteEditSchema = z.object({ noteId: IdSchema, body: requiredText(NOTE_MAX) }).strict();

export const NoteRefSchema = z.object({ noteId: IdSchema }).strict();

export const NoteSchema = z.object({
  id: IdSchema,
  lineageId: IdSchema,
  customerId: IdSchema,
  itemId: IdSchema.nullable(),
  version: z.number().int(),
  isCurrent: z.boolean(),
  body: z.string(),
  createdBy: z.string().nullable(),
  createdAt: StoredTimestampSchema,
});

// ---------- follow-ups ----------

/** What a client that found a promise broken tells the server: open that promise's follow-up (once, whoever tells first). */
export const BrokenPromiseFollowUpSchema = z.strictObject({
  customerId: IdSchema,
  promiseId: IdSchema,
  dueDate: CalendarDateSchema,
  title: requiredText(TITLE_MAX),
});

export const FollowUpCreateSchema = z
  .object({
    customerId: IdSchema,
    itemId: IdSchema.nullish().transform((value) => value ?? null),
    dueDate: CalendarDateSchema,
    title: requiredText(TITLE_MAX),
    /** Defaults to the local profile. */
    assignedTo: IdSchema.optional(),
  })
  .strict();

export const FollowUpCloseSchema = z.object({ followUpId: IdSchema, comment: text(REASON_MAX).optional() }).strict();

export const FollowUpSchema = z.object({
  id: IdSchema,
  customerId: IdSchema,
  itemId: IdSchema.nullable(),
  dueDate: StoredDateSchema,
  title: z.string(),
  status: z.enum(FOLLOW_UP_STATUSES),
  assignedTo: z.string().nullable(),
});

export const MyFollowUpsQuerySchema = z
  .object({ limit: z.number().int().min(1).max(1_000).default(200) })
  .strict();

export const MyFollowUpSchema = FollowUpSchema.extend({
  customerNumber: z.string(),
  customerName: z.string(),
  documentNumber: z.string().nullable(),
  overdue: z.boolean(),
});

// ---------- escalations ----------

export const EscalationRequestSchema = z
  .object({
    customerId: IdSchema,
    kind: z.enum(ESCALATION_KINDS),
    amountMinor: PositiveMinorSchema.optional(),
    /** Defaults to the customer's currency when an amount is given. */
    currency: CurrencySchema.optional(),
    reason: requiredText(COMMENT_MAX),
  })
  .strict();

export const EscalationWithdrawSchema = z.object({ escalationId: IdSchema, reason: text(REASON_MAX).optional() }).strict();

export const EscalationSchema = z.object({
  id: IdSchema,
  customerId: IdSchema,
  kind: z.enum(ESCALATION_KINDS),
  amountMinor: MinorSchema.nullable(),
  currency: StoredCurrencySchema.nullable(),
  reason: z.string(),
  status: z.enum(ESCALATION_STATUSES),
  /** The team lead's decision: who (a user id, null when not recorded), when, and why; null while requested. */
  decision: z.object({ by: z.string().nullable(), at: StoredTimestampSchema, comment: z.string().nullable() }).nullable(),
});

// ---------- timeline ----------

export const TimelineQuerySchema = z
  .object({
    customerId: IdSchema,
    types: z.array(z.enum(TIMELINE_TYPES)).max(TIMELINE_TYPES.length).optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500, 'must be at most 500').default(50),
  })
  .strict();

/**
 * A page of the timeline, the number of entries its filter matches, and how many of each type the
 * whole history holds (for the filter's buttons; the account carries no timeline of its own: a
 * long-standing customer's ran to thousands of entries, a megabyte read with every account).
 */
export const TimelinePageSchema = z.object({
  entries: z.array(TimelineEntrySchema),
  total: z.number().int(),
  counts: z.array(z.object({ type: z.enum(TIMELINE_TYPES), count: z.number().int() })),
});

// ---------- drafts ----------

/** `contact:<customerId>`, `note:<customerId>`...: what a form was typing into. */
export const DraftKeySchema = TextSchema.trim().min(1, 'is required').max(200, 'must be at most 200 characters');
export const DRAFT_MAX_CHARS = 100_000;

export const DraftRefSchema = z.object({ key: DraftKeySchema }).strict();

export const DraftSaveSchema = z
  .object({
    key: DraftKeySchema,
    value: z.json().refine((value) => JSON.stringify(value).length <= DRAFT_MAX_CHARS, refusalIssue({ key: 'draftTooLong', params: { max: DRAFT_MAX_CHARS } })),
  })
  .strict();

export const DraftSchema = z.object({ key: z.string(), value: z.json(), updatedAt: StoredTimestampSchema });

// ---------- a customer's work in progress ----------

export const CustomerWorkSchema = z.object({
  /** Open promises (payment plan instalments included) and broken or partially kept ones not yet answered by a new promise, by date. */
  promises: z.array(PromiseSchema),
  /** Cases that can still move (everything but voided), newest first. */
  disputes: z.array(DisputeSchema),
  followUps: z.array(FollowUpSchema),
  /** Requests waiting for a decision. */
  escalations: z.array(EscalationSchema),
  /** Current versions of the notes, newest first. */
  notes: z.array(NoteSchema),
  /** The pin or snooze in force now (not cleared, not expired), else null. */
  override: OverrideSchema.nullable(),
  /** Files on the customer's notes, disputes and logged contacts, newest first. */
  attachments: z.array(AttachmentSchema),
});

// ---------- users ----------

export const UserSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  /** The person using this installation: the default owner, "me". */
  isLocalProfile: z.boolean(),
});
