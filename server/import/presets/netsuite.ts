/**
 * An Oracle NetSuite transaction saved search of open invoices (Main Line true), exported as CSV,
 * with its default column labels. NetSuite writes dates in the user's date format (M/D/YYYY by
 * default) and numbers without its number-format preference (1,080.00; a credit negative). Amount
 * and Amount Remaining are in the base currency (the Currency column is the transaction's), so the
 * base currency comes from the amending mapping and every item is kept in it. The customer is the
 * Name column, so the customers' ERP keys are the names NetSuite shows. Sources: docs/import/netsuite.md.
 */
import type { MappingPreset } from './preset';

export const netsuiteOpenInvoices: MappingPreset = {
  kind: 'mapping',
  name: 'netsuite-open-invoices',
  description: 'NetSuite saved search of open invoices exported as CSV (M/D/YYYY, 1,234.56)',
  entity: 'openItems',
  formats: ['csv'],
  guide: 'docs/import/netsuite.md',
  needsDefaultCurrency: "reads NetSuite's Amount and Amount Remaining, which are in your base currency whatever the transaction's",
  mapping: {
    columns: {
      key: 'Internal ID',
      customerKey: 'Name',
      documentNumber: 'Document Number',
      kind: 'Type',
      documentDate: 'Date',
      dueDate: 'Due Date/Receive By',
      originalAmount: 'Amount',
      openAmount: 'Amount Remaining',
    },
    dateFormat: 'M/d/yyyy',
    decimalSeparator: '.',
    groupSeparator: ',',
    negativeNumbers: 'leading',
    values: { kind: { Invoice: 'invoice', 'Credit Memo': 'credit_memo', Payment: 'payment_on_account', 'Customer Deposit': 'payment_on_account' } },
    delimiter: ',',
  },
};
