/** The portfolio-notes export in its three shapes: a flat table (CSV, Excel) and a per-customer PDF report. */
import type BetterSqlite3 from 'better-sqlite3';
import type { CurrencyAging } from '../../shared/domain/aging';
import { documentStrings, type DocumentLanguage, type DocumentStrings } from '../../shared/i18n/documents';
import { CurrencyAgingSchema } from '../../shared/api/schemas';
import { parseStoredArray } from '../queries/stored-values';
import { prepared } from '../statements';
import type { NoteEntry } from './notes-query';
import type { PdfColumn, PdfReport } from './pdf/pdf-report';
import type { ScopeCustomer } from './scope';
import { breathe, date, money, text, timestamp, type Cell, type Column, type TableSource, type WriteContext } from './table';

export type EntriesOf = (customerId: string) => Iterable<NoteEntry>;

/** CSV and Excel: the headers in the document's language. */
export function notesColumns(strings: DocumentStrings): Column[] {
  const header = strings.notes.columns;
  return [
    { header: header.customerNumber, width: 14 },
    { header: header.customerName, width: 30 },
    { header: header.collector, width: 18 },
    { header: header.dateTime, width: 17 },
    { header: header.type, width: 14 },
    { header: header.channel, width: 10 },
    { header: header.direction, width: 10 },
    { header: header.outcome, width: 22 },
    { header: header.contactPerson, width: 22 },
    { header: header.text, width: 60 },
    { header: header.amount, width: 16 },
    { header: header.currency, width: 9 },
    { header: header.promisedDate, width: 13 },
    { header: header.promiseStatus, width: 15 },
    { header: header.disputeReason, width: 20 },
    { header: header.disputeStatus, width: 14 },
    { header: header.user, width: 18 },
  ];
}

/** The English columns. */
export const NOTES_COLUMNS: readonly Column[] = notesColumns(documentStrings('en'));

const label = <K extends string>(labels: Readonly<Record<K, string>>, key: K | null): string | null => (key === null ? null : labels[key]);

/** Amounts and dates stay typed; the codes are written as the language's labels. */
export function noteCells(customer: ScopeCustomer, entry: NoteEntry, strings: DocumentStrings): Cell[] {
  const labels = strings.labels;
  return [
    text(customer.number),
    text(customer.name),
    text(customer.collectorName),
    timestamp(entry.at),
    text(labels.entryType[entry.type]),
    text(label(labels.channel, entry.channel)),
    text(label(labels.direction, entry.direction)),
    text(label(labels.outcome, entry.outcome)),
    text(entry.contactPerson),
    text(entry.text),
    money(entry.amountMinor, entry.currency),
    text(entry.currency),
    date(entry.promisedDate),
    text(label(labels.promiseStatus, entry.promiseStatus)),
    text(label(labels.disputeReason, entry.disputeReason)),
    text(label(labels.disputeStatus, entry.disputeStatus)),
    text(entry.user),
  ];
}

export function notesTable(customers: readonly ScopeCustomer[], entriesOf: EntriesOf, strings: DocumentStrings): TableSource {
  return {
    sheetName: strings.notes.sheetName,
    columns: notesColumns(strings),
    groups: customers.map((customer) => ({
      name: `${customer.number} ${customer.name}`,
      rows: function* () {
        for (const entry of entriesOf(customer.id)) yield noteCells(customer, entry, strings);
      },
    })),
  };
}

// ---------- PDF ----------

function pdfColumns(strings: DocumentStrings): PdfColumn[] {
  const header = strings.notes.pdfColumns;
  return [
    { header: header.date, share: 0.1 },
    { header: header.type, share: 0.09, fits: Object.values(strings.labels.entryType) },
    { header: header.details, share: 0.15 },
    { header: header.who, share: 0.14 },
    { header: header.text, share: 0.38 },
    { header: header.amount, share: 0.14, align: 'right' },
  ];
}

function pdfRow(entry: NoteEntry, doc: DocumentLanguage): string[] {
  const { labels, notes: words } = doc.strings;
  const parts: string[] = [];
  if (entry.type === 'contact') {
    parts.push(doc.strings.lists.join([label(labels.channel, entry.channel), label(labels.direction, entry.direction)].filter((part) => part !== null)));
    if (entry.outcome) parts.push(labels.outcome[entry.outcome]);
  } else if (entry.type === 'promise') {
    if (entry.promisedDate) parts.push(words.promisedFor(doc.date(entry.promisedDate)));
    if (entry.promiseStatus) parts.push(labels.promiseStatus[entry.promiseStatus]);
  } else if (entry.type === 'dispute') {
    if (entry.disputeReason) parts.push(labels.disputeReason[entry.disputeReason]);
    if (entry.disputeStatus) parts.push(labels.disputeStatus[entry.disputeStatus]);
  }
  const who = [entry.contactPerson, entry.user ? words.recordedBy(entry.user) : null].filter(Boolean).join('\n');
  const amount = entry.amountMinor !== null && entry.currency !== null ? doc.money(entry.amountMinor, entry.currency) : '';
  return [doc.minute(entry.at), labels.entryType[entry.type], parts.join('\n'), who, entry.text, amount];
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

function customerHeader(report: PdfReport, sqlite: BetterSqlite3.Database, customer: ScopeCustomer, doc: DocumentLanguage): void {
  const words = doc.strings.notes;
  report.ensureSpace(90);
  report.heading(`${customer.number} ${customer.name}`, 11);
  report.line(words.collector(customer.collectorName), { color: '#333333' });
  const summary = customerAging(sqlite, customer.id);
  if (!summary || summary.aging.length === 0) {
    report.line(words.noOpenItems, { color: '#333333' });
    report.gap(0.3);
    return;
  }
  for (const entry of summary.aging) {
    const { currency } = entry;
    report.line(
      words.balances({
        currency,
        open: doc.money(entry.totalMinor, currency),
        overdue: doc.money(entry.overdueMinor, currency),
        disputed: doc.money(entry.disputedMinor, currency),
        asOf: doc.date(summary.asOf),
      }),
      { bold: true },
    );
    const unapplied = entry.unappliedMinor === 0 ? [] : [words.unappliedCash(doc.amount(entry.unappliedMinor, currency))];
    report.line([...entry.buckets.map((bucket) => words.bucketAmount(doc.bucketLabel(bucket), doc.amount(bucket.amountMinor, currency))), ...unapplied].join('   '), {
      color: '#333333',
    });
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
  doc: DocumentLanguage,
): Promise<void> {
  const columns = pdfColumns(doc.strings);
  let rows = 0;
  for (const customer of customers) {
    // One customer's history is bounded (hundreds of rows); holding it lets an empty customer be skipped whole.
    const entries = [...entriesOf(customer.id)];
    if (entries.length > 0) {
      customerHeader(report, sqlite, customer, doc);
      report.beginTable(columns, `${customer.number} ${customer.name}`);
      for (const entry of entries) report.row(pdfRow(entry, doc));
      report.endTable();
      rows += entries.length;
      ctx.progress(rows);
    }
    await breathe(ctx.signal);
  }
  if (rows === 0) report.line(doc.strings.notes.noEntries);
}
