/**
 * Turns a validated report.exportStart input into a job plan: the rows are counted and the scope
 * resolved now (so a bad customer id is an answer, not a failed job); the file is written later.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { z } from 'zod';
import type { ExportStartSchema } from '../../shared/api/report-contract';
import type { ReportFormat } from '../../shared/domain/report-entries';
import { calendarDayIn, wallClockIn } from '../../shared/domain/time-zone';
import type { ReadContext } from '../queries/worklist';
import type { DomainSettings } from '../summary/compute';
import { agingReport } from './aging-query';
import { agingTable, fillAgingPdf } from './aging-report';
import { writeCsv } from './csv-writer';
import { describeNotesFilter, describeScope } from './describe';
import type { ExportPlan } from './export-jobs';
import { exportFileName, exportsDir } from './file-names';
import { countNotes, customerNotes } from './notes-query';
import { fillNotesPdf, notesTable } from './notes-report';
import type { PdfFrame } from './pdf/pdf-report';
import { writePdf } from './pdf/write-pdf';
import { resolveScope } from './scope';
import { fillStatementPdf, loadStatement, type Issuer } from './statement';
import type { TableSource, WriteContext } from './table';
import { writeXlsx } from './xlsx-writer';

export type ExportStart = z.output<typeof ExportStartSchema>;

export interface ReportEnv {
  readonly sqlite: BetterSqlite3.Database;
  readonly settings: DomainSettings;
  readonly dataDir: string;
  readonly now: Date;
  /** The user's zone: the printed time and "today" are theirs. */
  readonly timeZone: string;
  /** Today's read context (summaries current); only called when a report needs it. */
  readonly read: () => ReadContext;
}

/** Until the app has company settings, a statement says who sends it only when the caller passes an issuer. */
export const DEFAULT_ISSUER: Issuer = { name: 'Accounts Receivable', lines: [] };


function writeTable(path: string, format: Exclude<ReportFormat, 'pdf'>, table: TableSource, options: { bom: boolean; sheetPerGroup: boolean }, ctx: WriteContext) {
  return format === 'csv' ? writeCsv(path, table, { bom: options.bom }, ctx) : writeXlsx(path, table, { sheetPerGroup: options.sheetPerGroup }, ctx);
}

export function planExport(env: ReportEnv, input: ExportStart): ExportPlan {
  const { sqlite, now } = env;
  const today = calendarDayIn(now, env.timeZone);
  const printed = wallClockIn(now, env.timeZone);
  const folder = exportsDir(env.dataDir);
  mkdirSync(folder, { recursive: true });
  const base = { kind: input.kind, format: input.format, filePath: (fileName: string) => join(folder, fileName) };
  const name = (parts: readonly string[]) => (jobId: string) => exportFileName(parts, now, jobId, input.format);

  switch (input.kind) {
    case 'notes': {
      const { filter, options, format } = input;
      const customers = resolveScope(sqlite, filter.scope, env.read, 'filter.scope');
      const total = countNotes(sqlite, filter, filter.scope.kind === 'all' ? null : customers.map((customer) => customer.id)).count;
      const entriesOf = customerNotes(sqlite, filter);
      const frame: PdfFrame = { title: 'Portfolio notes', filters: describeNotesFilter(sqlite, filter), printed, layout: 'landscape' };
      return {
        ...base,
        fileName: name(['portfolio-notes', `${filter.from ?? 'start'}-to-${filter.to ?? today}`]),
        total,
        run: (path, ctx) =>
          format === 'pdf'
            ? writePdf(path, frame, ctx, (pdf) => fillNotesPdf(pdf, sqlite, customers, entriesOf, ctx))
            : writeTable(path, format, notesTable(customers, entriesOf, 'Notes'), { bom: options.bom, sheetPerGroup: options.sheetPerCustomer }, ctx),
      };
    }
    case 'aging': {
      const { filter, options, format } = input;
      const asOf = filter.asOf ?? today;
      const customers = resolveScope(sqlite, filter.scope, env.read, 'filter.scope');
      const report = agingReport(sqlite, customers, asOf, env.settings.aging, filter.currencies);
      const basis = report.basis === 'due_date' ? 'days past the due date' : 'days since the document date';
      const frame: PdfFrame = {
        title: `Aging report as of ${asOf}`,
        filters: `${describeScope(sqlite, filter.scope)} · ${filter.currencies ? `currencies ${filter.currencies.join(', ')}` : 'all currencies'} · buckets by ${basis}`,
        printed,
        layout: 'landscape',
      };
      return {
        ...base,
        fileName: name(['aging', asOf]),
        // The tables also carry a subtotal row per collector and currency and a grand total per currency.
        total: format === 'pdf' ? report.rows.length : report.rows.length + report.collectorTotals.length + report.totals.length,
        run: (path, ctx) =>
          format === 'pdf'
            ? writePdf(path, frame, ctx, (pdf) => fillAgingPdf(pdf, report, ctx))
            : writeTable(path, format, agingTable(report), { bom: options.bom, sheetPerGroup: false }, ctx),
      };
    }
    case 'statement': {
      const asOf = input.filter.asOf ?? today;
      const statement = loadStatement(sqlite, input.filter.customerId, asOf, env.settings.aging);
      const frame: PdfFrame = {
        title: `Statement of account · ${statement.customer.name}`,
        filters: `Customer ${statement.customer.number} · statement date ${asOf}`,
        printed,
        layout: 'portrait',
      };
      return {
        ...base,
        fileName: name(['statement', statement.customer.number, asOf]),
        total: statement.items.length,
        run: (path, ctx) =>
          writePdf(path, frame, ctx, (pdf) => {
            fillStatementPdf(pdf, statement, input.options.issuer ?? DEFAULT_ISSUER);
            ctx.progress(statement.items.length);
            return Promise.resolve();
          }),
      };
    }
  }
}
