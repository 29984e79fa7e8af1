import { sql, type Kysely } from 'kysely';

/**
 * At most one primary contact person per customer, as the desktop's store has always required
 * (its unique index `contact_persons_one_primary`): a server row set that breaks it (an ERP import
 * with two primaries, before the import rule) would make every client's pull of that customer fail.
 *
 * Where a customer has several, the one changed last stays primary (ties: the lowest id) and the
 * others are demoted as any writer would: each gets a change_log entry first, and takes its seq
 * as `updated_seq` with version + 1, so every client pulls the demotion.
 */
const statements = [
  `WITH demoted AS (
     SELECT id, customer_id FROM (
       SELECT id, customer_id, row_number() OVER (PARTITION BY customer_id ORDER BY updated_at DESC, id) AS rank
       FROM contact_persons WHERE is_primary
     ) ranked WHERE rank > 1
   ),
   logged AS (
     INSERT INTO change_log (entity, entity_id, customer_id, op, at)
     SELECT 'contact_persons', id, customer_id, 'upsert', now() FROM demoted ORDER BY id
     RETURNING seq, entity_id
   )
   UPDATE contact_persons AS person
     SET is_primary = FALSE, updated_at = now(), updated_seq = logged.seq, version = person.version + 1
     FROM logged WHERE person.id = logged.entity_id`,
  `CREATE UNIQUE INDEX contact_persons_one_primary ON contact_persons (customer_id) WHERE is_primary`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
