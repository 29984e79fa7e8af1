import { sql, type Kysely } from 'kysely';

/**
 * Each customer's change_log entry records whom the customer was assigned to just before the
 * change (its collector and team), so the pull sends the customer's removal only to callers who
 * could have held it (server/sync/pull.ts) instead of revealing its id to everyone.
 *
 * A trigger fills the columns from the customer row as the entry is inserted, so no writer (the
 * reassign applier, `assign-customers`, the ERP import, the demo seed) can forget them. Every
 * writer logs a change before it updates the row, since the row takes the entry's seq as its
 * `updated_seq`: the row the trigger reads is the one before the change. A new customer has no
 * row yet and records no previous collector or team, as nobody but an admin held it.
 *
 * Entries written before this migration keep `previous_scope_known` false: the pull sends their
 * removals to every caller out of scope, as it did when they were written, so a cursor from
 * before the migration misses none.
 */
const statements = [
  `ALTER TABLE change_log
     ADD COLUMN previous_scope_known BOOLEAN NOT NULL DEFAULT FALSE,
     ADD COLUMN previous_collector_id TEXT,
     ADD COLUMN previous_team_id TEXT`,
  `CREATE FUNCTION change_log_previous_scope() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     SELECT c.collector_id, c.team_id INTO NEW.previous_collector_id, NEW.previous_team_id FROM customers c WHERE c.id = NEW.entity_id;
     NEW.previous_scope_known := TRUE;
     RETURN NEW;
   END $$`,
  // Only a customer's own entries: the other entities' (most of an import) skip the call.
  `CREATE TRIGGER change_log_previous_scope BEFORE INSERT ON change_log FOR EACH ROW WHEN (NEW.entity = 'customers')
     EXECUTE FUNCTION change_log_previous_scope()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
