/**
 * A promise keeps the user's calendar day it was made on (synced; shared/sync/tables.ts): money
 * dated that day counts towards it, also when the promise was made in the evening west of UTC, whose
 * UTC date is already the next day. Promises made before have none; their creation's UTC date counts.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw("ALTER TABLE promises ADD COLUMN made_on TEXT CHECK (made_on IS NULL OR made_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')").execute(db);
}
