import { sql, type Kysely } from 'kysely';

/**
 * A promise keeps the user's calendar day it was made on (the desktop's migration 012): money dated
 * that day counts towards it whatever the user's zone. Promises made before have none.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE promises ADD COLUMN made_on DATE`.execute(db);
}
