/**
 * The sync protocol between a desktop client and the server, as zod schemas: pure TypeScript, so
 * the server validates requests and a client engine validates answers with the same definitions.
 * docs/SYNC.md is the prose version.
 */
import { z } from 'zod';
import { ROLES } from '../domain/codes';
import { canonicalLanguageTag } from '../i18n/languages';
import { CalendarDateSchema, IdSchema, TimestampSchema } from '../api/schemas';

/** The synced tables (each declared in ./tables.ts), parents before children: inserts in this order keep every reference. */
export const SYNC_ENTITIES = [
  'customers',
  'contact_persons',
  'open_items',
  'payments',
  'clearings',
  'activities',
  'promises',
  'disputes',
  'dispute_events',
  'notes',
  'follow_ups',
  'escalations',
  'attachments',
] as const;
export type SyncEntity = (typeof SYNC_ENTITIES)[number];

export const MAX_PULL_LIMIT = 5_000;
export const DEFAULT_PULL_LIMIT = 1_000;
export const MAX_PUSH_MUTATIONS = 500;
export const MAX_RESYNC_CUSTOMERS = 500;

/** An opaque string to the client; only the server decodes it (see server/sync/cursor.ts). */
export const CursorSchema = z.string().min(1).max(500);

export const PullRequestSchema = z.strictObject({
  cursor: CursorSchema.nullable(),
  limit: z.number().int().min(1).max(MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT),
  /**
   * Customers whose local copy may have diverged (a mutation on them was rejected): the answer
   * starts with every row of each one in scope, or its removal. Ignored by a snapshot.
   */
  resync: z
    .array(IdSchema)
    .max(MAX_RESYNC_CUSTOMERS, `must list at most ${MAX_RESYNC_CUSTOMERS} customers`)
    .refine((ids) => new Set(ids).size === ids.length, 'must not list a customer twice')
    .optional(),
  /** The client takes a snapshot page's upserts as `runs` (column names once, rows as arrays) instead of `changes`. */
  snapshotRuns: z.boolean().optional(),
});
export type PullRequest = z.input<typeof PullRequestSchema>;

/**
 * A server row as stored (snake_case columns); promises and disputes carry their `items`. Checked
 * as an object only: a first sync reads hundreds of thousands of rows, and the client takes the
 * columns it knows one by one anyway.
 */
export const SyncRowSchema = z.custom<Record<string, unknown>>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  'must be an object of columns',
);

export const ChangeSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('upsert'), entity: z.enum(SYNC_ENTITIES), id: z.string(), customerId: z.string(), row: SyncRowSchema }),
  /** A removed customer means: drop it and every row that belongs to it. */
  z.object({ op: z.literal('remove'), entity: z.enum(SYNC_ENTITIES), id: z.string(), customerId: z.string(), row: z.null() }),
]);
export type Change = z.output<typeof ChangeSchema>;

/**
 * Upserts of one entity on a snapshot page, in id order: the row's column names once, then each
 * row as the array of its values in that order (what `row` would hold, `items` included). Half the
 * bytes of `changes` for a first sync, and arrays are quicker to parse than objects.
 */
export const RowRunSchema = z
  .object({
    entity: z.enum(SYNC_ENTITIES),
    columns: z.array(z.string()).min(1).refine((columns) => columns.includes('id'), 'must name the id column'),
    rows: z.custom<unknown[][]>((value) => Array.isArray(value) && value.every((row) => Array.isArray(row)), 'must be an array of rows, each an array'),
  })
  .refine((run) => run.rows.every((row) => row.length === run.columns.length), { message: 'every row must have a value for each column', path: ['rows'] });
export type RowRun = z.output<typeof RowRunSchema>;

export const PullResponseSchema = z.object({
  changes: z.array(ChangeSchema),
  /** A snapshot page asked for with `snapshotRuns`: its upserts, in `changes`' order, and `changes` empty. */
  runs: z.array(RowRunSchema).optional(),
  cursor: CursorSchema,
  hasMore: z.boolean(),
  /** This page belongs to a full snapshot: at its end, drop every customer the snapshot did not deliver. */
  snapshot: z.boolean(),
  /**
   * On a snapshot's first page only: how many changes the whole snapshot holds as it starts, for a
   * progress percent. Rows written while it runs may make the real count differ a little.
   */
  snapshotTotal: z.number().int().min(0).optional(),
});
export type PullResponse = z.output<typeof PullResponseSchema>;

