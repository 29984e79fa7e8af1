/**
 * The outbox as the sync protocol sees it: mutations numbered with the client's gap-free protocol
 * sequence the first time they are sent (never renumbered), the server's verdicts recorded, and
 * rejected mutations moved, with the user's input, to the sync-issues view.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { ErrorParams } from '../../shared/api/result';
import { refusalMessage } from '../../shared/i18n/refusals';
import { countWithinBudget, PUSH_BATCH_BUDGET_BYTES, type Mutation, type MutationResult, type Rejection } from '../../shared/sync/protocol';
import { prepared } from '../statements';
import { createdIdsOf } from './created-ids';
import { AUDIT_ENTITY_TABLES, CREATING_ACTIONS } from './entities';
import { customerOfMutation } from './mutation-customer';
import { readSyncValue, SYNC_KEYS, writeSyncValue } from './sync-state';
import { markForResync } from './resync';

interface OutboxRow {
  id: string;
  name: string;
  args_json: string;
  created_at: string;
  day: string | null;
  push_seq: number;
}

/** Queues a mutation for the server, inside the caller's transaction; it gets its protocol seq when first sent. */
export function enqueueMutation(
  sqlite: BetterSqlite3.Database,
  mutation: { readonly id: string; readonly name: string; readonly args: unknown; readonly createdAt: string; readonly day: string },
): void {
  prepared<[string, string, string, string, string]>(sqlite, 'INSERT INTO outbox (id, name, args_json, created_at, day) VALUES (?, ?, ?, ?, ?)').run(
    mutation.id,
    mutation.name,
    JSON.stringify(mutation.args),
    mutation.createdAt,
    mutation.day,
  );
}

export function pendingCount(sqlite: BetterSqlite3.Database): number {
  return prepared<[], { n: number }>(sqlite, 'SELECT count(*) AS n FROM outbox').get()?.n ?? 0;
}

/** The newest outbox position: changes when a command ran. */
export function outboxHighWater(sqlite: BetterSqlite3.Database): number {
  return prepared<[], { seq: number | null }>(sqlite, 'SELECT max(seq) AS seq FROM outbox').get()?.seq ?? 0;
}

function assignSequences(sqlite: BetterSqlite3.Database): void {
  const unnumbered = prepared<[], { id: string }>(sqlite, 'SELECT id FROM outbox WHERE push_seq IS NULL ORDER BY seq').all();
  if (unnumbered.length === 0) return;
  let last = Number(readSyncValue(sqlite, SYNC_KEYS.lastPushSeq) ?? '0');
  const number = prepared<[number, string]>(sqlite, 'UPDATE outbox SET push_seq = ? WHERE id = ?');
  for (const { id } of unnumbered) number.run((last += 1), id);
  writeSyncValue(sqlite, SYNC_KEYS.lastPushSeq, String(last));
}

/**
 * The next mutations to push, in order, each with its protocol sequence and created ids: at most
 * `limit`, and no more than `budgetBytes` of arguments (an attachment's are megabytes), though
 * always the first, so one large mutation still goes.
 */
export function nextPushBatch(sqlite: BetterSqlite3.Database, limit: number, budgetBytes = PUSH_BATCH_BUDGET_BYTES): Mutation[] {
  return sqlite
    .transaction(() => {
      assignSequences(sqlite);
      const sizes = prepared<[number], { bytes: number }>(sqlite, 'SELECT length(CAST(args_json AS BLOB)) AS bytes FROM outbox ORDER BY push_seq LIMIT ?').all(limit);
      const count = countWithinBudget(sizes.map((row) => row.bytes), budgetBytes);
      return prepared<[number], OutboxRow>(sqlite, 'SELECT id, name, args_json, created_at, day, push_seq FROM outbox ORDER BY push_seq LIMIT ?')
        .all(count)
        .map((row): Mutation => {
          const ids = createdIdsOf(sqlite, row.id, row.name);
          const mutation: Mutation = {
            id: row.id,
            seq: row.push_seq,
            name: row.name,
            args: JSON.parse(row.args_json) as unknown,
            createdAt: row.created_at,
            ...(row.day === null ? {} : { day: row.day }),
          };
          return ids === undefined ? mutation : { ...mutation, ids };
        });
    })
    .immediate();
}

export interface PushOutcome {
  readonly applied: number;
  readonly rejected: number;
}

/** Removes the rows a refused mutation created; what it changed comes back with the customer's resync. */
function undoCreatedRows(sqlite: BetterSqlite3.Database, mutationId: string): void {
  const entries = prepared<[string], { entity: string; entity_id: string; action: string }>(
    sqlite,
    'SELECT entity, entity_id, action FROM audit_log WHERE mutation_id = ? ORDER BY seq DESC',
  ).all(mutationId);
  for (const entry of entries) {
    const table = AUDIT_ENTITY_TABLES[entry.entity];
    if (table !== undefined && table !== 'customers' && CREATING_ACTIONS.has(entry.action)) {
      prepared<[string]>(sqlite, `DELETE FROM ${table} WHERE id = ?`).run(entry.entity_id);
    }
  }
}

/**
 * Records the server's verdicts in one transaction: acknowledged mutations leave the outbox; a
 * rejection goes to sync_issues with the user's input, the rows it created are removed, and its
 * customer is fetched again whole, since the local copy still shows what the server refused.
 */
