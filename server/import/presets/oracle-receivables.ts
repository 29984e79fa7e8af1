/**
 * Oracle Fusion Cloud Receivables invoices as its REST API returns them
 * (GET /fscmRestApi/resources/11.13.18.05/receivablesInvoices): the response as saved, records in
 * `items`. Dates are YYYY-MM-DD, amounts JSON numbers. The transaction type is a name the
 * business configures; the usual ones are mapped, others by amending the mapping. Credit memos are
 * a resource of their own (receivablesCreditMemos), not read here. Sources: docs/import/oracle-fusion.md.
 */
import type { MappingPreset } from './preset';

export const oracleReceivablesInvoices: MappingPreset = {
  kind: 'mapping',
  name: 'oracle-receivables-invoices',
  description: 'Oracle Fusion Receivables invoices as the REST API receivablesInvoices returns them (JSON)',
  entity: 'openItems',
  formats: ['json'],
  envelope: 'items',
  guide: 'docs/import/oracle-fusion.md',
  mapping: {
    columns: {
      key: 'CustomerTransactionId',
      customerKey: 'BillToCustomerNumber',
      documentNumber: 'TransactionNumber',
      kind: 'TransactionType',
      documentDate: 'TransactionDate',
      dueDate: 'DueDate',
      currency: 'InvoiceCurrencyCode',
      originalAmount: 'EnteredAmount',
      openAmount: 'InvoiceBalanceAmount',
      reference: 'PurchaseOrder',
    },
    dateFormat: 'yyyy-MM-dd',
    values: { kind: { Invoice: 'invoice', 'Debit Memo': 'debit_memo', Chargeback: 'debit_memo' } },
  },
};
