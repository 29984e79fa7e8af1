/**
 * "Nothing lost, nothing doubled", checked from outside the engine: a client's local copy of the
 * scoped tables compared with the server's rows for that user's scope, and every mutation a
 * client typed accounted for exactly once (applied on the server, or kept in the client's sync
 * issues after a rejection).
 */
import type BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { ServerDatabase } from '../../../server/db/schema';
import { readSyncValue, SYNC_KEYS } from '../../../db/sync/sync-state';

export const SCOPED_TABLES = ['customers', 'activities', 'notes', 'follow_ups', 'promises', 'disputes'] as const;
export type ScopedTable = (typeof SCOPED_TABLES)[number];

/** Local column → server column where the names differ (the note lineage's version). */
const SERVER_COLUMN: Readonly<Partial<Record<ScopedTable, Readonly<Record<string, string>>>>> = { notes: { version: 'note_version' } };

type Row = Readonly<Record<string, unknown>>;

/** The server's booleans are the local store's 0/1; int8 comes as a JS number on both backends. */
function asLocal(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value ?? null;
}

async function serverRows(db: Kysely<ServerDatabase>, table: ScopedTable, userId: string): Promise<Row[]> {
  const query =
    table === 'customers'
      ? sql<Row>`SELECT * FROM customers WHERE collector_id = ${userId}`
      : sql<Row>`SELECT t.* FROM ${sql.table(table)} t JOIN customers c ON c.id = t.customer_id WHERE c.collector_id = ${userId}`;
  return (await query.execute(db)).rows;
}

/**
 * Promise evaluation (kept, broken, money towards an open promise) runs on the client only and does
 * not travel (docs/SYNC.md, Known limits): these columns of a promise the client evaluated are its
 * own verdict, not a copy of the server's.
 */
const EVALUATION_COLUMNS = new Set(['status', 'paid_minor', 'evaluated_on', 'updated_at']);
const isLocalVerdict = (table: ScopedTable, local: Row, server: Row, column: string): boolean =>
  table === 'promises' && EVALUATION_COLUMNS.has(column) && local.evaluated_on !== null && server.evaluated_on === null;

/** Rows the client derived itself without a mutation (the follow-up of a broken promise): they stay local. */
function derivedLocally(sqlite: BetterSqlite3.Database, id: string): boolean {
  const entry = sqlite.prepare<[string], { n: number }>("SELECT count(*) AS n FROM audit_log WHERE entity_id = ? AND action = 'create' AND mutation_id IS NULL").get(id);
  return (entry?.n ?? 0) > 0;
}

const byId = (rows: readonly Row[]): Map<string, Row> => new Map(rows.map((row) => [String(row.id), row]));

/**
 * Every difference between the client's local rows and the server's rows of a collector's scope,
 * in words (empty when they agree): rows missing on either side, and each corresponding column
 * whose value differs.
 */
export async function scopeDifferences(db: Kysely<ServerDatabase>, userId: string, sqlite: BetterSqlite3.Database, limit = 20): Promise<string[]> {
  const differences: string[] = [];
  for (const table of SCOPED_TABLES) {
    const server = byId(await serverRows(db, table, userId));
    const local = byId(sqlite.prepare<[], Row>(`SELECT * FROM ${table}`).all());
    const renames = SERVER_COLUMN[table] ?? {};
    for (const id of server.keys()) if (!local.has(id)) differences.push(`${table} ${id}: on the server, not on the client`);
    for (const [id, row] of local) {
      const onServer = server.get(id);
      if (onServer === undefined) {
        if (derivedLocally(sqlite, id)) continue;
        differences.push(`${table} ${id}: on the client, not on the server`);
        continue;
      }
      for (const [column, value] of Object.entries(row)) {
        const serverColumn = renames[column] ?? column;
        if (!Object.hasOwn(onServer, serverColumn) || isLocalVerdict(table, row, onServer, column)) continue;
        const expected = asLocal(onServer[serverColumn]);
        if (expected !== value) differences.push(`${table} ${id}.${column}: client ${JSON.stringify(value)}, server ${JSON.stringify(expected)}`);
      }
    }
  }
  return differences.slice(0, limit);
}

export interface TypedMutation {
  readonly id: string;
  readonly name: string;
}

/** Remembers every mutation a client typed: read from its outbox before each sync (the outbox only shrinks by verdicts). */
export class TypedLedger {
  private readonly typed = new Map<string, TypedMutation>();

