/**
 * promise.create / promise.cancel on the server, mirroring db/commands/promise.ts: a new promise
 * on the same items (or, without items, on the same account and currency) supersedes the open
 * one there, answers earlier broken ones and takes the next level; an item is never under two
 * open promises.
 */
import { sql, type ExpressionBuilder } from 'kysely';
import type { z } from 'zod';
import { v7 as uuidv7 } from 'uuid';
import { PromiseCancelSchema, PromiseCreateSchema, PromisePlanSchema, type PromiseTermsSchema } from '../../shared/api/collector-schemas';
import { DomainError } from '../../shared/api/result';
import type { PaymentMethod } from '../../shared/domain/codes';
import { nextPromiseLevel } from '../../shared/domain/promise';
import { validateInstalments, type Instalment } from '../../shared/domain/promise-plan';
import type { ServerDatabase, ServerRow } from '../db/schema';
import { define, namedCustomer, log, newId, type ApplyContext } from './appliers';
import { owedOnItems, promiseCurrency } from '../../shared/domain/owed-items';
import { loadOwedItems, type OwedItem } from './items';
import { requireDateInWindow } from '../../shared/domain/date-bounds';
import { requireNotAboveOwed } from '../../shared/domain/amount-limits';

type PromiseRow = ServerRow<'promises'>;

/** Open promises, and broken or partly kept ones nobody has answered with a new promise yet. */
const pending = (eb: ExpressionBuilder<ServerDatabase & { p: ServerDatabase['promises'] }, 'p'>) =>
  eb.or([eb('p.status', '=', 'open'), eb.and([eb('p.status', 'in', ['broken', 'partially_kept']), eb('p.superseded_by', 'is', null)])]);

const itemIdsOf = async (ctx: ApplyContext, promiseId: string): Promise<string[]> =>
  (await ctx.trx.selectFrom('promise_items').select('open_item_id').where('promise_id', '=', promiseId).execute()).map((row) => row.open_item_id);

async function predecessors(ctx: ApplyContext, customerId: string, currency: string, items: readonly OwedItem[]): Promise<PromiseRow[]> {
  const { trx } = ctx;
  const direct =
    items.length > 0
      ? await trx
          .selectFrom('promise_items as pi')
          .innerJoin('promises as p', 'p.id', 'pi.promise_id')
          .selectAll('p')
          .distinct()
          .where('pi.open_item_id', 'in', items.map((item) => item.id))
          .where(pending)
          .execute()
      : await trx
          .selectFrom('promises as p')
          .selectAll('p')
          .where('p.customer_id', '=', customerId)
          .where('p.currency', '=', currency)
          .where(pending)
          .where((eb) => eb.not(eb.exists(eb.selectFrom('promise_items as pi').select('pi.promise_id').whereRef('pi.promise_id', '=', 'p.id'))))
          .execute();
  const all = new Map(direct.map((row) => [row.id, row]));
  for (const row of direct) {
    if (row.plan_id === null || row.status !== 'open') continue;
    const plan = await trx.selectFrom('promises').selectAll().where('plan_id', '=', row.plan_id).where('status', '=', 'open').execute();
    for (const instalment of plan) all.set(instalment.id, instalment);
  }
  return [...all.values()].sort((a, b) => (a.created_at === b.created_at ? (a.id < b.id ? -1 : 1) : a.created_at < b.created_at ? -1 : 1));
}

export type PromiseTerms = z.output<typeof PromiseTermsSchema>;

interface PromiseScope {
  readonly items: readonly OwedItem[];
  readonly currency: string;
  /** What is still owed and not disputed: on the items, or on the whole account in that currency. */
  readonly owedMinor: number;
}

