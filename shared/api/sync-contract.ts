/**
 * The sync operations the UI may call: status, sync now, the sync-issues view, sign-in. The
 * engine behind them runs in the main process (electron/sync) and in dev:web alike.
 */
import { z } from 'zod';
import { ROLES } from '../domain/codes';
import { CREDENTIAL_MAX, USERNAME_MAX } from '../domain/text';
import { REJECTION_CODES, RefusalParamsSchema, RefusalReasonSchema } from '../sync/protocol';
import { IdSchema, StoredTimestampSchema } from './schemas';
import { ServerAddressSchema } from './server-address-schema';
import { TextSchema } from './text-schema';


export const SYNC_STATES = [
  /** No server configured: the local store is all there is. */
  'local_only',
  /** A server is configured but nobody is signed in (or the session was revoked). */
  'signed_out',
  'idle',
  'syncing',
  /** The server cannot be reached; retrying with backoff. */
  'offline',
  /** The server refuses this client's protocol version: nothing syncs until the app is updated. */
  'update_required',
  /** A failure that needs the user (rights revoked, a server bug); the outbox is kept. */
  'error',
] as const;
export type SyncState = (typeof SYNC_STATES)[number];

export const SYNC_PHASES = ['push', 'pull', 'snapshot'] as const;

export const SyncUserSchema = z.object({ id: IdSchema, username: z.string(), displayName: z.string(), role: z.enum(ROLES) });

export const SyncStatusSchema = z.object({
  state: z.enum(SYNC_STATES),
  /** The configured server, or null for local only; `embedded` when it is the one started with the app. */
  server: z.object({ url: z.string(), embedded: z.boolean() }).nullable(),
  user: SyncUserSchema.nullable(),
  /** Local changes not yet acknowledged by the server. */
  pending: z.number().int().min(0),
  /** Rejected changes waiting in the sync-issues view. */
  issues: z.number().int().min(0),
  lastSyncAt: StoredTimestampSchema.nullable(),
  nextAttemptAt: StoredTimestampSchema.nullable(),
  progress: z
    .object({ phase: z.enum(SYNC_PHASES), rows: z.number().int().min(0), total: z.number().int().min(0).nullable(), percent: z.number().min(0).max(100).nullable() })
    .nullable(),
  /**
   * The last failure in words a collector understands; null once a sync succeeds. `message` is
   * English; `reason` (a refusal's key, shared/i18n/refusals) and `params` word it in the user's
   * language. Both are optional: a reason this version does not know is worded by the message.
   */
  error: z.object({ code: z.string(), message: z.string(), reason: RefusalReasonSchema.optional(), params: RefusalParamsSchema.optional() }).nullable(),
});
export type SyncStatus = z.output<typeof SyncStatusSchema>;

export const SyncIssueSchema = z.object({
  id: IdSchema,
  /** The command the user ran (contact.log, note.edit...). */
  name: z.string(),
  /** What the user typed, as the command received it. */
  args: z.unknown(),
  customerId: IdSchema.nullable(),
  customerName: z.string().nullable(),
  /** A refusal's code, or `push_failed` for a change the server keeps failing to take (still in the outbox). */
  error: z.object({
    code: z.enum([...REJECTION_CODES, 'push_failed']),
    message: z.string(),
    field: z.string().optional(),
    reason: RefusalReasonSchema.optional(),
    params: RefusalParamsSchema.optional(),
  }),
  createdAt: StoredTimestampSchema,
  /** When it was refused, or when its last push failed. */
  rejectedAt: StoredTimestampSchema,
  /** Only for a change still waiting: how often pushing it failed and the HTTP status of the last answer (null when none came). */
  failing: z.object({ attempts: z.number().int().min(1), status: z.number().int().nullable() }).optional(),
});
export type SyncIssue = z.output<typeof SyncIssueSchema>;

export const SyncIssueRefSchema = z.strictObject({ id: IdSchema });

/** The name a user signs in with, on the desktop and at the server's login (case and surrounding blanks do not matter). */
export const UsernameSchema = TextSchema.trim().min(1, 'is required').max(USERNAME_MAX);

export const SignInSchema = z.strictObject({
  serverUrl: ServerAddressSchema,
  username: UsernameSchema,
  password: z.string().min(1, 'is required').max(CREDENTIAL_MAX),
  /** Signing in as another user replaces this computer's copy: changes not yet sent are dropped only when this is true. */
  discardUnsynced: z.boolean().default(false),
});

/** Whether this is a first start that must choose between the demo and a company server. */
export const SetupStateSchema = z.strictObject({
  /** No server chosen yet: the app shows the choice instead of an empty worklist. */
  needed: z.boolean(),
  /** Whether this installation can run the demo portfolio on a built-in server. */
  demoOffered: z.boolean(),
});
export type SetupState = z.output<typeof SetupStateSchema>;

/** Online/offline as the window sees it (navigator.onLine); a return to online syncs at once. */
export const NetworkChangeSchema = z.strictObject({ online: z.boolean() });

const operation = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });
const EmptySchema = z.object({}).strict();

export const syncContract = {
  'sync.status': operation(EmptySchema, SyncStatusSchema),
  'sync.now': operation(EmptySchema, SyncStatusSchema),
  'sync.network': operation(NetworkChangeSchema, SyncStatusSchema),
  'sync.issues': operation(EmptySchema, z.array(SyncIssueSchema)),
  /** Runs the user's input again as a new change (on top of the current data); the issue is gone when that succeeds. */
  'sync.retry': operation(SyncIssueRefSchema, z.object({ retried: z.literal(true) })),
  'sync.discard': operation(SyncIssueRefSchema, z.object({ discarded: z.literal(true) })),
  'sync.signIn': operation(SignInSchema, SyncStatusSchema),
  'sync.signOut': operation(EmptySchema, SyncStatusSchema),
  'sync.setup': operation(EmptySchema, SetupStateSchema),
  /** The first start's demo: starts the built-in server with the demo portfolio and signs in to it. */
  'sync.chooseDemo': operation(EmptySchema, SyncStatusSchema),
} as const;
