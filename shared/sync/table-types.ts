/**
 * The query-builder (Kysely) types of the synced tables in both stores, derived from their one
 * declaration in tables.ts: db/schema.ts and server/db/schema.ts name them, neither writes them.
 * A column with a DEFAULT is optional on insert; a nullable one is optional anyway.
 */
import type { ColumnType, Insertable } from 'kysely';
import type { LocalColumns, ServerColumns, SharedColumns, SharedTable } from './tables';

type Typed<Cols> = {
  [C in keyof Cols]: Cols[C] extends { value: infer V; defaulted: true } ? ColumnType<V, V | undefined, V> : Cols[C] extends { value: infer V } ? V : never;
};

/** A synced table in the local store (SQLite). */
export type LocalTable<T extends SharedTable> = Typed<LocalColumns<T>>;
/** A synced table on the server (PostgreSQL): the server's column names and its own bookkeeping. */
export type ServerTable<T extends SharedTable> = Typed<ServerColumns<T>>;
/** A new row of a synced table as the shared code builds it (booleans as booleans); columns with a default or null may be left out. */
export type NewSharedRow<T extends SharedTable> = Insertable<Typed<SharedColumns<T>>>;
