/** The customer statement: one customer's open items as of a date with aging and balances per currency, as a PDF to send. */
import type BetterSqlite3 from 'better-sqlite3';
import { refused } from '../../shared/i18n/refusals';
import { ageItems, daysPastDue, isUnappliedCash, type AgingConfig, type CurrencyAging } from '../../shared/domain/aging';
import type { ItemKind } from '../../shared/domain/codes';
import type { DocumentLanguage, DocumentStrings } from '../../shared/i18n/documents';
import { prepared } from '../statements';
import type { PdfColumn, PdfReport } from './pdf/pdf-report';

export interface Issuer {
  readonly name: string;
  readonly lines: readonly string[];
}

export interface StatementItem {
  readonly documentNumber: string;
  readonly kind: ItemKind;
  readonly reference: string | null;
  readonly documentDate: string;
  readonly dueDate: string;
  readonly currency: string;
  readonly originalMinor: number;
  readonly openMinor: number;
  readonly disputedMinor: number;
  readonly daysOverdue: number;
}

export interface Statement {
  readonly asOf: string;
  readonly customer: {
    readonly number: string;
    readonly name: string;
    readonly country: string;
    readonly paymentTerms: string;
    readonly contact: string | null;
    readonly email: string | null;
    /**
     * The languages to write to them in, in order: the addressee's, the customer's, the default of the
     * customer's team (shared/i18n/languages.ts addresseeLanguage; the user's comes after them).
     */
    readonly languages: readonly (string | null)[];
  };
  readonly items: readonly StatementItem[];
  readonly aging: readonly CurrencyAging[];
}

interface CustomerRow {
  number: string;
  name: string;
  country: string;
  payment_terms: string;
  contact: string | null;
  email: string | null;
  language: string | null;
  contact_language: string | null;
  team_language: string | null;
}

interface ItemRow {
  document_number: string;
  kind: ItemKind;
  reference: string | null;
  document_date: string;
  due_date: string;
  currency: string;
  original_minor: number;
  open_minor: number;
  disputed_minor: number;
}

// The addressee: the primary contact person, else the first one recorded. The team's language from the directory (db/sync/directory.ts).
const CUSTOMER = `SELECT c.number, c.name, c.country, c.payment_terms, c.language,
    (SELECT t.language FROM teams t WHERE t.id = c.team_id) AS team_language,
    (SELECT cp.name FROM contact_persons cp WHERE cp.customer_id = c.id ORDER BY cp.is_primary DESC, cp.created_at, cp.id LIMIT 1) AS contact,
    (SELECT cp.email FROM contact_persons cp WHERE cp.customer_id = c.id ORDER BY cp.is_primary DESC, cp.created_at, cp.id LIMIT 1) AS email,
    (SELECT cp.language FROM contact_persons cp WHERE cp.customer_id = c.id ORDER BY cp.is_primary DESC, cp.created_at, cp.id LIMIT 1) AS contact_language
  FROM customers c WHERE c.id = ?`;

/** Same rule as the aging report: issued by the date, open amount then = open now + clearings after the date. */
const ITEMS = `SELECT i.document_number, i.kind, i.reference, i.document_date, i.due_date, i.currency, i.original_minor, i.disputed_minor,
    i.open_minor + coalesce((SELECT sum(cl.amount_minor) FROM clearings cl WHERE cl.open_item_id = i.id AND cl.cleared_on > @asOf), 0) AS open_minor
  FROM open_items i
  WHERE i.customer_id = @customer AND i.document_date <= @asOf
    AND (i.open_minor <> 0 OR EXISTS (SELECT 1 FROM clearings cl WHERE cl.open_item_id = i.id AND cl.cleared_on > @asOf))
  ORDER BY i.currency, i.due_date, i.document_number`;

export function loadStatement(sqlite: BetterSqlite3.Database, customerId: string, asOf: string, config: AgingConfig): Statement {
  const customer = prepared<[string], CustomerRow>(sqlite, CUSTOMER).get(customerId);
  if (!customer) throw refused('not_found', { key: 'customerNotFound', params: { id: customerId } }, 'filter.customerId');
  const items = prepared<[Record<string, string>], ItemRow>(sqlite, ITEMS)
    .all({ customer: customerId, asOf })
    .filter((row) => row.open_minor !== 0)
    .map((row) => ({
      documentNumber: row.document_number,
      kind: row.kind,
      reference: row.reference,
      documentDate: row.document_date,
      dueDate: row.due_date,
      currency: row.currency,
      originalMinor: row.original_minor,
      openMinor: row.open_minor,
      disputedMinor: Math.min(row.disputed_minor, Math.max(0, row.open_minor)),
      // The customer's own payment, not yet applied, is overdue for nobody.
      daysOverdue: isUnappliedCash(row) ? 0 : Math.max(0, daysPastDue({ dueDate: row.due_date, documentDate: row.document_date }, asOf, 'due_date')),
    }));
  return {
    asOf,
    customer: { number: customer.number, name: customer.name, country: customer.country, paymentTerms: customer.payment_terms, contact: customer.contact,
      email: customer.email,
      languages: [customer.contact_language, customer.language, customer.team_language],
    },
    items,
    aging: ageItems(items, asOf, config),
  };
}

