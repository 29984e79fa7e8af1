import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../db/demo/seed';
import { createHandlers } from '../../../db/handlers/create-handlers';
import { exportJobsOf } from '../../../db/reports/export-jobs';
import { exportsDir } from '../../../db/reports/file-names';
import { writeCsv } from '../../../db/reports/csv-writer';
import { customerNotes } from '../../../db/reports/notes-query';
import { fillNotesPdf, notesTable } from '../../../db/reports/notes-report';
import { writePdf } from '../../../db/reports/pdf/write-pdf';
import { resolveScope } from '../../../db/reports/scope';
import { writeXlsx } from '../../../db/reports/xlsx-writer';
import { NotesFilterSchema } from '../../../shared/api/report-contract';
import { documentLanguage } from '../../../shared/i18n/documents';
import { createMemoryLogger } from '../../../electron/app/memory-logger';
import { createWebApp } from '../../../electron/web/server';
import { expectError } from '../collector/fixture';
import { createTestApi, TEST_AS_OF, type TestApi } from '../../support/test-api';
import { parseCsv } from './read-back';

let api: TestApi;
let folder: string;

beforeAll(async () => {
  api = await createTestApi();
  await seedDemo(api.store, { size: 'small', seed: 1, asOf: TEST_AS_OF });
  folder = exportsDir(api.dir);
});
afterAll(async () => {
  await api.cleanup();
});

const settled = (jobId: string) => exportJobsOf(api.store, () => api.clock.now().toISOString()).settled(jobId);

