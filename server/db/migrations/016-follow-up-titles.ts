/**
 * No table changes: the schema now serves protocol 5, whose contact.log may carry the follow-up's
 * title in the collector's language (`followUpTitle`, server/version.ts). A server of protocol 4
 * refuses a protocol 5 client with 426, so a newer desktop keeps its changes until the server is
 * updated instead of having them refused as an unknown field.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`UPDATE schema_meta SET value = '5' WHERE key = 'protocol_version'`.execute(db);
}
