/**
 * Every server suite runs against both backends: real PostgreSQL (a fresh schema per database,
 * dropped afterwards) and in-memory PGlite.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { connectServerDb, type DatabaseKind, type ServerDb } from '../../../../server/db/connect';
import { migrateServerDatabase } from '../../../../server/db/migrate';
import { SERVER_MIGRATIONS } from '../../../../server/db/migrations';

export const POSTGRES_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export const BACKENDS: readonly DatabaseKind[] = ['postgres', 'pglite'];

/** Where the integration run's global setup left a migrated PGlite image (see global-setup.ts). */
export const PGLITE_IMAGE_ENV = 'LEDGERLINE_TEST_PGLITE_IMAGE';

export interface TestDb extends ServerDb {
  /** Closes the connection and, on PostgreSQL, drops the test schema. */
  dispose(): Promise<void>;
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** The migrated PGlite image tests/integration/global-setup.ts wrote, when there is one. */
function migratedImage(): { pgliteImage?: Blob } {
  const path = process.env[PGLITE_IMAGE_ENV];
  return path === undefined || path === '' ? {} : { pgliteImage: new Blob([readFileSync(path)]) };
}

/** An empty database of `kind`; `migrate: false` leaves it without tables. */
export async function openTestDb(kind: DatabaseKind, { migrate = true } = {}): Promise<TestDb> {
  let server: ServerDb;
  let drop = (): Promise<void> => Promise.resolve();
  if (kind === 'postgres') {
    const schema = `t_${uuidv7().replaceAll('-', '')}`;
    await adminQuery(`CREATE SCHEMA ${schema}`);
    drop = () => adminQuery(`DROP SCHEMA ${schema} CASCADE`);
    server = await connectServerDb({ databaseUrl: POSTGRES_URL, schema });
  } else {
    server = await connectServerDb(migrate ? migratedImage() : {});
  }
  if (migrate) await migrateServerDatabase(server.db, server.schema);
  return {
    ...server,
    dispose: async () => {
      await server.close();
      await drop();
    },
  };
}

/** The server's migrations from `first` on, in order: what migrating a database left at the one before applies. */
export const migrationsFrom = (first: string): string[] => Object.keys(SERVER_MIGRATIONS).filter((name) => name >= first);