export function recordPushResults(sqlite: BetterSqlite3.Database, results: readonly MutationResult[], now: string): PushOutcome {
  const find = prepared<[string], OutboxRow>(sqlite, 'SELECT id, name, args_json, created_at, day, push_seq FROM outbox WHERE id = ?');
  const remove = prepared<[string]>(sqlite, 'DELETE FROM outbox WHERE id = ?');
  const keepIssue = prepared<[string, string, string, string | null, string, string, string | null, string | null, string | null, string, string]>(
    sqlite,
    `INSERT INTO sync_issues (id, name, args_json, customer_id, error_code, error_message, error_field, error_reason, error_params, created_at, rejected_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
  );
  return sqlite
    .transaction((): PushOutcome => {
      sqlite.pragma('defer_foreign_keys = ON');
      let applied = 0;
      let rejected = 0;
      for (const result of results) {
        const row = find.get(result.id);
        if (row === undefined) continue;
        const wasRejected = result.status === 'rejected' || (result.status === 'duplicate' && result.original === 'rejected');
        if (wasRejected) {
          const error: Rejection = result.error ?? { code: 'conflict', message: refusalMessage({ key: 'serverRefusedChange' }), reason: 'serverRefusedChange' };
          const args = JSON.parse(row.args_json) as unknown;
          const customerId = customerOfMutation(sqlite, row.id, args);
          keepIssue.run(
            row.id,
            row.name,
            row.args_json,
            customerId,
            error.code,
            error.message,
            error.field ?? null,
            error.reason ?? null,
            error.params === undefined ? null : JSON.stringify(error.params),
            row.created_at,
            now,
          );
          undoCreatedRows(sqlite, row.id);
          if (customerId !== null) markForResync(sqlite, customerId);
          rejected += 1;
        } else {
          applied += 1;
        }
        remove.run(row.id);
      }
      return { applied, rejected };
    })
    .immediate();
}

/** A change whose push failed this many times in a row shows in the sync-issues view while it keeps waiting. */
export const STUCK_AFTER_ATTEMPTS = 3;

/** The server's last answer to a push that failed, kept on the outbox row for the sync-issues view. */
export interface PushFailure {
  readonly status: number | null;
  readonly message: string;
  readonly at: string;
  /** The answer's refusal, for the view to word in the user's language (db/sync/issues.ts reads it defensively). */
  readonly reason?: string;
  readonly params?: ErrorParams;
}

/** Counts a failed push against each mutation that was in it; a later success removes them anyway. */
export function recordPushFailure(sqlite: BetterSqlite3.Database, ids: readonly string[], failure: PushFailure): void {
  const count = prepared<[string, string]>(sqlite, 'UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?');
  const json = JSON.stringify(failure);
  sqlite.transaction(() => {
    for (const id of ids) count.run(json, id);
  }).immediate();
}

/** A stuck change gets a fresh run of attempts: it leaves the sync-issues view until it fails that often again. */
export function resetPushAttempts(sqlite: BetterSqlite3.Database, id: string): boolean {
  return prepared<[string]>(sqlite, 'UPDATE outbox SET attempts = 0 WHERE id = ?').run(id).changes > 0;
}

/**
 * Drops a waiting change the user gave up on, as a refusal is dropped: the rows it created go and its
 * customer is fetched again whole. The protocol sequence it leaves unused is closed by the next
 * push's gap repair (the server answers with the sequence it expects).
 */
export function discardPendingMutation(sqlite: BetterSqlite3.Database, id: string): boolean {
  return sqlite
    .transaction(() => {
      const row = prepared<[string], { args_json: string }>(sqlite, 'SELECT args_json FROM outbox WHERE id = ?').get(id);
      if (row === undefined) return false;
      sqlite.pragma('defer_foreign_keys = ON');
      const customerId = customerOfMutation(sqlite, id, JSON.parse(row.args_json) as unknown);
      undoCreatedRows(sqlite, id);
      if (customerId !== null) markForResync(sqlite, customerId);
      prepared<[string]>(sqlite, 'DELETE FROM outbox WHERE id = ?').run(id);
      return true;
    })
    .immediate();
}

/**
 * The server expects `expectedSeq` but holds nothing past it that we still have (it lost
 * acknowledged mutations, e.g. restored from a backup): the pending mutations are numbered again
 * from there. Their ids are unchanged, so anything the server does have is still a duplicate.
 */
export function renumberPendingFrom(sqlite: BetterSqlite3.Database, expectedSeq: number): void {
  sqlite
    .transaction(() => {
      const rows = prepared<[], { id: string }>(sqlite, 'SELECT id FROM outbox ORDER BY seq').all();
      prepared(sqlite, 'UPDATE outbox SET push_seq = NULL').run();
      let last = expectedSeq - 1;
      const number = prepared<[number, string]>(sqlite, 'UPDATE outbox SET push_seq = ? WHERE id = ?');
      for (const { id } of rows) number.run((last += 1), id);
      writeSyncValue(sqlite, SYNC_KEYS.lastPushSeq, String(last));
    })
    .immediate();
}

/** The smallest protocol sequence still waiting for an acknowledgement, if any. */
export function firstPendingSeq(sqlite: BetterSqlite3.Database): number | null {
  return prepared<[], { seq: number | null }>(sqlite, 'SELECT min(push_seq) AS seq FROM outbox').get()?.seq ?? null;
}
