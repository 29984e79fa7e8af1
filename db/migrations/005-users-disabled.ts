/**
 * Whether a user is disabled on the server, as the directory says: a disabled collector keeps
 * their name on the rows they wrote but can no longer be given customers, here as on the server.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw('ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))').execute(db);
}
