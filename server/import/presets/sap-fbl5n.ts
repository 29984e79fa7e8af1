/**
 * SAP's customer line-item list (transaction FBL5N) with its open items selected, exported from
 * the list as CSV or spreadsheet, with the columns of the layout docs/import/sap-fbl5n.md names.
 * Headers are the field labels in the user's logon language, numbers and dates follow the user's
 * settings: one preset per language, each with that language's usual settings; a mapping amends
 * either (another date format, more document types). Each open item is a row of its own, so the
 * amount in document currency is what is open (a partial payment leaves a residual item or a
 * payment row of its own). Sources: docs/import/sap-fbl5n.md.
 */
import type { MappingPreset } from './preset';

/** The standard customer document types: invoices from SD billing (RV) and FI (DR), credit memos, payments. */
const DOCUMENT_TYPES = { RV: 'invoice', DR: 'invoice', DG: 'credit_memo', DZ: 'payment_on_account' };

export const sapFbl5nEnglish: MappingPreset = {
  kind: 'mapping',
  name: 'sap-fbl5n-en',
  description: 'SAP FBL5N open customer items, English headers, US settings (MM/DD/YYYY, 1,234.56)',
  entity: 'openItems',
  formats: ['csv', 'xlsx'],
  guide: 'docs/import/sap-fbl5n.md',
  mapping: {
    columns: {
      key: 'Document Number',
      customerKey: 'Account',
      kind: 'Document Type',
      documentDate: 'Document Date',
      dueDate: 'Net due date',
      originalAmount: 'Amount in doc. curr.',
      currency: 'Document currency',
      reference: 'Assignment',
    },
    dateFormat: 'M/d/yyyy',
    decimalSeparator: '.',
    groupSeparator: ',',
    negativeNumbers: 'leading_or_trailing',
    values: { kind: DOCUMENT_TYPES },
    delimiter: ',',
  },
};

export const sapFbl5nGerman: MappingPreset = {
  kind: 'mapping',
  name: 'sap-fbl5n-de',
  description: 'SAP FBL5N offene Posten, German headers and settings (TT.MM.JJJJ, 1.234,56, ";")',
  entity: 'openItems',
  formats: ['csv', 'xlsx'],
  guide: 'docs/import/sap-fbl5n.md',
  mapping: {
    columns: {
      key: 'Belegnummer',
      customerKey: 'Konto',
      kind: 'Belegart',
      documentDate: 'Belegdatum',
      dueDate: 'Nettofälligkeit',
      originalAmount: 'Betrag in Belegwährung',
      currency: 'Belegwährung',
      reference: 'Zuordnung',
    },
    dateFormat: 'dd.MM.yyyy',
    decimalSeparator: ',',
    groupSeparator: '.',
    negativeNumbers: 'leading_or_trailing',
    values: { kind: DOCUMENT_TYPES },
    delimiter: ';',
  },
};
