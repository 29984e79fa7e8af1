/**
 * The push: a client's outbox mutations, in client sequence order, applied in one transaction
 * together with their client_mutations rows and the client's last_applied_seq, so effects and
 * their "done" marks commit or vanish together. A rule violation rejects the one mutation
 * (recorded, seq advanced, the queue moves on); anything unexpected throws, rolls the request
 * back and answers 5xx, so the client retries it later.
 */
import { sql, type Kysely } from 'kysely';
import { validationError } from '../../shared/api/dispatch';
import { DomainError } from '../../shared/api/result';
import { dateOfTimestamp } from '../../shared/domain/dates';
import type { Clock } from '../../shared/domain/clock';
import {
  RejectionSchema,
  type Mutation,
  type MutationResult,
  type PushResponse,
  type Rejection,
  type SequenceGap,
} from '../../shared/sync/protocol';
import type { Principal } from '../auth/principal';
import { canChangeCustomer } from '../auth/scope';
import type { ServerDatabase } from '../db/schema';
import { HttpError } from '../http/errors';
import { APPLIERS } from './registry';

type Db = Kysely<ServerDatabase>;

export type PushOutcome = { readonly kind: 'ok'; readonly body: PushResponse } | { readonly kind: 'gap'; readonly body: SequenceGap };

type Step = { readonly kind: 'result'; readonly result: MutationResult } | { readonly kind: 'gap'; readonly expected: number };

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
  if (client.user_id !== principal.userId) throw new HttpError(403, 'forbidden', 'This client id belongs to another user; sign in on a fresh client.', 'clientId');
}

async function rollbackToSavepoint(trx: Db): Promise<void> {
  await sql`ROLLBACK TO SAVEPOINT mutation`.execute(trx);
  await sql`RELEASE SAVEPOINT mutation`.execute(trx);
}

/** Validates, scope-checks and applies one mutation; the rejection, or null when applied. */
async function applyOne(trx: Db, principal: Principal, mutation: Mutation, now: string, serverToday: string): Promise<Rejection | null> {
  const applier = APPLIERS[mutation.name];
  if (applier === undefined) return { code: 'unsupported_mutation', message: `The server does not apply "${mutation.name}" mutations.`, field: 'name' };
  const parsed = applier.schema.safeParse(mutation.args);
  if (!parsed.success) {
    const error = validationError(parsed.error, 'args');
    return { code: 'validation', message: error.message, ...(error.field === undefined ? {} : { field: error.field }) };
  }
  const clientDay = dateOfTimestamp(mutation.createdAt);
  const ctx = { trx, principal, now, asOf: clientDay < serverToday ? clientDay : serverToday, ids: mutation.ids ?? {} };
  await sql`SAVEPOINT mutation`.execute(trx);
  try {
    const customerId = await applier.customerOf(trx, parsed.data);
    if (!(await canChangeCustomer(trx, principal, customerId))) {
      await rollbackToSavepoint(trx);
      return { code: 'forbidden', message: 'This customer is not in your portfolio.' };
    }
    await applier.apply(ctx, parsed.data);
    await sql`RELEASE SAVEPOINT mutation`.execute(trx);
    return null;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    await rollbackToSavepoint(trx);
    const code = error.code === 'not_found' || error.code === 'conflict' ? error.code : 'validation';
    const field = error.field === undefined ? undefined : error.field.startsWith('ids.') ? error.field : `args.${error.field}`;
    return { code, message: error.message, ...(field === undefined ? {} : { field }) };
  }
}

/** One mutation against the client's position `lastApplied`, inside the request's transaction. */
async function step(trx: Db, principal: Principal, clientId: string, lastApplied: number, mutation: Mutation, now: string): Promise<Step> {
  const known = await trx.selectFrom('client_mutations').select(['client_id', 'result', 'reason']).where('mutation_id', '=', mutation.id).executeTakeFirst();
  if (known !== undefined) {
    const error = known.result === 'rejected' ? storedRejection(known.reason) : undefined;
    return { kind: 'result', result: { id: mutation.id, status: 'duplicate', original: known.result, ...(error === undefined ? {} : { error }) } };
  }
  if (mutation.seq <= lastApplied) {
    return {
      kind: 'result',
      result: rejected(mutation.id, { code: 'sequence_reused', message: `Sequence ${mutation.seq} was already used by another mutation of this client.`, field: 'seq' }),
    };
  }
  if (mutation.seq > lastApplied + 1) return { kind: 'gap', expected: lastApplied + 1 };

  const rejection = await applyOne(trx, principal, mutation, now, dateOfTimestamp(now));
  await trx
    .insertInto('client_mutations')
    .values({
      mutation_id: mutation.id,
      client_id: clientId,
      client_seq: mutation.seq,
      user_id: principal.userId,
      name: mutation.name,
      result: rejection === null ? 'applied' : 'rejected',
      reason: rejection === null ? null : JSON.stringify(rejection),
      at: now,
    })
    .execute();
  return { kind: 'result', result: rejection === null ? { id: mutation.id, status: 'applied' } : rejected(mutation.id, rejection) };
}

interface Progress {
  readonly results: MutationResult[];
  readonly lastAppliedSeq: number;
  readonly gap: number | undefined;
}

/**
 * The whole request is one transaction (one commit instead of one per mutation, which is what
 * made pushes slow); each mutation's rule runs inside a savepoint, so a rejected one leaves no
 * trace but its record. A failure that is not a rejection rolls the request back: the client
 * retries it, and nothing is applied twice.
 */
function pushInTransaction(db: Db, principal: Principal, clock: Clock, clientId: string, mutations: readonly Mutation[]): Promise<Progress> {
  return db.transaction().execute(async (trx) => {
    // Locks the client row: concurrent pushes of one client take turns, so a seq is used once.
    const client = await trx.selectFrom('clients').select('last_applied_seq').where('id', '=', clientId).forUpdate().executeTakeFirstOrThrow();
    const now = clock.now().toISOString();
    const results: MutationResult[] = [];
    let lastApplied = client.last_applied_seq;
    let gap: number | undefined;
    for (const mutation of mutations) {
      const outcome = await step(trx, principal, clientId, lastApplied, mutation, now);
      if (outcome.kind === 'gap') {
        gap = outcome.expected;
        break;
      }
      if (outcome.result.status !== 'duplicate' && outcome.result.error?.code !== 'sequence_reused') lastApplied = mutation.seq;
      results.push(outcome.result);
    }
    await trx.updateTable('clients').set({ last_applied_seq: lastApplied, last_seen_at: now }).where('id', '=', clientId).execute();
    return { results, lastAppliedSeq: lastApplied, gap };
  });
}

export async function push(db: Db, principal: Principal, clock: Clock, clientId: string, mutations: readonly Mutation[]): Promise<PushOutcome> {
  await ensureClient(db, principal, clientId, clock.now().toISOString());
  const { results, lastAppliedSeq, gap } = await pushInTransaction(db, principal, clock, clientId, mutations);
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
