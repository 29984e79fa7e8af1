/**
 * An Oracle NetSuite transaction saved search of open invoices (Main Line true), exported as CSV,
 * with its default column labels. NetSuite writes dates in the user's date format (M/D/YYYY by
 * default) and numbers without its number-format preference (1,080.00; a credit negative), and names
 * currencies by their currency record's name: the usual names and ISO codes are mapped. The customer
 * is the Name column, so the customers' ERP keys are the names NetSuite shows. Sources:
 * docs/import/netsuite.md.
 */
import type { MappingPreset } from './preset';

const ISO_CODES = ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'CHF', 'JPY', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'MXN', 'SGD', 'HKD', 'CNY', 'INR', 'NZD'];
const CURRENCY_NAMES = {
  'US Dollar': 'USD',
  Euro: 'EUR',
  'British pound': 'GBP',
  'Canadian Dollar': 'CAD',
  'Australian Dollar': 'AUD',
  'Swiss Franc': 'CHF',
  'Japanese Yen': 'JPY',
  ...Object.fromEntries(ISO_CODES.map((code) => [code, code])),
};

export const netsuiteOpenInvoices: MappingPreset = {
  kind: 'mapping',
  name: 'netsuite-open-invoices',
  description: 'NetSuite saved search of open invoices exported as CSV (M/D/YYYY, 1,234.56)',
  entity: 'openItems',
  formats: ['csv'],
  guide: 'docs/import/netsuite.md',
  mapping: {
    columns: {
      key: 'Internal ID',
      customerKey: 'Name',
      documentNumber: 'Document Number',
      kind: 'Type',
      documentDate: 'Date',
      dueDate: 'Due Date/Receive By',
      currency: 'Currency',
      originalAmount: 'Amount',
      openAmount: 'Amount Remaining',
    },
    dateFormat: 'M/d/yyyy',
    decimalSeparator: '.',
    groupSeparator: ',',
    negativeNumbers: 'leading',
    values: {
      kind: { Invoice: 'invoice', 'Credit Memo': 'credit_memo', Payment: 'payment_on_account', 'Customer Deposit': 'payment_on_account' },
      currency: CURRENCY_NAMES,
    },
    delimiter: ',',
  },
};