async function promiseScope(ctx: ApplyContext, customerId: string, itemIds: readonly string[], requested: string | undefined, prefix: string): Promise<PromiseScope> {
  const { trx } = ctx;
  const customer = await trx.selectFrom('customers').select(['id', 'currency']).where('id', '=', customerId).executeTakeFirstOrThrow();
  const items = await loadOwedItems(trx, customerId, itemIds, `${prefix}itemIds`);
  const currency = promiseCurrency(items, requested, customer.currency, prefix);
  const owedMinor =
    items.length > 0
      ? owedOnItems(items)
      : ((
          await trx
            .selectFrom('open_items')
            .select(sql<number>`coalesce(sum(open_minor - disputed_minor), 0)::bigint`.as('owed'))
            .where('customer_id', '=', customerId)
            .where('currency', '=', currency)
            .where('open_minor', '<>', 0)
            .executeTakeFirst()
        )?.owed ?? 0);
  return { items, currency, owedMinor };
}

interface PromiseDraft extends PromiseScope {
  readonly customerId: string;
  readonly instalments: readonly Instalment[];
  readonly paymentMethod: PaymentMethod | null;
  readonly note: string;
  readonly activityId: string | null;
  readonly planId: string | null;
  /** The input's item list, named in errors (`itemIds`, `promise.itemIds`). */
  readonly itemsField: string;
}

