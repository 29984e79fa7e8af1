/**
 * Runs a shared mutation rule (shared/mutations) inside the server's PostgreSQL transaction:
 * every effect is awaited, each write gets its change_log entry (a new row takes the client's id
 * from the pushed mutation's `ids`; an updated one version + 1), reads that lock take FOR UPDATE.
 * Rows cross in the shared shape: the client's column names, renamed where the server's differ.
 */
import { sql, type Kysely } from 'kysely';
import type { DecideContext, MutationDefinition } from '../../shared/mutations/definition';
import type { Effect, RowFilter, Step } from '../../shared/mutations/effects';
import type { SyncEntity } from '../../shared/sync/protocol';
import { SYNCED_TABLES, serverColumnNames, type ColumnSpec } from '../../shared/sync/tables';
import type { ServerDatabase } from '../db/schema';
import { define, insertLoggedValues, log, newId, type Applier, type ApplyContext } from './appliers';
import type { InsertedTable } from './logged-insert';

type Db = Kysely<ServerDatabase>;
type Values = Readonly<Record<string, unknown>>;

const INSERTED_TABLES: ReadonlySet<SyncEntity> = new Set<InsertedTable>(['activities', 'contact_persons', 'follow_ups', 'notes']);
const isInsertedTable = (table: SyncEntity): table is InsertedTable => INSERTED_TABLES.has(table);

/** The server's name of a column a rule names; the names go into SQL, so only declared ones. */
function serverColumn(table: SyncEntity, column: string): string {
  const columns: Readonly<Record<string, ColumnSpec>> = SYNCED_TABLES[table].columns;
  if (!Object.hasOwn(columns, column)) throw new Error(`${table}.${column} is not a synced column`);
  return serverColumnNames(table)[column] ?? column;
}

function toServer(table: SyncEntity, values: Values): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([column, value]) => [serverColumn(table, column), value]));
}

function toShared(table: SyncEntity, row: Values): Record<string, unknown> {
  return Object.fromEntries(Object.keys(SYNCED_TABLES[table].columns).map((column) => [column, row[serverColumn(table, column)]]));
}

async function select(trx: Db, table: SyncEntity, where: RowFilter, lock: boolean): Promise<Record<string, unknown>[]> {
  const conditions = Object.entries(where).map(([column, value]) => {
    const ref = sql.ref(serverColumn(table, column));
    return value === null ? sql`${ref} IS NULL` : sql`${ref} = ${value}`;
  });
  const filter = conditions.length === 0 ? sql`TRUE` : sql.join(conditions, sql` AND `);
  const result = await sql<Values>`SELECT * FROM ${sql.table(table)} WHERE ${filter} ORDER BY id${lock ? sql` FOR UPDATE` : sql``}`.execute(trx);
  return result.rows.map((row) => toShared(table, row));
}

async function insert(ctx: ApplyContext, effect: Extract<Effect, { effect: 'insert' }>): Promise<void> {
  const row: Values & { readonly id: string } = { ...toServer(effect.table, effect.row), id: effect.row.id };
  if (isInsertedTable(effect.table)) {
    await insertLoggedValues(ctx, effect.table, effect.customerId, row);
    return;
  }
  const seq = await log(ctx, effect.table, effect.row.id, effect.customerId);
  const columns = Object.keys(row);
  await sql`INSERT INTO ${sql.table(effect.table)} (${sql.join(columns.map((column) => sql.ref(column)))}, updated_seq)
    VALUES (${sql.join(columns.map((column) => sql`${row[column]}`))}, ${seq})`.execute(ctx.trx);
}

async function update(ctx: ApplyContext, effect: Extract<Effect, { effect: 'update' }>): Promise<void> {
  const seq = await log(ctx, effect.table, effect.id, effect.customerId);
  const set = Object.entries(toServer(effect.table, effect.set)).map(([column, value]) => sql`${sql.ref(column)} = ${value}`);
  await sql`UPDATE ${sql.table(effect.table)} SET ${sql.join(set)}, version = version + 1, updated_seq = ${seq} WHERE id = ${effect.id}`.execute(ctx.trx);
}

async function userExists(trx: Db, id: string): Promise<boolean> {
  return (await trx.selectFrom('users').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/**
 * How many rows of each table a mutation has asked new ids for: the `index` of its next one in the
 * pushed `ids`. Kept per mutation, across the steps an applier not yet moved runs (contact.log).
 */
const createdCounts = new WeakMap<ApplyContext, Map<SyncEntity, number>>();

function createdCountsOf(ctx: ApplyContext): Map<SyncEntity, number> {
  let counts = createdCounts.get(ctx);
  if (counts === undefined) {
    counts = new Map();
    createdCounts.set(ctx, counts);
  }
  return counts;
}

/** Answers a step's effects in turn; `write` is null where the step may only read (customerOf). */
async function runStep<R>(trx: Db, step: Step<R>, write: ApplyContext | null): Promise<R> {
  const answer = async (effect: Effect): Promise<unknown> => {
    if (effect.effect === 'read') return select(trx, effect.table, effect.where, effect.lock);
    if (effect.effect === 'userExists') return userExists(trx, effect.id);
    if (write === null) throw new Error(`a read-only step asked for ${effect.effect}`);
    if (effect.effect === 'newId') {
      const created = createdCountsOf(write);
      const index = created.get(effect.table) ?? 0;
      created.set(effect.table, index + 1);
      return newId(write, effect.table, index);
    }
    if (effect.effect === 'insert') return insert(write, effect);
    return update(write, effect);
  };
  let next = step.next();
  while (next.done !== true) next = step.next(await answer(next.value));
  return next.value;
}

export const decideContextOf = (ctx: ApplyContext): DecideContext => ({ now: ctx.now, asOf: ctx.asOf, userId: ctx.principal.userId });

/** Runs a shared step inside an applier's transaction. */
export const runSharedStep = <R>(ctx: ApplyContext, step: Step<R>): Promise<R> => runStep(ctx.trx, step, ctx);

/** The server's applier of a shared mutation. */
export function definitionApplier(definition: MutationDefinition): Applier {
  return define({
    schema: definition.args,
    customerOf: (trx, args) => runStep(trx, definition.customerOf(args), null),
    async apply(ctx, args) {
      await runSharedStep(ctx, definition.decide(decideContextOf(ctx), args));
    },
    buffered: (args) => definition.bufferable?.(args) === true,
  });
}
