/**
 * Microsoft Dynamics 365 Business Central's customer ledger entries as its OData API returns them:
 * page 25 "Customer Ledger Entries" published as a web service, records in `value`. Property names
 * are the field names with spaces as underscores and dots dropped; an option value with a space has
 * it encoded (Credit_x0020_Memo). Entries in the local currency have an empty Currency_Code: amend
 * the mapping with the company's currency as `defaultCurrency`. Sources: docs/import/business-central.md.
 */
import type { MappingPreset } from './preset';

export const businessCentralLedgerEntries: MappingPreset = {
  kind: 'mapping',
  name: 'bc-customer-ledger-entries',
  description: 'Business Central customer ledger entries as its OData API returns them (JSON, page 25)',
  entity: 'openItems',
  formats: ['json'],
  envelope: 'value',
  guide: 'docs/import/business-central.md',
  mapping: {
    columns: {
      key: 'Entry_No',
      customerKey: 'Customer_No',
      documentNumber: 'Document_No',
      kind: 'Document_Type',
      documentDate: 'Document_Date',
      dueDate: 'Due_Date',
      currency: 'Currency_Code',
      originalAmount: 'Original_Amount',
      openAmount: 'Remaining_Amount',
      reference: 'External_Document_No',
    },
    dateFormat: 'yyyy-MM-dd',
    values: {
      kind: {
        Invoice: 'invoice',
        Credit_x0020_Memo: 'credit_memo',
        Payment: 'payment_on_account',
        Finance_x0020_Charge_x0020_Memo: 'debit_memo',
        Reminder: 'debit_memo',
        Refund: 'debit_memo',
      },
    },
  },
};