/** How many changes a page carries, in `changes` and in `runs`. */
export const pageChangeCount = (page: Pick<PullResponse, 'changes' | 'runs'>): number =>
  page.changes.length + (page.runs ?? []).reduce((sum, run) => sum + run.rows.length, 0);

/** Keys of `ids`: the synced entities, plus `plan` for the plan id of promise.plan. */
export const CREATED_ID_KEYS = [...SYNC_ENTITIES, 'plan'] as const;

/**
 * Ids the client generated for the rows a mutation created, by entity, so the server creates them
 * under the same ids and later mutations (note.edit, followUp.complete...) can refer to them. A
 * list where one mutation creates several rows of an entity (promise.plan: one per instalment).
 */
export const CreatedIdsSchema = z.partialRecord(z.enum(CREATED_ID_KEYS), z.union([IdSchema, z.array(IdSchema).min(1).max(100)]));
export type CreatedIds = z.output<typeof CreatedIdsSchema>;

export const MutationSchema = z.strictObject({
  id: IdSchema,
  seq: z.number().int().min(1).refine(Number.isSafeInteger, 'is too large'),
  name: z.string().min(1).max(100),
  args: z.unknown(),
  createdAt: TimestampSchema,
  /** The user's calendar day when they acted (protocol 2; shared/sync/created-at.ts, actedOnDay). */
  day: CalendarDateSchema.optional(),
  ids: CreatedIdsSchema.optional(),
});
export type Mutation = z.output<typeof MutationSchema>;

export const PushRequestSchema = z.strictObject({
  clientId: IdSchema,
  mutations: z.array(MutationSchema).min(1).max(MAX_PUSH_MUTATIONS),
});
export type PushRequest = z.input<typeof PushRequestSchema>;

/**
 * Why a mutation was rejected. `unsupported_mutation`, `sequence_reused`, `id_taken` (the mutation
 * id belongs to another user's mutation) and `unprocessable` (the server failed to apply it for a
 * reason of its own, logged there) are the protocol's own; the others are the domain's.
 */
export const REJECTION_CODES = ['validation', 'not_found', 'conflict', 'forbidden', 'unsupported_mutation', 'sequence_reused', 'id_taken', 'unprocessable'] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

/** The values a refusal's words need (shared/i18n/refusals): plain JSON, bounded like any text. */
export const REFUSAL_REASON_MAX = 64;
/** The longest text value a refusal carries; a message keeps the whole text. */
export const REFUSAL_PARAM_MAX = 1_000;
export const RefusalParamsSchema = z.record(z.string().max(REFUSAL_REASON_MAX), z.union([z.string().max(REFUSAL_PARAM_MAX), z.number()]));
export const RefusalReasonSchema = z.string().max(REFUSAL_REASON_MAX);

/**
 * A reason and its values as the protocol carries them, from anywhere (an error thrown here, a
 * stored row, a server's answer): both, or nothing when either is not what the protocol allows,
 * so the message words the refusal rather than a reason with its values missing.
 */
export function refusalWording(reason: unknown, params: unknown): { readonly reason?: string; readonly params?: z.output<typeof RefusalParamsSchema> } {
  const checkedReason = RefusalReasonSchema.safeParse(reason);
  if (!checkedReason.success) return {};
  if (params === undefined || params === null) return { reason: checkedReason.data };
  const checkedParams = RefusalParamsSchema.safeParse(params);
  return checkedParams.success ? { reason: checkedReason.data, params: checkedParams.data } : {};
}

/**
 * `reason` and `params` (protocol 4 servers since they were added; optional, so older answers parse)
 * let the client word the refusal in the user's language; `message` is English, for a reason the
 * client does not know. `reason` is any string, so a newer server's reason still parses.
 */
export const RejectionSchema = z.object({
  code: z.enum(REJECTION_CODES),
  message: z.string(),
  field: z.string().optional(),
  // A reason or values this client cannot take (a newer server's) are dropped, not the whole answer: the message words it.
  reason: RefusalReasonSchema.optional().catch(undefined),
  params: RefusalParamsSchema.optional().catch(undefined),
});
export type Rejection = z.output<typeof RejectionSchema>;

export const MUTATION_STATUSES = ['applied', 'duplicate', 'rejected'] as const;
export type MutationStatus = (typeof MUTATION_STATUSES)[number];

