/**
 * What a mutation rule asks of the store it runs against, as plain values (the sans-I/O style of
 * protocol libraries). A rule is a generator that yields these effects; a driver answers each one
 * at once (the desktop's synchronous better-sqlite3 transaction) or awaits it (the server's
 * PostgreSQL transaction), so one rule runs inside both without an `await` inside SQLite's
 * transaction. Writes are effects too, executed in the order yielded, so a rule's later reads see
 * its earlier writes on both sides. docs/ARCHITECTURE.md, "One model".
 */
import type { SyncEntity } from '../sync/protocol';
import type { SyncedRow } from '../sync/tables';

/** Equality on columns (the client's names); rows come back ordered by id. */
export type RowFilter = Readonly<Record<string, string | number | boolean | null>>;

export type Effect =
  | { readonly effect: 'read'; readonly table: SyncEntity; readonly where: RowFilter; readonly lock: boolean }
  | { readonly effect: 'userExists'; readonly id: string }
  | { readonly effect: 'newId'; readonly table: SyncEntity }
  | {
      readonly effect: 'insert';
      readonly table: SyncEntity;
      readonly customerId: string;
      readonly row: Readonly<Record<string, unknown>> & { readonly id: string };
      /** The audit log's name for the change (create, edit, request...): creating actions carry the row's id to the server. */
      readonly action: string;
    }
  | {
      readonly effect: 'update';
      readonly table: SyncEntity;
      readonly customerId: string;
      readonly id: string;
      readonly set: Readonly<Record<string, unknown>>;
      readonly action: string;
    };

/** A step of a rule: yields effects, is answered with their results, returns R. */
export type Step<R> = Generator<Effect, R, unknown>;

/** The rows of `table` matching `where`, ordered by id; `lock` holds them for this transaction where the store can. */
export function* rowsWhere<E extends SyncEntity>(table: E, where: RowFilter, options: { readonly lock?: boolean } = {}): Step<SyncedRow<E>[]> {
  return (yield { effect: 'read', table, where, lock: options.lock === true }) as SyncedRow<E>[];
}

export function* rowById<E extends SyncEntity>(table: E, id: string, options: { readonly lock?: boolean } = {}): Step<SyncedRow<E> | undefined> {
  const rows = yield* rowsWhere(table, { id }, options);
  return rows[0];
}

export function* userExists(id: string): Step<boolean> {
  return (yield { effect: 'userExists', id }) === true;
}

/**
 * The id of the next row of `table` this mutation creates: a fresh one on the desktop, the one the
 * desktop chose on the server (the pushed mutation's `ids`, in the order the rule asks for them).
 */
export function* newId(table: SyncEntity): Step<string> {
  return String(yield { effect: 'newId', table });
}

export function* insertRow<E extends SyncEntity>(table: E, customerId: string, row: SyncedRow<E>, action: string): Step<void> {
  yield { effect: 'insert', table, customerId, row, action };
}

export function* updateRow<E extends SyncEntity>(table: E, customerId: string, id: string, set: Partial<SyncedRow<E>>, action: string): Step<void> {
  yield { effect: 'update', table, customerId, id, set, action };
}
