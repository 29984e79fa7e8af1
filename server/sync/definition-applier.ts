/**
 * Runs a shared mutation rule (shared/mutations) inside the server's PostgreSQL transaction:
 * every effect is awaited, each write of a synced row gets its change_log entry (a new row takes
 * the client's id from the pushed mutation's `ids`; an updated one version + 1), reads that lock
 * take FOR UPDATE. Rows cross in the shared shape: the client's column names, renamed where the
 * server's differ.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { DecideContext, MutationDefinition } from '../../shared/mutations/definition';
import { isList, requireFilter, type Effect, type RowFilter, type Step, type UserFacts } from '../../shared/mutations/effects';
import type { SyncEntity } from '../../shared/sync/protocol';
import { rowOrder, serverColumnNames, sharedTableSpec, type SharedTable } from '../../shared/sync/tables';
import type { ServerDatabase } from '../db/schema';
import { SERVER_PROMISE_RULES } from '../promises/rules';
import { define, insertLoggedValues, log, newId, type Applier, type ApplyContext } from './appliers';
import type { InsertedTable } from './logged-insert';

type Db = Kysely<ServerDatabase>;
/** What writing needs of an applier's context; a job the server starts itself (server/promises) has no principal. */
type WriteContext = Pick<ApplyContext, 'trx' | 'receivedAt' | 'ids' | 'optimistic' | 'buffer'>;
type Values = Readonly<Record<string, unknown>>;

const INSERTED_TABLES: ReadonlySet<SyncEntity> = new Set<InsertedTable>(['activities', 'contact_persons', 'follow_ups', 'notes']);
const isInsertedTable = (table: SyncEntity): table is InsertedTable => INSERTED_TABLES.has(table);

/** The server's name of a column a rule names; the names go into SQL, so only declared ones. */
function serverColumn(table: SharedTable, column: string): string {
  if (!Object.hasOwn(sharedTableSpec(table).columns, column)) throw new Error(`${table}.${column} is not a synced column`);
  return serverColumnNames(table)[column] ?? column;
}

const isBytes = (table: SharedTable, column: string): boolean => sharedTableSpec(table).columns[column]?.kind === 'bytes';

/** Values under the server's names; bytes (base64 in the rules) as a bytea. */
const toServer = (table: SharedTable, values: Values): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(values).map(([column, value]) => [serverColumn(table, column), isBytes(table, column) && typeof value === 'string' ? Buffer.from(value, 'base64') : value]),
  );

const toShared = (table: SharedTable, row: Values): Record<string, unknown> =>
  Object.fromEntries(
    Object.keys(sharedTableSpec(table).columns).map((column) => {
      const value = row[serverColumn(table, column)];
      return [column, isBytes(table, column) && value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value];
    }),
  );

/** The filter as SQL; FALSE when a membership list is empty. */
function whereSql(table: SharedTable, where: RowFilter): RawBuilder<unknown> {
  const conditions = Object.entries(where).map(([column, value]) => {
    const ref = sql.ref(serverColumn(table, column));
    // One array parameter whatever the list's length (an import may judge thousands of customers' promises).
    if (isList(value)) return value.length === 0 ? sql`FALSE` : sql`${ref} = ANY(${[...value]})`;
    return value === null ? sql`${ref} IS NULL` : sql`${ref} = ${value}`;
  });
  return conditions.length === 0 ? sql`TRUE` : sql.join(conditions, sql` AND `);
}

async function select(trx: Db, table: SharedTable, where: RowFilter, lock: boolean): Promise<Record<string, unknown>[]> {
  const order = sql.join(rowOrder(table).map((column) => sql.ref(column)));
  const result = await sql<Values>`SELECT * FROM ${sql.table(table)} WHERE ${whereSql(table, where)} ORDER BY ${order}${lock ? sql` FOR UPDATE` : sql``}`.execute(trx);
  return result.rows.map((row) => toShared(table, row));
}

const setSql = (table: SharedTable, set: Values) => sql.join(Object.entries(toServer(table, set)).map(([column, value]) => sql`${sql.ref(column)} = ${value}`));

