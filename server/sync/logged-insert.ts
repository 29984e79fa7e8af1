/**
 * Inserts of new rows together with their change_log entries, the rows taking their entry's seq
 * as `updated_seq`: one statement for any number of rows of one table, and a buffer that lets a
 * push collect the rows of many mutations into that one statement.
 */
import { sql, type Insertable, type Kysely } from 'kysely';
import type { ServerDatabase } from '../db/schema';

type Db = Kysely<ServerDatabase>;

export type InsertedTable = 'activities' | 'contact_persons' | 'follow_ups' | 'notes';

export type NewRow<T extends InsertedTable> = Omit<Insertable<ServerDatabase[T]>, 'updated_seq'> & { readonly id: string };

interface Pending {
  readonly customerId: string;
  readonly row: Readonly<Record<string, unknown>> & { readonly id: string };
}

/**
 * One statement: the change_log entries in a data-modifying CTE, then the rows, each finding its
 * seq by id (two rows with one id fail on the scalar subquery, as they would on the key).
 */
export async function insertLoggedRows(trx: Db, entity: InsertedTable, now: string, pending: readonly Pending[]): Promise<void> {
  const first = pending[0];
  if (first === undefined) return;
  const columns = Object.keys(first.row);
  const entries = pending.map(({ row, customerId }) => sql`(${entity}, ${row.id}, ${customerId}, 'upsert', ${now})`);
  const rows = pending.map(
    ({ row }) => sql`(${sql.join(columns.map((column) => sql`${row[column]}`))}, (SELECT seq FROM logged WHERE entity_id = ${row.id}))`,
  );
  await sql`WITH logged AS (
      INSERT INTO change_log (entity, entity_id, customer_id, op, at) VALUES ${sql.join(entries)} RETURNING seq, entity_id
    )
    INSERT INTO ${sql.table(entity)} (${sql.join(columns.map((column) => sql.ref(column)))}, updated_seq) VALUES ${sql.join(rows)}`.execute(trx);
}

export interface InsertBuffer {
  /** Queues a new row of a buffered table; false for any other table, which the caller inserts at once, after flush(). */
  add(entity: InsertedTable, customerId: string, row: Pending['row']): boolean;
  /** Writes every queued row, parents (activities) first. */
  flush(): Promise<void>;
}

/**
 * Only append-only rows nothing in a push reads back are buffered: activities and notes. A row
 * that refers to one of them (a follow-up, a promise of a contact) is written after a flush.
 */
const BUFFERED: readonly InsertedTable[] = ['activities', 'notes'];

export function insertBuffer(trx: Db, now: string): InsertBuffer {
  const queued = new Map<InsertedTable, Pending[]>(BUFFERED.map((entity) => [entity, []]));
  return {
    add(entity, customerId, row) {
      const list = queued.get(entity);
      if (list === undefined) return false;
      list.push({ customerId, row });
      return true;
    },
    async flush() {
      for (const [entity, list] of queued) {
        if (list.length === 0) continue;
        const rows = list.splice(0);
        await insertLoggedRows(trx, entity, now, rows);
      }
    },
  };
}
