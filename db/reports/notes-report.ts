/** The portfolio-notes export in its three shapes: a flat table (CSV, Excel) and a per-customer PDF report. */
import type BetterSqlite3 from 'better-sqlite3';
import type { CurrencyAging } from '../../shared/domain/aging';
import {
  CHANNEL_LABELS,
  DIRECTION_LABELS,
  DISPUTE_REASON_LABELS,
  DISPUTE_STATUS_LABELS,
  OUTCOME_LABELS,
  PROMISE_STATUS_LABELS,
} from '../../shared/domain/labels';
import { formatAmount } from '../../shared/domain/money';
import { REPORT_ENTRY_TYPE_LABELS } from '../../shared/domain/report-entries';
import { CurrencyAgingSchema } from '../../shared/api/schemas';
import { parseStoredArray } from '../queries/stored-values';
import { prepared } from '../statements';
import { minuteText, moneyText } from './describe';
import type { NoteEntry } from './notes-query';
import type { PdfColumn, PdfReport } from './pdf/pdf-report';
import type { ScopeCustomer } from './scope';
import { breathe, date, money, text, timestamp, type Cell, type Column, type TableSource, type WriteContext } from './table';

export type EntriesOf = (customerId: string) => Iterable<NoteEntry>;

export const NOTES_COLUMNS: readonly Column[] = [
  { header: 'Customer number', width: 14 },
  { header: 'Customer name', width: 30 },
  { header: 'Collector', width: 18 },
  { header: 'Date and time (UTC)', width: 17 },
  { header: 'Type', width: 14 },
  { header: 'Channel', width: 10 },
  { header: 'Direction', width: 10 },
  { header: 'Outcome', width: 22 },
  { header: 'Contact person', width: 22 },
  { header: 'Text', width: 60 },
  { header: 'Amount', width: 16 },
  { header: 'Currency', width: 9 },
  { header: 'Promised date', width: 13 },
  { header: 'Promise status', width: 15 },
  { header: 'Dispute reason', width: 20 },
  { header: 'Dispute status', width: 14 },
  { header: 'User', width: 18 },
];

const label = <K extends string>(labels: Readonly<Record<K, string>>, key: K | null): string | null => (key === null ? null : labels[key]);

export function noteCells(customer: ScopeCustomer, entry: NoteEntry): Cell[] {
  return [
    text(customer.number),
    text(customer.name),
    text(customer.collectorName),
    timestamp(entry.at),
    text(REPORT_ENTRY_TYPE_LABELS[entry.type]),
    text(label(CHANNEL_LABELS, entry.channel)),
    text(label(DIRECTION_LABELS, entry.direction)),
    text(label(OUTCOME_LABELS, entry.outcome)),
    text(entry.contactPerson),
    text(entry.text),
    money(entry.amountMinor, entry.currency),
    text(entry.currency),
    date(entry.promisedDate),
    text(label(PROMISE_STATUS_LABELS, entry.promiseStatus)),
    text(label(DISPUTE_REASON_LABELS, entry.disputeReason)),
    text(label(DISPUTE_STATUS_LABELS, entry.disputeStatus)),
    text(entry.user),
  ];
}

export function notesTable(customers: readonly ScopeCustomer[], entriesOf: EntriesOf, sheetName: string): TableSource {
  return {
    sheetName,
    columns: NOTES_COLUMNS,
    groups: customers.map((customer) => ({
      name: `${customer.number} ${customer.name}`,
      rows: function* () {
        for (const entry of entriesOf(customer.id)) yield noteCells(customer, entry);
      },
    })),
  };
}

// ---------- PDF ----------

const PDF_COLUMNS: readonly PdfColumn[] = [
  { header: 'Date (UTC)', share: 0.1 },
  { header: 'Type', share: 0.09 },
  { header: 'Channel / outcome / status', share: 0.15 },
  { header: 'Contact / user', share: 0.14 },
  { header: 'Text', share: 0.38 },
  { header: 'Amount', share: 0.14, align: 'right' },
];

