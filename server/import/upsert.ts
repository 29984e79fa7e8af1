/**
 * Idempotent upserts by ERP key for the portfolio tables: a row whose ERP-owned columns are
 * unchanged is left alone (same version, no change_log entry); a changed row gets version + 1
 * and a change_log entry (plus a removal for the previous customer when a row moved to another
 * customer); a new row starts at version 1 with its own entry. New rows and their
 * log entries are written in multi-row statements, since a first import is mostly inserts.
 */
import { sql, type Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { recordChange } from '../db/change-log';
import type { ServerDatabase, SyncedEntity } from '../db/schema';
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
  readonly entity: SyncedEntity;
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
// 65,535): stay well under 32,767 bind parameters, including for the widest table (~17 columns).
const KEY_CHUNK = 2000;
const INSERT_CHUNK = 1000;

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
}

export async function upsertByKey(trx: Kysely<ServerDatabase>, table: ImportTable, rows: readonly UpsertRow[], now: string): Promise<UpsertResult> {
  const spec = TABLES[table];
  const counts: EntityCounts = { inserted: 0, updated: 0, unchanged: 0 };
  const ids = new Map<string, string>();
  const [first] = rows;
  if (first === undefined) return { counts, ids };
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

  for (const chunk of chunks(inserts, INSERT_CHUNK)) {
    const logged = await trx
      .insertInto('change_log')
      .values(chunk.map(({ id, row }) => ({ entity: spec.entity, entity_id: id, customer_id: row.customerId ?? id, op: 'upsert' as const, at: now })))
      .returning(['seq', 'entity_id'])
      .execute();
    const seqOf = new Map(logged.map((entry) => [entry.entity_id, entry.seq]));
    const stamps = [...(spec.createdAt ? ['created_at'] : []), ...(spec.updatedAt ? ['updated_at'] : [])];
    const head = ['id', 'erp_key', ...columns, 'updated_seq', ...stamps];
    const tuples = chunk.map(({ id, row }) => {
      const cells: Scalar[] = [id, row.key, ...columns.map((column) => row.values[column] ?? null), seqOf.get(id) ?? 0, ...stamps.map(() => now)];
      return sql`(${sql.join(cells)})`;
    });
    await sql`INSERT INTO ${sql.table(table)} (${sql.join(head.map((column) => sql.ref(column)))}) VALUES ${sql.join(tuples)}`.execute(trx);
    counts.inserted += chunk.length;
  }

  for (const { id, row, previousCustomerId } of updates) {
    // Moved to another customer: the previous customer's viewers must be told to drop it.
    if (row.customerId !== null && typeof previousCustomerId === 'string' && previousCustomerId !== row.customerId) {
      await recordChange(trx, { entity: spec.entity, entityId: id, customerId: previousCustomerId, op: 'remove' }, now);
    }
    const seq = await recordChange(trx, { entity: spec.entity, entityId: id, customerId: row.customerId ?? id, op: 'upsert' }, now);
    const assignments = [
      ...columns.map((column) => sql`${sql.ref(column)} = ${row.values[column] ?? null}`),
      sql`version = version + 1`,
      sql`updated_seq = ${seq}`,
      ...(spec.updatedAt ? [sql`updated_at = ${now}`] : []),
    ];
    await sql`UPDATE ${sql.table(table)} SET ${sql.join(assignments)} WHERE id = ${id}`.execute(trx);
    counts.updated += 1;
  }
  return { counts, ids };
}