/** Writes one promise per instalment, superseding and answering their predecessors. */
async function recordPromises(ctx: ApplyContext, draft: PromiseDraft): Promise<void> {
  const { trx, now } = ctx;
  const earlier = await predecessors(ctx, draft.customerId, draft.currency, draft.items);
  const covered = new Set(draft.items.map((item) => item.id));
  for (const row of earlier.filter((r) => r.status === 'open')) {
    // An open promise may be replaced only as a whole, never leaving an item under two promises.
    const itemsOfRow = await itemIdsOf(ctx, row.id);
    if (itemsOfRow.every((id) => covered.has(id))) continue;
    const index = draft.items.findIndex((item) => itemsOfRow.includes(item.id));
    throw new DomainError(
      'conflict',
      `${draft.items[index]?.document_number ?? 'an item'} is already under the open promise of ${row.promised_date}, which also covers other items; include them or cancel that promise first`,
      `${draft.itemsField}.${String(Math.max(0, index))}`,
    );
  }
  const level = earlier.length > 0 ? nextPromiseLevel(earlier.map((row) => row.level)) : 1;

  const created: string[] = [];
  for (const [index, instalment] of draft.instalments.entries()) {
    const id = await newId(ctx, 'promises', index);
    const seq = await log(ctx, 'promises', id, draft.customerId);
    await trx
      .insertInto('promises')
      .values({
        id,
        customer_id: draft.customerId,
        activity_id: draft.activityId,
        plan_id: draft.planId,
        amount_minor: instalment.amountMinor,
        currency: draft.currency,
        promised_date: instalment.promisedDate,
        payment_method: draft.paymentMethod,
        note: draft.note,
        status: 'open',
        level,
        paid_minor: 0,
        superseded_by: null,
        evaluated_on: null,
        created_by: ctx.principal.userId,
        created_at: now,
        updated_at: now,
        updated_seq: seq,
      })
      .execute();
    if (draft.items.length > 0) await trx.insertInto('promise_items').values(draft.items.map((item) => ({ promise_id: id, open_item_id: item.id }))).execute();
    created.push(id);
  }
  // The first (or only) new promise is the successor every replaced one points to.
  const successor = created[0];
  if (successor === undefined) throw new Error('a promise needs at least one instalment');
  for (const row of earlier) {
    const replaced = row.status === 'open';
    const rowSeq = await log(ctx, 'promises', row.id, row.customer_id);
    await trx
      .updateTable('promises')
      .set((eb) => ({
        ...(replaced ? { status: 'superseded' as const } : {}),
        superseded_by: successor,
        updated_at: now,
        updated_seq: rowSeq,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', row.id)
      .execute();
  }
}

/** A single promise from its terms (promise.create and a contact logged with a promise); `prefix` names the terms in errors. */
export async function createPromise(ctx: ApplyContext, customerId: string, terms: PromiseTerms, activityId: string | null, prefix: string): Promise<void> {
  requireDateInWindow('promise', terms.promisedDate, ctx.asOf, `${prefix}promisedDate`);
  const scope = await promiseScope(ctx, customerId, terms.itemIds, terms.currency, prefix);
  const amountMinor = terms.amountMinor ?? (scope.items.length > 0 ? scope.owedMinor : undefined);
  if (amountMinor === undefined) throw new DomainError('validation', 'give an amount or the items the promise covers', `${prefix}amountMinor`);
  if (amountMinor <= 0) throw new DomainError('validation', 'nothing undisputed is open on these items', `${prefix}itemIds`);
  requireNotAboveOwed('promise', amountMinor, scope.owedMinor, scope.currency, `${prefix}amountMinor`);
  await recordPromises(ctx, {
    ...scope,
    customerId,
    instalments: [{ promisedDate: terms.promisedDate, amountMinor }],
    paymentMethod: terms.paymentMethod,
    note: terms.note,
    activityId,
    planId: null,
    itemsField: `${prefix}itemIds`,
  });
}

export const promiseCreate = define({
  schema: PromiseCreateSchema,
  customerOf: namedCustomer,
  apply: (ctx, args) => createPromise(ctx, args.customerId, args, null, ''),
});

/** promise.plan: N instalment promises under one plan id, superseded and cancelled as a whole. */
export const promisePlan = define({
  schema: PromisePlanSchema,
  customerOf: namedCustomer,
  async apply(ctx, args) {
    const scope = await promiseScope(ctx, args.customerId, args.itemIds, args.currency, '');
    // Without a stated total, a plan over items pays off exactly what is owed on them.
    const expectedTotal = args.totalMinor ?? (scope.items.length > 0 ? scope.owedMinor : undefined);
    const totalMinor = validateInstalments(args.instalments, ctx.asOf, scope.currency, expectedTotal);
    requireNotAboveOwed('plan', totalMinor, scope.owedMinor, scope.currency, 'totalMinor');
    await recordPromises(ctx, {
      ...scope,
      customerId: args.customerId,
      instalments: args.instalments,
      paymentMethod: args.paymentMethod,
      note: args.note,
      activityId: null,
      planId: typeof ctx.ids.plan === 'string' ? ctx.ids.plan : uuidv7(),
      itemsField: 'itemIds',
    });
  },
});

export const promiseCancel = define({
  schema: PromiseCancelSchema,
  async customerOf(trx, args) {
    const row = await trx.selectFrom('promises').select('customer_id').where('id', '=', args.promiseId).executeTakeFirst();
    if (row === undefined) throw new DomainError('not_found', `promise ${args.promiseId} does not exist`, 'promiseId');
    return row.customer_id;
  },
  async apply(ctx, args) {
    const target = await ctx.trx.selectFrom('promises').selectAll().where('id', '=', args.promiseId).forUpdate().executeTakeFirstOrThrow();
    if (target.status !== 'open') throw new DomainError('conflict', `only an open promise can be cancelled; this one is ${target.status.replace('_', ' ')}`, 'promiseId');
    if (args.wholePlan && target.plan_id === null) throw new DomainError('validation', 'this promise is not part of a payment plan', 'wholePlan');
    const rows =
      args.wholePlan && target.plan_id !== null
        ? await ctx.trx.selectFrom('promises').selectAll().where('plan_id', '=', target.plan_id).where('status', '=', 'open').execute()
        : [target];
    for (const row of rows) {
      const seq = await log(ctx, 'promises', row.id, row.customer_id);
      await ctx.trx
        .updateTable('promises')
        .set((eb) => ({ status: 'cancelled', cancel_reason: args.reason, updated_at: ctx.now, updated_seq: seq, version: eb('version', '+', 1) }))
        .where('id', '=', row.id)
        .execute();
    }
  },
});