  record(sqlite: BetterSqlite3.Database): void {
    for (const row of sqlite.prepare<[], TypedMutation>('SELECT id, name FROM outbox').all()) this.typed.set(row.id, row);
  }

  all(): TypedMutation[] {
    return [...this.typed.values()];
  }
}

export const clientIdOfStore = (sqlite: BetterSqlite3.Database): string => readSyncValue(sqlite, SYNC_KEYS.clientId) ?? '';

/** Tables of the rows a mutation creates, by the audit log's entity name. */
const CREATED_TABLES: Readonly<Record<string, string>> = {
  activity: 'activities',
  contact_person: 'contact_persons',
  follow_up: 'follow_ups',
  note: 'notes',
  promise: 'promises',
  dispute: 'disputes',
  dispute_event: 'dispute_events',
  escalation: 'escalations',
};

/** The rows each mutation created on the client under its own ids (the new version of a note edit too). */
function createdRows(sqlite: BetterSqlite3.Database): Map<string, { table: string; id: string }[]> {
  const entries = sqlite
    .prepare<[], { mutation_id: string; entity: string; entity_id: string }>(
      "SELECT mutation_id, entity, entity_id FROM audit_log WHERE mutation_id IS NOT NULL AND action IN ('create', 'edit', 'request')",
    )
    .all();
  const rows = new Map<string, { table: string; id: string }[]>();
  for (const entry of entries) {
    const table = CREATED_TABLES[entry.entity];
    if (table !== undefined) rows.set(entry.mutation_id, [...(rows.get(entry.mutation_id) ?? []), { table, id: entry.entity_id }]);
  }
  return rows;
}

async function existsOnServer(db: Kysely<ServerDatabase>, table: string, id: string): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE id = ${id}`.execute(db);
  return (rows[0]?.n ?? 0) === 1;
}

export interface Accounting {
  /** Typed mutations the server recorded as applied. */
  readonly applied: number;
  /** Typed mutations the server rejected, each kept in the client's sync issues. */
  readonly rejected: number;
  /** Everything that breaks "exactly once": lost, recorded twice, rejected but not kept, kept but applied. */
  readonly problems: string[];
}

/**
 * Accounts for every typed mutation of one client: the server's `client_mutations` has it once
 * under this client's id, applied (and then every row it created is on the server under the
 * client's id, and it is not in the sync issues) or rejected (and then in the sync issues), and
 * the client's outbox is empty.
 */
export async function accountFor(db: Kysely<ServerDatabase>, sqlite: BetterSqlite3.Database, typed: readonly TypedMutation[]): Promise<Accounting> {
  const clientId = clientIdOfStore(sqlite);
  const recorded = await db.selectFrom('client_mutations').select(['mutation_id', 'client_id', 'result']).where('client_id', '=', clientId).execute();
  const verdicts = new Map<string, string[]>();
  for (const row of recorded) verdicts.set(row.mutation_id, [...(verdicts.get(row.mutation_id) ?? []), row.result]);
  const issues = new Set(sqlite.prepare<[], { id: string }>('SELECT id FROM sync_issues').all().map((row) => row.id));
  const pending = sqlite.prepare<[], { n: number }>('SELECT count(*) AS n FROM outbox').get()?.n ?? 0;
  const problems: string[] = pending === 0 ? [] : [`${String(pending)} mutations still in the outbox`];
  const created = createdRows(sqlite);
  let applied = 0;
  let rejected = 0;
  for (const mutation of typed) {
    const verdict = verdicts.get(mutation.id) ?? [];
    const label = `${mutation.name} ${mutation.id}`;
    if (verdict.length !== 1) {
      problems.push(`${label}: recorded ${String(verdict.length)} times on the server`);
      continue;
    }
    if (verdict[0] === 'applied') {
      applied += 1;
      if (issues.has(mutation.id)) problems.push(`${label}: applied, yet in the sync issues`);
      for (const row of created.get(mutation.id) ?? []) {
        if (!(await existsOnServer(db, row.table, row.id))) problems.push(`${label}: applied, yet its ${row.table} ${row.id} is not on the server`);
      }
    } else {
      rejected += 1;
      if (!issues.has(mutation.id)) problems.push(`${label}: rejected, yet not in the sync issues`);
    }
  }
  const typedIds = new Set(typed.map((mutation) => mutation.id));
  for (const row of recorded) if (!typedIds.has(row.mutation_id)) problems.push(`${row.mutation_id}: recorded for this client but never typed`);
  return { applied, rejected, problems };
}
