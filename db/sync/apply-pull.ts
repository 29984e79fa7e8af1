/**
 * Applies one pulled page and its cursor in ONE local transaction (docs/SYNC.md, Pull). Rows a
 * still-pending local mutation created or changed are kept as they are locally: the user's
 * change stays on top of the server's state until the server has answered it, and the customer
 * is fetched again whole afterwards (sync_resync), so nothing of the server's is missed.
 */
import { LOCAL_OVERRIDE_OWNER } from '../queries/override-owner';
import type BetterSqlite3 from 'better-sqlite3';
import { z } from 'zod';
import { pageChangeCount, type Change, type PullResponse, type RowRun, type SyncEntity } from '../../shared/sync/protocol';
import { changeOfRunRow } from '../../shared/sync/runs';
import { PROMISES_EVALUATED_KEY } from '../promises/evaluate-all';
import { prepared } from '../statements';
import { refreshAllSummariesSync, refreshCustomerSummaries, type DomainSettings } from '../summary/refresh';
import { isStoreEmpty, resumeBulkMaintenance, suspendBulkMaintenance } from './bulk-snapshot';
import { AUDIT_ENTITY_TABLES } from './entities';
import { createRowWriter, deleteRow, replaceDisputeItems, replacePromiseItems, toLocalRow, userPlaceholders } from './local-rows';
import { markForResync, resyncReceived } from './resync';
import { readSyncJson, readSyncValue, SYNC_KEYS, writeSyncValue } from './sync-state';

export interface ApplyContext {
  readonly asOf: string;
  readonly now: string;
  readonly settings: DomainSettings;
  /** The customers this pull asked to receive whole; they leave sync_resync once the page is in. */
  readonly resynced: readonly string[];
}

export interface SnapshotProgress {
  /** Changes of the snapshot received so far, this page included. */
  readonly rows: number;
  /** How many changes the whole snapshot holds, as the server counted them at its start; null if it did not say. */
  readonly total: number | null;
}

export interface ApplyOutcome {
  /** Rows written or removed. */
  readonly rows: number;
  /** Rows kept as they are locally because a pending mutation changed them. */
  readonly kept: number;
  readonly customers: number;
  /** Where a snapshot under way stands after this page; null for a delta page and a snapshot's last page. */
  readonly snapshot: SnapshotProgress | null;
}

/** Entities whose rows need more than a write: a note's lineage, the items of promises and disputes. */
const RUN_ROWS_AS_CHANGES: ReadonlySet<SyncEntity> = new Set(['notes', 'promises', 'disputes', 'contact_persons']);

const SnapshotProgressSchema = z.object({ rows: z.number().int().min(0), total: z.number().int().min(0).nullable() });

/** Rows a mutation still in the outbox created or changed, as `table:id`. */
function rowsOfPendingMutations(sqlite: BetterSqlite3.Database): Set<string> {
  const entries = prepared<[], { entity: string; entity_id: string }>(
    sqlite,
    'SELECT entity, entity_id FROM audit_log WHERE mutation_id IN (SELECT id FROM outbox)',
  ).all();
  const rows = new Set<string>();
  for (const entry of entries) {
    const table = AUDIT_ENTITY_TABLES[entry.entity];
    if (table !== undefined) rows.add(`${table}:${entry.entity_id}`);
  }
  return rows;
}

/**
 * A note arriving as version N of its lineage replaces a local row that holds N under another id
 * (a local edit the server refused); a pending local edit is kept instead.
 */
function makeRoomForNote(sqlite: BetterSqlite3.Database, row: Readonly<Record<string, unknown>>, kept: Set<string>): boolean {
  const clash = prepared<[unknown, unknown, unknown], { id: string }>(sqlite, 'SELECT id FROM notes WHERE lineage_id = ? AND version = ? AND id <> ?').get(
    row.lineage_id,
    row.version,
    row.id,
  );
  if (clash === undefined) return true;
  if (kept.has(`notes:${clash.id}`)) return false;
  deleteRow(sqlite, 'notes', clash.id);
  return true;
}

/**
 * A customer has one primary contact person (the store's unique index): an arriving primary
 * demotes the one stored before it. The server demoted that one too, and its row follows in this
 * pull or a later one; until then the order of a page must not fail the pull.
 */
function makeRoomForPrimary(sqlite: BetterSqlite3.Database, row: Readonly<Record<string, unknown>>): void {
  prepared<[unknown, unknown]>(sqlite, 'UPDATE contact_persons SET is_primary = 0 WHERE customer_id = ? AND is_primary = 1 AND id <> ?').run(row.customer_id, row.id);
}

