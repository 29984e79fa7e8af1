/**
 * The kept report of each import run (table import_runs): written once a run has ended, read by
 * admins from the CLI (`server:admin -- import-runs`) and the API (`GET /v1/import/runs`).
 */
import { createHash } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { quotedForDisplay, textProblem } from '../../shared/domain/text';
import type { ImportOrigin, ImportOutcome, ImportRunsTable, ServerDatabase } from '../db/schema';
import type { EntityCounts, ImportEntity, ImportReport, Rejection } from './types';

/** A run refusing a million rows keeps the first of them; the count says how many there were. */
export const IMPORT_RUN_KEPT_REJECTIONS = 1000;

export interface ImportRunFile {
  readonly name: string;
  readonly sha256: string;
  readonly bytes: number;
}

/** What a run keeps of its file: the name, the SHA-256 of the bytes as they arrived, the size. */
export const runFileOf = (name: string, bytes: Uint8Array): ImportRunFile => ({ name, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.byteLength });

/** `runFileOf` for a file read as it comes. */
export async function runFileOfStream(name: string, chunks: AsyncIterable<Uint8Array>): Promise<ImportRunFile> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of chunks) {
    hash.update(chunk);
    bytes += chunk.byteLength;
  }
  return { name, sha256: hash.digest('hex'), bytes };
}

export interface ImportRun {
  readonly id: string;
  readonly origin: ImportOrigin;
  readonly file: ImportRunFile | null;
  readonly source: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly outcome: ImportOutcome;
  readonly counts: Partial<Record<ImportEntity, EntityCounts>>;
  readonly rejectionCount: number;
  readonly rejections: readonly Rejection[];
  readonly message: string | null;
}

export type NewImportRun = Omit<ImportRun, 'id'>;
export type ImportRunSummary = Omit<ImportRun, 'rejections'>;

export function outcomeOf(report: ImportReport): ImportOutcome {
  if (report.dryRun) return 'dry_run';
  if (!report.committed) return 'rejected';
  return report.rejected.length > 0 ? 'imported_partially' : 'imported';
}

/** The counts worth showing: entities the run touched at all. */
export function countsOf(report: ImportReport): Partial<Record<ImportEntity, EntityCounts>> {
  return Object.fromEntries(Object.entries(report.applied).filter(([, counts]) => counts.inserted + counts.updated + counts.unchanged > 0));
}

/**
 * A report's own text (how it was read, why it failed, the file's name) can carry what a request or a
 * file held: a NUL PostgreSQL cannot store, a lone surrogate, a control. Kept as the report shows it,
 * each such unit written out as \uXXXX, so recording a run never fails on what it reports.
 */
const storable = (text: string): string => (textProblem(text) === null ? text : quotedForDisplay(text).slice(1, -1));

export async function recordImportRun(db: Kysely<ServerDatabase>, unsafe: NewImportRun): Promise<ImportRun> {
  const run: NewImportRun = {
    ...unsafe,
    file: unsafe.file === null ? null : { ...unsafe.file, name: storable(unsafe.file.name) },
    source: storable(unsafe.source),
    message: unsafe.message === null ? null : storable(unsafe.message),
  };
  // Time-ordered: runs started in the same instant (a frozen clock, a burst of files) list in the order they ran.
  const id = uuidv7();
  await db
    .insertInto('import_runs')
    .values({
      id,
      origin: run.origin,
      file_name: run.file?.name ?? null,
      file_sha256: run.file?.sha256 ?? null,
      file_bytes: run.file?.bytes ?? null,
      source: run.source,
      started_at: run.startedAt,
      finished_at: run.finishedAt,
      outcome: run.outcome,
      counts: JSON.stringify(run.counts),
      rejection_count: run.rejectionCount,
      rejections: JSON.stringify(run.rejections.slice(0, IMPORT_RUN_KEPT_REJECTIONS)),
      message: run.message,
    })
    .execute();
  return { ...run, id, rejections: run.rejections.slice(0, IMPORT_RUN_KEPT_REJECTIONS) };
}

type RunRow = Selectable<ImportRunsTable>;

/** Stored JSON read defensively: a row written by hand or damaged shows as empty, never fails the list. */
function parsedJson<T>(text: string, fallback: T, accept: (value: unknown) => value is T): T {
  try {
    const value: unknown = JSON.parse(text);
    return accept(value) ? value : fallback;
  } catch {
    return fallback;
  }
}
const isRecord = (value: unknown): value is Partial<Record<ImportEntity, EntityCounts>> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isRejections = (value: unknown): value is Rejection[] => Array.isArray(value);

function summaryOf(row: Omit<RunRow, 'rejections'>): ImportRunSummary {
  return {
    id: row.id,
    origin: row.origin,
    file: row.file_name === null ? null : { name: row.file_name, sha256: row.file_sha256 ?? '', bytes: row.file_bytes ?? 0 },
    source: row.source,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    outcome: row.outcome,
    counts: parsedJson(row.counts, {}, isRecord),
    rejectionCount: row.rejection_count,
    message: row.message,
  };
}

const runOf = (row: RunRow): ImportRun => ({ ...summaryOf(row), rejections: parsedJson(row.rejections, [], isRejections) });

/** The latest runs first, without their refusals (a list stays small); `importRun` has them. */
export async function listImportRuns(db: Kysely<ServerDatabase>, limit: number): Promise<ImportRunSummary[]> {
  const rows = await db
    .selectFrom('import_runs')
    .select(['id', 'origin', 'file_name', 'file_sha256', 'file_bytes', 'source', 'started_at', 'finished_at', 'outcome', 'counts', 'rejection_count', 'message'])
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(summaryOf);
}

export async function importRun(db: Kysely<ServerDatabase>, id: string): Promise<ImportRun | null> {
  const row = await db.selectFrom('import_runs').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? null : runOf(row);
}

/**
 * The committed run that imported a file with these contents read this way, if any: the drop folder's
 * idempotency. Read another way (a corrected sidecar), the same bytes are a new import.
 */
export async function committedRunOf(db: Kysely<ServerDatabase>, sha256: string, source: string): Promise<ImportRun | null> {
  const row = await db
    .selectFrom('import_runs')
    .selectAll()
    .where('file_sha256', '=', sha256)
    .where('source', '=', source)
    .where('outcome', 'in', ['imported', 'imported_partially'])
    .orderBy('started_at')
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? null : runOf(row);
}
