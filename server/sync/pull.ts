/**
 * The pull: changes since a cursor, scoped to the caller, read in one REPEATABLE READ snapshot so
 * the rows and the new cursor agree. Migration 003 makes change_log seqs commit in order, so the
 * highest seq visible in that snapshot is a safe cursor. Cursors are bound to the log epoch
 * (log-epoch.ts): one of another epoch starts a snapshot, one of this epoch beyond the log's high
 * water is refused, since this server never handed it out (or lost the changes it counted).
 */
import type { Kysely } from 'kysely';
import { SYNC_ENTITIES, type PullResponse, type SyncEntity } from '../../shared/sync/protocol';
import type { Principal } from '../auth/principal';
import { customerScopeFilter, previousScopeFilter } from '../auth/scope';
import type { ServerDatabase } from '../db/schema';
import { deltaCursor, encodeCursor, readCursor, snapshotCursor, type SnapshotCursor } from './cursor';
import { canReadControlData, readLogEpoch } from './log-epoch';
import { rowChangeSource, rowRunSource, type ChangeSource, type PullPage, type SnapshotSource } from './change-source';
import { scopedRowCount } from './rows';
import { jsonChangeSource, jsonRunSource, pullPageJson } from './json-changes';

type Db = Kysely<ServerDatabase>;

/** schema_meta key of the highest seq pruned from change_log: older cursors get a snapshot. */
export const CHANGE_LOG_FLOOR_KEY = 'change_log_floor';

export class InvalidCursorError extends Error {
  constructor(message = 'The cursor was not handed out by this server; pull again with cursor null.') {
    super(message);
    this.name = 'InvalidCursorError';
  }
}

const CURSOR_AHEAD =
  "The cursor points past the end of this server's change log (was the server restored from a backup?); pull again with cursor null.";

/** The highest seq handed out so far; the floor counts too, since pruning may have emptied the log. */
async function highWater(db: Db, floor: number): Promise<number> {
  const row = await db.selectFrom('change_log').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
  return Math.max(row?.seq ?? 0, floor);
}

async function changeLogFloor(db: Db): Promise<number> {
  const row = await db.selectFrom('schema_meta').select('value').where('key', '=', CHANGE_LOG_FLOOR_KEY).executeTakeFirst();
  return row === undefined ? 0 : Number(row.value);
}

/** Drops change_log entries up to `seq`; clients with an older cursor get a snapshot from then on. */
export async function pruneChangeLog(db: Db, seq: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('change_log').where('seq', '<=', seq).execute();
    await trx
      .insertInto('schema_meta')
      .values({ key: CHANGE_LOG_FLOOR_KEY, value: String(seq) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(seq) }))
      .execute();
  });
}

/** The entities a caller's pull carries: all, or those its protocol knows (see PullOptions.withAttachments). */
const entitiesFor = (options: PullOptions): readonly SyncEntity[] => (options.withAttachments === false ? SYNC_ENTITIES.filter((entity) => entity !== 'attachments') : SYNC_ENTITIES);

async function snapshotPage<C>(db: Db, source: SnapshotSource<C>, principal: Principal, cursor: SnapshotCursor, limit: number, entities: readonly SyncEntity[]): Promise<PullPage<C>> {
  const epoch = cursor.g;
  const first = cursor.e === 0 && cursor.a === null;
  const changes: C[] = [];
  let rows = 0;
  let entityIndex = cursor.e;
  let afterId = cursor.a;
  while (entityIndex < SYNC_ENTITIES.length && rows < limit) {
    const entity = SYNC_ENTITIES[entityIndex] ?? 'customers';
    // The cursor counts every entity; one the caller's protocol does not know is passed over.
    if (!entities.includes(entity)) {
      entityIndex += 1;
      afterId = null;
      continue;
    }
    const wanted = limit - rows;
    const page = await source.scopedPage(entity, principal, afterId, wanted);
    changes.push(...page.changes);
    rows += page.rows;
    if (page.rows < wanted) {
      entityIndex += 1;
      afterId = null;
    } else {
      afterId = page.lastId ?? afterId;
    }
  }
  const done = entityIndex >= SYNC_ENTITIES.length;
  return {
    changes,
    cursor: encodeCursor(done ? deltaCursor(epoch, cursor.h) : snapshotCursor(epoch, cursor.h, entityIndex, afterId)),
    hasMore: !done,
    snapshot: true,
    ...(first ? { snapshotTotal: await scopedRowCount(db, principal) } : {}),
  };
}