/**
 * Promises may name a newer promise as `superseded_by` that a later page brings: the link waits,
 * nulled, until its target has arrived.
 */
function settleSupersedeLinks(sqlite: BetterSqlite3.Database, arrived: readonly string[]): void {
  const waiting = (readSyncJson(sqlite, SYNC_KEYS.danglingSupersedes) as [string, string][] | null) ?? [];
  const exists = prepared<[string], { id: string }>(sqlite, 'SELECT id FROM promises WHERE id = ?');
  const link = prepared<[string | null, string]>(sqlite, 'UPDATE promises SET superseded_by = ? WHERE id = ?');
  const stillWaiting: [string, string][] = [];
  for (const [promiseId, target] of waiting) {
    if (exists.get(promiseId) === undefined) continue;
    if (exists.get(target) === undefined) stillWaiting.push([promiseId, target]);
    else link.run(target, promiseId);
  }
  const target = prepared<[string], { superseded_by: string | null }>(sqlite, 'SELECT superseded_by FROM promises WHERE id = ?');
  for (const promiseId of arrived) {
    const supersededBy = target.get(promiseId)?.superseded_by ?? null;
    if (supersededBy === null || exists.get(supersededBy) !== undefined) continue;
    link.run(null, promiseId);
    stillWaiting.push([promiseId, supersededBy]);
  }
  writeSyncValue(sqlite, SYNC_KEYS.danglingSupersedes, stillWaiting.length === 0 ? null : JSON.stringify(stillWaiting));
}

/**
 * The signed-in user's pins and snoozes on customers that left their portfolio (reassigned away): they
 * end with it. Another user's stay, for when that user signs in again (migration 014).
 */
const ORPHANED_OWN_OVERRIDES = `DELETE FROM worklist_overrides WHERE created_by = ${LOCAL_OVERRIDE_OWNER} AND customer_id NOT IN (SELECT id FROM customers)`;

function beginSnapshotPage(sqlite: BetterSqlite3.Database, page: PullResponse): void {
  if (!page.snapshot || readSyncValue(sqlite, SYNC_KEYS.snapshotActive) !== null) return;
  prepared(sqlite, 'DELETE FROM sync_snapshot_seen').run();
  writeSyncValue(sqlite, SYNC_KEYS.snapshotActive, '1');
  if (isStoreEmpty(sqlite)) suspendBulkMaintenance(sqlite);
}

/** Counts a snapshot page's changes; a page carrying a total starts the count again (the server began anew). */
function advanceSnapshotProgress(sqlite: BetterSqlite3.Database, page: PullResponse): SnapshotProgress {
  const stored = page.snapshotTotal === undefined ? SnapshotProgressSchema.safeParse(readSyncJson(sqlite, SYNC_KEYS.snapshotProgress)) : null;
  const before = stored?.success === true ? stored.data : { rows: 0, total: page.snapshotTotal ?? null };
  const progress = { rows: before.rows + pageChangeCount(page), total: before.total };
  writeSyncValue(sqlite, SYNC_KEYS.snapshotProgress, JSON.stringify(progress));
  return progress;
}

/**
 * The snapshot's last page: every customer it did not deliver has left this user's portfolio, and
 * every summary is computed once (pages of a snapshot skip it: each page of activities touches
 * most customers, so per-page summaries would recompute the portfolio a hundred times).
 */
function finishSnapshot(sqlite: BetterSqlite3.Database, ctx: ApplyContext): number {
  // The indexes first: the removals cascade along them and the summaries read through them.
  resumeBulkMaintenance(sqlite);
  const gone = prepared(sqlite, 'DELETE FROM customers WHERE id NOT IN (SELECT customer_id FROM sync_snapshot_seen)').run().changes;
  prepared(sqlite, ORPHANED_OWN_OVERRIDES).run();
  prepared(sqlite, 'DELETE FROM sync_snapshot_seen').run();
  writeSyncValue(sqlite, SYNC_KEYS.snapshotActive, null);
  writeSyncValue(sqlite, SYNC_KEYS.snapshotProgress, null);
  refreshAllSummariesSync(sqlite, ctx.asOf, ctx.settings, ctx.now);
  return gone;
}

/**
 * The server refused the stored cursor (restored from a backup, or it never handed it out): the
 * next pull starts from null, a snapshot. A snapshot under way starts over, so the customers it
 * had seen are forgotten with the position; the outbox is untouched.
 */
export function forgetPullPosition(sqlite: BetterSqlite3.Database): void {
  sqlite
    .transaction(() => {
      writeSyncValue(sqlite, SYNC_KEYS.cursor, null);
      prepared(sqlite, 'DELETE FROM sync_snapshot_seen').run();
    })
    .immediate();
}

