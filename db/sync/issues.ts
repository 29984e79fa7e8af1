/**
 * The sync-issues view: changes the server refused, with what the user typed, to retry or discard;
 * and changes still waiting whose push keeps failing, whatever the server answered, so a change
 * the server cannot take is never hidden behind a bare "Sync problem".
 */
import type BetterSqlite3 from 'better-sqlite3';
import { base64ByteLength } from '../../shared/domain/attachments';
import { z } from 'zod';
import { refusalMessage, refused } from '../../shared/i18n/refusals';
import type { SyncIssue } from '../../shared/api/sync-contract';
import { REJECTION_CODES, refusalWording, type Rejection, type RejectionCode } from '../../shared/sync/protocol';
import { prepared } from '../statements';
import { customerOfMutation } from './mutation-customer';
import { STUCK_AFTER_ATTEMPTS } from './outbox';

interface IssueRow {
  id: string;
  name: string;
  args_json: string;
  customer_id: string | null;
  customer_name: string | null;
  error_code: string;
  error_message: string;
  error_field: string | null;
  error_reason: string | null;
  error_params: string | null;
  created_at: string;
  rejected_at: string;
}

const ISSUE_SELECT = `SELECT i.id, i.name, i.args_json, i.customer_id, c.name AS customer_name, i.error_code, i.error_message, i.error_field,
  i.error_reason, i.error_params, i.created_at, i.rejected_at FROM sync_issues i LEFT JOIN customers c ON c.id = i.customer_id`;

const codeOf = (code: string): RejectionCode => (REJECTION_CODES as readonly string[]).find((known) => known === code) as RejectionCode | undefined ?? 'conflict';

/**
 * The args as the sync-issues view shows them: an attachment's bytes (megabytes of base64) as their
 * number, `contentBytes`, which the view writes in the user's language. Retrying reads the stored
 * args, which keep the bytes.
 */
function shownArgs(argsJson: string): unknown {
  const args = JSON.parse(argsJson) as unknown;
  if (typeof args !== 'object' || args === null || !('content' in args) || typeof args.content !== 'string') return args;
  const { content, ...rest } = args;
  return { ...rest, contentBytes: base64ByteLength(content) };
}

/** JSON stored by this app, read back without trusting it: undefined when it does not parse. */
function parsedJson(json: string | null): unknown {
  if (json === null) return null;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}

/** The stored reason and values of a refusal (sync_issues.error_reason, error_params). */
function storedWording(reason: string | null, paramsJson: string | null): Pick<Rejection, 'reason' | 'params'> {
  const params = parsedJson(paramsJson);
  return params === undefined ? {} : refusalWording(reason, params);
}

function toIssue(row: IssueRow): SyncIssue {
  return {
    id: row.id,
    name: row.name,
    args: shownArgs(row.args_json),
    customerId: row.customer_id,
    customerName: row.customer_name,
    error: {
      code: codeOf(row.error_code),
      message: row.error_message,
      ...(row.error_field === null ? {} : { field: row.error_field }),
      ...storedWording(row.error_reason, row.error_params),
    },
    createdAt: row.created_at,
    rejectedAt: row.rejected_at,
  };
}

interface StuckRow {
  id: string;
  name: string;
  args_json: string;
  created_at: string;
  attempts: number;
  last_error: string | null;
}

const STUCK_SELECT = `SELECT id, name, args_json, created_at, attempts, last_error FROM outbox WHERE attempts >= ${String(STUCK_AFTER_ATTEMPTS)}`;

/** outbox.last_error (db/sync/outbox.ts PushFailure); `reason` and `params` only since refusals travel as codes. */
const LastErrorSchema = z.object({ status: z.number().int().nullable(), message: z.string(), at: z.string(), reason: z.unknown().optional(), params: z.unknown().optional() });

