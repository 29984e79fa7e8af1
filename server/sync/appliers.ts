/**
 * Server appliers of client mutations: each validates its args with the client's own zod schema,
 * applies the same domain rule, writes rows with a change_log entry each (version + 1 on update),
 * and creates rows under the ids the client generated (mutation `ids`), so client and server agree.
 * A rule violation throws DomainError, which the push turns into a rejection.
 */
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import {
  BrokenPromiseFollowUpSchema,
  FollowUpCloseSchema,
  FollowUpCreateSchema,
  NoteAddSchema,
  NoteEditSchema,
  NewContactPersonSchema,
} from '../../shared/api/collector-schemas';
import { DomainError } from '../../shared/api/result';
import { ContactPersonSaveSchema } from '../../shared/api/schemas';
import { brokenPromiseFollowUpAssignee, brokenPromiseFollowUpId } from '../../shared/domain/broken-promise';
import type { FollowUpStatus } from '../../shared/domain/codes';
import type { CreatedIds, SyncEntity } from '../../shared/sync/protocol';
import type { Principal } from '../auth/principal';
import { recordChange } from '../db/change-log';
import type { CustomerLookup } from './customer-lookup';
import { insertLoggedRows, type InsertBuffer, type InsertedTable, type NewRow } from './logged-insert';
import type { ServerDatabase } from '../db/schema';
import { rowsByIds } from './rows';
import { requireDateInWindow } from '../../shared/domain/date-bounds';
import { storedOptionalText } from '../../shared/domain/text';

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

export const log = (ctx: ApplyContext, entity: SyncEntity, id: string, customerId: string): Promise<number> =>
  recordChange(ctx.trx, { entity, entityId: id, customerId, op: 'upsert' }, ctx.receivedAt);

/**
 * Inserts a new row with its change_log entry. While the push buffers (see ApplyContext.buffer),
 * activities and notes are queued; any other row is written at once, after the queue, since it
 * may refer to a queued row.
 */
export async function insertLogged<T extends InsertedTable>(ctx: ApplyContext, entity: T, customerId: string, row: NewRow<T>): Promise<void> {
  if (ctx.buffer !== null) {
    if (ctx.buffer.add(entity, customerId, row)) return;
    await ctx.buffer.flush();
  }
  await insertLoggedRows(ctx.trx, entity, ctx.receivedAt, [{ customerId, row }]);
}

/** The id the client chose for the `index`th row of `entity` this mutation creates, or a fresh one. */
export async function newId(ctx: ApplyContext, entity: SyncEntity, index = 0): Promise<string> {
  const given = ctx.ids[entity];
  const id = Array.isArray(given) ? given[index] : index === 0 ? given : undefined;
  if (id === undefined) return uuidv7();
  if (ctx.optimistic) return id;
  const field = Array.isArray(given) ? `ids.${entity}.${String(index)}` : `ids.${entity}`;
  if ((await rowsByIds(ctx.trx, entity, [id])).length > 0) throw new DomainError('conflict', `${entity} ${id} exists already`, field);
  return id;
}

export async function requireUser(trx: Db, userId: string, field: string): Promise<string> {
  const user = await trx.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
  if (user === undefined) throw new DomainError('not_found', `user ${userId} does not exist`, field);
  return user.id;
}

async function requireItemOf(trx: Db, itemId: string | null, customerId: string): Promise<void> {
  if (itemId === null) return;
  const item = await trx.selectFrom('open_items').select('customer_id').where('id', '=', itemId).executeTakeFirst();
  if (item?.customer_id !== customerId) throw new DomainError('not_found', `open item ${itemId} does not exist for this customer`, 'itemId');
}

type NewPerson = z.output<typeof NewContactPersonSchema> & { id?: string | undefined };

