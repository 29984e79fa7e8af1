import { sql, type Kysely } from 'kysely';

/**
 * The zone a team works in, whose calendar day the server judges its customers' promises as of
 * (server/promises/team-days.ts). NULL: the server's own zone (LEDGERLINE_SERVER_TIME_ZONE, else the
 * machine's); before, every team worked in UTC.
 * The schema now serves protocol 2, whose mutations carry the user's day (server/version.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE teams ADD COLUMN time_zone TEXT`.execute(db);
  await sql`UPDATE schema_meta SET value = '2' WHERE key = 'protocol_version'`.execute(db);
}
