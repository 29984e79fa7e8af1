import { sql, type Kysely } from 'kysely';

/**
 * Makes change_log sequences commit in order. A sequence value is taken when a row is inserted
 * but becomes visible only at commit, so two writers could commit 11 before 10 and a pull that
 * already handed out cursor 11 would skip 10 forever. The trigger takes a transaction-scoped
 * advisory lock before drawing the sequence, so every writer that logs a change holds the lock
 * from its first logged change to its commit: sequences are drawn and committed in one order,
 * and every seq a reader sees is preceded by all smaller ones. The column default still draws a
 * number first; the trigger replaces it, leaving harmless gaps. The lock is keyed by the table's
 * schema as well, so databases that hold several schemas (the tests) do not wait on each other.
 */
export const CHANGE_LOG_LOCK_KEY = 7_302_465;

const statements = [
  `CREATE FUNCTION change_log_ordered_seq() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     PERFORM pg_advisory_xact_lock(${String(CHANGE_LOG_LOCK_KEY)}, hashtext(TG_TABLE_SCHEMA));
     NEW.seq := nextval(pg_get_serial_sequence(quote_ident(TG_TABLE_SCHEMA) || '.change_log', 'seq'));
     RETURN NEW;
   END $$`,
  `CREATE TRIGGER change_log_ordered_seq BEFORE INSERT ON change_log FOR EACH ROW EXECUTE FUNCTION change_log_ordered_seq()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