export async function saveContactPerson(ctx: ApplyContext, customerId: string, input: NewPerson, fieldPrefix: string): Promise<string> {
  const { trx, now } = ctx;
  if (input.isPrimary) {
    const others = await trx.selectFrom('contact_persons').select('id').where('customer_id', '=', customerId).where('is_primary', '=', true).execute();
    for (const other of others) {
      if (other.id === input.id) continue;
      const seq = await log(ctx, 'contact_persons', other.id, customerId);
      await trx
        .updateTable('contact_persons')
        .set((eb) => ({ is_primary: false, updated_at: now, updated_seq: seq, version: eb('version', '+', 1) }))
        .where('id', '=', other.id)
        .execute();
    }
  }
  const values = {
    name: input.name,
    role: input.role,
    phone: input.phone,
    email: input.email,
    preferred_channel: input.preferredChannel,
    is_primary: input.isPrimary,
    updated_at: now,
  };
  if (input.id !== undefined) {
    const existing = await trx.selectFrom('contact_persons').select('customer_id').where('id', '=', input.id).executeTakeFirst();
    if (existing?.customer_id !== customerId) throw new DomainError('not_found', `contact person ${input.id} does not exist for this customer`, `${fieldPrefix}id`);
    const seq = await log(ctx, 'contact_persons', input.id, customerId);
    await trx
      .updateTable('contact_persons')
      .set((eb) => ({ ...values, updated_seq: seq, version: eb('version', '+', 1) }))
      .where('id', '=', input.id)
      .execute();
    return input.id;
  }
  const id = await newId(ctx, 'contact_persons');
  await insertLogged(ctx, 'contact_persons', customerId, { ...values, id, customer_id: customerId, created_at: now });
  return id;
}

interface NewFollowUp {
  readonly customerId: string;
  readonly itemId: string | null;
  readonly activityId: string | null;
  readonly dueDate: string;
  readonly title: string;
  readonly assignedTo: string;
}

export async function insertFollowUp(ctx: ApplyContext, values: NewFollowUp): Promise<void> {
  const id = await newId(ctx, 'follow_ups');
  await insertLogged(ctx, 'follow_ups', values.customerId, {
      id,
      customer_id: values.customerId,
      open_item_id: values.itemId,
      activity_id: values.activityId,
      due_date: values.dueDate,
      title: values.title,
      status: 'open',
      assigned_to: values.assignedTo,
      created_by: ctx.principal.userId,
      created_at: ctx.now,
      done_at: null,
  });
}

export const contactPersonSave = define({
  schema: ContactPersonSaveSchema,
  customerOf: namedCustomer,
  async apply(ctx, args) {
    await saveContactPerson(ctx, args.customerId, args, '');
  },
});

export const noteAdd = define({
  schema: NoteAddSchema,
  customerOf: namedCustomer,
  // Reads only the item (never created by a push).
  buffered: () => true,
  async apply(ctx, args) {
    await requireItemOf(ctx.trx, args.itemId, args.customerId);
    const id = await newId(ctx, 'notes');
    await insertLogged(ctx, 'notes', args.customerId, {
      id,
      customer_id: args.customerId,
      open_item_id: args.itemId,
      // A lineage is named by its first version's id, as on the client.
      lineage_id: id,
      note_version: 1,
      is_current: true,
      body: args.body,
      created_by: ctx.principal.userId,
      created_at: ctx.now,
    });
  },
});

async function noteCustomer(trx: Db, noteId: string): Promise<string> {
  const note = await trx.selectFrom('notes').select('customer_id').where('id', '=', noteId).executeTakeFirst();
  if (note === undefined) throw new DomainError('not_found', `note ${noteId} does not exist`, 'noteId');
  return note.customer_id;
}

