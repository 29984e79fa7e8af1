/** What every server CLI does around its own command: open the configured database, run as the entry point. */
import { pathToFileURL } from 'node:url';
import { readServerConfig } from '../config';
import { connectServerDb } from '../db/connect';
import { migrateServerDatabase } from '../db/migrate';

/** The database the server itself would use (DATABASE_URL or the embedded PGlite), migrated, and the server's own zone. */
export async function openConfiguredDb() {
  const config = readServerConfig(process.env);
  const store = await connectServerDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrateServerDatabase(store.db, store.schema);
  return Object.assign(store, { timeZone: config.timeZone });
}

/** Runs `main` when `moduleUrl` is the script node was started with; its result is the exit code. */
export function runIfEntryPoint(moduleUrl: string, main: () => Promise<number>): void {
  if (process.argv[1] === undefined || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
