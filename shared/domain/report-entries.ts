/** What a portfolio-notes export can contain: the kinds of entry a collector leaves on an account. */

/** Contacts (activities: calls, e-mails, letters, meetings, portal messages), free notes, promises to pay, dispute cases. */
export const REPORT_ENTRY_TYPES = ['contact', 'note', 'promise', 'dispute'] as const;
export type ReportEntryType = (typeof REPORT_ENTRY_TYPES)[number];

export const REPORT_ENTRY_TYPE_LABELS: Readonly<Record<ReportEntryType, string>> = {
  contact: 'Contact',
  note: 'Note',
  promise: 'Promise to pay',
  dispute: 'Dispute',
};

export const REPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_KINDS = ['notes', 'aging', 'statement'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const EXPORT_STATES = ['running', 'done', 'cancelled', 'failed'] as const;
export type ExportState = (typeof EXPORT_STATES)[number];
