/**
 * The server's teams as the directory names them (GET /v1/directory `teams`), a client-only cache like
 * `users`: replaced whole at each sync (db/sync/directory.ts), never pushed. A customer's documents fall
 * back to its team's language (`customers.team_id`) when neither the contact person nor the customer
 * has one the product speaks. No foreign key: a customer may name a team the directory has not sent yet.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `CREATE TABLE teams (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        language TEXT
      ) STRICT`,
    )
    .execute(db);
}