function itemColumns(strings: DocumentStrings): PdfColumn[] {
  const header = strings.statement.columns;
  return [
    { header: header.document, share: 0.14 },
    // Wide enough for "Credit memo" and "Payment on account" in Noto Sans, which runs wider than Helvetica did.
    { header: header.type, share: 0.14, fits: Object.values(strings.labels.itemKind) },
    { header: header.reference, share: 0.115 },
    { header: header.documentDate, share: 0.105 },
    { header: header.dueDate, share: 0.105 },
    { header: header.daysOverdue, share: 0.09, align: 'right' },
    { header: header.amount, share: 0.13, align: 'right' },
    // "700.00 (500.00 disputed)" on one line.
    { header: header.openAmount, share: 0.175, align: 'right' },
  ];
}

/** The statement in the document's language: its words, amounts and dates. */
export function fillStatementPdf(pdf: PdfReport, statement: Statement, issuer: Issuer, doc: DocumentLanguage): void {
  const { customer } = statement;
  const words = doc.strings.statement;
  const asOf = doc.date(statement.asOf);
  pdf.line(issuer.name, { bold: true, size: 14 });
  for (const line of issuer.lines) pdf.line(line, { color: '#333333' });
  pdf.gap(1);
  pdf.line(words.heading, { bold: true, size: 16 });
  pdf.line(words.statementDate(asOf));
  pdf.gap(0.8);
  pdf.line(customer.name, { bold: true, size: 11 });
  if (customer.contact) pdf.line(words.attention(customer.contact, customer.email));
  pdf.line(words.customerLine({ number: customer.number, country: customer.country, paymentTerms: customer.paymentTerms }));
  pdf.gap(1);

  if (statement.items.length === 0) {
    pdf.line(words.nothingOpen(asOf));
    return;
  }
  const columns = itemColumns(doc.strings);
  for (const aging of statement.aging) {
    const { currency } = aging;
    pdf.heading(words.openItemsIn(currency), 11);
    pdf.beginTable(columns, words.openItemsIn(currency));
    for (const item of statement.items.filter((entry) => entry.currency === currency)) {
      const disputed = item.disputedMinor > 0 ? `\n${words.disputedPart(doc.amount(item.disputedMinor, currency))}` : '';
      pdf.row([
        item.documentNumber,
        doc.strings.labels.itemKind[item.kind],
        item.reference ?? '',
        doc.date(item.documentDate),
        doc.date(item.dueDate),
        item.daysOverdue > 0 ? String(item.daysOverdue) : '',
        doc.amount(item.originalMinor, currency),
        doc.amount(item.openMinor, currency) + disputed,
      ]);
    }
    pdf.row([words.total, '', '', '', '', '', '', doc.money(aging.totalMinor, currency)], 'total');
    pdf.endTable();

    // Cash on account is applied to no invoice, so it is aged in no bucket: a column of its own keeps the row adding up to the balance.
    const unapplied = aging.unappliedMinor !== 0;
    const bucketShare = 1 / (aging.buckets.length + (unapplied ? 1 : 0));
    pdf.beginTable([
      ...aging.buckets.map((bucket) => ({ header: doc.bucketLabel(bucket), share: bucketShare, align: 'right' as const })),
      ...(unapplied ? [{ header: words.unappliedCash, share: bucketShare, align: 'right' as const }] : []),
    ]);
    pdf.row([...aging.buckets.map((bucket) => doc.amount(bucket.amountMinor, currency)), ...(unapplied ? [doc.amount(aging.unappliedMinor, currency)] : [])]);
    pdf.endTable();
    pdf.line(
      words.balance({
        balance: doc.money(aging.totalMinor, currency),
        overdue: doc.money(aging.overdueMinor, currency),
        disputed: aging.disputedMinor > 0 ? doc.money(aging.disputedMinor, currency) : null,
      }),
      { bold: true },
    );
    pdf.gap(0.8);
  }
  pdf.gap(0.5);
  pdf.line(words.closing, { color: '#333333' });
}
