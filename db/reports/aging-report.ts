/** The aging report as a table (CSV, Excel: one sheet with collector subtotals and grand totals) and as a PDF. */
import { formatAmount } from '../../shared/domain/money';
import type { AgingReport, AgingReportRow } from './aging-query';
import type { PdfColumn, PdfReport } from './pdf/pdf-report';
import { breathe, money, text, type Cell, type Column, type TableGroup, type TableSource, type WriteContext } from './table';

type Amounts = AgingReport['totals'][number];

export function agingColumns(report: AgingReport): Column[] {
  return [
    { header: 'Collector', width: 20 },
    { header: 'Customer number', width: 14 },
    { header: 'Customer name', width: 30 },
    { header: 'Currency', width: 9 },
    ...report.buckets.map((bucket) => ({ header: bucket.label, width: 15 })),
    { header: 'Unapplied cash', width: 16 },
    { header: 'Total', width: 16 },
    { header: 'Overdue', width: 16 },
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

const collectorLabel = (name: string | null): string => name ?? 'No collector';

export function agingTable(report: AgingReport): TableSource {
  const groups: TableGroup[] = collectorRuns(report).map((run) => {
    const collectorId = run[0]?.collectorId ?? null;
    const name = collectorLabel(run[0]?.collectorName ?? null);
    return {
      name,
      rows: function* () {
        for (const row of run) yield [text(name), text(row.customerNumber), text(row.customerName), ...amountCells(row)];
        for (const total of report.collectorTotals.filter((entry) => entry.collectorId === collectorId)) {
          yield [text(`Total ${name}`), null, null, ...amountCells(total)];
        }
      },
    };
  });
  groups.push({
    name: 'Totals',
    rows: function* () {
      for (const total of report.totals) yield [text('Total'), null, null, ...amountCells(total)];
    },
  });
  return { sheetName: `Aging ${report.asOf}`, columns: agingColumns(report), groups };
}

function pdfColumns(report: AgingReport): PdfColumn[] {
  const amountShare = 0.62 / (report.buckets.length + 2);
  return [
    { header: 'Customer', share: 0.1 },
    { header: 'Name', share: 0.22 },
    { header: 'Currency', share: 0.06 },
    ...report.buckets.map((bucket) => ({ header: bucket.label, share: amountShare, align: 'right' as const })),
    { header: 'Unapplied', share: amountShare, align: 'right' },
    { header: 'Total', share: amountShare, align: 'right' },
  ];
}

const pdfAmounts = (amounts: Amounts): string[] => [
  amounts.currency,
  ...amounts.buckets.map((bucket) => formatAmount(bucket.amountMinor, amounts.currency)),
  formatAmount(amounts.unappliedMinor, amounts.currency),
  formatAmount(amounts.totalMinor, amounts.currency),
];

export async function fillAgingPdf(pdf: PdfReport, report: AgingReport, ctx: WriteContext): Promise<void> {
  const columns = pdfColumns(report);
  let rows = 0;
  for (const run of collectorRuns(report)) {
    const collectorId = run[0]?.collectorId ?? null;
    const collector = collectorLabel(run[0]?.collectorName ?? null);
    pdf.heading(collector, 11);
    pdf.beginTable(columns, collector);
    for (const row of run) pdf.row([row.customerNumber, row.customerName, ...pdfAmounts(row)]);
    for (const total of report.collectorTotals.filter((entry) => entry.collectorId === collectorId)) pdf.row(['Total', '', ...pdfAmounts(total)], 'total');
    pdf.endTable();
    rows += run.length;
    ctx.progress(rows);
    await breathe(ctx.signal);
  }
  pdf.heading('Totals per currency', 11);
  if (report.totals.length === 0) pdf.line('No open items.');
  else {
    pdf.beginTable(columns);
    for (const total of report.totals) pdf.row(['Total', '', ...pdfAmounts(total)], 'total');
    pdf.endTable();
  }
}
