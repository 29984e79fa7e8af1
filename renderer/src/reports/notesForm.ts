/** The notes-export form as plain data: defaults, the API filter it stands for, and where an API error belongs. */
import type { OperationInput } from '../../../shared/api/contract';
import type { Channel, Outcome } from '../../../shared/domain/codes';
import { isCalendarDate } from '../../../shared/domain/dates';
import type { ReportEntryType, ReportFormat } from '../../../shared/domain/report-entries';
import type { WorklistFilters } from '../worklist/filters';

export type ScopeKind = 'all' | 'collectors' | 'customers' | 'worklist';

export interface PickedCustomer {
  readonly customerId: string;
  readonly number: string;
  readonly name: string;
}

export interface ScopeState {
  readonly kind: ScopeKind;
  readonly collectorIds: readonly string[];
  readonly customers: readonly PickedCustomer[];
}

export interface NotesFormState {
  readonly scope: ScopeState;
  readonly from: string;
  readonly to: string;
  readonly types: readonly ReportEntryType[];
  readonly channels: readonly Channel[];
  readonly outcomes: readonly Outcome[];
  readonly format: ReportFormat;
  readonly bom: boolean;
  readonly sheetPerCustomer: boolean;
}

export type NotesFilter = NonNullable<Extract<OperationInput<'report.exportStart'>, { kind: 'notes' }>['filter']>;
export type ReportScope = NonNullable<NotesFilter['scope']>;

/** The form's fields an API error can point at. */
export type NotesField = 'scope' | 'from' | 'to' | 'types' | 'channels' | 'outcomes' | 'format';

export const ENTRY_TYPES: readonly ReportEntryType[] = ['contact', 'note', 'promise', 'dispute'];

/** The first and last day of the as-of date's month. */
export function monthOf(asOf: string): { from: string; to: string } {
  const year = Number(asOf.slice(0, 4));
  const month = Number(asOf.slice(5, 7));
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { from: `${asOf.slice(0, 7)}-01`, to: `${asOf.slice(0, 7)}-${String(lastDay).padStart(2, '0')}` };
}

export function initialNotesForm(asOf: string): NotesFormState {
  return {
    scope: { kind: 'all', collectorIds: [], customers: [] },
    ...monthOf(asOf),
    types: ENTRY_TYPES,
    channels: [],
    outcomes: [],
    format: 'xlsx',
    bom: true,
    sheetPerCustomer: false,
  };
}

export function scopeOf(scope: ScopeState, worklistFilters: WorklistFilters): ReportScope {
  switch (scope.kind) {
    case 'all':
      return { kind: 'all' };
    case 'collectors':
      return { kind: 'collectors', collectorIds: [...scope.collectorIds] };
    case 'customers':
      return { kind: 'customers', customerIds: scope.customers.map((customer) => customer.customerId) };
    case 'worklist':
      return { kind: 'worklist', filters: worklistFilters };
  }
}

const LOCAL_ERRORS = {
  noCollector: 'reports.notes.errors.noCollector',
  noCustomer: 'reports.notes.errors.noCustomer',
  endBeforeStart: 'reports.notes.errors.endBeforeStart',
  incompleteDate: 'reports.notes.errors.incompleteDate',
  noEntryType: 'reports.notes.errors.noEntryType',
} as const;

/** A local error's translation key: the form shows it in the user's language. */
export type LocalErrorKey = (typeof LOCAL_ERRORS)[keyof typeof LOCAL_ERRORS];

/** What the form checks before asking the API (the API checks again and names the same fields). */
export function localErrors(form: NotesFormState): Partial<Record<NotesField, LocalErrorKey>> {
  const errors: Partial<Record<NotesField, LocalErrorKey>> = {};
  if (form.scope.kind === 'collectors' && form.scope.collectorIds.length === 0) errors.scope = LOCAL_ERRORS.noCollector;
  if (form.scope.kind === 'customers' && form.scope.customers.length === 0) errors.scope = LOCAL_ERRORS.noCustomer;
  // A date begun but not finished (common/DateField.tsx) is no bound, nor is it none.
  if (form.from !== '' && !isCalendarDate(form.from)) errors.from = LOCAL_ERRORS.incompleteDate;
  if (form.to !== '' && !isCalendarDate(form.to)) errors.to = LOCAL_ERRORS.incompleteDate;
  else if (isCalendarDate(form.from) && isCalendarDate(form.to) && form.to < form.from) errors.to = LOCAL_ERRORS.endBeforeStart;
  if (form.types.length === 0) errors.types = LOCAL_ERRORS.noEntryType;
  return errors;
}

/** The API filter: lists that mean "everything" are left out, as the contract asks. */
export function notesFilterOf(form: NotesFormState, worklistFilters: WorklistFilters): NotesFilter {
  return {
    scope: scopeOf(form.scope, worklistFilters),
    ...(form.from === '' ? {} : { from: form.from }),
    ...(form.to === '' ? {} : { to: form.to }),
    ...(form.types.length === ENTRY_TYPES.length ? {} : { types: [...form.types] }),
    ...(form.channels.length === 0 ? {} : { channels: [...form.channels] }),
    ...(form.outcomes.length === 0 ? {} : { outcomes: [...form.outcomes] }),
  };
}

export function notesExportOf(form: NotesFormState, worklistFilters: WorklistFilters): OperationInput<'report.exportStart'> {
  return { kind: 'notes', format: form.format, filter: notesFilterOf(form, worklistFilters), options: { bom: form.bom, sheetPerCustomer: form.sheetPerCustomer } };
}

/** `filter.scope.customerIds.2` (export) or `to` (preview) → the form field that shows it. */
export function notesFieldOf(path: string | undefined): NotesField | undefined {
  if (path === undefined) return undefined;
  const [head] = path.replace(/^filter\./, '').split('.');
  switch (head) {
    case 'scope':
    case 'from':
    case 'to':
    case 'types':
    case 'channels':
    case 'outcomes':
    case 'format':
      return head;
    default:
      return undefined;
  }
}
