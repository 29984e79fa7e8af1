/**
 * Each queued mutation keeps the user's calendar day when it was made (shared/domain/time-zone.ts),
 * which the push sends (protocol 2) so the server checks its dates against the day the user saw.
 * Mutations queued before have none and are sent without it: the server takes the UTC date, as it did.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw('ALTER TABLE outbox ADD COLUMN day TEXT').execute(db);
}
