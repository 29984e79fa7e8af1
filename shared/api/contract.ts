/**
 * The API contract: every operation the UI may call, with its input and output schema.
 * The same handler table is bound to Electron IPC, to HTTP (dev:web) and called directly in
 * integration tests.
 */
import { z } from 'zod';
import { attachmentContract } from './attachment-schemas';
import { kpiContract } from './kpi-contract';
import { notificationContract } from './notification-schemas';
import { NOTIFICATION_KEY_MAX, NOTIFICATIONS_SEEN_MAX } from '../domain/notifications';
import { reportContract } from './report-contract';
import type { Result } from './result';
import { syncContract } from './sync-contract';
import { teamContract } from './team-contract';
import {
  AppInfoSchema,
  ContactPersonSaveSchema,
  ContactPersonSchema,
  CustomerAccountSchema,
  CustomerRefSchema,
  DENSITIES,
  SearchHitSchema,
  SearchQuerySchema,
  THEMES,
  WorklistFacetsSchema,
  WorklistFiltersSchema,
  WorklistPageSchema,
  WorklistClearOverrideSchema,
  WorklistQuerySchema,
  WorklistRowSchema,
  TimeZoneSchema,
  WorklistSetOverrideSchema,
} from './schemas';
import {
  ContactDefaultsQuerySchema,
  ContactDefaultsSchema,
  ContactLogResultSchema,
  ContactLogSchema,
  CustomerWorkSchema,
  DisputeCreateSchema,
  DisputeSchema,
  DisputeTransitionSchema,
  DraftRefSchema,
  DraftSaveSchema,
  DraftSchema,
  EscalationRequestSchema,
  EscalationSchema,
  EscalationWithdrawSchema,
  FollowUpCloseSchema,
  FollowUpCreateSchema,
  FollowUpSchema,
  MyFollowUpSchema,
  MyFollowUpsQuerySchema,
  NoteAddSchema,
  NoteEditSchema,
  NoteRefSchema,
  NoteSchema,
  PromiseCancelSchema,
  PromiseCreateSchema,
  PromisePlanResultSchema,
  PromisePlanSchema,
  PromiseSchema,
  PromisesEvaluationSchema,
  TimelinePageSchema,
  TimelineQuerySchema,
  UserSchema,
} from './collector-schemas';

import { INTERFACE_LANGUAGES, type InterfaceLanguage } from '../i18n/languages';

const operation = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

const EmptySchema = z.object({}).strict();

export const PreferencesSchema = z.object({
  theme: z.enum(THEMES),
  density: z.enum(DENSITIES),
  lastFilters: WorklistFiltersSchema,
  lastSort: WorklistQuerySchema.shape.sort.unwrap(),
  /** The zone whose calendar day is "today" (shared/domain/time-zone.ts); null: the computer's own. Defaulted so a settings file from before it still loads. */
  timeZone: TimeZoneSchema.nullable().default(null),
  /** The interface language (shared/i18n/languages.ts); null: the computer's. Defaulted so a settings file from before it still loads. */
  language: z.enum(INTERFACE_LANGUAGES as [InterfaceLanguage, ...InterfaceLanguage[]]).nullable().default(null),
  /**
   * Per user, the notifications they have read (kind, id and time, so a customer assigned to them again
   * is news again). Ids, not a time: a decision synced late may carry a time before the last read.
   */
  notificationsSeen: z.record(z.string().max(100), z.array(z.string().max(NOTIFICATION_KEY_MAX)).max(NOTIFICATIONS_SEEN_MAX)).default({}),
});

export const PreferencesPatchSchema = PreferencesSchema.partial().strict();

export const apiContract = {
  'app.info': operation(EmptySchema, AppInfoSchema),
  'prefs.get': operation(EmptySchema, PreferencesSchema),
  'prefs.set': operation(PreferencesPatchSchema, PreferencesSchema),
  'worklist.query': operation(WorklistQuerySchema, WorklistPageSchema),
  'worklist.facets': operation(EmptySchema, WorklistFacetsSchema),
  'customer.account': operation(CustomerRefSchema, CustomerAccountSchema),
  'search.global': operation(SearchQuerySchema, z.array(SearchHitSchema)),
  'contactPerson.save': operation(ContactPersonSaveSchema, ContactPersonSchema),
  'worklist.setOverride': operation(WorklistSetOverrideSchema, WorklistRowSchema),
  'worklist.clearOverride': operation(WorklistClearOverrideSchema, WorklistRowSchema),
  'contact.log': operation(ContactLogSchema, ContactLogResultSchema),
  'contact.defaults': operation(ContactDefaultsQuerySchema, ContactDefaultsSchema),
  'promise.create': operation(PromiseCreateSchema, PromiseSchema),
  'promise.plan': operation(PromisePlanSchema, PromisePlanResultSchema),
  'promise.cancel': operation(PromiseCancelSchema, z.array(PromiseSchema)),
  'promises.evaluate': operation(EmptySchema, PromisesEvaluationSchema),
  'dispute.create': operation(DisputeCreateSchema, DisputeSchema),
  'dispute.transition': operation(DisputeTransitionSchema, DisputeSchema),
  'note.add': operation(NoteAddSchema, NoteSchema),
  'note.edit': operation(NoteEditSchema, NoteSchema),
  'note.history': operation(NoteRefSchema, z.array(NoteSchema)),
  'followUp.create': operation(FollowUpCreateSchema, FollowUpSchema),
  'followUp.complete': operation(FollowUpCloseSchema, FollowUpSchema),
  'followUp.cancel': operation(FollowUpCloseSchema, FollowUpSchema),
  'followUps.mine': operation(MyFollowUpsQuerySchema, z.array(MyFollowUpSchema)),
  'escalation.request': operation(EscalationRequestSchema, EscalationSchema),
  'escalation.withdraw': operation(EscalationWithdrawSchema, EscalationSchema),
  'customer.timeline': operation(TimelineQuerySchema, TimelinePageSchema),
  'customer.work': operation(CustomerRefSchema, CustomerWorkSchema),
  'draft.get': operation(DraftRefSchema, DraftSchema.nullable()),
  'draft.save': operation(DraftSaveSchema, DraftSchema),
  'draft.clear': operation(DraftRefSchema, z.object({ cleared: z.boolean() })),
  'users.list': operation(z.object({}).strict(), z.array(UserSchema)),
  ...syncContract,
  ...teamContract,
  ...reportContract,
  ...kpiContract,
  ...notificationContract,
  ...attachmentContract,
} as const;

export type ApiContract = typeof apiContract;
export type OperationName = keyof ApiContract;
/** What a caller passes (defaults not yet applied). */
export type OperationInput<K extends OperationName> = z.input<ApiContract[K]['input']>;
/** What a handler receives (validated, defaults applied). */
export type ParsedInput<K extends OperationName> = z.output<ApiContract[K]['input']>;
export type OperationOutput<K extends OperationName> = z.output<ApiContract[K]['output']>;

export type Preferences = z.output<typeof PreferencesSchema>;

/** The typed client the renderer uses, whatever the transport. */
export type ApiClient = {
  readonly [K in OperationName]: (input: OperationInput<K>) => Promise<Result<OperationOutput<K>>>;
};

/** What preload exposes as `window.api` and what the HTTP binding emulates. */
export interface ApiBridge {
  invoke(operation: string, input: unknown): Promise<Result<unknown>>;
}

export const isOperationName = (name: string): name is OperationName => Object.hasOwn(apiContract, name);