export const MutationResultSchema = z.object({
  id: IdSchema,
  status: z.enum(MUTATION_STATUSES),
  /** For `duplicate`: what the first delivery got (applied or rejected). */
  original: z.enum(['applied', 'rejected']).optional(),
  error: RejectionSchema.optional(),
});
export type MutationResult = z.output<typeof MutationResultSchema>;

export const PushResponseSchema = z.object({ results: z.array(MutationResultSchema), lastAppliedSeq: z.number().int().min(0) });
export type PushResponse = z.output<typeof PushResponseSchema>;

/** The 409 answer to a sequence gap: results for the mutations before the gap, and where to resume. */
export const SequenceGapSchema = z.object({
  error: z.object({ code: z.literal('sequence_gap'), message: z.string(), field: z.string().optional() }),
  expectedSeq: z.number().int().min(1),
  results: z.array(MutationResultSchema),
  lastAppliedSeq: z.number().int().min(0),
});
export type SequenceGap = z.output<typeof SequenceGapSchema>;

/** GET /v1/directory: the users a client must know to show names and keep its references whole. */
export const DirectoryUserSchema = z.object({
  id: IdSchema,
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  teamId: z.string().nullable(),
  /** A disabled user is listed for the names on their rows; an older server lists only enabled users. */
  disabled: z.boolean().default(false),
});
export type DirectoryUser = z.output<typeof DirectoryUserSchema>;

/**
 * A team: its name, and the language documents to its customers are written in when neither the
 * addressee nor the customer has one the product speaks (shared/i18n/languages.ts addresseeLanguage).
 * A tag a client cannot read counts as none, so it never stops a sync.
 */
export const DirectoryTeamSchema = z.object({
  /** The server's own id, not always a UUID (users' teamId and customers' team_id name it). */
  id: z.string(),
  name: z.string(),
  language: z
    .string()
    .nullable()
    .default(null)
    .transform((tag) => (tag === null ? null : canonicalLanguageTag(tag))),
});
export type DirectoryTeam = z.output<typeof DirectoryTeamSchema>;

/** `teams` came after protocol 4 without a bump: an older server's answer has none. */
export const DirectoryResponseSchema = z.object({ users: z.array(DirectoryUserSchema), teams: z.array(DirectoryTeamSchema).default([]) });
export type DirectoryResponse = z.output<typeof DirectoryResponseSchema>;

/**
 * The largest push body the server takes, and the bytes a client puts into one push at most: a
 * batch holding an attachment (base64 of at most 5 MB) still fits, with room for the others.
 */
export const MAX_PUSH_BODY_BYTES = 16 * 1024 * 1024;
export const PUSH_BATCH_BUDGET_BYTES = 4 * 1024 * 1024;

/**
 * How many of these sizes, in order, one request carries within `budget`: always the first (a
 * single large one must still go), then as many as fit. The push's batches and the answer of
 * POST /v1/sync/attachments are cut by it.
 */
export function countWithinBudget(sizes: Iterable<number>, budget: number): number {
  let count = 0;
  let total = 0;
  for (const size of sizes) {
    if (count > 0 && total + size > budget) break;
    count += 1;
    total += size;
  }
  return count;
}

export const MAX_ATTACHMENT_FETCH_IDS = 100;
/** The bytes of files one answer carries at most (it always carries the first file asked for): a minute's transfer on a slow hotel line. */
export const ATTACHMENT_FETCH_BUDGET_BYTES = 4 * 1024 * 1024;

/** POST /v1/sync/attachments: the bytes of attachments whose descriptions the pull brought. */
export const AttachmentFetchRequestSchema = z.strictObject({
  ids: z
    .array(IdSchema)
    .min(1)
    .max(MAX_ATTACHMENT_FETCH_IDS, `must list at most ${MAX_ATTACHMENT_FETCH_IDS} attachments`)
    .refine((ids) => new Set(ids).size === ids.length, 'must not list an attachment twice'),
});
export type AttachmentFetchRequest = z.input<typeof AttachmentFetchRequestSchema>;

export const AttachmentFetchResponseSchema = z.object({
  /** In the order asked, until 4 MiB of files (always the first): ask again for the rest. */
  contents: z.array(z.object({ id: IdSchema, content: z.base64() })),
  /** Ids that do not exist or lie outside the caller's scope: asking again will not bring them. */
  missing: z.array(IdSchema),
});
export type AttachmentFetchResponse = z.output<typeof AttachmentFetchResponseSchema>;
