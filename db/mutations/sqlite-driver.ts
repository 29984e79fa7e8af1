/**
 * Runs a shared mutation rule (shared/mutations) inside the desktop's synchronous better-sqlite3
 * transaction: every effect is answered at once, each write is audited (the audit log also gives
 * the server the ids of the rows created, db/sync/created-ids.ts) and marks its customer's
 * summary for the refresh before commit. runCommand (db/commands/run-command.ts) owns the
 * transaction and the outbox.
 */
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { DecideContext, MutationDefinition } from '../../shared/mutations/definition';
import type { Effect, RowFilter, Step } from '../../shared/mutations/effects';
import type { SyncEntity } from '../../shared/sync/protocol';
import { SYNCED_TABLES, type ColumnSpec, type SyncedRow } from '../../shared/sync/tables';
import type { Command, CommandTx } from '../commands/run-command';
import type { Row } from '../schema';
import { prepared } from '../statements';
import { AUDIT_ENTITY_TABLES } from '../sync/entities';

type StoredRow = Record<string, unknown>;

const AUDIT_NAMES = new Map(Object.entries(AUDIT_ENTITY_TABLES).map(([entity, table]) => [table, entity]));

function columnsOf(table: SyncEntity): Readonly<Record<string, ColumnSpec>> {
  return SYNCED_TABLES[table].columns;
}

/** A column a rule names must be one the table declares: the names go into SQL. */
function declared(table: SyncEntity, column: string): ColumnSpec {
  const spec = Object.hasOwn(columnsOf(table), column) ? columnsOf(table)[column] : undefined;
  if (spec === undefined) throw new Error(`${table}.${column} is not a synced column`);
  return spec;
}

const toStored = (spec: ColumnSpec, value: unknown): unknown => (spec.kind === 'boolean' && typeof value === 'boolean' ? (value ? 1 : 0) : value);

function toSynced(table: SyncEntity, stored: StoredRow): StoredRow {
  const row: StoredRow = {};
  for (const [column, spec] of Object.entries(columnsOf(table))) {
    const value = stored[column];
    row[column] = spec.kind === 'boolean' && typeof value === 'number' ? value === 1 : value;
  }
  return row;
}

/** A synced row as the desktop stores it (booleans as 0/1), for the views the commands answer with. */
export function toStoredRow<E extends SyncEntity>(table: E, row: SyncedRow<E>): Row<E> {
  const stored: StoredRow = {};
  for (const [column, value] of Object.entries(row)) stored[column] = toStored(declared(table, column), value);
  // The declaration and db/schema.ts describe the same columns; the drift test holds them together.
  return stored as Row<E>;
}

const quote = (name: string): string => `"${name}"`;

function select(tx: CommandTx, table: SyncEntity, where: RowFilter): StoredRow[] {
  const columns = Object.keys(where);
  const conditions = columns.map((column) => (where[column] === null ? `${quote(column)} IS NULL` : `${quote(column)} = ?`)).join(' AND ');
  const values = columns.filter((column) => where[column] !== null).map((column) => toStored(declared(table, column), where[column]));
  const source = `SELECT * FROM ${quote(table)}${columns.length === 0 ? '' : ` WHERE ${conditions}`} ORDER BY id`;
  return prepared<unknown[], StoredRow>(tx.sqlite, source).all(...values);
}

function auditName(table: SyncEntity): string {
  const name = AUDIT_NAMES.get(table);
  if (name === undefined) throw new Error(`${table} has no audit name`);
  return name;
}

function storedById(tx: CommandTx, table: SyncEntity, id: string): StoredRow {
  const row = select(tx, table, { id })[0];
  if (row === undefined) throw new Error(`${table} ${id} vanished while saving`);
  return row;
}

function insert(tx: CommandTx, effect: Extract<Effect, { effect: 'insert' }>): void {
  const columns = Object.keys(effect.row);
  const values = columns.map((column) => toStored(declared(effect.table, column), effect.row[column]));
  prepared(tx.sqlite, `INSERT INTO ${quote(effect.table)} (${columns.map(quote).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(...values);
  tx.audit(auditName(effect.table), effect.row.id, effect.action, null, storedById(tx, effect.table, effect.row.id));
  tx.touch(effect.customerId);
}

function update(tx: CommandTx, effect: Extract<Effect, { effect: 'update' }>): void {
  const before = storedById(tx, effect.table, effect.id);
  const columns = Object.keys(effect.set);
  const values = columns.map((column) => toStored(declared(effect.table, column), effect.set[column]));
  prepared(tx.sqlite, `UPDATE ${quote(effect.table)} SET ${columns.map((column) => `${quote(column)} = ?`).join(', ')} WHERE id = ?`).run(...values, effect.id);
  tx.audit(auditName(effect.table), effect.id, effect.action, before, storedById(tx, effect.table, effect.id));
  tx.touch(effect.customerId);
}

function answer(tx: CommandTx, effect: Effect): unknown {
  switch (effect.effect) {
    case 'read':
      // The transaction is IMMEDIATE: it holds SQLite's write lock, so `lock` needs nothing more.
      return select(tx, effect.table, effect.where).map((row) => toSynced(effect.table, row));
    case 'userExists':
      return prepared<[string], { id: string }>(tx.sqlite, 'SELECT id FROM users WHERE id = ?').get(effect.id) !== undefined;
    case 'newId':
      return uuidv7();
    case 'insert':
      insert(tx, effect);
      return undefined;
    case 'update':
      update(tx, effect);
      return undefined;
  }
}

/** Runs a step to its end, answering each effect synchronously. */
export function runStep<R>(tx: CommandTx, step: Step<R>): R {
  let next = step.next();
  while (next.done !== true) next = step.next(answer(tx, next.value));
  return next.value;
}

export const decideContext = (tx: CommandTx): DecideContext => ({ now: tx.now, asOf: tx.asOf, userId: tx.userId });

/** The desktop command of a shared mutation: the rule, then `view` of what it returned for the caller. */
export function definitionCommand<S extends z.ZodType, R, V>(definition: MutationDefinition<S, R>, view: (result: R) => V): Command<S, V> {
  return {
    name: definition.name,
    input: definition.args,
    apply: (tx, input) => view(runStep(tx, definition.decide(decideContext(tx), input))),
  };
}
