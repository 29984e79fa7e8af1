/**
 * Drafts belong to the user who typed them: two people sharing a workstation must never see
 * each other's half-typed notes. The key becomes (owner, key); drafts kept so far go to the
 * profile that was local when they were written, the only one that could have typed them.
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  `CREATE TABLE drafts_by_owner (
    key TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
    value_json TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    owner TEXT NOT NULL,
    PRIMARY KEY (owner, key)
  ) STRICT`,
  `INSERT INTO drafts_by_owner (key, value_json, updated_at, owner)
    SELECT key, value_json, updated_at, coalesce((SELECT id FROM users WHERE is_local_profile = 1), '') FROM drafts`,
  `DROP TABLE drafts`,
  `ALTER TABLE drafts_by_owner RENAME TO drafts`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const statement of statements) await sql.raw(statement).execute(trx);
  });
}
