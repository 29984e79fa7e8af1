import type { Kysely } from 'kysely';
import type { Clock } from '../shared/domain/clock';
import type { AccessTokenService } from './auth/access-tokens';
import type { LoginThrottle } from './auth/login-throttle';
import type { ServerDatabase } from './db/schema';

/** What route modules need, passed explicitly instead of hung on the Fastify instance. */
export interface ServerContext {
  readonly db: Kysely<ServerDatabase>;
  readonly clock: Clock;
  /** The zone of teams without one: the server's own (server/promises/team-days.ts). */
  readonly defaultTimeZone: string;
  readonly accessTokens: AccessTokenService;
  readonly loginThrottle: LoginThrottle;
  /** Derives a refresh token's successor (auth/refresh-tokens.ts), from the server secret. */
  readonly refreshSuccessorKey: Buffer;
}