export const noteEdit = define({
  schema: NoteEditSchema,
  customerOf: (trx, args) => noteCustomer(trx, args.noteId),
  async apply(ctx, args) {
    const before = await ctx.trx.selectFrom('notes').selectAll().where('id', '=', args.noteId).forUpdate().executeTakeFirstOrThrow();
    // Same rule as the client: editing an older version would fork the lineage.
    if (!before.is_current) throw new DomainError('conflict', 'this note has been edited since; edit its current version', 'noteId');
    if (before.body === args.body) throw new DomainError('validation', 'the text is unchanged', 'body');
    const retiredSeq = await log(ctx, 'notes', before.id, before.customer_id);
    await ctx.trx
      .updateTable('notes')
      .set((eb) => ({ is_current: false, updated_seq: retiredSeq, version: eb('version', '+', 1) }))
      .where('id', '=', before.id)
      .execute();
    const id = await newId(ctx, 'notes');
    const seq = await log(ctx, 'notes', id, before.customer_id);
    await ctx.trx
      .insertInto('notes')
      .values({
        id,
        customer_id: before.customer_id,
        open_item_id: before.open_item_id,
        lineage_id: before.lineage_id,
        note_version: before.note_version + 1,
        is_current: true,
        body: args.body,
        created_by: ctx.principal.userId,
        created_at: ctx.now,
        updated_seq: seq,
      })
      .execute();
  },
});

export const followUpCreate = define({
  schema: FollowUpCreateSchema,
  customerOf: namedCustomer,
  async apply(ctx, args) {
    requireDateInWindow('followUp', args.dueDate, ctx.asOf, 'dueDate');
    await requireItemOf(ctx.trx, args.itemId, args.customerId);
    const assignedTo = args.assignedTo === undefined ? ctx.principal.userId : await requireUser(ctx.trx, args.assignedTo, 'assignedTo');
    await insertFollowUp(ctx, { customerId: args.customerId, itemId: args.itemId, activityId: null, dueDate: args.dueDate, title: args.title, assignedTo });
  },
});

/**
 * A client found a promise broken and opened its follow-up under the id derived from the promise:
 * the first client to say so creates it, any other finds it there (applied, nothing changes).
 */
export const brokenPromiseFollowUp = define({
  schema: BrokenPromiseFollowUpSchema,
  customerOf: namedCustomer,
  async apply(ctx, args) {
    const promise = await ctx.trx.selectFrom('promises').select(['customer_id', 'created_by']).where('id', '=', args.promiseId).executeTakeFirst();
    if (promise?.customer_id !== args.customerId) throw new DomainError('not_found', `promise ${args.promiseId} does not exist for this customer`, 'promiseId');
    const id = brokenPromiseFollowUpId(args.promiseId);
    const existing = await ctx.trx.selectFrom('follow_ups').select('id').where('id', '=', id).executeTakeFirst();
    if (existing !== undefined) return;
    await insertLogged(ctx, 'follow_ups', args.customerId, {
      id,
      customer_id: args.customerId,
      open_item_id: null,
      activity_id: null,
      due_date: args.dueDate,
      title: args.title,
      status: 'open',
      assigned_to: brokenPromiseFollowUpAssignee(promise.created_by, ctx.principal.userId),
      created_by: ctx.principal.userId,
      created_at: ctx.now,
      done_at: null,
    });
  },
});

export function followUpClose(status: Exclude<FollowUpStatus, 'open'>): Applier {
  return define({
    schema: FollowUpCloseSchema,
    async customerOf(trx, args) {
      const row = await trx.selectFrom('follow_ups').select('customer_id').where('id', '=', args.followUpId).executeTakeFirst();
      if (row === undefined) throw new DomainError('not_found', `follow-up ${args.followUpId} does not exist`, 'followUpId');
      return row.customer_id;
    },
    async apply(ctx, args) {
      const before = await ctx.trx.selectFrom('follow_ups').selectAll().where('id', '=', args.followUpId).forUpdate().executeTakeFirstOrThrow();
      if (before.status !== 'open') throw new DomainError('conflict', `this follow-up is already ${before.status}`, 'followUpId');
      const seq = await log(ctx, 'follow_ups', before.id, before.customer_id);
      await ctx.trx
        .updateTable('follow_ups')
        .set((eb) => ({ status, done_at: ctx.now, done_comment: storedOptionalText(args.comment), updated_seq: seq, version: eb('version', '+', 1) }))
        .where('id', '=', before.id)
        .execute();
    },
  });
}
