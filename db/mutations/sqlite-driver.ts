/**
 * Runs a shared mutation rule (shared/mutations) inside the desktop's synchronous better-sqlite3
 * transaction: every effect is answered at once, each write of a synced row is audited (the audit
 * log also gives the server the ids of the rows created, db/sync/created-ids.ts) and marks its
 * customer's summary for the refresh before commit. runCommand (db/commands/run-command.ts) owns
 * the transaction and the outbox.
 */
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { DecideContext, MutationDefinition } from '../../shared/mutations/definition';
import type { Role } from '../../shared/domain/codes';
import { isList, requireFilter, type Effect, type RowFilter, type Step, type UserFacts } from '../../shared/mutations/effects';
import { requireCustomer } from '../../shared/mutations/guards';
import type { SyncEntity } from '../../shared/sync/protocol';
import { rowOrder, sharedTableSpec, type ColumnSpec, type SharedTable, type SyncedRow } from '../../shared/sync/tables';
import type { Command, CommandTx } from '../commands/run-command';
import type { Row } from '../schema';
import { prepared } from '../statements';
import { AUDIT_ENTITY_TABLES } from '../sync/entities';

type StoredRow = Record<string, unknown>;
/** What running a step needs of a transaction: a command's, or the day change's evaluation of promises. */
export type StepTx = Pick<CommandTx, 'sqlite' | 'audit' | 'touch'>;
type Values = Readonly<Record<string, unknown>>;

const AUDIT_NAMES = new Map(Object.entries(AUDIT_ENTITY_TABLES).map(([entity, table]) => [table, entity]));

const columnsOf = (table: SharedTable): Readonly<Record<string, ColumnSpec>> => sharedTableSpec(table).columns;

/** A column a rule names must be one the table declares: the names go into SQL. */
function declared(table: SharedTable, column: string): ColumnSpec {
  const spec = Object.hasOwn(columnsOf(table), column) ? columnsOf(table)[column] : undefined;
  if (spec === undefined) throw new Error(`${table}.${column} is not a synced column`);
  return spec;
}

/** A value as SQLite keeps it: booleans as 0 or 1, bytes (base64 in the rules) as a BLOB. */
function toStored(spec: ColumnSpec, value: unknown): unknown {
  if (spec.kind === 'boolean' && typeof value === 'boolean') return value ? 1 : 0;
  if (spec.kind === 'bytes' && typeof value === 'string') return Buffer.from(value, 'base64');
  return value;
}

