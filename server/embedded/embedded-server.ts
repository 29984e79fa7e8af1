/**
 * The central server inside the desktop app (and dev:web): PGlite in a folder, migrated, seeded
 * with the demo portfolio on first start, listening on loopback only, its demo users on this
 * installation's own password. A plain Node module, so the Electron main process and the
 * browser-mode server start it the same way.
 */
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { todayIn, type Clock } from '../../shared/domain/clock';
import { systemTimeZone } from '../../shared/domain/time-zone';
import { buildServer } from '../app';
import { loadOrCreateSecret } from '../config';
import { connectServerDb, type ServerDb } from '../db/connect';
import { migrateServerDatabase } from '../db/migrate';
import { DEMO_USERNAMES } from '../demo/credentials';
import { isServerDatabaseEmpty, seedServerDemo, type ServerDemoReport } from '../demo/seed';
import { DEFAULT_DEMO_SEED, type DemoSize } from '../demo/sizes';
import { keepUsersOnInstallPassword, loadOrCreateInstallPassword } from './install-password';

export interface EmbeddedServerOptions {
  /**
   * PGlite keeps its files in `<dataDir>/pg`; the signing secret lives in `<dataDir>/server-secret`,
   * the demo users' password in `<dataDir>/install-password` (both readable by the owner only).
   */
  readonly dataDir: string;
  /** 0 (the default) takes any free port; the answer's `url` names it. */
  readonly port?: number;
  /** Seeds the demo portfolio when the database is empty (size small and seed 1 by default); null never seeds. */
  readonly demo: { readonly size?: DemoSize; readonly seed?: number } | null;
  readonly clock: Clock;
  /** Fastify's pino options; nothing is logged by default. */
  readonly logger?: FastifyServerOptions['logger'];
}

export interface EmbeddedServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  readonly url: string;
  /** Who the desktop signs in as on a demo server (every demo user has this installation's password); null without a demo. */
  readonly credentials: { readonly username: string; readonly password: string } | null;
  /** The seeding done by this start; null when the database held data already (or no demo was asked for). */
  readonly seeded: ServerDemoReport | null;
  /** Users this start put on the install password (the database was on another: the published one, a lost file's, a backup's); their sessions ended. */
  readonly passwordReplacedFor: readonly string[];
  /** Stops listening (in-flight requests finish), then closes the database; calling it again waits for the same close. */
  close(): Promise<void>;
}

/** Loopback only: the embedded server serves this machine's app, never the network. */
const HOST = '127.0.0.1';

function seedDemo(db: ServerDb['db'], demo: NonNullable<EmbeddedServerOptions['demo']>, clock: Clock, password: string): Promise<ServerDemoReport> {
  return seedServerDemo(db, {
    size: demo.size ?? 'small',
    seed: demo.seed ?? DEFAULT_DEMO_SEED,
    // The demo is dated as of this computer's day, the day its user sees.
    asOf: todayIn(clock, systemTimeZone()),
    password,
    now: clock.now().toISOString(),
  });
}

export async function startEmbeddedServer(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new RangeError(`port ${port} must be a port number (0-65535)`);
  // The environment's LEDGERLINE_SERVER_SECRET belongs to a standalone server, not to this one.
  const secret = loadOrCreateSecret({}, options.dataDir);
  const installPassword = loadOrCreateInstallPassword(options.dataDir);
  const store = await connectServerDb({ dataDir: options.dataDir });
  let app: FastifyInstance | undefined;
  try {
    await migrateServerDatabase(store.db, store.schema);
    const seeded = options.demo !== null && (await isServerDatabaseEmpty(store.db)) ? await seedDemo(store.db, options.demo, options.clock, installPassword) : null;
    const passwordReplacedFor = await keepUsersOnInstallPassword(store.db, options.clock, installPassword, seeded !== null);
    app = await buildServer({ db: store.db, secret, clock: options.clock, logger: options.logger ?? false, loopbackOnly: true, judgePromisesDaily: true });
    await app.listen({ host: HOST, port });
    const address = app.server.address();
    if (address === null || typeof address === 'string') throw new Error('the embedded server is not listening on a TCP port');
    const listening = app;
    let closing: Promise<void> | undefined;
    return {
      url: `http://${HOST}:${address.port}`,
      credentials: options.demo === null ? null : { username: DEMO_USERNAMES.collector, password: installPassword },
      seeded,
      passwordReplacedFor,
      close() {
        closing ??= listening.close().then(() => store.close());
        return closing;
      },
    };
  } catch (error) {
    // Release the PGlite folder, so a next attempt (or another process) can open it.
    await app?.close();
    await store.close();
    throw error;
  }
}
