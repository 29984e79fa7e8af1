/**
 * IBM's public accounts-receivable sample, read one CSV row into records of several entities at
 * once: a settled invoice is an item, a payment and the clearing between them.
 */
import { columnIndexes, readCsv, type CsvRow } from '../csv';
import { PLAIN_NUMBERS } from '../fields';
import { emptyBatch } from '../sources';
import type { RawRecord, SourceValue } from '../types';
import type { RowsPreset } from './preset';

const IBM_COLUMNS = ['countryCode', 'customerID', 'invoiceNumber', 'InvoiceDate', 'DueDate', 'InvoiceAmount', 'Disputed', 'SettledDate'] as const;
type IbmColumn = (typeof IBM_COLUMNS)[number];

/** A preset's own value, not read from the file; named so a report can still point at it. */
const constant = (value: string): SourceValue => ({ value, column: '(preset)' });
/** A key derived from a column: blank stays blank, so a missing invoice number is reported, not hidden behind a prefix. */
const prefixed = (prefix: string, source: SourceValue): SourceValue => {
  const text = typeof source.value === 'string' ? source.value.trim() : '';
  return { value: text === '' ? '' : `${prefix}${text}`, column: source.column };
};

/**
 * IBM's public accounts-receivable sample: one settled invoice per row. Its countryCode values
 * (391, 406, 770, 818, 897) are not ISO 3166 numeric codes, so they are kept as
 * `erpCountryCode` and the ISO country is the preset default, US. The file names no currency;
 * every amount is taken as USD.
 * The file has no customer names or payment terms; every due date is 30 days after the
 * invoice date, hence NET30. PaperlessDate and PaperlessBill are not imported;
 * DaysToSettle and DaysLate are derived data: the workstation works from the dates themselves.
 */
export const ibmAr: RowsPreset = {
  kind: 'rows',
  name: 'ibm-ar',
  formats: ['csv'],
  description: 'IBM accounts-receivable sample: customers, settled invoices, their payments and clearings (USD, M/d/yyyy)',
  options: { dateFormat: 'M/d/yyyy', numberStyle: PLAIN_NUMBERS, valueMaps: {}, defaultCurrency: 'USD', defaultCountry: 'US' },
  read(content) {
    const table = readCsv(content);
    const indexes = columnIndexes(table.header, IBM_COLUMNS, 'The ibm-ar preset');
    const raw = emptyBatch();
    for (const row of table.rows) {
      const from = (column: IbmColumn): SourceValue => ({ column, value: cell(row, indexes.get(column)) });
      const invoice = from('invoiceNumber');
      const customerKey = from('customerID');
      const record = (fields: Record<string, SourceValue>): RawRecord => ({ line: row.line, fields });
      raw.customers.push(
        record({
          key: customerKey,
          number: customerKey,
          name: prefixed('IBM sample customer ', customerKey),
          erpCountryCode: from('countryCode'),
          paymentTerms: constant('NET30'),
          paymentTermsDays: constant('30'),
        }),
      );
      raw.openItems.push(
        record({
          key: invoice,
          customerKey,
          kind: constant('invoice'),
          documentNumber: invoice,
          documentDate: from('InvoiceDate'),
          dueDate: from('DueDate'),
          originalAmount: from('InvoiceAmount'),
          openAmount: constant('0'),
          disputed: from('Disputed'),
          clearedOn: from('SettledDate'),
        }),
      );
      raw.payments.push(
        record({ key: prefixed('PAY-', invoice), customerKey, amount: from('InvoiceAmount'), valueDate: from('SettledDate'), reference: invoice }),
      );
      raw.clearings.push(
        record({ key: prefixed('CLR-', invoice), itemKey: invoice, paymentKey: prefixed('PAY-', invoice), amount: from('InvoiceAmount'), clearedOn: from('SettledDate') }),
      );
    }
    return { raw, rejected: table.malformed };
  },
};

const cell = (row: CsvRow, index: number | undefined): string => (index === undefined ? '' : (row.cells[index] ?? ''));
