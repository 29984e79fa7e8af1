/**
 * Idempotent upserts by ERP key for the portfolio tables: a row whose ERP-owned columns are
 * unchanged is left alone (same version, no change_log entry); a changed row gets version + 1
 * and a change_log entry (plus a removal for the previous customer when a row moved to another
 * customer); a new row starts at version 1 with its own entry. Rows and their log entries are
 * written in multi-row statements: an ERP file easily holds a hundred thousand items.
 */
import { sql, type Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { SyncEntity } from '../../shared/sync/protocol';
import type { ServerDatabase } from '../db/schema';
import type { EntityCounts } from './types';

export type Scalar = string | number | boolean | null;

export type ImportTable = 'customers' | 'contact_persons' | 'open_items' | 'payments' | 'clearings';

export interface UpsertRow {
  readonly key: string;
  /** The owning customer; null for a customer row, which owns itself. */
  readonly customerId: string | null;
  /** The ERP-owned columns; other columns (assignment, versions, collector data) are never touched. */
  readonly values: Readonly<Record<string, Scalar>>;
}

interface TableSpec {
  readonly entity: SyncEntity;
  readonly createdAt: boolean;
  readonly updatedAt: boolean;
}

const TABLES: Readonly<Record<ImportTable, TableSpec>> = {
  customers: { entity: 'customers', createdAt: false, updatedAt: true },
  contact_persons: { entity: 'contact_persons', createdAt: true, updatedAt: true },
  open_items: { entity: 'open_items', createdAt: false, updatedAt: true },
  payments: { entity: 'payments', createdAt: false, updatedAt: true },
  clearings: { entity: 'clearings', createdAt: false, updatedAt: false },
};

// PGlite reads a statement's parameter count as a signed 16-bit number (PostgreSQL allows
// 65,535): key lists and change_log inserts (6 parameters a row) stay well under 32,767.
const KEY_CHUNK = 2000;
const WRITE_CHUNK = 2000;

const chunks = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
};

type Row = Record<string, unknown>;

/** Current rows of `table` by ERP key, with the columns named (plus id, erp_key). */
export async function rowsByKey(trx: Kysely<ServerDatabase>, table: ImportTable, keys: readonly string[], columns: readonly string[]): Promise<Map<string, Row>> {
  const found = new Map<string, Row>();
  const wanted = [...new Set(['id', 'erp_key', ...columns])];
  for (const chunk of chunks([...new Set(keys)], KEY_CHUNK)) {
    const { rows } = await sql<Row>`SELECT ${sql.join(wanted.map((column) => sql.ref(column)))} FROM ${sql.table(table)} WHERE erp_key IN (${sql.join(chunk)})`.execute(trx);
    for (const row of rows) found.set(String(row['erp_key']), row);
  }
  return found;
}

const changed = (current: Row, values: Readonly<Record<string, Scalar>>): boolean =>
  Object.entries(values).some(([column, value]) => current[column] !== value);

export interface UpsertResult {
  readonly counts: EntityCounts;
  /** Row id per ERP key, for the entities that refer to these rows. */
  readonly ids: Map<string, string>;
  /** The customers whose rows were inserted or changed (a moved row: both), for what follows from a change. */
  readonly touchedCustomers: ReadonlySet<string>;
}

export async function upsertByKey(trx: Kysely<ServerDatabase>, table: ImportTable, rows: readonly UpsertRow[], now: string): Promise<UpsertResult> {
  const spec = TABLES[table];
  const counts: EntityCounts = { inserted: 0, updated: 0, unchanged: 0 };
  const ids = new Map<string, string>();
  const touchedCustomers = new Set<string>();
  const [first] = rows;
  if (first === undefined) return { counts, ids, touchedCustomers };
  const columns = Object.keys(first.values);
  const existing = await rowsByKey(trx, table, rows.map((row) => row.key), columns);

  const inserts: { id: string; row: UpsertRow }[] = [];
  const updates: { id: string; row: UpsertRow; previousCustomerId: unknown }[] = [];
  for (const row of rows) {
    const current = existing.get(row.key);
    const id = current === undefined ? uuidv7() : String(current['id']);
    ids.set(row.key, id);
    if (current === undefined) inserts.push({ id, row });
    else if (changed(current, row.values)) updates.push({ id, row, previousCustomerId: current['customer_id'] });
    else counts.unchanged += 1;
  }
  for (const { row } of inserts) if (row.customerId !== null) touchedCustomers.add(row.customerId);
  for (const { row, previousCustomerId } of updates) {
    if (row.customerId !== null) touchedCustomers.add(row.customerId);
    if (typeof previousCustomerId === 'string') touchedCustomers.add(previousCustomerId);
  }

  for (const chunk of chunks(inserts, WRITE_CHUNK)) {
    const logged = await trx
      .insertInto('change_log')
      .values(chunk.map(({ id, row }) => ({ entity: spec.entity, entity_id: id, customer_id: row.customerId ?? id, op: 'upsert' as const, at: now })))
      .returning(['seq', 'entity_id'])
      .execute();
    const seqOf = new Map(logged.map((entry) => [entry.entity_id, entry.seq]));
    const stamps = [...(spec.createdAt ? ['created_at'] : []), ...(spec.updatedAt ? ['updated_at'] : [])];
    const head = sql.join(['id', 'erp_key', ...columns, 'updated_seq', ...stamps].map((column) => sql.ref(column)));
    // The rows travel as one JSON parameter, typed by the table's own row type: no bind-parameter limit to mind.
    const payload = chunk.map(({ id, row }) => ({ id, erp_key: row.key, ...row.values, updated_seq: seqOf.get(id) ?? 0, created_at: now, updated_at: now }));
    await sql`INSERT INTO ${sql.table(table)} (${head})
      SELECT ${head} FROM jsonb_populate_recordset(NULL::${sql.table(table)}, ${JSON.stringify(payload)}::jsonb)`.execute(trx);
    counts.inserted += chunk.length;
  }

  const assigned = [...columns, 'updated_seq', ...(spec.updatedAt ? ['updated_at'] : [])];
  for (const chunk of chunks(updates, WRITE_CHUNK)) {
    const entries = chunk.flatMap(({ id, row, previousCustomerId }) => [
      // Moved to another customer: the previous customer's viewers must be told to drop it.
      ...(row.customerId !== null && typeof previousCustomerId === 'string' && previousCustomerId !== row.customerId
        ? [{ entity: spec.entity, entity_id: id, customer_id: previousCustomerId, op: 'remove' as const, at: now }]
        : []),
      { entity: spec.entity, entity_id: id, customer_id: row.customerId ?? id, op: 'upsert' as const, at: now },
    ]);
    const logged = await trx.insertInto('change_log').values(entries).returning(['seq', 'entity_id', 'op']).execute();
    const seqOf = new Map(logged.filter((entry) => entry.op === 'upsert').map((entry) => [entry.entity_id, entry.seq]));
    // One statement per chunk: the new values travel as one JSON parameter, typed by the table's own row type.
    const payload = chunk.map(({ id, row }) => ({ id, ...row.values, updated_seq: seqOf.get(id) ?? 0, updated_at: now }));
    const assignments = assigned.map((column) => sql`${sql.ref(column)} = ${sql.ref(`v.${column}`)}`);
    await sql`UPDATE ${sql.table(table)} AS t SET ${sql.join(assignments)}, version = t.version + 1
      FROM jsonb_populate_recordset(NULL::${sql.table(table)}, ${JSON.stringify(payload)}::jsonb) AS v
      WHERE t.id = v.id`.execute(trx);
    counts.updated += chunk.length;
  }
  return { counts, ids, touchedCustomers };
}