function toStuckIssue(sqlite: BetterSqlite3.Database, row: StuckRow): SyncIssue {
  const args = shownArgs(row.args_json);
  const customerId = customerOfMutation(sqlite, row.id, args);
  const customerName = customerId === null ? null : (prepared<[string], { name: string }>(sqlite, 'SELECT name FROM customers WHERE id = ?').get(customerId)?.name ?? null);
  const last = LastErrorSchema.safeParse(parsedJson(row.last_error));
  const status = last.success ? last.data.status : null;
  // The answer's own words, or the status before its English message: the reason words the answer alone.
  const error: SyncIssue['error'] = last.success
    ? { code: 'push_failed', message: status === null ? last.data.message : `${String(status)}: ${last.data.message}`, ...refusalWording(last.data.reason, last.data.params) }
    : { code: 'push_failed', message: refusalMessage({ key: 'noAnswerRecorded' }), reason: 'noAnswerRecorded' };
  return {
    id: row.id,
    name: row.name,
    args,
    customerId,
    customerName,
    error,
    createdAt: row.created_at,
    rejectedAt: last.success ? last.data.at : row.created_at,
    failing: { attempts: row.attempts, status },
  };
}

const isStuck = (sqlite: BetterSqlite3.Database, id: string): StuckRow | undefined => prepared<[string], StuckRow>(sqlite, `${STUCK_SELECT} AND id = ?`).get(id);

export function listSyncIssues(sqlite: BetterSqlite3.Database): SyncIssue[] {
  const rejected = prepared<[], IssueRow>(sqlite, `${ISSUE_SELECT} ORDER BY i.rejected_at DESC, i.id DESC`).all().map(toIssue);
  // Still waiting comes first: it holds back every change queued after it.
  const stuck = prepared<[], StuckRow>(sqlite, `${STUCK_SELECT} ORDER BY seq`).all().map((row) => toStuckIssue(sqlite, row));
  return [...stuck, ...rejected];
}

export function issueCount(sqlite: BetterSqlite3.Database): number {
  const rejected = prepared<[], { n: number }>(sqlite, 'SELECT count(*) AS n FROM sync_issues').get()?.n ?? 0;
  const stuck = prepared<[], { n: number }>(sqlite, `SELECT count(*) AS n FROM outbox WHERE attempts >= ${String(STUCK_AFTER_ATTEMPTS)}`).get()?.n ?? 0;
  return rejected + stuck;
}

export function getSyncIssue(sqlite: BetterSqlite3.Database, id: string): SyncIssue {
  const stuck = isStuck(sqlite, id);
  if (stuck !== undefined) return toStuckIssue(sqlite, stuck);
  const row = prepared<[string], IssueRow>(sqlite, `${ISSUE_SELECT} WHERE i.id = ?`).get(id);
  if (row === undefined) throw refused('not_found', { key: 'syncIssueNotFound', params: { id } }, 'id');
  return toIssue(row);
}

export function discardSyncIssue(sqlite: BetterSqlite3.Database, id: string): void {
  if (prepared<[string]>(sqlite, 'DELETE FROM sync_issues WHERE id = ?').run(id).changes === 0) {
    throw refused('not_found', { key: 'syncIssueNotFound', params: { id } }, 'id');
  }
}

/**
 * The input to run again for a retry, on top of today's data: an edit of a note that someone else
 * edited meanwhile is re-based on the note's current version, so the user's text is not lost.
 */
export function retryInput(sqlite: BetterSqlite3.Database, issue: SyncIssue): unknown {
  // As the user typed it, bytes of a file included (the listing shows their size instead).
  const stored = prepared<[string], { args_json: string }>(sqlite, 'SELECT args_json FROM sync_issues WHERE id = ?').get(issue.id);
  const args = stored === undefined ? issue.args : (JSON.parse(stored.args_json) as unknown);
  if (issue.name !== 'note.edit' || typeof args !== 'object' || args === null || !('noteId' in args) || typeof args.noteId !== 'string') return args;
  const current = prepared<[string], { id: string }>(
    sqlite,
    'SELECT n.id FROM notes n JOIN notes edited ON edited.lineage_id = n.lineage_id WHERE edited.id = ? AND n.is_current = 1',
  ).get(args.noteId);
  return current === undefined ? args : { ...args, noteId: current.id };
}
