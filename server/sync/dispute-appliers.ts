/**
 * dispute.create / dispute.transition on the server, mirroring db/commands/dispute.ts: an open
 * case reserves its amounts on the items (open_items.disputed_minor); resolving or voiding
 * releases them; reopening reserves them again as far as the items allow. The transition table
 * is the shared one, so a move that is no longer allowed (a case closed meanwhile by someone
 * else) is a `conflict`.
 */
import { sql } from 'kysely';
import type { z } from 'zod';
import { DisputeCreateSchema, DisputeTransitionSchema, type DisputeTermsSchema } from '../../shared/api/collector-schemas';
import { DomainError } from '../../shared/api/result';
import type { DisputeStatus } from '../../shared/domain/codes';
import { isOpenDispute, transitionDispute } from '../../shared/domain/dispute';
import { define, namedCustomer, log, newId, requireUser, type ApplyContext } from './appliers';
import { commonCurrency } from '../../shared/domain/owed-items';
import { loadOwedItems } from './items';
import { requireDateInWindow } from '../../shared/domain/date-bounds';
import { requireDisputable } from '../../shared/domain/amount-limits';

/** Moves an item's reserved amount, never below zero (the ERP may have lowered it meanwhile). */
async function adjustItem(ctx: ApplyContext, itemId: string, customerId: string, deltaMinor: number): Promise<void> {
  if (deltaMinor === 0) return;
  const seq = await log(ctx, 'open_items', itemId, customerId);
  await ctx.trx
    .updateTable('open_items')
    .set((eb) => ({
      disputed_minor: sql<number>`GREATEST(0, disputed_minor + ${deltaMinor})`,
      updated_seq: seq,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', itemId)
    .execute();
}

async function recordEvent(ctx: ApplyContext, disputeId: string, customerId: string, from: DisputeStatus | null, to: DisputeStatus, comment: string): Promise<void> {
  const id = await newId(ctx, 'dispute_events');
  const seq = await log(ctx, 'dispute_events', id, customerId);
  await ctx.trx
    .insertInto('dispute_events')
    .values({ id, dispute_id: disputeId, customer_id: customerId, from_status: from, to_status: to, comment, user_id: ctx.principal.userId, at: ctx.now, updated_seq: seq })
    .execute();
}

export type DisputeTerms = z.output<typeof DisputeTermsSchema>;

/** A new case from its terms (dispute.create and a contact logged with a dispute); `prefix` names the terms in errors. */
export async function createDispute(ctx: ApplyContext, customerId: string, args: DisputeTerms, activityId: string | null, prefix: string): Promise<void> {
  const items = await loadOwedItems(ctx.trx, customerId, args.items.map((item) => item.itemId), `${prefix}items`, '.itemId');
  const currency = commonCurrency(items, `${prefix}items`, '.itemId');
  if (currency === null) throw new DomainError('validation', 'a dispute covers at least one item', `${prefix}items`);
  let totalMinor = 0;
  args.items.forEach((input, index) => {
    const item = items[index];
    if (item === undefined) return;
    requireDisputable(input.disputedMinor, item.open_minor - item.disputed_minor, currency, `${prefix}items.${String(index)}.disputedMinor`);
    totalMinor += input.disputedMinor;
  });
  if (args.dueDate !== null) requireDateInWindow('disputeDue', args.dueDate, ctx.asOf, `${prefix}dueDate`);
  const owner = args.ownerId === undefined ? ctx.principal.userId : await requireUser(ctx.trx, args.ownerId, `${prefix}ownerId`);

  const id = await newId(ctx, 'disputes');
  const seq = await log(ctx, 'disputes', id, customerId);
  await ctx.trx
    .insertInto('disputes')
    .values({
      id,
      customer_id: customerId,
      activity_id: activityId,
      reason_code: args.reasonCode,
      description: args.description,
      status: 'new',
      owner,
      due_date: args.dueDate,
      currency,
      disputed_minor: totalMinor,
      resolution: null,
      root_cause: null,
      created_by: ctx.principal.userId,
      created_at: ctx.now,
      updated_at: ctx.now,
      resolved_at: null,
      closed_at: null,
      updated_seq: seq,
    })
    .execute();
  for (const input of args.items) {
    await ctx.trx.insertInto('dispute_items').values({ dispute_id: id, open_item_id: input.itemId, disputed_minor: input.disputedMinor }).execute();
    await adjustItem(ctx, input.itemId, customerId, input.disputedMinor);
  }
  await recordEvent(ctx, id, customerId, null, 'new', args.description);
}

export const disputeCreate = define({
  schema: DisputeCreateSchema,
  customerOf: namedCustomer,
  apply: (ctx, args) => createDispute(ctx, args.customerId, args, null, ''),
});

async function reserveAgain(ctx: ApplyContext, disputeId: string, customerId: string): Promise<number> {
  const items = await ctx.trx.selectFrom('dispute_items').selectAll().where('dispute_id', '=', disputeId).orderBy('open_item_id').execute();
  let totalMinor = 0;
  for (const item of items) {
    const amounts = await ctx.trx.selectFrom('open_items').select(['open_minor', 'disputed_minor']).where('id', '=', item.open_item_id).executeTakeFirst();
    const available = amounts === undefined ? 0 : Math.max(0, amounts.open_minor - amounts.disputed_minor);
    const reserved = Math.min(item.disputed_minor, available);
    if (reserved === 0) {
      await ctx.trx.deleteFrom('dispute_items').where('dispute_id', '=', disputeId).where('open_item_id', '=', item.open_item_id).execute();
    } else if (reserved !== item.disputed_minor) {
      await ctx.trx.updateTable('dispute_items').set({ disputed_minor: reserved }).where('dispute_id', '=', disputeId).where('open_item_id', '=', item.open_item_id).execute();
    }
    await adjustItem(ctx, item.open_item_id, customerId, reserved);
    totalMinor += reserved;
  }
  if (totalMinor === 0) throw new DomainError('conflict', 'none of the disputed items is still open, so the case cannot be reopened', 'action');
  return totalMinor;
}

export const disputeTransition = define({
  schema: DisputeTransitionSchema,
  async customerOf(trx, args) {
    const row = await trx.selectFrom('disputes').select('customer_id').where('id', '=', args.disputeId).executeTakeFirst();
    if (row === undefined) throw new DomainError('not_found', `dispute ${args.disputeId} does not exist`, 'disputeId');
    return row.customer_id;
  },
  async apply(ctx, args) {
    const before = await ctx.trx.selectFrom('disputes').selectAll().where('id', '=', args.disputeId).forUpdate().executeTakeFirstOrThrow();
    if (args.action !== 'resolve' && (args.resolution !== undefined || args.rootCause !== undefined)) {
      throw new DomainError('validation', 'a resolution and a root cause are recorded only when resolving', args.resolution !== undefined ? 'resolution' : 'rootCause');
    }
    if (args.action === 'resolve' && args.resolution !== undefined && args.rootCause === undefined) {
      throw new DomainError('validation', 'resolving a dispute needs a root cause', 'rootCause');
    }
    const resolution = args.resolution !== undefined && args.rootCause !== undefined ? { resolution: args.resolution, rootCause: args.rootCause } : undefined;
    const status = transitionDispute(before.status, args.action, resolution);

    let disputedMinor = before.disputed_minor;
    if (isOpenDispute(before.status) && !isOpenDispute(status)) {
      const items = await ctx.trx.selectFrom('dispute_items').selectAll().where('dispute_id', '=', before.id).orderBy('open_item_id').execute();
      for (const item of items) await adjustItem(ctx, item.open_item_id, before.customer_id, -item.disputed_minor);
    }
    if (!isOpenDispute(before.status) && isOpenDispute(status)) disputedMinor = await reserveAgain(ctx, before.id, before.customer_id);

    const reopened = args.action === 'reopen';
    const seq = await log(ctx, 'disputes', before.id, before.customer_id);
    await ctx.trx
      .updateTable('disputes')
      .set((eb) => ({
        status,
        disputed_minor: disputedMinor,
        resolution: reopened ? null : (resolution?.resolution ?? before.resolution),
        root_cause: reopened ? null : (resolution?.rootCause ?? before.root_cause),
        updated_at: ctx.now,
        resolved_at: reopened ? null : status === 'resolved' ? ctx.now : before.resolved_at,
        closed_at: reopened ? null : status === 'closed' ? ctx.now : before.closed_at,
        updated_seq: seq,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', before.id)
      .execute();
    await recordEvent(ctx, before.id, before.customer_id, before.status, status, args.comment);
  },
});
