/**
 * The language a customer and a contact person are written to in (shared/i18n/languages.ts). Nullable
 * and additive: a client of protocol 4 that does not know the column takes the columns it knows.
 */
import { sql, type Kysely } from 'kysely';

const statements = ['ALTER TABLE customers ADD COLUMN language TEXT', 'ALTER TABLE contact_persons ADD COLUMN language TEXT'];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