/**
 * What `resync` asks for, to put before a delta page: a removal of every listed customer outside
 * the scope (unknown ids too, so ids cannot be probed), then every row of the others, parents first.
 */
async function resyncChanges<C>(db: Db, source: ChangeSource<C>, principal: Principal, customerIds: readonly string[], entities: readonly SyncEntity[]): Promise<C[]> {
  if (customerIds.length === 0) return [];
  const visible = new Set(
    (await db.selectFrom('customers').select('customers.id').where('customers.id', 'in', customerIds).where(customerScopeFilter(principal)).execute()).map(
      (row) => row.id,
    ),
  );
  const changes = customerIds.filter((id) => !visible.has(id)).map((id) => source.remove('customers', id, id));
  const inScope = customerIds.filter((id) => visible.has(id));
  for (const entity of entities) changes.push(...(await source.byCustomers(entity, inScope)));
  return changes;
}

async function deltaPage<C>(
  db: Db,
  source: ChangeSource<C>,
  principal: Principal,
  page: { readonly epoch: string; readonly since: number; readonly limit: number },
  entities: readonly SyncEntity[],
): Promise<PullPage<C>> {
  const { epoch, since, limit } = page;
  const entries = await db
    .selectFrom('change_log')
    .select(['seq', 'entity', 'entity_id', 'customer_id', 'op'])
    .where('seq', '>', since)
    .where((eb) =>
      eb.or([
        // A customer's entry for a caller who could have held the customer before the change: if
        // it is out of scope now, the entry becomes its removal. A caller who never held it gets
        // nothing, not even its id. Entries logged before migration 005 do not say who held it,
        // so they go to every caller, as they did then: a cursor from before misses no removal.
        eb.and([eb('entity', '=', 'customers'), eb.or([eb('previous_scope_known', '=', false), previousScopeFilter(principal)(eb)])]),
        eb('customer_id', 'in', eb.selectFrom('customers').select('customers.id').where(customerScopeFilter(principal))),
      ]),
    )
    .orderBy('seq')
    .limit(limit + 1)
    .execute();
  const taken = entries.slice(0, limit);
  const hasMore = entries.length > limit;
  const last = taken.at(-1)?.seq ?? since;

  const touchedCustomers = [...new Set(taken.filter((e) => e.entity === 'customers').map((e) => e.entity_id))];
  const visible = new Set(
    touchedCustomers.length === 0
      ? []
      : (
          await db
            .selectFrom('customers')
            .select('customers.id')
            .where('customers.id', 'in', touchedCustomers)
            .where(customerScopeFilter(principal))
            .execute()
        ).map((row) => row.id),
  );
  const removedCustomers = touchedCustomers.filter((id) => !visible.has(id));
  // A changed customer in scope may just have been assigned to the caller, who then lacks all its
  // rows: send the whole customer. Cheap to repeat, since applying an upsert twice is harmless.
  const fullCustomers = [...visible];
  const coveredCustomers = new Set([...touchedCustomers]);

  const changes = removedCustomers.map((id) => source.remove('customers', id, id));
  for (const entity of entities) {
    const ofEntity = taken.filter((e) => e.entity === entity && !coveredCustomers.has(e.customer_id));
    const removed = new Set(ofEntity.filter((e) => e.op === 'remove').map((e) => e.entity_id));
    for (const e of ofEntity) {
      if (removed.has(e.entity_id)) changes.push(source.remove(entity, e.entity_id, e.customer_id));
    }
    const ids = [...new Set(ofEntity.filter((e) => !removed.has(e.entity_id)).map((e) => e.entity_id))];
    changes.push(...(await source.byCustomers(entity, fullCustomers)), ...(await source.byIds(entity, ids)));
  }
  return { changes, cursor: encodeCursor(deltaCursor(epoch, last)), hasMore, snapshot: false };
}

