import { sql, type Kysely } from 'kysely';
import type { ServerDatabase } from './schema';
import { MIGRATION_TABLE, SERVER_MIGRATIONS, createServerMigrator } from './migrations';

/** The database was migrated by a newer server: refuse to run rather than guess at its schema. */
export class NewerServerDatabaseError extends Error {
  readonly code = 'newer_database';
  constructor(readonly unknownMigrations: readonly string[]) {
    super(
      `The server database was migrated by a newer Ledgerline server (unknown migrations: ${unknownMigrations.join(', ')}). ` +
        'Run the newer server version; nothing was changed.',
    );
    this.name = 'NewerServerDatabaseError';
  }
}

export class ServerMigrationError extends Error {
  constructor(migration: string, options: { cause: unknown }) {
    super(`Server migration ${migration} failed`, options);
    this.name = 'ServerMigrationError';
  }
}

async function appliedMigrations(db: Kysely<ServerDatabase>, schema: string): Promise<string[]> {
  const exists = await sql<{ found: boolean }>`
    SELECT to_regclass(${`${schema}.${MIGRATION_TABLE}`}) IS NOT NULL AS found`.execute(db);
  if (exists.rows[0]?.found !== true) return [];
  const rows = await sql<{ name: string }>`SELECT name FROM ${sql.table(`${schema}.${MIGRATION_TABLE}`)}`.execute(db);
  return rows.rows.map((row) => row.name);
}

/** Applies every pending migration; returns the names applied by this call. */
export async function migrateServerDatabase(db: Kysely<ServerDatabase>, schema: string): Promise<string[]> {
  const unknown = (await appliedMigrations(db, schema)).filter((name) => !Object.hasOwn(SERVER_MIGRATIONS, name));
  if (unknown.length > 0) throw new NewerServerDatabaseError(unknown);

  const { error, results = [] } = await createServerMigrator(db as unknown as Kysely<unknown>, schema).migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new ServerMigrationError(failed, { cause: error });
  }
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export async function protocolVersion(db: Kysely<ServerDatabase>): Promise<number> {
  const row = await db.selectFrom('schema_meta').select('value').where('key', '=', 'protocol_version').executeTakeFirst();
  return row === undefined ? 0 : Number(row.value);
}