/** Waits for the job to have written some rows, letting it run between polls. */
async function someRowsWritten(jobId: string): Promise<number> {
  for (;;) {
    const status = await api.call('report.exportStatus', { jobId });
    if (status.state !== 'running') throw new Error(`the job ended (${status.state}) before it could be cancelled`);
    if (status.rows > 0) return status.rows;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

describe('export jobs on the small demo portfolio', () => {
  it('run in the background, report progress and finish with every counted row', async () => {
    const { count } = await api.call('report.notesCount', {});
    const { jobId, fileName } = await api.call('report.exportStart', { kind: 'notes', format: 'csv' });
    const first = await api.call('report.exportStatus', { jobId });
    expect(first).toMatchObject({ jobId, kind: 'notes', format: 'csv', state: 'running', total: count, fileName, error: null, finishedAt: null });
    expect(first.percent).toBeLessThan(100);
    // Other calls are served while the export runs.
    await someRowsWritten(jobId);
    expect((await api.call('worklist.query', {})).rows.length).toBeGreaterThan(0);
    const done = await settled(jobId);
    expect(done).toMatchObject({ state: 'done', rows: count, total: count, percent: 100, finishedAt: '2026-11-23T09:00:00.000Z' });
    const [, ...rows] = parseCsv(readFileSync(join(folder, fileName), 'utf8'));
    expect(rows).toHaveLength(count);
    const numbers = rows.map((row) => row[0] ?? '');
    expect(numbers).toEqual([...numbers].sort());
  });

  it.each(['xlsx', 'pdf'] as const)('cancelled midway as %s, leave no file and no part file behind', async (format) => {
    const { jobId, fileName } = await api.call('report.exportStart', { kind: 'notes', format });
    const rows = await someRowsWritten(jobId);
    const cancelled = await api.call('report.exportCancel', { jobId });
    expect(cancelled).toMatchObject({ state: 'cancelled', error: null });
    expect(cancelled.rows).toBeGreaterThanOrEqual(rows);
    expect(cancelled.percent).toBeLessThan(100);
    expect(readdirSync(folder).filter((name) => name.startsWith(fileName))).toEqual([]);
  });

  it.each(['csv', 'xlsx', 'pdf'] as const)('a %s writer aborted midway deletes its part file', async (format) => {
    const filter = NotesFilterSchema.parse({});
    const customers = resolveScope(api.store.sqlite, filter.scope, () => {
      throw new Error('not a worklist scope');
    });
    const entriesOf = customerNotes(api.store.sqlite, filter);
    const path = join(folder, `aborted.${format}`);
    const controller = new AbortController();
    // Streams open their file asynchronously: cancel as soon as rows are written and the part file is there.
    const ctx = {
      signal: controller.signal,
      progress: (rows: number) => {
        if (rows > 0 && existsSync(`${path}.part`)) controller.abort();
      },
      unprintable: () => undefined,
    };
    const english = documentLanguage('en');
    const table = notesTable(customers, entriesOf, english.strings);
    const frame = { title: 'Portfolio notes', filters: 'all', printed: 'now', words: english.strings.page, layout: 'landscape' } as const;
    const run =
      format === 'csv'
        ? writeCsv(path, table, { bom: false }, ctx)
        : format === 'xlsx'
          ? writeXlsx(path, table, { sheetPerGroup: false }, ctx)
          : writePdf(path, frame, ctx, (pdf) => fillNotesPdf(pdf, api.store.sqlite, customers, entriesOf, ctx, english));
    await expect(run).rejects.toThrow(/aborted/i);
    expect(controller.signal.aborted).toBe(true);
    expect(existsSync(path)).toBe(false);
    expect(existsSync(`${path}.part`)).toBe(false);
  });

  it('cancelled before the first row, leave nothing; a finished job is not undone by cancel', async () => {
    const { jobId, fileName } = await api.call('report.exportStart', { kind: 'aging', format: 'xlsx' });
    expect(await api.call('report.exportCancel', { jobId })).toMatchObject({ state: 'cancelled', rows: 0 });
    expect(readdirSync(folder).filter((name) => name.startsWith(fileName))).toEqual([]);

    const finished = await api.call('report.exportStart', { kind: 'aging', format: 'csv' });
    await settled(finished.jobId);
    expect(await api.call('report.exportCancel', { jobId: finished.jobId })).toMatchObject({ state: 'done', percent: 100 });
    expect(existsSync(join(folder, finished.fileName))).toBe(true);
  });

  it('a job that cannot write its file fails with the reason and leaves nothing', async () => {
    const { jobId, fileName } = await api.call('report.exportStart', { kind: 'aging', format: 'csv' });
    // The part file's name is taken by a directory, so opening it fails.
    mkdirSync(join(folder, `${fileName}.part`));
    const status = await settled(jobId);
    expect(status.state).toBe('failed');
    expect(status.error?.message).toMatch(/EISDIR|illegal operation on a directory/);
    // The system's own words, worded around in the user's language.
    expect(status.error).toMatchObject({ code: 'export_failed', reason: 'exportFileFailed', params: { failure: status.error?.message } });
    expect(existsSync(join(folder, fileName))).toBe(false);
  });

  it('answers not_found for an unknown job and names a malformed id', async () => {
    const unknown = '01900000-0000-7000-8000-000000000000';
    expect(expectError(await api.raw('report.exportStatus', { jobId: unknown }))).toMatchObject({ code: 'not_found', field: 'jobId' });
    expect(expectError(await api.raw('report.exportCancel', { jobId: 'x' }))).toMatchObject({ code: 'validation', field: 'jobId' });
  });

  it('aging totals equal the sum of the open items, per currency', async () => {
    const report = await api.call('report.aging', {});
    const sums = api.store.sqlite
      .prepare<[], { currency: string; total: number }>('SELECT currency, sum(open_minor) AS total FROM open_items WHERE open_minor <> 0 GROUP BY currency ORDER BY currency')
      .all();
    expect(report.totals.map((row) => ({ currency: row.currency, total: row.totalMinor }))).toEqual(sums);
    for (const total of report.totals) {
      // Unapplied cash is in the total and in no bucket.
      expect(total.buckets.reduce((sum, bucket) => sum + bucket.amountMinor, 0) + total.unappliedMinor).toBe(total.totalMinor);
      const perCustomer = report.rows.filter((row) => row.currency === total.currency).reduce((sum, row) => sum + row.totalMinor, 0);
      expect(perCustomer).toBe(total.totalMinor);
    }
  });
});

describe('part files of an earlier run', () => {
  it('are removed when the first report call of a process arrives; finished files stay', async () => {
    const fresh = await createTestApi();
    try {
      const exports = exportsDir(fresh.dir);
      mkdirSync(exports);
      writeFileSync(join(exports, 'aging_2026-11-20_20261120-080000_abcdef.xlsx.part'), 'half');
      writeFileSync(join(exports, 'aging_2026-11-19_20261119-080000_abcdef.xlsx'), 'whole');
      await fresh.call('report.notesCount', {});
      expect(readdirSync(exports)).toEqual(['aging_2026-11-19_20261119-080000_abcdef.xlsx']);
    } finally {
      await fresh.cleanup();
    }
  });
});

describe('GET /exports/:fileName (dev:web)', () => {
  let app: FastifyInstance;
  let fileName: string;
  const headers = { host: '127.0.0.1:5174', 'sec-fetch-site': 'same-origin' };

  beforeAll(async () => {
    app = await createWebApp({ handlers: createHandlers(api.ctx), staticRoot: null, logger: createMemoryLogger() });
    const started = await api.call('report.exportStart', { kind: 'aging', format: 'csv' });
    await settled(started.jobId);
    fileName = started.fileName;
  });
  afterAll(async () => {
    await app.close();
  });

  it('serves a finished export as an attachment', async () => {
    const response = await app.inject({ method: 'GET', url: `/exports/${fileName}`, headers });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe(`attachment; filename="${fileName}"`);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.body).toBe(readFileSync(join(folder, fileName), 'utf8'));
  });

  it('serves nothing outside the exports folder, no part files, no unknown names', async () => {
    writeFileSync(join(api.dir, 'secret.csv'), 'secret');
    writeFileSync(join(folder, 'half.csv.part'), 'half');
    for (const url of ['/exports/..%2Fsecret.csv', '/exports/%2E%2E%2Fsecret.csv', '/exports/..%5Csecret.csv', '/exports/half.csv.part', '/exports/missing.csv', '/exports/.hidden.csv', '/exports/ledgerline.db']) {
      const response = await app.inject({ method: 'GET', url, headers });
      expect(response.statusCode, url).toBe(404);
      expect(response.body).not.toContain('secret');
    }
    expect((await app.inject({ method: 'GET', url: '/exports/../secret.csv', headers })).body).not.toContain('secret');
  });

  it('refuses a cross-site or rebound request', async () => {
    expect((await app.inject({ method: 'GET', url: `/exports/${fileName}`, headers: { ...headers, 'sec-fetch-site': 'cross-site' } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: `/exports/${fileName}`, headers: { host: 'evil.example:5174' } })).statusCode).toBe(403);
  });
});