async function insertValues(trx: Db, table: SharedTable, row: Values): Promise<void> {
  const columns = Object.keys(row);
  await sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((column) => sql.ref(column)))}) VALUES (${sql.join(columns.map((column) => sql`${row[column]}`))})`.execute(trx);
}

async function insert(ctx: WriteContext, effect: Extract<Effect, { effect: 'insert' }>): Promise<void> {
  // Events and clearings keep their customer on the server only, so the pull can scope them without a join.
  const owner = Object.hasOwn(sharedTableSpec(effect.table).serverOnly, 'customer_id') ? { customer_id: effect.customerId } : {};
  const row: Values & { readonly id: string } = { ...toServer(effect.table, effect.row), ...owner, id: effect.row.id };
  if (isInsertedTable(effect.table)) {
    await insertLoggedValues(ctx, effect.table, effect.customerId, row);
    return;
  }
  const seq = await log(ctx, effect.table, effect.row.id, effect.customerId);
  await insertValues(ctx.trx, effect.table, { ...row, updated_seq: seq });
}

async function userFacts(trx: Db, id: string): Promise<UserFacts | undefined> {
  const row = await trx.selectFrom('users').select(['id', 'display_name', 'role', 'team_id', 'disabled']).where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : { id: row.id, displayName: row.display_name, role: row.role, teamId: row.team_id, disabled: row.disabled };
}

async function write(ctx: WriteContext, effect: Exclude<Effect, { effect: 'read' | 'user' | 'newId' }>): Promise<void> {
  const { trx } = ctx;
  switch (effect.effect) {
    case 'insert':
      return insert(ctx, effect);
    case 'update': {
      const seq = await log(ctx, effect.table, effect.id, effect.customerId);
      await sql`UPDATE ${sql.table(effect.table)} SET ${setSql(effect.table, effect.set)}, version = version + 1, updated_seq = ${seq} WHERE id = ${effect.id}`.execute(trx);
      return;
    }
    case 'insertItems':
      for (const row of effect.rows) await insertValues(trx, effect.table, toServer(effect.table, row));
      return;
    case 'updateItems':
      await sql`UPDATE ${sql.table(effect.table)} SET ${setSql(effect.table, effect.set)} WHERE ${whereSql(effect.table, requireFilter(effect.where))}`.execute(trx);
      return;
    case 'deleteItems':
      await sql`DELETE FROM ${sql.table(effect.table)} WHERE ${whereSql(effect.table, requireFilter(effect.where))}`.execute(trx);
      return;
  }
}

/** The plan id the desktop chose (its first promise's plan), or a fresh one for a client that sent none. */
const planId = (ctx: WriteContext): string => (typeof ctx.ids.plan === 'string' ? ctx.ids.plan : uuidv7());


/** Answers a step's effects in turn; `ctx` is null where the step may only read (customerOf). */
async function runStep<R>(trx: Db, step: Step<R>, ctx: WriteContext | null): Promise<R> {
  // How many rows of each table the step has asked new ids for: the index of its next one in the pushed `ids`.
  const created = new Map<SyncEntity, number>();
  const nextIndex = (table: SyncEntity): number => {
    const index = created.get(table) ?? 0;
    created.set(table, index + 1);
    return index;
  };
  const answer = async (effect: Effect): Promise<unknown> => {
    if (effect.effect === 'read') return select(trx, effect.table, effect.where, effect.lock);
    if (effect.effect === 'user') return userFacts(trx, effect.id);
    if (ctx === null) throw new Error(`a read-only step asked for ${effect.effect}`);
    if (effect.effect === 'newId') return effect.table === 'plan' ? planId(ctx) : newId(ctx, effect.table, nextIndex(effect.table));
    await write(ctx, effect);
    return undefined;
  };
  let next = step.next();
  while (next.done !== true) next = step.next(await answer(next.value));
  return next.value;
}

export const decideContextOf = (ctx: ApplyContext): DecideContext => ({
  now: ctx.now,
  asOf: ctx.asOf,
  userId: ctx.principal.userId,
  actor: { id: ctx.principal.userId, role: ctx.principal.role, teamId: ctx.principal.teamId },
  promiseRules: SERVER_PROMISE_RULES,
});

/** Runs a shared step the server starts itself (no push, no client ids) inside `trx`; `now` stamps its change_log entries. */
export const runServerStep = <R>(trx: Db, now: string, step: Step<R>): Promise<R> =>
  runStep(trx, step, { trx, receivedAt: now, ids: {}, optimistic: false, buffer: null });

/** The server's applier of a shared mutation. */
export function definitionApplier(definition: MutationDefinition): Applier {
  return define({
    schema: definition.args,
    /**
     * The mutation's customer; for one that changes several, the first outside the caller's scope
     * (one that does not exist included, so the push answers `forbidden` for both alike).
     */
    async customerOf(trx, args, customers) {
      const customerId = await runStep(trx, definition.customerOf(args), null);
      const all = (definition.customersOf?.(args) ?? []).map((customer) => customer.id);
      if (all.length > 0) {
        await customers.prefetch(all);
        for (const id of all) if (!(await customers.mayChange(id))) return id;
      }
      return customerId;
    },
    async apply(ctx, args) {
      await runStep(ctx.trx, definition.decide(decideContextOf(ctx), args), ctx);
    },
    buffered: (args) => definition.bufferable?.(args) === true,
  });
}
