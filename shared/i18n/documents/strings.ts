/**
 * Every word the exported documents print (CSV and Excel headers and labels, the PDFs' titles,
 * headings, column headers, footers, filter lines and statement texts), as one typed catalog per
 * language. Texts with values are functions, so each language puts the values where its grammar
 * wants them and picks its own plural. Values arrive formatted (amounts and dates in the document's
 * locale: ./format.ts); the catalog formats nothing but counts.
 */
import type { z } from 'zod';
import type { WorklistFiltersSchema } from '../../api/schemas';
import type { Channel, Direction, DisputeReason, DisputeStatus, ItemKind, Outcome, PromiseStatus, RiskClass } from '../../domain/codes';
import type { ReportEntryType } from '../../domain/report-entries';

export type WorklistFilterKey = keyof z.output<typeof WorklistFiltersSchema>;

type Labels<K extends string> = Readonly<Record<K, string>>;

export interface DocumentStrings {
  /**
   * English documents keep ISO 8601 dates (2026-11-23), as they always have; the others write the
   * numeric date of their locale (23.11.2026, 23/11/2026, 2026/11/23).
   */
  readonly isoDates: boolean;

  /** The codes' labels, wherever a document prints a code. */
  readonly labels: {
    readonly entryType: Labels<ReportEntryType>;
    readonly channel: Labels<Channel>;
    readonly direction: Labels<Direction>;
    readonly outcome: Labels<Outcome>;
    readonly promiseStatus: Labels<PromiseStatus>;
    readonly disputeReason: Labels<DisputeReason>;
    readonly disputeStatus: Labels<DisputeStatus>;
    readonly itemKind: Labels<ItemKind>;
    /** The first aging bucket, items not yet due; the others are day ranges in digits ("1–30", ">120"). */
    readonly currentBucket: string;
  };

  /** Header and footer of every PDF page. */
  readonly page: {
    /** `when` is the print date and time with the zone: "2026-11-23 10:00 Europe/Berlin". */
    readonly printed: (when: string) => string;
    readonly pageOf: (page: number) => string;
    /** Above a table's repeated header row on a new page: the customer's or collector's name. */
    readonly continued: (caption: string) => string;
  };

  readonly lists: {
    /** The values in a row: "Phone, Email". */
    readonly join: (values: readonly string[]) => string;
    /** The first values and how many were left out: "A, B, C, D and 2 more". */
    readonly joinWithMore: (shown: readonly string[], more: number) => string;
  };

  /** The filter line under every PDF's title. */
  readonly filters: {
    /** Between the parts of the filter line. */
    readonly separator: string;
    readonly allCustomers: string;
    /** `names` is already a list (lists.join / joinWithMore). */
    readonly collectors: (names: string) => string;
    readonly customers: (count: number) => string;
    /** `parts` is already a list of worklistFilter() and search() texts. */
    readonly worklist: (parts: string) => string;
    readonly wholeWorklist: string;
    /** One filter of the worklist: its name and its values ("countries PL/DE"). */
    readonly worklistFilter: (name: string, values: string) => string;
    readonly worklistFilterNames: Labels<WorklistFilterKey>;
    readonly riskClass: Labels<RiskClass>;
    /** A yes-or-no worklist filter's value. */
    readonly yes: string;
    readonly no: string;
    readonly search: (text: string) => string;
    readonly onDate: (date: string) => string;
    readonly dateRange: (from: string, to: string) => string;
    readonly fromDate: (date: string) => string;
    readonly untilDate: (date: string) => string;
    readonly allDates: string;
    /** `list` is already a list of labels. */
    readonly types: (list: string) => string;
    readonly allTypes: string;
    readonly channels: (list: string) => string;
    readonly outcomes: (list: string) => string;
  };

  /** The portfolio-notes export. */
  readonly notes: {
    readonly title: string;
    /** The worksheet of the whole export (a sheet per customer is named after the customer). */
    readonly sheetName: string;
    /** CSV and Excel. */
    readonly columns: {
      readonly customerNumber: string;
      readonly customerName: string;
      readonly collector: string;
      readonly dateTime: string;
      readonly type: string;
      readonly channel: string;
      readonly direction: string;
      readonly outcome: string;
      readonly contactPerson: string;
      readonly text: string;
      readonly amount: string;
      readonly currency: string;
      readonly promisedDate: string;
      readonly promiseStatus: string;
      readonly disputeReason: string;
      readonly disputeStatus: string;
      readonly user: string;
    };
    readonly pdfColumns: {
      readonly date: string;
      readonly type: string;
      readonly details: string;
      readonly who: string;
      readonly text: string;
      readonly amount: string;
    };
    /** `name` null: the customer has no collector. */
    readonly collector: (name: string | null) => string;
    readonly noOpenItems: string;
    /** Amounts with their currency code ("EUR 250.00"); `asOf` is the date of the customer's summary. */
    readonly balances: (values: { currency: string; open: string; overdue: string; disputed: string; asOf: string }) => string;
    readonly unappliedCash: (amount: string) => string;
    readonly bucketAmount: (bucket: string, amount: string) => string;
    readonly promisedFor: (date: string) => string;
    readonly recordedBy: (user: string) => string;
    readonly noEntries: string;
  };

  /** The aging report. */
  readonly aging: {
    readonly title: (asOf: string) => string;
    /** Excel's limit is 31 characters: the name plus a date (10) must stay within it. */
    readonly sheetName: (asOf: string) => string;
    readonly currencies: (list: string) => string;
    readonly allCurrencies: string;
    readonly bucketsByDueDate: string;
    readonly bucketsByDocumentDate: string;
    /** CSV and Excel; the bucket columns are named by the buckets. */
    readonly columns: {
      readonly collector: string;
      readonly customerNumber: string;
      readonly customerName: string;
      readonly currency: string;
      readonly unappliedCash: string;
      readonly total: string;
      readonly overdue: string;
    };
    readonly pdfColumns: {
      readonly customer: string;
      readonly name: string;
      readonly currency: string;
      readonly unapplied: string;
      readonly total: string;
    };
    readonly noCollector: string;
    readonly collectorTotal: (collector: string) => string;
    readonly total: string;
    /** The group of the grand totals. */
    readonly totalsGroup: string;
    readonly totalsPerCurrency: string;
    readonly noOpenItems: string;
  };

  /** The customer statement. */
  readonly statement: {
    /** Who sends it, when the caller names no issuer. */
    readonly defaultIssuer: string;
    readonly title: (customerName: string) => string;
    readonly filters: (customerNumber: string, date: string) => string;
    readonly heading: string;
    readonly statementDate: (date: string) => string;
    readonly attention: (contact: string, email: string | null) => string;
    readonly customerLine: (customer: { number: string; country: string; paymentTerms: string }) => string;
    readonly nothingOpen: (date: string) => string;
    readonly openItemsIn: (currency: string) => string;
    readonly columns: {
      readonly document: string;
      readonly type: string;
      readonly reference: string;
      readonly documentDate: string;
      readonly dueDate: string;
      readonly daysOverdue: string;
      readonly amount: string;
      readonly openAmount: string;
    };
    /** Under an item's open amount: the part of it the customer disputes. */
    readonly disputedPart: (amount: string) => string;
    readonly total: string;
    readonly unappliedCash: string;
    /** Amounts with their currency code; `disputed` null when nothing is disputed. */
    readonly balance: (values: { balance: string; overdue: string; disputed: string | null }) => string;
    readonly closing: string;
  };
}
