/**
 * One primary contact person per customer, the rule the desktop's store and the server's
 * (migration 006) both hold as a unique index. An import names at most one primary per customer;
 * the primary it names replaces the stored one, which is demoted as any writer would (a change_log
 * entry, version + 1), before the import writes its own rows, so the index never sees two.
 */
import { sql, type Kysely } from 'kysely';
import type { ServerDatabase } from '../db/schema';
import type { UpsertRow } from './upsert';

const CHUNK = 2000;

/**
 * The primary rows after the first of each customer: each is refused, naming the row that came first.
 * `firstOf` holds the first primaries of earlier parts of the same import and learns this part's.
 */
export function laterPrimaries(rows: readonly UpsertRow[], firstOf = new Map<string, UpsertRow>()): { readonly row: UpsertRow; readonly first: UpsertRow }[] {
  const later: { row: UpsertRow; first: UpsertRow }[] = [];
  for (const row of rows) {
    if (row.values['is_primary'] !== true || row.customerId === null) continue;
    const first = firstOf.get(row.customerId);
    if (first === undefined) firstOf.set(row.customerId, row);
    else later.push({ row, first });
  }
  return later;
}

/** Demotes every stored primary of a customer whose imported primary is another person. */
export async function demoteReplacedPrimaries(trx: Kysely<ServerDatabase>, rows: readonly UpsertRow[], now: string): Promise<void> {
  const primaryKeyOf = new Map<string, string>();
  for (const row of rows) if (row.values['is_primary'] === true && row.customerId !== null) primaryKeyOf.set(row.customerId, row.key);
  const customerIds = [...primaryKeyOf.keys()];
  for (let start = 0; start < customerIds.length; start += CHUNK) {
    const stored = await trx
      .selectFrom('contact_persons')
      .select(['id', 'customer_id', 'erp_key'])
      .where('is_primary', '=', true)
      .where('customer_id', 'in', customerIds.slice(start, start + CHUNK))
      .orderBy('id')
      .execute();
    const replaced = stored.filter((person) => person.erp_key !== primaryKeyOf.get(person.customer_id));
    if (replaced.length === 0) continue;
    const logged = await trx
      .insertInto('change_log')
      .values(replaced.map((person) => ({ entity: 'contact_persons' as const, entity_id: person.id, customer_id: person.customer_id, op: 'upsert' as const, at: now })))
      .returning(['seq', 'entity_id'])
      .execute();
    const payload = logged.map((entry) => ({ id: entry.entity_id, updated_seq: entry.seq }));
    await sql`UPDATE contact_persons AS person SET is_primary = FALSE, updated_at = ${now}, updated_seq = v.updated_seq, version = person.version + 1
      FROM jsonb_to_recordset(${JSON.stringify(payload)}::jsonb) AS v (id TEXT, updated_seq BIGINT)
      WHERE person.id = v.id`.execute(trx);
  }
}
