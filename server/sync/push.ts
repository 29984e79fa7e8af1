/**
 * The push: a client's outbox mutations, in client sequence order, applied in one transaction
 * together with their client_mutations rows and the client's last_applied_seq, so effects and
 * their "done" marks commit or vanish together. A mutation the server does not apply (a rule
 * violation, or a failure of the server's own that is not the database's passing trouble) is
 * rejected alone: recorded, seq advanced, the queue moves on. Only a transient database failure
 * (lost connection, serialization failure...) rolls the request back and answers 5xx, so the
 * client retries it later.
 */
import { sql, type Insertable, type Kysely } from 'kysely';
import { validationError } from '../../shared/api/dispatch';
import { DomainError, type ErrorParams } from '../../shared/api/result';
import { refusalParts, type Refusal, type RefusalKey } from '../../shared/i18n/refusals';
import { IdSchema } from '../../shared/api/schemas';
import type { Clock } from '../../shared/domain/clock';
import { textProblem } from '../../shared/domain/text';
import { actedAt, actedOnDay, createdAtProblem } from '../../shared/sync/created-at';
import {
  refusalWording,
  RejectionSchema,
  type Mutation,
  type MutationResult,
  type PushResponse,
  type Rejection,
  type RejectionCode,
  type SequenceGap,
} from '../../shared/sync/protocol';
import type { Principal } from '../auth/principal';
import type { ServerDatabase } from '../db/schema';
import { isTransientDatabaseError } from '../db/transient-errors';
import { HttpError } from '../http/errors';
import type { Applier } from './appliers';
import { customerLookup, type CustomerLookup } from './customer-lookup';
import { insertBuffer, type InsertBuffer } from './logged-insert';
import { APPLIERS } from './registry';

type Db = Kysely<ServerDatabase>;

export type PushOutcome = { readonly kind: 'ok'; readonly body: PushResponse } | { readonly kind: 'gap'; readonly body: SequenceGap };

const rejected = (id: string, error: Rejection): MutationResult => ({ id, status: 'rejected', error });

