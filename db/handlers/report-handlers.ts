/** report.*: background exports to `<dataDir>/exports/` (the notes-export preview and the on-screen aging report are reads, read-handlers.ts). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiHandlers } from '../../shared/api/dispatch';
import { refused } from '../../shared/i18n/refusals';
import type { reportContract } from '../../shared/api/report-contract';
import { readContextOf } from '../day/rollover';
import { userTimeZone, userToday } from '../day/user-day';
import type { ReadContext } from '../queries/worklist';
import { exportJobsOf } from '../reports/export-jobs';
import { exportsDir } from '../reports/file-names';
import { removeStalePartFiles } from '../reports/part-file';
import { planExport, type ReportEnv } from '../reports/plan-export';
import { DEFAULT_DOMAIN_SETTINGS } from '../summary/refresh';
import type { HandlerContext } from './handler-context';
import type { ReadOperation } from './read-handlers';

export type ReportHandlers = Pick<ApiHandlers, Exclude<keyof typeof reportContract, ReadOperation>>;

export function createReportHandlers(ctx: HandlerContext): ReportHandlers {
  const settings = ctx.settings ?? DEFAULT_DOMAIN_SETTINGS;
  const now = () => ctx.clock.now().toISOString();
  const jobs = exportJobsOf(ctx.store, now, () => {
    removeStalePartFiles(exportsDir(ctx.app.dataDir));
  });

  /** Today's read context; the day's rollover (db/day/rollover.ts) has brought promises and summaries up to it. */
  const read = (): ReadContext => readContextOf(ctx.clock, () => userToday(ctx), settings);
  const env = (): ReportEnv => ({ sqlite: ctx.store.sqlite, settings, dataDir: ctx.app.dataDir, now: ctx.clock.now(), timeZone: userTimeZone(ctx.preferences), read });

  return {
    'report.exportStart': (input) => {
      const job = jobs.start(planExport(env(), input));
      return { jobId: job.id, fileName: job.fileName };
    },
    'report.exportStatus': ({ jobId }) => jobs.status(jobId),
    'report.exportCancel': ({ jobId }) => jobs.cancel(jobId),
    'report.reveal': ({ fileName }) => {
      const reveal = ctx.revealFile;
      if (reveal === undefined) throw refused('conflict', 'cannotOpenFolder', 'fileName');
      const path = join(exportsDir(ctx.app.dataDir), fileName);
      if (!existsSync(path)) throw refused('not_found', { key: 'exportFileNotFound', params: { fileName } }, 'fileName');
      reveal(path);
      return { revealed: true };
    },
  };
}
