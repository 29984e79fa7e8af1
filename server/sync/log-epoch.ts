/**
 * The change log's epoch: which history of change_log seqs a pull cursor belongs to. Cursors carry
 * it, so a seq is only ever compared with seqs of the same history. It is a short hash of a random
 * id kept in schema_meta (migration 004, rotated by the admin after a restore) and, where this
 * role may read them, PostgreSQL's system identifier and timeline, which change when a backup is
 * restored into a new cluster or a point-in-time recovery starts a new timeline.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { ServerDatabase } from '../db/schema';

type Db = Kysely<ServerDatabase>;

export const LOG_EPOCH_KEY = 'log_epoch';

/** Not allowed to read the control data (managed services often forbid it), or no such function: run without it. */
const CONTROL_DATA_UNAVAILABLE: ReadonlySet<string> = new Set(['42501', '42883']);

const controlDataReadable = new WeakMap<Db, Promise<boolean>>();

const sqlStateOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

/**
 * Whether pg_control_system() and pg_control_checkpoint() may be read, asked once per database
 * handle: outside any transaction, since a refusal would abort the transaction it happened in.
 */
export function canReadControlData(db: Db): Promise<boolean> {
  const known = controlDataReadable.get(db);
  if (known !== undefined) return known;
  const asked = sql`SELECT 1 FROM pg_control_system(), pg_control_checkpoint()`.execute(db).then(
    () => true,
    (error: unknown) => {
      if (CONTROL_DATA_UNAVAILABLE.has(sqlStateOf(error) ?? '')) return false;
      // A lost connection says nothing about rights: ask again next time.
      controlDataReadable.delete(db);
      throw error;
    },
  );
  controlDataReadable.set(db, asked);
  return asked;
}

interface EpochParts {
  readonly id: string | null;
  readonly system: string | null;
  readonly timeline: number | null;
}

/** The current epoch, as cursors carry it; `withControlData` from canReadControlData. */
export async function readLogEpoch(db: Db, withControlData: boolean): Promise<string> {
  const idQuery = sql<string>`(SELECT value FROM schema_meta WHERE key = ${LOG_EPOCH_KEY})`;
  const { rows } = withControlData
    ? await sql<EpochParts>`SELECT ${idQuery} AS id, s.system_identifier::text AS system, c.timeline_id AS timeline
        FROM pg_control_system() s, pg_control_checkpoint() c`.execute(db)
    : await sql<EpochParts>`SELECT ${idQuery} AS id, NULL AS system, NULL AS timeline`.execute(db);
  const parts = rows[0] ?? { id: null, system: null, timeline: null };
  return createHash('sha256')
    .update([parts.id ?? '', parts.system ?? '', String(parts.timeline ?? '')].join('\n'))
    .digest('base64url')
    .slice(0, 16);
}
