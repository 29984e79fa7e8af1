/**
 * Where a pull page's changes come from. The page logic (snapshot keyset, delta, resync) is written
 * once in pull.ts over this interface; a source decides what its changes are: typed objects built
 * from the rows (rowChangeSource), or JSON text built by the database (json-changes.ts), where one
 * text may hold a run of changes.
 */
import type { Kysely } from 'kysely';
import type { Change, RowRun, SyncEntity } from '../../shared/sync/protocol';
import type { Principal } from '../auth/principal';
import type { ServerDatabase } from '../db/schema';
import { customerIdOf, rowsByCustomers, rowsByIds, scopedRowsPage, type SyncRow } from './rows';

export interface ScopedPage<C> {
  readonly changes: C[];
  /** How many rows the page holds (a source may put several changes into one C). */
  readonly rows: number;
  /** The id of the last row of the page, where the next keyset page starts; null when empty. */
  readonly lastId: string | null;
}

/** What a snapshot page reads: keyset pages of each entity within the scope. */
export interface SnapshotSource<C> {
  /** Upserts of one keyset page (by id) of `entity` within the principal's scope. */
  scopedPage(entity: SyncEntity, principal: Principal, afterId: string | null, limit: number): Promise<ScopedPage<C>>;
}

export interface ChangeSource<C> extends SnapshotSource<C> {
  /** Upserts of the current rows with these ids, in id order (missing ids are absent). */
  byIds(entity: SyncEntity, ids: readonly string[]): Promise<C[]>;
  /** Upserts of every row of `entity` belonging to these customers, in id order. */
  byCustomers(entity: SyncEntity, customerIds: readonly string[]): Promise<C[]>;
  remove(entity: SyncEntity, id: string, customerId: string): C;
}

/** A page of the pull answer whose changes (and runs, on a snapshot page asked for as runs) are of the sources' kinds. */
export interface PullPage<C, R = never> {
  readonly changes: C[];
  readonly runs?: R[];
  readonly cursor: string;
  readonly hasMore: boolean;
  readonly snapshot: boolean;
  /** On a snapshot's first page: the changes the whole snapshot holds. */
  readonly snapshotTotal?: number;
}

export const removal = (entity: SyncEntity, id: string, customerId: string): Change => ({ op: 'remove', entity, id, customerId, row: null });

const upsert = (entity: SyncEntity, row: SyncRow): Change => ({ op: 'upsert', entity, id: row.id, customerId: customerIdOf(entity, row), row });

/** Snapshot upserts as runs built from the rows as the driver parses them: the reference for json-changes.ts. */
export function rowRunSource(db: Kysely<ServerDatabase>): SnapshotSource<RowRun> {
  return {
    scopedPage: async (entity, principal, afterId, limit) => {
      const rows = await scopedRowsPage(db, entity, principal, afterId, limit);
      const first = rows[0];
      if (first === undefined) return { changes: [], rows: 0, lastId: null };
      const columns = Object.keys(first);
      return { changes: [{ entity, columns, rows: rows.map((row) => columns.map((column) => row[column])) }], rows: rows.length, lastId: rows.at(-1)?.id ?? null };
    },
  };
}

/** Changes as objects from the rows as the driver parses them (rows.ts). */
export function rowChangeSource(db: Kysely<ServerDatabase>): ChangeSource<Change> {
  return {
    scopedPage: async (entity, principal, afterId, limit) => {
      const rows = await scopedRowsPage(db, entity, principal, afterId, limit);
      return { changes: rows.map((row) => upsert(entity, row)), rows: rows.length, lastId: rows.at(-1)?.id ?? null };
    },
    byIds: async (entity, ids) => (await rowsByIds(db, entity, ids)).map((row) => upsert(entity, row)),
    byCustomers: async (entity, customerIds) => (await rowsByCustomers(db, entity, customerIds)).map((row) => upsert(entity, row)),
    remove: removal,
  };
}
