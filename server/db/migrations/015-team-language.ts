/**
 * A team's default language (a canonical BCP 47 tag, shared/i18n/languages.ts): documents to a
 * customer of the team are written in it when neither the contact person nor the customer has a
 * language the product speaks. Set by the admin CLI (`create-team --language`, `set-team-language`)
 * and sent in the directory (GET /v1/directory `teams`). Nullable and additive: no protocol bump.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE teams ADD COLUMN language TEXT`.execute(db);
}
