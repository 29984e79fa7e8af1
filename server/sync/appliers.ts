/**
 * Server appliers of client mutations: each validates its args with the client's own zod schema,
 * applies the domain rule, writes rows with a change_log entry each (version + 1 on update), and
 * creates rows under the ids the client generated (mutation `ids`), so client and server agree.
 * A rule violation throws DomainError, which the push turns into a rejection. The kinds written
 * once in shared/mutations run through server/sync/definition-applier.ts; the appliers here and in
 * the other *-appliers modules are the kinds not moved there yet.
 */
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { BrokenPromiseFollowUpSchema } from '../../shared/api/collector-schemas';
import { refused } from '../../shared/i18n/refusals';
import type { CreatedIds, SyncEntity } from '../../shared/sync/protocol';
import type { Principal } from '../auth/principal';
import { recordChange } from '../db/change-log';
import type { CustomerLookup } from './customer-lookup';
import { insertLoggedRows, type InsertBuffer, type InsertedTable, type NewRow } from './logged-insert';
import type { ServerDatabase } from '../db/schema';
import { rowsByIds } from './rows';

type Db = Kysely<ServerDatabase>;

export interface ApplyContext {
  readonly trx: Db;
  readonly principal: Principal;
  /**
   * When the user acted (shared/sync/created-at.ts `actedAt`): every row the mutation writes gets
   * it, as the desktop wrote it, so a call logged offline on Monday and pushed on Wednesday reads
   * as Monday on every desktop.
   */
  readonly now: string;
  /** Server time of the push: the change_log entries' time. */
  readonly receivedAt: string;
  /** The day date rules are checked against: the client's day of the mutation, never later than the server's. */
  readonly asOf: string;
  readonly ids: CreatedIds;
  /**
   * True when a failure rolls back the push's chunk and re-runs it under one savepoint per
   * mutation: then a client id that exists already surfaces as a unique violation and the re-run
   * reports it, so the lookup before each insert can be skipped.
   */
  readonly optimistic: boolean;
  /**
   * Set only in optimistic mode, for appliers marked `buffered`: their new activities and notes
   * are queued and written for many mutations at once. A failure of that write re-runs the chunk
   * carefully like any other.
   */
  readonly buffer: InsertBuffer | null;
}

export interface Applier<S extends z.ZodType = z.ZodType> {
  readonly schema: S;
  /**
   * The customer the mutation changes (the push then checks the caller's scope, which a customer
   * that does not exist fails too); DomainError not_found when a referenced row does not exist.
   */
  customerOf(trx: Db, args: z.output<S>, customers: CustomerLookup): Promise<string>;
  apply(ctx: ApplyContext, args: z.output<S>): Promise<void>;
  /**
   * True when, for these args, the applier reads no activity or note another mutation may have
   * created, so its own new activities and notes may be queued (see ApplyContext.buffer).
   */
  buffered?(args: z.output<S>): boolean;
}

/** customerOf of a mutation that names its customer: whether it exists is the scope check's business. */
export const namedCustomer = (_trx: Db, args: { readonly customerId: string }): Promise<string> => Promise.resolve(args.customerId);

// Method parameters are bivariant, so a specific applier fits the table of all appliers.
export const define = <S extends z.ZodType>(applier: Applier<S>): Applier => applier;

export const log = (ctx: Pick<ApplyContext, 'trx' | 'receivedAt'>, entity: SyncEntity, id: string, customerId: string): Promise<number> =>
  recordChange(ctx.trx, { entity, entityId: id, customerId, op: 'upsert' }, ctx.receivedAt);

/**
 * Inserts a new row with its change_log entry. While the push buffers (see ApplyContext.buffer),
 * activities and notes are queued; any other row is written at once, after the queue, since it
 * may refer to a queued row.
 */
export function insertLogged<T extends InsertedTable>(ctx: ApplyContext, entity: T, customerId: string, row: NewRow<T>): Promise<void> {
  return insertLoggedValues(ctx, entity, customerId, row);
}

/** insertLogged of a row whose columns are known only at run time (a shared rule's, server/sync/definition-applier.ts). */
export async function insertLoggedValues(ctx: Pick<ApplyContext, 'trx' | 'receivedAt' | 'buffer'>, entity: InsertedTable, customerId: string, row: Readonly<Record<string, unknown>> & { readonly id: string }): Promise<void> {
  if (ctx.buffer !== null) {
    if (ctx.buffer.add(entity, customerId, row)) return;
    await ctx.buffer.flush();
  }
  await insertLoggedRows(ctx.trx, entity, ctx.receivedAt, [{ customerId, row }]);
}

/** The id the client chose for the `index`th row of `entity` this mutation creates, or a fresh one. */
export async function newId(ctx: Pick<ApplyContext, 'trx' | 'ids' | 'optimistic'>, entity: SyncEntity, index = 0): Promise<string> {
  const given = ctx.ids[entity];
  const id = Array.isArray(given) ? given[index] : index === 0 ? given : undefined;
  if (id === undefined) return uuidv7();
  if (ctx.optimistic) return id;
  const field = Array.isArray(given) ? `ids.${entity}.${String(index)}` : `ids.${entity}`;
  if ((await rowsByIds(ctx.trx, entity, [id])).length > 0) throw refused('conflict', { key: 'rowExistsAlready', params: { entity, id } }, field);
  return id;
}

/**
 * What a desktop before server-side evaluation pushed when it found a promise broken. The server
 * now judges promises and opens that follow-up itself (server/promises), so an outbox of an older
 * version is answered as applied, and nothing changes: the server's own verdict decides.
 */
export const brokenPromiseFollowUp = define({
  schema: BrokenPromiseFollowUpSchema,
  customerOf: namedCustomer,
  apply: () => Promise.resolve(),
});