function pdfRow(entry: NoteEntry): string[] {
  const parts: string[] = [];
  if (entry.type === 'contact') {
    parts.push([label(CHANNEL_LABELS, entry.channel), label(DIRECTION_LABELS, entry.direction)].filter(Boolean).join(', '));
    if (entry.outcome) parts.push(OUTCOME_LABELS[entry.outcome]);
  } else if (entry.type === 'promise') {
    if (entry.promisedDate) parts.push(`due ${entry.promisedDate}`);
    if (entry.promiseStatus) parts.push(PROMISE_STATUS_LABELS[entry.promiseStatus]);
  } else if (entry.type === 'dispute') {
    if (entry.disputeReason) parts.push(DISPUTE_REASON_LABELS[entry.disputeReason]);
    if (entry.disputeStatus) parts.push(DISPUTE_STATUS_LABELS[entry.disputeStatus]);
  }
  const who = [entry.contactPerson, entry.user ? `by ${entry.user}` : null].filter(Boolean).join('\n');
  const amount = entry.amountMinor !== null && entry.currency !== null ? moneyText(entry.amountMinor, entry.currency) : '';
  return [minuteText(entry.at), REPORT_ENTRY_TYPE_LABELS[entry.type], parts.join('\n'), who, entry.text, amount];
}

interface SummaryRow {
  open_minor: number;
  aging_json: string;
  as_of: string;
}

/** Balances and aging of every currency the customer has, from its summary (as of the summary's date). */
function customerAging(sqlite: BetterSqlite3.Database, customerId: string): { asOf: string; aging: CurrencyAging[] } | null {
  const row = prepared<[string], SummaryRow>(sqlite, 'SELECT open_minor, aging_json, as_of FROM customer_summary WHERE customer_id = ?').get(customerId);
  if (!row) return null;
  return { asOf: row.as_of, aging: parseStoredArray(row.aging_json, CurrencyAgingSchema) };
}

function customerHeader(report: PdfReport, sqlite: BetterSqlite3.Database, customer: ScopeCustomer): void {
  report.ensureSpace(90);
  report.heading(`${customer.number} ${customer.name}`, 11);
  report.line(`Collector: ${customer.collectorName ?? 'none'}`, { color: '#333333' });
  const summary = customerAging(sqlite, customer.id);
  if (!summary || summary.aging.length === 0) {
    report.line('No open items.', { color: '#333333' });
    report.gap(0.3);
    return;
  }
  for (const entry of summary.aging) {
    const { currency } = entry;
    report.line(
      `${currency}: open ${moneyText(entry.totalMinor, currency)} · overdue ${moneyText(entry.overdueMinor, currency)} · disputed ${moneyText(entry.disputedMinor, currency)} (as of ${summary.asOf})`,
      { bold: true },
    );
    const unapplied = entry.unappliedMinor === 0 ? [] : [`unapplied cash: ${formatAmount(entry.unappliedMinor, currency)}`];
    report.line([...entry.buckets.map((bucket) => `${bucket.label}: ${formatAmount(bucket.amountMinor, currency)}`), ...unapplied].join('   '), { color: '#333333' });
  }
  report.gap(0.3);
}

/** Per customer with entries: a header with balances and aging, then the dated notes, promises and disputes. */
export async function fillNotesPdf(
  report: PdfReport,
  sqlite: BetterSqlite3.Database,
  customers: readonly ScopeCustomer[],
  entriesOf: EntriesOf,
  ctx: WriteContext,
): Promise<void> {
  let rows = 0;
  for (const customer of customers) {
    // One customer's history is bounded (hundreds of rows); holding it lets an empty customer be skipped whole.
    const entries = [...entriesOf(customer.id)];
    if (entries.length > 0) {
      customerHeader(report, sqlite, customer);
      report.beginTable(PDF_COLUMNS, `${customer.number} ${customer.name}`);
      for (const entry of entries) report.row(pdfRow(entry));
      report.endTable();
      rows += entries.length;
      ctx.progress(rows);
    }
    await breathe(ctx.signal);
  }
  if (rows === 0) report.line('No entries match the filters.');
}