function toSyncedValue(spec: ColumnSpec, value: unknown): unknown {
  if (spec.kind === 'boolean' && typeof value === 'number') return value === 1;
  if (spec.kind === 'bytes' && value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  return value;
}

function toSynced(table: SharedTable, stored: StoredRow): StoredRow {
  const row: StoredRow = {};
  for (const [column, spec] of Object.entries(columnsOf(table))) row[column] = toSyncedValue(spec, stored[column]);
  return row;
}

/** A synced row as the desktop stores it (booleans as 0/1), for the views the commands answer with. */
export function toStoredRow<T extends SharedTable>(table: T, row: SyncedRow<T>): Row<T> {
  const stored: StoredRow = {};
  for (const [column, value] of Object.entries(row)) stored[column] = toStored(declared(table, column), value);
  // The declaration and db/schema.ts describe the same columns; the drift test holds them together.
  return stored as Row<T>;
}

const quote = (name: string): string => `"${name}"`;

/** `WHERE …` and its parameters; null when a membership list is empty, so nothing can match. */
function whereClause(table: SharedTable, where: RowFilter): { sql: string; params: unknown[] } | null {
  const conditions: string[] = [];
  const params: unknown[] = [];
  for (const [column, value] of Object.entries(where)) {
    const spec = declared(table, column);
    if (isList(value)) {
      if (value.length === 0) return null;
      // One bound JSON array, so a list of any length reuses one cached statement.
      conditions.push(`${quote(column)} IN (SELECT value FROM json_each(?))`);
      params.push(JSON.stringify(value));
    } else if (value === null) {
      conditions.push(`${quote(column)} IS NULL`);
    } else {
      conditions.push(`${quote(column)} = ?`);
      params.push(toStored(spec, value));
    }
  }
  return { sql: conditions.length === 0 ? '' : ` WHERE ${conditions.join(' AND ')}`, params };
}

function select(tx: StepTx, table: SharedTable, where: RowFilter): StoredRow[] {
  const clause = whereClause(table, where);
  if (clause === null) return [];
  return prepared<unknown[], StoredRow>(tx.sqlite, `SELECT * FROM ${quote(table)}${clause.sql} ORDER BY ${rowOrder(table).map(quote).join(', ')}`).all(...clause.params);
}

function setClause(table: SharedTable, set: Values): { sql: string; params: unknown[] } {
  const columns = Object.keys(set);
  return { sql: columns.map((column) => `${quote(column)} = ?`).join(', '), params: columns.map((column) => toStored(declared(table, column), set[column])) };
}

function insertValues(tx: StepTx, table: SharedTable, row: Values): void {
  const columns = Object.keys(row);
  const values = columns.map((column) => toStored(declared(table, column), row[column]));
  prepared(tx.sqlite, `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(...values);
}

function auditName(table: SyncEntity): string {
  const name = AUDIT_NAMES.get(table);
  if (name === undefined) throw new Error(`${table} has no audit name`);
  return name;
}

function storedById(tx: StepTx, table: SyncEntity, id: string): StoredRow {
  const row = select(tx, table, { id })[0];
  if (row === undefined) throw new Error(`${table} ${id} vanished while saving`);
  return row;
}

interface UserRow {
  id: string;
  display_name: string;
  role: Role;
  team_id: string | null;
  disabled: number;
}

function userFacts(tx: Pick<CommandTx, 'sqlite'>, id: string): UserFacts | undefined {
  const row = prepared<[string], UserRow>(tx.sqlite, 'SELECT id, display_name, role, team_id, disabled FROM users WHERE id = ?').get(id);
  return row === undefined ? undefined : { id: row.id, displayName: row.display_name, role: row.role, teamId: row.team_id, disabled: row.disabled === 1 };
}

function write(tx: StepTx, effect: Exclude<Effect, { effect: 'read' | 'user' | 'newId' }>): void {
  switch (effect.effect) {
    case 'insert':
      insertValues(tx, effect.table, effect.row);
      tx.audit(auditName(effect.table), effect.row.id, effect.action, null, storedById(tx, effect.table, effect.row.id));
      break;
    case 'update': {
      const before = storedById(tx, effect.table, effect.id);
      const set = setClause(effect.table, effect.set);
      prepared(tx.sqlite, `UPDATE ${quote(effect.table)} SET ${set.sql} WHERE id = ?`).run(...set.params, effect.id);
      tx.audit(auditName(effect.table), effect.id, effect.action, before, storedById(tx, effect.table, effect.id));
      break;
    }
    case 'insertItems':
      for (const row of effect.rows) insertValues(tx, effect.table, row);
      break;
    case 'updateItems': {
      const clause = whereClause(effect.table, requireFilter(effect.where));
      const set = setClause(effect.table, effect.set);
      if (clause !== null) prepared(tx.sqlite, `UPDATE ${quote(effect.table)} SET ${set.sql}${clause.sql}`).run(...set.params, ...clause.params);
      break;
    }
    case 'deleteItems': {
      const clause = whereClause(effect.table, requireFilter(effect.where));
      if (clause !== null) prepared(tx.sqlite, `DELETE FROM ${quote(effect.table)}${clause.sql}`).run(...clause.params);
      break;
    }
  }
  tx.touch(effect.customerId);
}

function answer(tx: StepTx, effect: Effect): unknown {
  switch (effect.effect) {
    case 'read':
      // The transaction is IMMEDIATE: it holds SQLite's write lock, so `lock` needs nothing more.
      return select(tx, effect.table, effect.where).map((row) => toSynced(effect.table, row));
    case 'user':
      return userFacts(tx, effect.id);
    case 'newId':
      return uuidv7();
    default:
      write(tx, effect);
      return undefined;
  }
}

/** Runs a step to its end, answering each effect synchronously. */
export function runStep<R>(tx: StepTx, step: Step<R>): R {
  let next = step.next();
  while (next.done !== true) next = step.next(answer(tx, next.value));
  return next.value;
}

export function decideContext(tx: CommandTx): DecideContext {
  const user = tx.userId === null ? undefined : userFacts(tx, tx.userId);
  return {
    now: tx.now,
    asOf: tx.asOf,
    userId: tx.userId,
    actor: user === undefined ? null : { id: user.id, role: user.role, teamId: user.teamId },
    promiseRules: tx.promiseRules,
  };
}

/**
 * Decides a shared mutation in the order the server does: the customers it changes, whether each
 * is in this store (the desktop's scope, as the server's scope check is its own), then the rule.
 */
export function decideOnDesktop<S extends z.ZodType, R>(tx: CommandTx, definition: MutationDefinition<S, R>, args: z.output<S>): R {
  const customerId = runStep(tx, definition.customerOf(args));
  const named = definition.customersOf?.(args) ?? [{ id: customerId, field: 'customerId' }];
  for (const customer of named) runStep(tx, requireCustomer(customer.id, customer.field));
  return runStep(tx, definition.decide(decideContext(tx), args));
}

/** The desktop command of a shared mutation: the rule, then `view` of what it returned for the caller. */
export function definitionCommand<S extends z.ZodType, R, V>(definition: MutationDefinition<S, R>, view: (result: R, tx: CommandTx) => V): Command<S, V> {
  return {
    name: definition.name,
    input: definition.args,
    apply: (tx, input) => view(decideOnDesktop(tx, definition, input), tx),
  };
}