function storedRejection(reason: string | null): Rejection | undefined {
  if (reason === null) return undefined;
  try {
    const parsed = RejectionSchema.safeParse(JSON.parse(reason));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

async function ensureClient(db: Db, principal: Principal, clientId: string, now: string): Promise<void> {
  await db
    .insertInto('clients')
    .values({ id: clientId, user_id: principal.userId, created_at: now, last_seen_at: now })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const client = await db.selectFrom('clients').select('user_id').where('id', '=', clientId).executeTakeFirstOrThrow();
  // A client id belongs to the installation's user: another user's outbox must not continue it.
  if (client.user_id !== principal.userId) throw HttpError.refused(403, 'forbidden', 'clientOfAnotherUser', { field: 'clientId' });
}

/** Mutations per chunk: one savepoint per chunk keeps a request well below PostgreSQL's 64 cached subtransactions. */
const CHUNK_SIZE = 50;

/** Thrown in optimistic mode when an applier or the queue write failed: the chunk is re-run carefully. */
class RetryCarefully extends Error {
  constructor(
    /** The index in the chunk of the mutation that failed; null when the queue write at the end did. */
    readonly at: number | null = null,
  ) {
    super('re-run the chunk with a savepoint per mutation');
    this.name = 'RetryCarefully';
  }
}

interface StoredResult {
  /** Whose mutation it was: an id another user's mutation has is not this user's to repeat. */
  readonly userId: string;
  readonly result: 'applied' | 'rejected';
  readonly reason: string | null;
}

export interface PushOptions {
  /** Told of each mutation rejected `unprocessable` and of the error behind it, for the server's log. */
  readonly onUnprocessable?: (mutation: Mutation, error: unknown) => void;
}

interface Request {
  readonly trx: Db;
  readonly principal: Principal;
  readonly clientId: string;
  readonly now: string;
  readonly customers: CustomerLookup;
  /** Records of mutation ids, from earlier requests and from the chunks of this one already done. */
  readonly known: Map<string, StoredResult>;
  readonly options: PushOptions;
}

/** A rejection of the protocol's own: its English message, and its reason and values for the client to word. */
function protocolRejection(code: RejectionCode, refusal: RefusalKey | Refusal, field?: string): Rejection {
  const { message, ...wording } = refusalParts(refusal);
  return { code, message, ...(field === undefined ? {} : { field }), ...wording };
}

const FORBIDDEN: Rejection = protocolRejection('forbidden', 'notInPortfolio');

const UNPROCESSABLE: Rejection = protocolRejection('unprocessable', 'serverCouldNotApply');

const ID_TAKEN: Rejection = protocolRejection('id_taken', 'idTaken', 'id');

/** The name as recorded: one the text rule refuses (PostgreSQL refuses a NUL) is kept JSON-escaped, since it names no applier anyway. */
const storedName = (name: string): string => (textProblem(name) === null ? name : JSON.stringify(name));

function asRejection(error: DomainError): Rejection {
  const code = error.code === 'not_found' || error.code === 'conflict' || error.code === 'forbidden' ? error.code : 'validation';
  const field = error.field === undefined ? undefined : error.field.startsWith('ids.') ? error.field : `args.${error.field}`;
  return { code, message: error.message, ...(field === undefined ? {} : { field }), ...wording(error.detail ?? {}) };
}

/** A refusal's reason and values, for the client to word; left out (the message words it) where the protocol does not allow them. */
const wording = (detail: { readonly reason?: string; readonly params?: ErrorParams }): Pick<Rejection, 'reason' | 'params'> => refusalWording(detail.reason, detail.params);

/** Like sql`SAVEPOINT name`, for the two fixed savepoint names used here. */
const savepoint = (trx: Db, name: 'chunk' | 'mutation', action: 'SAVEPOINT' | 'RELEASE SAVEPOINT' | 'ROLLBACK TO SAVEPOINT') =>
  sql`${sql.raw(action)} ${sql.raw(name)}`.execute(trx);

async function rollBack(trx: Db, name: 'chunk' | 'mutation'): Promise<void> {
  await savepoint(trx, name, 'ROLLBACK TO SAVEPOINT');
  await savepoint(trx, name, 'RELEASE SAVEPOINT');
}

/** Writes the queued rows; like an applier's, their failure re-runs the chunk carefully. */
async function flushOrRetry(buffer: InsertBuffer): Promise<void> {
  try {
    await buffer.flush();
  } catch {
    throw new RetryCarefully();
  }
}

/**
 * Finds the mutation's customer, checks the caller's scope and applies; the rejection, or null
 * when applied. A DomainError of the applier is thrown on; one of customerOf (a referenced row
 * missing) is answered at once, since nothing was written yet.
 */
async function scopeAndApply(request: Request, mutation: Mutation, applier: Applier, args: unknown, queue: InsertBuffer | null, optimistic: boolean): Promise<Rejection | null> {
  const { trx, principal, now } = request;
  let customerId: string;
  try {
    customerId = await applier.customerOf(trx, args, request.customers);
  } catch (error) {
    if (error instanceof DomainError) return asRejection(error);
    throw error;
  }
  if (!(await request.customers.mayChange(customerId))) return FORBIDDEN;
  const ctx = {
    trx,
    principal,
    now: actedAt(mutation.createdAt, new Date(now)),
    receivedAt: now,
    asOf: actedOnDay(mutation.createdAt, mutation.day, new Date(now)),
    ids: mutation.ids ?? {},
    optimistic,
    buffer: queue,
  };
  await applier.apply(ctx, args);
  return null;
}

/**
 * Careful mode: the mutation inside its own savepoint, so a rejection leaves nothing behind. A
 * failure that is not a rule's (a bug, a value the database refuses) rejects the mutation as
 * `unprocessable` instead of failing the request, so the mutations behind it are not blocked;
 * a transient database failure still fails the request, for the client to retry.
 */
async function applyCarefully(request: Request, mutation: Mutation, applier: Applier, args: unknown): Promise<Rejection | null> {
  const { trx } = request;
  await savepoint(trx, 'mutation', 'SAVEPOINT');
  try {
    const rejection = await scopeAndApply(request, mutation, applier, args, null, false);
    if (rejection === null) await savepoint(trx, 'mutation', 'RELEASE SAVEPOINT');
    else await rollBack(trx, 'mutation');
    return rejection;
  } catch (error) {
    if (isTransientDatabaseError(error)) throw error;
    await rollBack(trx, 'mutation');
    if (error instanceof DomainError) return asRejection(error);
    request.options.onUnprocessable?.(mutation, error);
    return UNPROCESSABLE;
  }
}

/**
 * Validates and applies one mutation; the rejection, or null when applied. Careful mode (no
 * `buffer`) runs it inside its own savepoint; optimistic mode runs it bare and gives up the whole
 * chunk on any failure other than a rejection found before anything was written.
 */
async function applyOne(request: Request, mutation: Mutation, buffer: InsertBuffer | null): Promise<Rejection | null> {
  const applier = APPLIERS.get(mutation.name);
  if (applier === undefined) return protocolRejection('unsupported_mutation', { key: 'unsupportedMutation', params: { name: mutation.name } }, 'name');
  const tooFar = createdAtProblem(mutation.createdAt, new Date(request.now));
  if (tooFar !== null) return protocolRejection('validation', tooFar, 'createdAt');
  const parsed = applier.schema.safeParse(mutation.args);
  if (!parsed.success) {
    const error = validationError(parsed.error, 'args');
    return { code: 'validation', message: error.message, ...(error.field === undefined ? {} : { field: error.field }), ...wording(error) };
  }
  if (buffer === null) return applyCarefully(request, mutation, applier, parsed.data);
  const queue = applier.buffered?.(parsed.data) === true ? buffer : null;
  // Any other applier may read (customerOf included) rows that are still queued.
  if (queue === null) await flushOrRetry(buffer);
  try {
    return await scopeAndApply(request, mutation, applier, parsed.data, queue, true);
  } catch {
    throw new RetryCarefully();
  }
}

interface Progress {
  readonly results: MutationResult[];
  readonly lastAppliedSeq: number;
  readonly gap: number | undefined;
}

/** Takes a chunk's mutations in order from position `lastApplied`; records go to client_mutations in one insert. */
async function runChunk(request: Request, chunk: readonly Mutation[], lastApplied: number, optimistic: boolean): Promise<Progress & { records: Map<string, StoredResult> }> {
  const buffer = optimistic ? insertBuffer(request.trx, request.now) : null;
  const records = new Map<string, StoredResult>();
  const rows: Insertable<ServerDatabase['client_mutations']>[] = [];
  const results: MutationResult[] = [];
  let position = lastApplied;
  let gap: number | undefined;
  for (const [index, mutation] of chunk.entries()) {
    const known = records.get(mutation.id) ?? request.known.get(mutation.id);
    if (known !== undefined && known.userId === request.principal.userId) {
      const error = known.result === 'rejected' ? storedRejection(known.reason) : undefined;
      results.push({ id: mutation.id, status: 'duplicate', original: known.result, ...(error === undefined ? {} : { error }) });
      continue;
    }
    // Another user's mutation id: neither a duplicate (that would hand out their verdict) nor
    // recordable (the id is the record's key). Answered the same on every delivery.
    if (mutation.seq <= position) {
      // The number as the protocol writes it (no grouping): it names a position, it counts nothing.
      const reused = protocolRejection('sequence_reused', { key: 'sequenceReused', params: { seq: String(mutation.seq) } }, 'seq');
      results.push(rejected(mutation.id, known === undefined ? reused : ID_TAKEN));
      continue;
    }
    if (mutation.seq > position + 1) {
      gap = position + 1;
      break;
    }
    if (known !== undefined) {
      results.push(rejected(mutation.id, ID_TAKEN));
      position = mutation.seq;
      continue;
    }
    let rejection: Rejection | null;
    try {
      rejection = await applyOne(request, mutation, buffer);
    } catch (error) {
      throw error instanceof RetryCarefully ? new RetryCarefully(index) : error;
    }
    const record: StoredResult = { userId: request.principal.userId, result: rejection === null ? 'applied' : 'rejected', reason: rejection === null ? null : JSON.stringify(rejection) };
    records.set(mutation.id, record);
    rows.push({
      mutation_id: mutation.id,
      client_id: request.clientId,
      client_seq: mutation.seq,
      user_id: record.userId,
      name: storedName(mutation.name),
      result: record.result,
      reason: record.reason,
      at: request.now,
    });
    results.push(rejection === null ? { id: mutation.id, status: 'applied' } : rejected(mutation.id, rejection));
    position = mutation.seq;
  }
  if (buffer !== null) await flushOrRetry(buffer);
  if (rows.length > 0) await request.trx.insertInto('client_mutations').values(rows).execute();
  return { results, lastAppliedSeq: position, gap, records };
}

const concat = (parts: readonly Progress[], lastApplied: number): Progress => ({
  results: parts.flatMap((part) => part.results),
  lastAppliedSeq: parts.at(-1)?.lastAppliedSeq ?? lastApplied,
  gap: parts.at(-1)?.gap,
});

async function carefully(request: Request, chunk: readonly Mutation[], lastApplied: number): Promise<Progress> {
  const progress = await runChunk(request, chunk, lastApplied, false);
  for (const [id, record] of progress.records) request.known.set(id, record);
  return progress;
}

/**
 * A chunk is first applied without a savepoint per mutation (the usual case: everything
 * applies). If an applier fails, the chunk is rolled back and taken again: the mutations before
 * the failing one optimistically (they applied a moment ago on the same rows), the failing one
 * with its own savepoint, so a rejection leaves nothing but its record, and the rest as a new
 * chunk. A failure of the queue write at the end, which names no mutation, re-runs the whole
 * chunk with a savepoint per mutation.
 */
async function applyChunk(request: Request, chunk: readonly Mutation[], lastApplied: number): Promise<Progress> {
  if (chunk.length === 0) return { results: [], lastAppliedSeq: lastApplied, gap: undefined };
  await savepoint(request.trx, 'chunk', 'SAVEPOINT');
  try {
    const progress = await runChunk(request, chunk, lastApplied, true);
    await savepoint(request.trx, 'chunk', 'RELEASE SAVEPOINT');
    for (const [id, record] of progress.records) request.known.set(id, record);
    return progress;
  } catch (error) {
    if (!(error instanceof RetryCarefully)) throw error;
    await rollBack(request.trx, 'chunk');
    if (error.at === null) return carefully(request, chunk, lastApplied);
    const before = await applyChunk(request, chunk.slice(0, error.at), lastApplied);
    if (before.gap !== undefined) return before;
    const failing = await carefully(request, chunk.slice(error.at, error.at + 1), before.lastAppliedSeq);
    if (failing.gap !== undefined) return concat([before, failing], lastApplied);
    const after = await applyChunk(request, chunk.slice(error.at + 1), failing.lastAppliedSeq);
    return concat([before, failing, after], lastApplied);
  }
}

async function knownRecords(trx: Db, mutations: readonly Mutation[]): Promise<Map<string, StoredResult>> {
  const rows = await trx
    .selectFrom('client_mutations')
    .select(['mutation_id', 'user_id', 'result', 'reason'])
    .where('mutation_id', 'in', [...new Set(mutations.map((mutation) => mutation.id))])
    .execute();
  return new Map(rows.map((row) => [row.mutation_id, { userId: row.user_id, result: row.result, reason: row.reason }]));
}

/**
 * The customers the mutations name directly, read in one go before any is applied. The args are
 * not validated yet: only what has the form of an id is looked up (a NUL would fail the query).
 */
function namedCustomers(mutations: readonly Mutation[]): string[] {
  const ids: string[] = [];
  for (const mutation of mutations) {
    const args: unknown = mutation.args;
    if (typeof args === 'object' && args !== null && 'customerId' in args && IdSchema.safeParse(args.customerId).success) ids.push(String(args.customerId));
  }
  return ids;
}

/**
 * The whole request is one transaction (one commit instead of one per mutation); see applyChunk
 * for how a rejected mutation is kept from undoing the others. A failure that is not a rejection
 * (a transient database failure) rolls the request back: the client retries it, and nothing is
 * applied twice.
 */
function pushInTransaction(db: Db, principal: Principal, clock: Clock, clientId: string, mutations: readonly Mutation[], options: PushOptions): Promise<Progress> {
  return db.transaction().execute(async (trx) => {
    // Locks the client row: concurrent pushes of one client take turns, so a seq is used once.
    const client = await trx.selectFrom('clients').select('last_applied_seq').where('id', '=', clientId).forUpdate().executeTakeFirstOrThrow();
    const customers = customerLookup(trx, principal);
    await customers.prefetch(namedCustomers(mutations));
    const request: Request = { trx, principal, clientId, now: clock.now().toISOString(), customers, known: await knownRecords(trx, mutations), options };
    const results: MutationResult[] = [];
    let lastApplied = client.last_applied_seq;
    let gap: number | undefined;
    for (let start = 0; start < mutations.length && gap === undefined; start += CHUNK_SIZE) {
      const progress = await applyChunk(request, mutations.slice(start, start + CHUNK_SIZE), lastApplied);
      results.push(...progress.results);
      lastApplied = progress.lastAppliedSeq;
      gap = progress.gap;
    }
    await trx.updateTable('clients').set({ last_applied_seq: lastApplied, last_seen_at: request.now }).where('id', '=', clientId).execute();
    return { results, lastAppliedSeq: lastApplied, gap };
  });
}

export async function push(db: Db, principal: Principal, clock: Clock, clientId: string, mutations: readonly Mutation[], options: PushOptions = {}): Promise<PushOutcome> {
  await ensureClient(db, principal, clientId, clock.now().toISOString());
  const { results, lastAppliedSeq, gap } = await pushInTransaction(db, principal, clock, clientId, mutations, options);
  if (gap === undefined) return { kind: 'ok', body: { results, lastAppliedSeq } };
  return {
    kind: 'gap',
    body: {
      error: { code: 'sequence_gap', message: `Mutations must continue from sequence ${gap}; resend from there.`, field: `mutations.${results.length}.seq` },
      expectedSeq: gap,
      results,
      lastAppliedSeq,
    },
  };
}
