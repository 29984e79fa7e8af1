/**
 * Export jobs running in the background of the process that serves the API: each writes one file,
 * counts its rows for a progress bar and can be cancelled. One registry per open store, so every
 * handler table built on that store sees the same jobs.
 */
import type { z } from 'zod';
import { v7 as uuidv7 } from 'uuid';
import type { ExportStatusSchema } from '../../shared/api/report-contract';
import { DomainError } from '../../shared/api/result';
import { refused } from '../../shared/i18n/refusals';
import type { ExportState, ReportFormat, ReportKind } from '../../shared/domain/report-entries';
import { REFUSAL_PARAM_MAX } from '../../shared/sync/protocol';
import type { LocalStore } from '../open';
import type { WriteContext } from './table';

export type ExportStatus = z.output<typeof ExportStatusSchema>;

export interface ExportPlan {
  readonly kind: ReportKind;
  readonly format: ReportFormat;
  readonly fileName: (jobId: string) => string;
  readonly filePath: (fileName: string) => string;
  readonly total: number;
  readonly run: (filePath: string, ctx: WriteContext) => Promise<void>;
}

interface Job {
  readonly id: string;
  readonly kind: ReportKind;
  readonly format: ReportFormat;
  readonly fileName: string;
  readonly filePath: string;
  readonly total: number;
  readonly startedAt: string;
  readonly controller: AbortController;
  state: ExportState;
  rows: number;
  error: ExportFailure | null;
  finishedAt: string | null;
  unprintable: readonly string[];
  settled: Promise<void>;
}

/** Distinct characters a status names at most: enough to tell which script is missing. */
const UNPRINTABLE_SHOWN = 40;

function percentOf(job: Job): number {
  if (job.state === 'done') return 100;
  if (job.total === 0) return 0;
  // Rows may outnumber the preview's count when entries are logged meanwhile; 100 waits for the file.
  return Math.min(99, Math.floor((job.rows * 100) / job.total));
}

/** Why a job failed, as its status carries it: the English message, with the reason and values the client words it by. */
type ExportFailure = NonNullable<ExportStatus['error']>;

/**
 * A refusal (a customer that does not exist) as it is; a file the system could not write (a full
 * disk, no permission) in the system's own words inside the client's sentence; anything else by its message.
 */
function describeFailure(error: unknown): ExportFailure {
  if (error instanceof DomainError) return error.toApiError();
  const message = error instanceof Error ? error.message : String(error);
  if (isSystemError(error)) return { code: 'export_failed', message, reason: 'exportFileFailed', params: { failure: message.slice(0, REFUSAL_PARAM_MAX) } };
  return { code: 'export_failed', message };
}

/** An error of a system call (open, write, rename), which names its call beside the system's code. */
const isSystemError = (error: unknown): boolean => error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === 'string';

export class ExportJobs {
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly now: () => string) {}

  start(plan: ExportPlan): Job {
    const id = uuidv7();
    const fileName = plan.fileName(id);
    const job: Job = {
      id,
      kind: plan.kind,
      format: plan.format,
      fileName,
      filePath: plan.filePath(fileName),
      total: plan.total,
      startedAt: this.now(),
      controller: new AbortController(),
      state: 'running',
      rows: 0,
      error: null,
      finishedAt: null,
      unprintable: [],
      settled: Promise.resolve(),
    };
    this.jobs.set(id, job);
    const ctx: WriteContext = {
      signal: job.controller.signal,
      progress: (rows) => {
        job.rows = rows;
      },
      unprintable: (characters) => {
        job.unprintable = characters;
      },
    };
    // Started on the next turn, so the caller has its job id before the first row is read.
    job.settled = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => {
        // Cancelled before it began: no file is even opened.
        ctx.signal.throwIfAborted();
        return plan.run(job.filePath, ctx);
      })
      .then(
        () => {
          job.state = 'done';
          job.finishedAt = this.now();
        },
        (error: unknown) => {
          job.state = job.controller.signal.aborted ? 'cancelled' : 'failed';
          job.error = job.state === 'failed' ? describeFailure(error) : null;
          job.finishedAt = this.now();
        },
      );
    return job;
  }

  private get(jobId: string): Job {
    const job = this.jobs.get(jobId);
    if (!job) throw refused('not_found', { key: 'exportNotFound', params: { id: jobId } }, 'jobId');
    return job;
  }

  status(jobId: string): ExportStatus {
    const job = this.get(jobId);
    return {
      jobId: job.id,
      kind: job.kind,
      format: job.format,
      state: job.state,
      rows: job.rows,
      total: job.total,
      percent: percentOf(job),
      fileName: job.fileName,
      filePath: job.filePath,
      error: job.error,
      unprintable: job.unprintable.slice(0, UNPRINTABLE_SHOWN),
      startedAt: job.startedAt,
      finishedAt: job.finishedAt,
    };
  }

  /** Stops a running job and answers once its part file is gone; a finished job is left as it is. */
  async cancel(jobId: string): Promise<ExportStatus> {
    const job = this.get(jobId);
    if (job.state === 'running') job.controller.abort();
    await job.settled;
    return this.status(jobId);
  }

  /** Resolves when the job has ended, whatever the outcome. */
  async settled(jobId: string): Promise<ExportStatus> {
    await this.get(jobId).settled;
    return this.status(jobId);
  }
}

const registries = new WeakMap<LocalStore, ExportJobs>();

/** The store's job registry; `onCreate` runs once, when the first one is made (no job of this store runs yet). */
export function exportJobsOf(store: LocalStore, now: () => string, onCreate?: () => void): ExportJobs {
  let jobs = registries.get(store);
  if (!jobs) {
    jobs = new ExportJobs(now);
    registries.set(store, jobs);
    onCreate?.();
  }
  return jobs;
}
