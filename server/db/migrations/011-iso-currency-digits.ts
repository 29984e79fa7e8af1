import { sql, type Kysely } from 'kysely';
import { isoDigitsRescaleStatements } from '../../../shared/sync/iso-digits-rescale';

/**
 * Amounts are stored at ISO 4217 precision (shared/domain/iso4217.ts) instead of the runtime's locale
 * digits: those in the currencies whose precision changed are multiplied, by the same statements as
 * the desktop's migration 013, in the migration's transaction. The schema now serves protocol 3, whose
 * amounts are at that precision; an older client must update before it syncs (server/version.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of isoDigitsRescaleStatements()) await sql.raw(statement).execute(db);
  await sql`UPDATE schema_meta SET value = '3' WHERE key = 'protocol_version'`.execute(db);
}
