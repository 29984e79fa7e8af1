/**
 * The Fastify application, without listening: tests inject requests into it, main.ts listens.
 * It does not own the database; whoever built the Kysely instance closes it.
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Kysely } from 'kysely';
import { systemClock, type Clock } from '../shared/domain/clock';
import { systemTimeZone } from '../shared/domain/time-zone';
import { createAccessTokenService } from './auth/access-tokens';
import { createAuthenticate } from './auth/authenticate';
import { createLoginThrottle } from './auth/login-throttle';
import { refreshSuccessorKey } from './auth/refresh-tokens';
import { registerAuthRoutes } from './auth/routes';
import type { ServerContext } from './context';
import { DropFolder, scheduleDropFolder, type DropFolderOptions } from './import/drop-folder';
import type { ServerDatabase } from './db/schema';
import { registerErrorHandling } from './http/errors';
import { registerLoopbackGuard } from './http/loopback-guard';
import { registerProtocolCheck } from './http/protocol-version';
import { registerSecurityHeaders } from './http/security-headers';
import { registerDirectoryRoute } from './routes/directory';
import { registerHealthRoute } from './routes/health';
import { registerImportRoute } from './routes/import';
import { registerMeRoute } from './routes/me';
import { registerPortfolioRoutes } from './routes/portfolio';
import { registerSyncRoutes } from './routes/sync';
import { scheduleDailyEvaluation } from './promises/schedule';

export const BODY_LIMIT_BYTES = 1024 * 1024;
export const MIN_SECRET_LENGTH = 32;

export interface BuildServerOptions {
  readonly db: Kysely<ServerDatabase>;
  /** Signs access tokens; at least MIN_SECRET_LENGTH characters. */
  readonly secret: string;
  /** Fastify's pino logger options; `false` (the default, for tests) logs nothing. */
  readonly logger?: FastifyServerOptions['logger'];
  readonly clock?: Clock;
  /** The server's own zone, in which teams without one work (server/promises/team-days.ts); the machine's (TZ) by default. */
  readonly timeZone?: string;
  /**
   * The desktop's built-in server: refuse any request that does not address it by a loopback name
   * or that a browser page sends (DNS rebinding, a web page, CSRF); only the app's engine calls it.
   */
  readonly loopbackOnly?: boolean;
  /**
   * The reverse proxies (addresses, networks, loopback/linklocal/uniquelocal) whose X-Forwarded-For
   * and X-Forwarded-Proto count: the login throttle's client address, and https for HSTS.
   */
  readonly trustProxy?: readonly string[];
  /** Judge promises at start and on every day change (server/promises/schedule.ts); off in tests that set up their own data. */
  readonly judgePromisesDaily?: boolean;
  /** The import drop folder to watch (server/import/drop-folder.ts); none when absent. */
  readonly importFolder?: ImportFolderConfig | undefined;
}

/** The drop folder, and how often it is looked at. */
export interface ImportFolderConfig extends DropFolderOptions {
  readonly pollMs: number;
}

export async function buildServer(options: BuildServerOptions): Promise<FastifyInstance> {
  if (options.secret.length < MIN_SECRET_LENGTH) throw new RangeError(`the server secret must have at least ${MIN_SECRET_LENGTH} characters`);
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: options.trustProxy === undefined || options.trustProxy.length === 0 ? false : [...options.trustProxy],
    // On close, drop idle keep-alive sockets at once; in-flight requests still finish.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  });
  // JSON only: anything else, text/plain included, is answered 415.
  app.removeContentTypeParser('text/plain');
  app.decorateRequest('principal', null);
  registerErrorHandling(app);
  registerSecurityHeaders(app);
  if (options.loopbackOnly === true) registerLoopbackGuard(app);
  registerProtocolCheck(app);

  const clock = options.clock ?? systemClock;
  const ctx: ServerContext = {
    db: options.db,
    clock,
    defaultTimeZone: options.timeZone ?? systemTimeZone(),
    accessTokens: createAccessTokenService(options.secret, clock),
    loginThrottle: createLoginThrottle(clock),
    refreshSuccessorKey: refreshSuccessorKey(options.secret),
  };
  const authenticate = createAuthenticate(ctx.db, ctx.accessTokens);
  registerHealthRoute(app, ctx);
  registerAuthRoutes(app, ctx);
  registerMeRoute(app, ctx, authenticate);
  registerDirectoryRoute(app, ctx, authenticate);
  registerPortfolioRoutes(app, ctx, authenticate);
  registerImportRoute(app, ctx, authenticate);
  registerSyncRoutes(app, ctx, authenticate);
  if (options.judgePromisesDaily === true) scheduleDailyEvaluation(app, ctx.db, ctx);
  if (options.importFolder !== undefined) scheduleDropFolder(app, new DropFolder(ctx.db, ctx, options.importFolder, app.log), options.importFolder.pollMs);
  await app.ready();
  return app;
}
