/** The aging report as a table (CSV, Excel: one sheet with collector subtotals and grand totals) and as a PDF, in the document's language. */
import type { DocumentLanguage, DocumentStrings } from '../../shared/i18n/documents';
import type { AgingReport, AgingReportRow } from './aging-query';
import type { PdfColumn, PdfReport } from './pdf/pdf-report';
import { breathe, money, text, type Cell, type Column, type TableGroup, type TableSource, type WriteContext } from './table';

type Amounts = AgingReport['totals'][number];

export function agingColumns(report: AgingReport, doc: DocumentLanguage): Column[] {
  const header = doc.strings.aging.columns;
  return [
    { header: header.collector, width: 20 },
    { header: header.customerNumber, width: 14 },
    { header: header.customerName, width: 30 },
    { header: header.currency, width: 9 },
    ...report.buckets.map((bucket) => ({ header: doc.bucketLabel(bucket), width: 15 })),
    { header: header.unappliedCash, width: 16 },
    { header: header.total, width: 16 },
    { header: header.overdue, width: 16 },
  ];
}

const amountCells = (amounts: Amounts): Cell[] => [
  text(amounts.currency),
  ...amounts.buckets.map((bucket) => money(bucket.amountMinor, amounts.currency)),
  money(amounts.unappliedMinor, amounts.currency),
  money(amounts.totalMinor, amounts.currency),
  money(amounts.overdueMinor, amounts.currency),
];

/** Rows of one collector, in report order: the groups follow the collectors. */
function collectorRuns(report: AgingReport): AgingReportRow[][] {
  const runs: AgingReportRow[][] = [];
  for (const row of report.rows) {
    const last = runs.at(-1);
    if (last?.[0]?.collectorId === row.collectorId) last.push(row);
    else runs.push([row]);
  }
  return runs;
}

const collectorLabel = (name: string | null, strings: DocumentStrings): string => name ?? strings.aging.noCollector;

/** Amounts and dates stay typed (machine-readable CSV, numbers in Excel); headers and the totals' words are the language's. */
export function agingTable(report: AgingReport, doc: DocumentLanguage): TableSource {
  const words = doc.strings.aging;
  const groups: TableGroup[] = collectorRuns(report).map((run) => {
    const collectorId = run[0]?.collectorId ?? null;
    const name = collectorLabel(run[0]?.collectorName ?? null, doc.strings);
    return {
      name,
      rows: function* () {
        for (const row of run) yield [text(name), text(row.customerNumber), text(row.customerName), ...amountCells(row)];
        for (const total of report.collectorTotals.filter((entry) => entry.collectorId === collectorId)) {
          yield [text(words.collectorTotal(name)), null, null, ...amountCells(total)];
        }
      },
    };
  });
  groups.push({
    name: words.totalsGroup,
    rows: function* () {
      for (const total of report.totals) yield [text(words.total), null, null, ...amountCells(total)];
    },
  });
  // The sheet's date stays ISO: a sheet name cannot hold the "/" some locales write dates with.
  return { sheetName: words.sheetName(report.asOf), columns: agingColumns(report, doc), groups };
}

function pdfColumns(report: AgingReport, doc: DocumentLanguage): PdfColumn[] {
  const header = doc.strings.aging.pdfColumns;
  const amountShare = 0.62 / (report.buckets.length + 2);
  return [
    { header: header.customer, share: 0.1 },
    { header: header.name, share: 0.22 },
    { header: header.currency, share: 0.06 },
    ...report.buckets.map((bucket) => ({ header: doc.bucketLabel(bucket), share: amountShare, align: 'right' as const })),
    { header: header.unapplied, share: amountShare, align: 'right' },
    { header: header.total, share: amountShare, align: 'right' },
  ];
}

const pdfAmounts = (amounts: Amounts, doc: DocumentLanguage): string[] => [
  amounts.currency,
  ...amounts.buckets.map((bucket) => doc.amount(bucket.amountMinor, amounts.currency)),
  doc.amount(amounts.unappliedMinor, amounts.currency),
  doc.amount(amounts.totalMinor, amounts.currency),
];

export async function fillAgingPdf(pdf: PdfReport, report: AgingReport, ctx: WriteContext, doc: DocumentLanguage): Promise<void> {
  const words = doc.strings.aging;
  const columns = pdfColumns(report, doc);
  let rows = 0;
  for (const run of collectorRuns(report)) {
    const collectorId = run[0]?.collectorId ?? null;
    const collector = collectorLabel(run[0]?.collectorName ?? null, doc.strings);
    pdf.heading(collector, 11);
    pdf.beginTable(columns, collector);
    for (const row of run) pdf.row([row.customerNumber, row.customerName, ...pdfAmounts(row, doc)]);
    for (const total of report.collectorTotals.filter((entry) => entry.collectorId === collectorId)) pdf.row([words.total, '', ...pdfAmounts(total, doc)], 'total');
    pdf.endTable();
    rows += run.length;
    ctx.progress(rows);
    await breathe(ctx.signal);
  }
  pdf.heading(words.totalsPerCurrency, 11);
  if (report.totals.length === 0) pdf.line(words.noOpenItems);
  else {
    pdf.beginTable(columns);
    for (const total of report.totals) pdf.row([words.total, '', ...pdfAmounts(total, doc)], 'total');
    pdf.endTable();
  }
}
