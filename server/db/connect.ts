/**
 * Opens the server database: PostgreSQL when a URL is given, otherwise an embedded PGlite
 * database in `<dataDir>/pg` (or in memory), so a newcomer needs no database setup. Both
 * return int8 as JS numbers, dates as YYYY-MM-DD and timestamps as UTC ISO strings.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { ServerDatabase } from './schema';

export type DatabaseKind = 'postgres' | 'pglite';

export interface ServerDb {
  readonly db: Kysely<ServerDatabase>;
  readonly kind: DatabaseKind;
  /** The PostgreSQL schema holding the tables (`public` unless a test isolates itself). */
  readonly schema: string;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** PostgreSQL connection string; without it PGlite is used. */
  readonly databaseUrl?: string;
  /** PGlite keeps its files in `<dataDir>/pg`; without a dataDir it runs in memory. */
  readonly dataDir?: string;
  /** PostgreSQL only: the schema to put first on the search_path. */
  readonly schema?: string;
  /**
   * PGlite only: begin from this image of a data directory (`PGlite.dumpDataDir`) instead of an
   * empty cluster, which takes a quarter of the time (the tests' way to many fresh databases).
   */
  readonly pgliteImage?: Blob;
  /** PostgreSQL only: how the server's connections are named in pg_stat_activity. */
  readonly applicationName?: string;
  /**
   * PostgreSQL only: an idle pooled connection failed (the database restarted, an administrator
   * terminated it, the network dropped). The pool has discarded it and opens a new one when next
   * needed; without a handler the pool's 'error' event would end the process.
   */
  readonly onConnectionError?: (error: Error) => void;
}

export const DEFAULT_APPLICATION_NAME = 'ledgerline-server';
/**
 * A request waits at most this long for a connection (a new one, or a pooled one to come free),
 * then fails and is answered 503: a database host that drops packets would otherwise hold every
 * request for the operating system's connect timeout, minutes.
 */
export const CONNECT_TIMEOUT_MS = 10_000;

const OID = { int8: 20, date: 1082, timestamp: 1114, timestamptz: 1184 } as const;

function toSafeNumber(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`int8 value ${text} exceeds the safe integer range`);
  return value;
}

/** PostgreSQL's text form `2026-01-02 03:04:05.678+00` to `2026-01-02T03:04:05.678Z`. */
function toIsoTimestamp(text: string): string {
  const normalized = text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
  const date = new Date(normalized);
  if (Number.isNaN(date.getTime())) throw new RangeError(`unreadable timestamp ${text}`);
  return date.toISOString();
}

const textParsers: Readonly<Record<number, (text: string) => unknown>> = {
  [OID.int8]: toSafeNumber,
  [OID.date]: (text) => text,
  [OID.timestamp]: (text) => toIsoTimestamp(`${text}+00`),
  [OID.timestamptz]: toIsoTimestamp,
};

const builtinParser = pg.types.getTypeParser as (oid: number, format?: 'text' | 'binary') => (text: string) => unknown;

/** Our parsers for the types above; pg's own for every other type. */
const typeParser = ((oid: number, format?: 'text' | 'binary') =>
  textParsers[oid] ?? builtinParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'];

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export const CONNECTION_LOST_MESSAGE = 'database connection lost; the pool reconnects when needed';

/** Without a handler of the caller's: one JSON line on stderr, in the shape of the server's log. */
export function logConnectionError(error: Error): void {
  process.stderr.write(`${JSON.stringify({ level: 40, time: Date.now(), msg: CONNECTION_LOST_MESSAGE, err: error.message })}\n`);
}

function connectPostgres(databaseUrl: string, schema: string, options: ConnectOptions): ServerDb {
  if (!SCHEMA_NAME.test(schema)) throw new RangeError(`invalid schema name "${schema}"`);
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    options: `-c search_path=${schema} -c TimeZone=UTC`,
    types: { getTypeParser: typeParser },
    application_name: options.applicationName ?? DEFAULT_APPLICATION_NAME,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  const onError = options.onConnectionError ?? logConnectionError;
  pool.on('error', onError);
  // A connection lost while it is checked out (between a transaction's statements, or as it is
  // handed out) emits on the client, which the pool only listens to while the client is idle:
  // without a listener of its own that error would end the process. The query in flight fails on its own.
  pool.on('connect', (client) => {
    client.on('error', onError);
  });
  const db = new Kysely<ServerDatabase>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', schema, close: () => db.destroy() };
}

async function connectPglite(dataDir: string | undefined, image: Blob | undefined): Promise<ServerDb> {
  let location: string | undefined;
  if (dataDir !== undefined) {
    location = join(dataDir, 'pg');
    mkdirSync(location, { recursive: true });
  }
  const parsers = Object.fromEntries(Object.entries(textParsers).map(([oid, parse]) => [oid, (text: string) => parse(text)]));
  const pglite = await PGlite.create({ ...(location === undefined ? {} : { dataDir: location }), ...(image === undefined ? {} : { loadDataDir: image }), parsers });
  await pglite.exec(`SET TimeZone = 'UTC'`);
  const db = new Kysely<ServerDatabase>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: 'pglite',
    schema: 'public',
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

export async function connectServerDb(options: ConnectOptions = {}): Promise<ServerDb> {
  if (options.databaseUrl !== undefined && options.databaseUrl !== '') {
    return connectPostgres(options.databaseUrl, options.schema ?? 'public', options);
  }
  return connectPglite(options.dataDir, options.pgliteImage);
}