/** What a pull asks for besides its cursor and limit. */
export interface PullOptions {
  readonly resync?: readonly string[];
  /** A snapshot page's upserts as runs (PullResponse.runs) instead of changes. */
  readonly snapshotRuns?: boolean;
  /** False for a client of protocol 3, which does not know attachments: its pull leaves them out. */
  readonly withAttachments?: boolean;
}

interface Sources<C, R> {
  readonly changes: (trx: Db) => ChangeSource<C>;
  readonly runs: (trx: Db) => SnapshotSource<R>;
}

/** One page; `resync` customers come first, in full, on a delta page (a snapshot sends everything anyway). */
async function pullWith<C, R>(
  db: Db,
  sources: Sources<C, R>,
  principal: Principal,
  cursorText: string | null,
  limit: number,
  options: PullOptions,
): Promise<PullPage<C, R>> {
  const entities = entitiesFor(options);
  const snapshot = async (trx: Db, cursor: SnapshotCursor): Promise<PullPage<C, R>> => {
    if (options.snapshotRuns !== true) return snapshotPage(trx, sources.changes(trx), principal, cursor, limit, entities);
    const { changes: runs, ...page } = await snapshotPage(trx, sources.runs(trx), principal, cursor, limit, entities);
    return { changes: [], runs, ...page };
  };
  const withControlData = await canReadControlData(db);
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const epoch = await readLogEpoch(trx, withControlData);
      const reading = cursorText === null ? null : readCursor(cursorText, epoch);
      if (reading?.kind === 'invalid') throw new InvalidCursorError();
      const floor = await changeLogFloor(trx);
      const high = await highWater(trx, floor);
      const cursor = reading?.kind === 'current' ? reading.cursor : null;
      if (cursor !== null && (cursor.k === 'd' ? cursor.s : cursor.h) > high) throw new InvalidCursorError(CURSOR_AHEAD);
      if (cursor === null || (cursor.k === 'd' && cursor.s < floor)) return snapshot(trx, snapshotCursor(epoch, high, 0, null));
      if (cursor.k === 's') return snapshot(trx, cursor);
      const source = sources.changes(trx);
      const resynced = await resyncChanges(trx, source, principal, options.resync ?? [], entities);
      const page = await deltaPage(trx, source, principal, { epoch, since: cursor.s, limit }, entities);
      return { ...page, changes: [...resynced, ...page.changes] };
    });
}

/** One page as objects: the reference the JSON answer is tested against, and handy in process. */
export function pull(db: Db, principal: Principal, cursorText: string | null, limit: number, options: PullOptions = {}): Promise<PullResponse> {
  return pullWith(db, { changes: rowChangeSource, runs: rowRunSource }, principal, cursorText, limit, options);
}

/** A page as JSON text, and the cursor of the snapshot page after it (null: no snapshot page follows). */
export interface PulledJson {
  readonly json: string;
  readonly nextSnapshotCursor: string | null;
}

/**
 * One page as the JSON text of a PullResponse, each change built by the database (json-changes.ts):
 * what the route sends, without turning thousands of rows into objects and back into JSON.
 */
export async function pullJson(db: Db, principal: Principal, cursorText: string | null, limit: number, options: PullOptions = {}): Promise<PulledJson> {
  const page = await pullWith(db, { changes: jsonChangeSource, runs: jsonRunSource }, principal, cursorText, limit, options);
  return { json: pullPageJson(page), nextSnapshotCursor: page.snapshot && page.hasMore ? page.cursor : null };
}
