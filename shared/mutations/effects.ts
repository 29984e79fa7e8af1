/**
 * What a mutation rule asks of the store it runs against, as plain values (the sans-I/O style of
 * protocol libraries). A rule is a generator that yields these effects; a driver answers each one
 * at once (the desktop's synchronous better-sqlite3 transaction) or awaits it (the server's
 * PostgreSQL transaction), so one rule runs inside both without an `await` inside SQLite's
 * transaction. Writes are effects too, executed in the order yielded, so a rule's later reads see
 * its earlier writes on both sides. docs/ARCHITECTURE.md, "One model".
 */
import type { Role } from '../domain/codes';
import type { SyncEntity } from '../sync/protocol';
import type { ItemTable, SharedTable, SyncedRow } from '../sync/tables';

type Scalar = string | number | boolean | null;

/** A user as the rules see one (the users table is each store's own, not a synced table). */
export interface UserFacts {
  readonly id: string;
  readonly displayName: string;
  readonly role: Role;
  readonly teamId: string | null;
  readonly disabled: boolean;
}

/** Equality on columns (the client's names), or membership where the value is a list; rows come back in key order. */
export type RowFilter = Readonly<Record<string, Scalar | readonly string[]>>;

type Values = Readonly<Record<string, unknown>>;

/** A filter value that is a membership list. */
export const isList = (value: Scalar | readonly string[]): value is readonly string[] => Array.isArray(value);

export type Effect =
  | { readonly effect: 'read'; readonly table: SharedTable; readonly where: RowFilter; readonly lock: boolean }
  | { readonly effect: 'user'; readonly id: string }
  /** `plan`: the id of a payment plan, which names no row of its own. */
  | { readonly effect: 'newId'; readonly table: SyncEntity | 'plan' }
  | {
      readonly effect: 'insert';
      readonly table: SyncEntity;
      readonly customerId: string;
      readonly row: Values & { readonly id: string };
      /** The audit log's name for the change (create, edit, request...): creating actions carry the row's id to the server. */
      readonly action: string;
    }
  | { readonly effect: 'update'; readonly table: SyncEntity; readonly customerId: string; readonly id: string; readonly set: Values; readonly action: string }
  /** The item lists travel inside their parent's row: no audit entry or change-log entry of their own. */
  | { readonly effect: 'insertItems'; readonly table: ItemTable; readonly customerId: string; readonly rows: readonly Values[] }
  | { readonly effect: 'updateItems'; readonly table: ItemTable; readonly customerId: string; readonly where: RowFilter; readonly set: Values }
  | { readonly effect: 'deleteItems'; readonly table: ItemTable; readonly customerId: string; readonly where: RowFilter };

/** The filter of a write to an item list: an empty one would change every list of the table, a rule's bug. */
export function requireFilter(where: RowFilter): RowFilter {
  if (Object.keys(where).length === 0) throw new Error('a write to an item list needs a filter');
  return where;
}

/** A step of a rule: yields effects, is answered with their results, returns R. */
export type Step<R> = Generator<Effect, R, unknown>;

/** The rows of `table` matching `where`, in key order; `lock` holds them for this transaction where the store can. */
export function* rowsWhere<T extends SharedTable>(table: T, where: RowFilter, options: { readonly lock?: boolean } = {}): Step<SyncedRow<T>[]> {
  return (yield { effect: 'read', table, where, lock: options.lock === true }) as SyncedRow<T>[];
}

export function* rowById<E extends SyncEntity>(table: E, id: string, options: { readonly lock?: boolean } = {}): Step<SyncedRow<E> | undefined> {
  const rows = yield* rowsWhere(table, { id }, options);
  return rows[0];
}

export function* userById(id: string): Step<UserFacts | undefined> {
  return (yield { effect: 'user', id }) as UserFacts | undefined;
}

/**
 * The id of the next row of `table` this mutation creates: a fresh one on the desktop, the one the
 * desktop chose on the server (the pushed mutation's `ids`, in the order the rule asks for them).
 */
export function* newId(table: SyncEntity | 'plan'): Step<string> {
  return String(yield { effect: 'newId', table });
}

export function* insertRow<E extends SyncEntity>(table: E, customerId: string, row: SyncedRow<E>, action: string): Step<void> {
  yield { effect: 'insert', table, customerId, row, action };
}

export function* updateRow<E extends SyncEntity>(table: E, customerId: string, id: string, set: Partial<SyncedRow<E>>, action: string): Step<void> {
  yield { effect: 'update', table, customerId, id, set, action };
}

export function* insertItems<T extends ItemTable>(table: T, customerId: string, rows: readonly SyncedRow<T>[]): Step<void> {
  if (rows.length > 0) yield { effect: 'insertItems', table, customerId, rows };
}

export function* updateItems<T extends ItemTable>(table: T, customerId: string, where: RowFilter, set: Partial<SyncedRow<T>>): Step<void> {
  yield { effect: 'updateItems', table, customerId, where, set };
}

export function* deleteItems(table: ItemTable, customerId: string, where: RowFilter): Step<void> {
  yield { effect: 'deleteItems', table, customerId, where };
}