export function applyPullPage(sqlite: BetterSqlite3.Database, page: PullResponse, ctx: ApplyContext): ApplyOutcome {
  return sqlite
    .transaction((): ApplyOutcome => {
      // Rows of one page may refer to each other in any order; the constraints are checked at commit.
      sqlite.pragma('defer_foreign_keys = ON');
      beginSnapshotPage(sqlite, page);
      resyncReceived(sqlite, ctx.resynced);

      const kept = rowsOfPendingMutations(sqlite);
      const touched = new Set<string>();
      const seen = prepared<[string]>(sqlite, 'INSERT INTO sync_snapshot_seen (customer_id) VALUES (?) ON CONFLICT DO NOTHING');
      const promisesArrived: string[] = [];
      const placeholdUsers = userPlaceholders(sqlite, ctx.now);
      const writer = createRowWriter(sqlite);
      let rows = 0;
      let keptCount = 0;

      const apply = (change: Change): void => {
        // Every customer in scope comes as a row of its own first in a snapshot (docs/SYNC.md, Pull).
        if (page.snapshot && change.entity === 'customers') seen.run(change.customerId);
        if (change.op === 'remove') {
          writer.flush();
          deleteRow(sqlite, change.entity, change.id);
          if (change.entity === 'customers') prepared(sqlite, ORPHANED_OWN_OVERRIDES).run();
          if (change.entity !== 'customers') touched.add(change.customerId);
          rows += 1;
          return;
        }
        if (kept.size > 0 && kept.has(`${change.entity}:${change.id}`)) {
          markForResync(sqlite, change.customerId);
          keptCount += 1;
          return;
        }
        if (change.entity === 'notes') {
          writer.flush();
          if (!makeRoomForNote(sqlite, toLocalRow(sqlite, 'notes', change.row), kept)) {
            markForResync(sqlite, change.customerId);
            keptCount += 1;
            return;
          }
        }
        const person = change.entity === 'contact_persons' ? toLocalRow(sqlite, 'contact_persons', change.row) : null;
        if (person?.is_primary === 1) {
          writer.flush();
          makeRoomForPrimary(sqlite, person);
        }
        placeholdUsers.ofRow(change.entity, change.row);
        writer.write(change.entity, change.row);
        writeItems(sqlite, change.entity, change.id, change.row.items);
        if (change.entity === 'promises') promisesArrived.push(change.id);
        touched.add(change.customerId);
        rows += 1;
      };
      // Plain rows of a run go to the writer as they come; rows that need more than a write (and
      // every row while local changes are pending) go the way of a change.
      const applyRun = (run: RowRun): void => {
        const owner = run.columns.indexOf(run.entity === 'customers' ? 'id' : 'customer_id');
        if (kept.size > 0 || owner < 0 || RUN_ROWS_AS_CHANGES.has(run.entity)) {
          for (const values of run.rows) apply(changeOfRunRow(run.entity, run.columns, values));
          return;
        }
        for (const values of run.rows) {
          const customerId = String(values[owner]);
          if (page.snapshot && run.entity === 'customers') seen.run(customerId);
          touched.add(customerId);
        }
        placeholdUsers.ofRun(run);
        writer.writeRun(run);
        rows += run.rows.length;
      };
      for (const change of page.changes) apply(change);
      for (const run of page.runs ?? []) applyRun(run);
      writer.flush();

      settleSupersedeLinks(sqlite, promisesArrived);
      let snapshot: SnapshotProgress | null = null;
      if (page.snapshot && !page.hasMore) rows += finishSnapshot(sqlite, ctx);
      else if (page.snapshot) snapshot = advanceSnapshotProgress(sqlite, page);
      else {
        const exists = prepared<[string], { id: string }>(sqlite, 'SELECT id FROM customers WHERE id = ?');
        refreshCustomerSummaries(sqlite, [...touched].filter((id) => exists.get(id) !== undefined), ctx.asOf, ctx.settings, ctx.now);
      }
      // Promise verdicts are derived locally from payments with the shared rule: judge the arrivals again.
      if (promisesArrived.length > 0) prepared<[string]>(sqlite, 'DELETE FROM sync_state WHERE key = ?').run(PROMISES_EVALUATED_KEY);
      writeSyncValue(sqlite, SYNC_KEYS.cursor, page.cursor);
      return { rows, kept: keptCount, customers: touched.size, snapshot };
    })
    .immediate();
}

function writeItems(sqlite: BetterSqlite3.Database, entity: SyncEntity, id: string, items: unknown): void {
  if (entity === 'promises') replacePromiseItems(sqlite, id, items);
  else if (entity === 'disputes') replaceDisputeItems(sqlite, id, items);
}
