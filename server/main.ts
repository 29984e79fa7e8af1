/**
 * `npm run server`: migrate, then listen. JSON logs on stdout (pino via Fastify). SIGTERM or
 * SIGINT stops accepting connections, lets in-flight requests finish, then closes the database.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { systemClock, todayIn } from '../shared/domain/clock';
import { buildServer } from './app';
import { loadOrCreateSecret, readDemoOption, readServerConfig } from './config';
import { CONNECTION_LOST_MESSAGE, connectServerDb, logConnectionError } from './db/connect';
import { migrateServerDatabase } from './db/migrate';
import type { ServerDatabase } from './db/schema';
import { DEMO_PASSWORD, DEMO_USERNAMES } from './demo/credentials';
import { isServerDatabaseEmpty, seedServerDemo } from './demo/seed';
import { DEFAULT_DEMO_SEED, type DemoSize } from './demo/sizes';

/** In-flight requests get this long to finish before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

function fatal(message: string, error: unknown): never {
  const detail = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${JSON.stringify({ level: 60, time: Date.now(), msg: message, err: detail })}\n`);
  process.exit(1);
}

/** `--demo`: seeds an empty database; a database that holds anything is left alone. */
async function seedDemoIfEmpty(db: Kysely<ServerDatabase>, size: DemoSize, timeZone: string, log: FastifyBaseLogger): Promise<void> {
  if (!(await isServerDatabaseEmpty(db))) {
    log.warn({ demo: size }, 'demo not seeded: the database is not empty');
    return;
  }
  const report = await seedServerDemo(db, { size, seed: DEFAULT_DEMO_SEED, asOf: todayIn(systemClock, timeZone), password: DEMO_PASSWORD, now: systemClock.now().toISOString() });
  log.info({ demo: size, ms: report.ms, counts: report.counts, users: Object.values(DEMO_USERNAMES) }, 'demo portfolio seeded (password: see docs/SERVER.md)');
}

async function main(): Promise<void> {
  const config = readServerConfig(process.env);
  const demo = readDemoOption(process.env, process.argv.slice(2));
  const secret = loadOrCreateSecret(process.env, config.dataDir);
  // The pool is opened before the app exists; once it does, its losses go to the app's log.
  const sink: { log?: FastifyBaseLogger } = {};
  const store = await connectServerDb({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    onConnectionError: (error) => {
      if (sink.log === undefined) logConnectionError(error);
      else sink.log.warn({ err: error }, CONNECTION_LOST_MESSAGE);
    },
  });
  const app = await buildServer({
    db: store.db,
    secret,
    trustProxy: config.trustProxy,
    timeZone: config.timeZone,
    judgePromisesDaily: true,
    importFolder: config.importFolder,
    logger: { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] },
  });

  sink.log = app.log;

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    setTimeout(() => {
      app.log.error('in-flight requests did not finish in time; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    void app
      .close()
      .then(() => store.close())
      .then(() => {
        app.log.info('stopped');
      })
      .catch((error: unknown) => {
        fatal('shutdown failed', error);
      });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  const applied = await migrateServerDatabase(store.db, store.schema);
  app.log.info({ database: store.kind, applied, dataDir: config.dataDir }, 'database ready');
  if (demo !== null) await seedDemoIfEmpty(store.db, demo, config.timeZone, app.log);
  await app.listen({ host: config.host, port: config.port });
}

main().catch((error: unknown) => {
  fatal('the server could not start', error);
});
