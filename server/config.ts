/** Server configuration from the environment; the signing secret from the env or the data dir. */
import { join, resolve } from 'node:path';
import { canonicalTimeZone, systemTimeZone } from '../shared/domain/time-zone';
import { MIN_SECRET_LENGTH, type ImportFolderConfig } from './app';
import { SERVER_DEMO_SIZES, isDemoSize, type DemoSize } from './demo/sizes';
import { parseTrustProxy } from './http/trust-proxy';
import { loadOrCreateOwnerOnlySecret } from './owner-only-secret';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export interface ServerConfig {
  /** PostgreSQL connection string; undefined runs embedded PGlite in `<dataDir>/pg`. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
  /** Reverse proxies whose X-Forwarded-* headers count; empty for none. */
  readonly trustProxy: readonly string[];
  readonly logLevel: string;
  /** The zone of teams without one of their own (server/promises/team-days.ts): LEDGERLINE_SERVER_TIME_ZONE, else the machine's. */
  readonly timeZone: string;
  /** LEDGERLINE_IMPORT_DIR and its settings: the ERP import drop folder; undefined without one. */
  readonly importFolder: ImportFolderConfig | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

export const DEFAULT_PORT = 8787;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
export const SECRET_FILE = 'server-secret';

const setting = (env: Env, name: string): string | undefined => {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
};

export function readServerConfig(env: Env, cwd: string = process.cwd()): ServerConfig {
  const portText = setting(env, 'LEDGERLINE_SERVER_PORT') ?? String(DEFAULT_PORT);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65_535) throw new ConfigError(`LEDGERLINE_SERVER_PORT must be a port number (0-65535), not "${portText}".`);
  const logLevel = setting(env, 'LEDGERLINE_SERVER_LOG_LEVEL') ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`LEDGERLINE_SERVER_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}.`);
  const trust = parseTrustProxy(setting(env, 'LEDGERLINE_SERVER_TRUST_PROXY'));
  if (!trust.ok) throw new ConfigError(`LEDGERLINE_SERVER_TRUST_PROXY ${trust.problem}.`);
  const zoneText = setting(env, 'LEDGERLINE_SERVER_TIME_ZONE');
  const timeZone = zoneText === undefined ? systemTimeZone() : canonicalTimeZone(zoneText);
  if (timeZone === null) throw new ConfigError(`LEDGERLINE_SERVER_TIME_ZONE must be a time zone such as Europe/Berlin, not "${zoneText ?? ''}".`);
  return {
    importFolder: readImportFolder(env, cwd),
    databaseUrl: setting(env, 'DATABASE_URL'),
    dataDir: resolve(cwd, setting(env, 'LEDGERLINE_SERVER_DATA_DIR') ?? '.data/server'),
    host: setting(env, 'LEDGERLINE_SERVER_HOST') ?? '127.0.0.1',
    port,
    trustProxy: trust.proxies,
    logLevel,
    timeZone,
  };
}

/** A whole number of `unit` from 1 to `max` in `name`, else `fallback`; anything else is a configuration error naming the setting. */
function boundedSetting(env: Env, name: string, fallback: number, max: number, unit: string): number {
  const text = setting(env, name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1 || value > max) throw new ConfigError(`${name} must be a whole number of ${unit} from 1 to ${String(max)}, not "${text}".`);
  return value;
}

export const IMPORT_FOLDER_DEFAULTS = { pollSeconds: 10, settleSeconds: 10, maxMegabytes: 100 } as const;

function readImportFolder(env: Env, cwd: string): ImportFolderConfig | undefined {
  const dir = setting(env, 'LEDGERLINE_IMPORT_DIR');
  if (dir === undefined) return undefined;
  return {
    dir: resolve(cwd, dir),
    pollMs: boundedSetting(env, 'LEDGERLINE_IMPORT_POLL_SECONDS', IMPORT_FOLDER_DEFAULTS.pollSeconds, 86_400, 'seconds') * 1000,
    settleMs: boundedSetting(env, 'LEDGERLINE_IMPORT_SETTLE_SECONDS', IMPORT_FOLDER_DEFAULTS.settleSeconds, 3600, 'seconds') * 1000,
    maxBytes: boundedSetting(env, 'LEDGERLINE_IMPORT_MAX_MB', IMPORT_FOLDER_DEFAULTS.maxMegabytes, 4096, 'megabytes') * 1024 * 1024,
  };
}

/**
 * The demo portfolio to seed into an empty database at start: `--demo small|large` (or
 * `--demo=small`) on the command line, else LEDGERLINE_SERVER_DEMO; null when neither is given.
 */
export function readDemoOption(env: Env, argv: readonly string[]): DemoSize | null {
  let size = setting(env, 'LEDGERLINE_SERVER_DEMO');
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--demo') {
      size = argv[i + 1];
      if (size === undefined) throw new ConfigError(`--demo needs a size: ${SERVER_DEMO_SIZES.join(' or ')}.`);
      i += 1;
    } else if (arg.startsWith('--demo=')) {
      size = arg.slice('--demo='.length);
    } else {
      throw new ConfigError(`Unknown argument "${arg}": the server takes only --demo ${SERVER_DEMO_SIZES.join('|')}.`);
    }
  }
  if (size === undefined) return null;
  if (!isDemoSize(size)) throw new ConfigError(`The demo size (--demo or LEDGERLINE_SERVER_DEMO) must be ${SERVER_DEMO_SIZES.join(' or ')}, not "${size}".`);
  return size;
}

/**
 * LEDGERLINE_SERVER_SECRET when set; otherwise a random secret created once in the data dir,
 * readable by the owner only, so tokens survive restarts without any setup.
 */
export function loadOrCreateSecret(env: Env, dataDir: string): string {
  const fromEnv = setting(env, 'LEDGERLINE_SERVER_SECRET');
  if (fromEnv !== undefined) {
    if (fromEnv.length < MIN_SECRET_LENGTH) throw new ConfigError(`LEDGERLINE_SERVER_SECRET must have at least ${MIN_SECRET_LENGTH} characters.`);
    return fromEnv;
  }
  const path = join(dataDir, SECRET_FILE);
  try {
    return loadOrCreateOwnerOnlySecret(path, MIN_SECRET_LENGTH);
  } catch (error) {
    if (error instanceof RangeError) throw new ConfigError(error.message);
    throw error;
  }
}
