/**
 * Reads synced rows as the pull sends them: the stored columns, promises and disputes with their
 * items. The entity is a runtime value here, so the queries name their table with sql.table.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { SYNC_ENTITIES, type SyncEntity } from '../../shared/sync/protocol';
import type { Principal } from '../auth/principal';
import { customerScopeFilter } from '../auth/scope';
import type { ServerDatabase } from '../db/schema';

export type SyncRow = Record<string, unknown> & { readonly id: string };

type Db = Kysely<ServerDatabase>;

/** The customer a synced row belongs to (a customer row belongs to itself). */
export const customerIdOf = (entity: SyncEntity, row: SyncRow): string => (entity === 'customers' ? row.id : String(row.customer_id));

async function attachItems(db: Db, entity: SyncEntity, rows: SyncRow[]): Promise<SyncRow[]> {
  if (rows.length === 0) return rows;
  const ids = rows.map((row) => row.id);
  if (entity === 'promises') {
    const items = await db.selectFrom('promise_items').selectAll().where('promise_id', 'in', ids).orderBy('open_item_id').execute();
    return rows.map((row) => ({ ...row, items: items.filter((item) => item.promise_id === row.id).map((item) => ({ open_item_id: item.open_item_id })) }));
  }
  if (entity === 'disputes') {
    const items = await db.selectFrom('dispute_items').selectAll().where('dispute_id', 'in', ids).orderBy('open_item_id').execute();
    return rows.map((row) => ({
      ...row,
      items: items.filter((item) => item.dispute_id === row.id).map((item) => ({ open_item_id: item.open_item_id, disputed_minor: item.disputed_minor })),
    }));
  }
  return rows;
}

async function select(db: Db, entity: SyncEntity, where: RawBuilder<unknown>, limit?: number): Promise<SyncRow[]> {
  const limitClause = limit === undefined ? sql`` : sql` LIMIT ${limit}`;
  const result = await sql<SyncRow>`SELECT * FROM ${sql.table(entity)} WHERE ${where} ORDER BY id${limitClause}`.execute(db);
  return attachItems(db, entity, result.rows);
}

const ownerColumn = (entity: SyncEntity) => sql.ref(entity === 'customers' ? 'id' : 'customer_id');

/** The current rows of `entity` with these ids (missing ids are simply absent). */
export function rowsByIds(db: Db, entity: SyncEntity, ids: readonly string[]): Promise<SyncRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return select(db, entity, sql`id IN (${sql.join([...ids])})`);
}

/** Every row of `entity` belonging to these customers, for customers that (re-)entered the scope. */
export function rowsByCustomers(db: Db, entity: SyncEntity, customerIds: readonly string[]): Promise<SyncRow[]> {
  if (customerIds.length === 0) return Promise.resolve([]);
  return select(db, entity, sql`${ownerColumn(entity)} IN (${sql.join([...customerIds])})`);
}

/** How many rows of every synced entity lie within the principal's scope: the changes a snapshot holds. */
export async function scopedRowCount(db: Db, principal: Principal): Promise<number> {
  const scoped = db.selectFrom('customers').select('customers.id').where(customerScopeFilter(principal));
  const counts = SYNC_ENTITIES.map((entity) => sql`(SELECT count(*) FROM ${sql.table(entity)} WHERE ${ownerColumn(entity)} IN (${scoped}))`);
  const result = await sql<{ total: string | number }>`SELECT ${sql.join(counts, sql` + `)} AS total`.execute(db);
  return Number(result.rows[0]?.total ?? 0);
}

/** One keyset page (by id) of `entity` within the principal's scope, for the snapshot. */
export function scopedRowsPage(db: Db, entity: SyncEntity, principal: Principal, afterId: string | null, limit: number): Promise<SyncRow[]> {
  const scoped = db.selectFrom('customers').select('customers.id').where(customerScopeFilter(principal));
  const after = afterId === null ? sql`TRUE` : sql`id > ${afterId}`;
  return select(db, entity, sql`${ownerColumn(entity)} IN (${scoped}) AND ${after}`, limit);
}
