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
import { documentLanguage, type DocumentLanguage, type DocumentStrings } from '../../shared/i18n/documents';
import { addresseeLanguage } from '../../shared/i18n/languages';
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
export const defaultIssuer = (strings: DocumentStrings): Issuer => ({ name: strings.statement.defaultIssuer, lines: [] });

function writeTable(path: string, format: Exclude<ReportFormat, 'pdf'>, table: TableSource, options: { bom: boolean; sheetPerGroup: boolean }, ctx: WriteContext) {
  return format === 'csv' ? writeCsv(path, table, { bom: options.bom }, ctx) : writeXlsx(path, table, { sheetPerGroup: options.sheetPerGroup }, ctx);
}

export function planExport(env: ReportEnv, input: ExportStart): ExportPlan {
  const { sqlite, now } = env;
  const today = calendarDayIn(now, env.timeZone);
  // The document's language: its words, and in a PDF its amounts and dates. File names stay as they are.
  const doc = documentLanguage(input.language);
  const { strings } = doc;
  const wallClock = wallClockIn(now, env.timeZone);
  // "2026-11-23 10:00 Europe/Berlin", the date written the language's way.
  const printedIn = (language: DocumentLanguage): string => `${language.date(wallClock.slice(0, 10))}${wallClock.slice(10)}`;
  const printed = printedIn(doc);
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
      const frame: PdfFrame = { title: strings.notes.title, filters: describeNotesFilter(sqlite, filter, doc), printed, words: strings.page, layout: 'landscape' };
      return {
        ...base,
        fileName: name(['portfolio-notes', `${filter.from ?? 'start'}-to-${filter.to ?? today}`]),
        total,
        run: (path, ctx) =>
          format === 'pdf'
            ? writePdf(path, frame, ctx, (pdf) => fillNotesPdf(pdf, sqlite, customers, entriesOf, ctx, doc))
            : writeTable(path, format, notesTable(customers, entriesOf, strings), { bom: options.bom, sheetPerGroup: options.sheetPerCustomer }, ctx),
      };
    }
    case 'aging': {
      const { filter, options, format } = input;
      const asOf = filter.asOf ?? today;
      const customers = resolveScope(sqlite, filter.scope, env.read, 'filter.scope');
      const report = agingReport(sqlite, customers, asOf, env.settings.aging, filter.currencies);
      const words = strings.aging;
      const frame: PdfFrame = {
        title: words.title(doc.date(asOf)),
        filters: [
          describeScope(sqlite, filter.scope, strings),
          filter.currencies ? words.currencies(strings.lists.join(filter.currencies)) : words.allCurrencies,
          report.basis === 'due_date' ? words.bucketsByDueDate : words.bucketsByDocumentDate,
        ].join(strings.filters.separator),
        printed,
        words: strings.page,
        layout: 'landscape',
      };
      return {
        ...base,
        fileName: name(['aging', asOf]),
        // The tables also carry a subtotal row per collector and currency and a grand total per currency.
        total: format === 'pdf' ? report.rows.length : report.rows.length + report.collectorTotals.length + report.totals.length,
        run: (path, ctx) =>
          format === 'pdf'
            ? writePdf(path, frame, ctx, (pdf) => fillAgingPdf(pdf, report, ctx, doc))
            : writeTable(path, format, agingTable(report, doc), { bom: options.bom, sheetPerGroup: false }, ctx),
      };
    }
    case 'statement': {
      const asOf = input.filter.asOf ?? today;
      const statement = loadStatement(sqlite, input.filter.customerId, asOf, env.settings.aging);
      // Addressed to the customer: in the addressee's, the customer's or its team's language where it has a translation, else the user's.
      const letter = documentLanguage(addresseeLanguage(statement.customer.languages, input.language));
      const frame: PdfFrame = {
        title: letter.strings.statement.title(statement.customer.name),
        filters: letter.strings.statement.filters(statement.customer.number, letter.date(asOf)),
        printed: printedIn(letter),
        words: letter.strings.page,
        layout: 'portrait',
      };
      return {
        ...base,
        fileName: name(['statement', statement.customer.number, asOf]),
        total: statement.items.length,
        run: (path, ctx) =>
          writePdf(path, frame, ctx, (pdf) => {
            fillStatementPdf(pdf, statement, input.options.issuer ?? defaultIssuer(letter.strings), letter);
            ctx.progress(statement.items.length);
            return Promise.resolve();
          }),
      };
    }
  }
}
