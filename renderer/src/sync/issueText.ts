/**
 * A refused change told in words: what the user did ("Call logged", "Note edited") and what they
 * typed (note text, amounts, dates, documents), read off the command's stored input. The input
 * comes from the local outbox, so it is read defensively: a missing or odd field is left out.
 */
import type { OperationName } from '../../../shared/api/contract';
import type { DisputeAction } from '../../../shared/domain/dispute';
import {
  CHANNEL_LABELS,
  DIRECTION_LABELS,
  DISPUTE_REASON_LABELS,
  DISPUTE_RESOLUTION_LABELS,
  ESCALATION_KIND_LABELS,
  OUTCOME_LABELS,
  OVERRIDE_KIND_LABELS,
  PAYMENT_METHOD_LABELS,
  ROOT_CAUSE_LABELS,
} from '../../../shared/domain/labels';
import type { Channel } from '../../../shared/domain/codes';
import type { SyncIssue } from '../../../shared/api/sync-contract';
import { formatCount, formatDate, money, pluralize } from '../common/format';

type Args = Readonly<Record<string, unknown>>;

/** A follow-up, promise, dispute, note or escalation as the account's timeline shows it. */
export interface IssueRecord {
  readonly title: string;
  readonly detail: string | null;
  readonly amount: { readonly amountMinor: number; readonly currency: string } | null;
}

/**
 * What the issue screen knows about the customer, to name documents, contact persons and the
 * records a change refers to, and to show amounts in their currency.
 */
export interface IssueContext {
  readonly customerCurrency: string | null;
  readonly items: ReadonlyMap<string, { readonly documentNumber: string; readonly currency: string }>;
  readonly contacts: ReadonlyMap<string, string>;
  readonly records: ReadonlyMap<string, IssueRecord>;
  /** For a note edit: every version of the note, by id. */
  readonly noteVersions: ReadonlyMap<string, { readonly body: string; readonly isCurrent: boolean }>;
}

export const EMPTY_CONTEXT: IssueContext = { customerCurrency: null, items: new Map(), contacts: new Map(), records: new Map(), noteVersions: new Map() };

export interface DetailLine {
  readonly label: string;
  readonly value: string;
}

const asArgs = (value: unknown): Args => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Args) : {});
const textOf = (args: Args, key: string): string | null => {
  const value = args[key];
  return typeof value === 'string' && value.trim() !== '' ? value : null;
};
const numberOf = (args: Args, key: string): number | null => {
  const value = args[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
};
const listOf = (args: Args, key: string): readonly unknown[] => {
  const value = args[key];
  return Array.isArray(value) ? value : [];
};
const idsOf = (args: Args, key: string): string[] => listOf(args, key).filter((value): value is string => typeof value === 'string');

/** The label of a code, or the code itself when the list does not know it. */
function labelOf(labels: Readonly<Record<string, string>>, value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return null;
  return Object.hasOwn(labels, value) ? (labels[value] ?? value) : value;
}

const CHANNEL_ACTIONS: Readonly<Record<Channel, string>> = {
  phone: 'Call logged',
  email: 'Email logged',
  letter: 'Letter logged',
  meeting: 'Meeting logged',
  portal: 'Portal contact logged',
};

const DISPUTE_ACTIONS_DONE: Readonly<Record<DisputeAction, string>> = {
  start: 'Dispute taken into process',
  escalate: 'Dispute escalated',
  resolve: 'Dispute resolved',
  close: 'Dispute closed',
  reopen: 'Dispute reopened',
  void: 'Dispute voided',
};

/** The commands that write to the outbox, so the ones a sync issue can name. */
type SyncedCommand = Extract<
  OperationName,
  | 'contact.log'
  | 'contactPerson.save'
  | 'note.add'
  | 'note.edit'
  | 'followUp.create'
  | 'followUp.complete'
  | 'followUp.cancel'
  | 'promise.create'
  | 'promise.plan'
  | 'promise.cancel'
  | 'dispute.create'
  | 'dispute.transition'
  | 'escalation.request'
  | 'escalation.withdraw'
  | 'escalation.decide'
  | 'customer.reassign'
  | 'worklist.setOverride'
  | 'worklist.clearOverride'
  | 'attachment.add'
>;

interface CommandText {
  /** "Call logged", "Note edited": what the user did. */
  readonly action: (args: Args) => string;
  /** How the customer's name follows the action: "Call logged with …", "Note edited for …". */
  readonly preposition: 'with' | 'for';
  readonly details: (args: Args, context: IssueContext) => DetailLine[];
}

const line = (label: string, value: string | null): DetailLine[] => (value === null ? [] : [{ label, value }]);

function moneyText(amountMinor: number, currency: string | null, context: IssueContext): string {
  const shownCurrency = currency ?? context.customerCurrency;
  // Without a currency the number of decimals is unknown: the stored value is shown as it is.
  return shownCurrency === null ? `${formatCount(amountMinor)} (in minor units)` : money(amountMinor, shownCurrency);
}

const MAX_DOCUMENTS_NAMED = 5;

function documentsText(itemIds: readonly string[], context: IssueContext): string | null {
  if (itemIds.length === 0) return null;
  const named = itemIds.map((id) => context.items.get(id)?.documentNumber ?? 'an item no longer open');
  const shown = named.slice(0, MAX_DOCUMENTS_NAMED).join(', ');
  return named.length > MAX_DOCUMENTS_NAMED ? `${shown} and ${String(named.length - MAX_DOCUMENTS_NAMED)} more` : shown;
}

const dateText = (args: Args, key: string): string | null => {
  const value = textOf(args, key);
  return value === null ? null : formatDate(value);
};

function durationText(seconds: number | null): string | null {
  if (seconds === null) return null;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (minutes === 0) return `${String(rest)} s`;
  return rest === 0 ? `${String(minutes)} min` : `${String(minutes)} min ${String(rest)} s`;
}

function contactPersonText(args: Args, context: IssueContext): string | null {
  const id = textOf(args, 'contactPersonId');
  if (id !== null) return context.contacts.get(id) ?? 'a contact person no longer listed';
  const added = asArgs(args.newContactPerson);
  const name = textOf(added, 'name');
  if (name === null) return null;
  const reach = [textOf(added, 'phone'), textOf(added, 'email')].filter((value) => value !== null);
  return `${name} (new${reach.length > 0 ? `: ${reach.join(', ')}` : ''})`;
}

function promiseLines(args: Args, context: IssueContext, prefix = ''): DetailLine[] {
  const itemIds = idsOf(args, 'itemIds');
  const currency = textOf(args, 'currency') ?? context.items.get(itemIds[0] ?? '')?.currency ?? null;
  const amountMinor = numberOf(args, 'amountMinor');
  return [
    ...line(`${prefix}Amount`, amountMinor === null ? (itemIds.length > 0 ? 'the open amount of the items' : null) : moneyText(amountMinor, currency, context)),
    ...line(`${prefix}Promised for`, dateText(args, 'promisedDate')),
    ...line(`${prefix}Payment method`, labelOf(PAYMENT_METHOD_LABELS, args.paymentMethod)),
    ...line(`${prefix}Items`, documentsText(itemIds, context)),
    ...line(`${prefix}Note`, textOf(args, 'note')),
  ];
}

function disputeLines(args: Args, context: IssueContext, prefix = ''): DetailLine[] {
  const items = listOf(args, 'items').map(asArgs);
  const disputed = items
    .map((item) => {
      const id = textOf(item, 'itemId') ?? '';
      const amountMinor = numberOf(item, 'disputedMinor');
      const known = context.items.get(id);
      const document = known?.documentNumber ?? 'an item no longer open';
      return amountMinor === null ? document : `${document}: ${moneyText(amountMinor, known?.currency ?? null, context)}`;
    })
    .join('; ');
  return [
    ...line(`${prefix}Reason`, labelOf(DISPUTE_REASON_LABELS, args.reasonCode)),
    ...line(`${prefix}Disputed`, disputed === '' ? null : disputed),
    ...line(`${prefix}Description`, textOf(args, 'description')),
    ...line(`${prefix}Due`, dateText(args, 'dueDate')),
  ];
}

function instalmentsText(args: Args, context: IssueContext, currency: string | null): string | null {
  const instalments = listOf(args, 'instalments').map(asArgs);
  if (instalments.length === 0) return null;
  return instalments
    .map((instalment) => {
      const amountMinor = numberOf(instalment, 'amountMinor');
      return `${dateText(instalment, 'promisedDate') ?? '?'}: ${amountMinor === null ? '?' : moneyText(amountMinor, currency, context)}`;
    })
    .join('; ');
}

/** "Follow-up on 2026-11-19: Call about the March invoices", "Promise to pay by 2026-12-01 · €1,000.00". */
function recordText(args: Args, key: string, context: IssueContext): string | null {
  const record = context.records.get(textOf(args, key) ?? '');
  if (record === undefined) return null;
  return record.amount === null ? record.title : `${record.title} · ${money(record.amount.amountMinor, record.amount.currency)}`;
}

const closing =
  (label: string, key: string) =>
  (args: Args, context: IssueContext): DetailLine[] => [...line(label, recordText(args, key, context)), ...line('Comment', textOf(args, 'comment'))];

const COMMAND_TEXTS: Readonly<Record<SyncedCommand, CommandText>> = {
  'contact.log': {
    action: (args) => labelOf(CHANNEL_ACTIONS, args.channel) ?? 'Contact logged',
    preposition: 'with',
    details: (args, context) => [
      ...line('Contact', [labelOf(CHANNEL_LABELS, args.channel), labelOf(DIRECTION_LABELS, args.direction)?.toLowerCase() ?? null].filter((part) => part !== null).join(', ') || null),
      ...line('Outcome', labelOf(OUTCOME_LABELS, args.outcome)),
      ...line('Contact person', contactPersonText(args, context)),
      ...line('Note', textOf(args, 'note')),
      ...line('Duration', durationText(numberOf(args, 'durationSeconds'))),
      ...line('Follow-up on', dateText(args, 'followUpDate')),
      ...(args.promise === undefined ? [] : promiseLines(asArgs(args.promise), context, 'Promise: ')),
      ...(args.dispute === undefined ? [] : disputeLines(asArgs(args.dispute), context, 'Dispute: ')),
    ],
  },
  'contactPerson.save': {
    action: (args) => (textOf(args, 'id') === null ? 'Contact person added' : 'Contact person corrected'),
    preposition: 'for',
    details: (args) => [
      ...line('Name', textOf(args, 'name')),
      ...line('Role', textOf(args, 'role')),
      ...line('Phone', textOf(args, 'phone')),
      ...line('Email', textOf(args, 'email')),
    ],
  },
  'note.add': { action: () => 'Note added', preposition: 'for', details: (args) => line('Note', textOf(args, 'body')) },
  'attachment.add': {
    action: () => 'File attached',
    preposition: 'for',
    details: (args) => [...line('File', textOf(args, 'fileName')), ...line('Size', textOf(args, 'content'))],
  },
  'note.edit': {
    action: () => 'Note edited',
    preposition: 'for',
    details: (args, context) => {
      const editedId = textOf(args, 'noteId') ?? '';
      const current = [...context.noteVersions].find(([id, version]) => version.isCurrent && id !== editedId)?.[1];
      return [
        ...line('Your text', textOf(args, 'body')),
        ...line('Edited from', context.noteVersions.get(editedId)?.body ?? null),
        ...line('Current text', current?.body ?? null),
      ];
    },
  },
  'followUp.create': {
    action: () => 'Follow-up created',
    preposition: 'for',
    details: (args) => [...line('Title', textOf(args, 'title')), ...line('Due', dateText(args, 'dueDate'))],
  },
  'followUp.complete': { action: () => 'Follow-up completed', preposition: 'for', details: closing('Follow-up', 'followUpId') },
  'followUp.cancel': { action: () => 'Follow-up cancelled', preposition: 'for', details: closing('Follow-up', 'followUpId') },
  'promise.create': { action: () => 'Promise to pay recorded', preposition: 'for', details: (args, context) => promiseLines(args, context) },
  'promise.plan': {
    action: () => 'Payment plan recorded',
    preposition: 'for',
    details: (args, context) => {
      const itemIds = idsOf(args, 'itemIds');
      const currency = textOf(args, 'currency') ?? context.items.get(itemIds[0] ?? '')?.currency ?? null;
      const totalMinor = numberOf(args, 'totalMinor');
      return [
        ...line('Instalments', instalmentsText(args, context, currency)),
        ...line('Total', totalMinor === null ? null : moneyText(totalMinor, currency, context)),
        ...line('Payment method', labelOf(PAYMENT_METHOD_LABELS, args.paymentMethod)),
        ...line('Items', documentsText(itemIds, context)),
        ...line('Note', textOf(args, 'note')),
      ];
    },
  },
  'promise.cancel': {
    action: (args) => (args.wholePlan === true ? 'Payment plan cancelled' : 'Promise cancelled'),
    preposition: 'for',
    details: (args, context) => [...line('Promise', recordText(args, 'promiseId', context)), ...line('Reason', textOf(args, 'reason'))],
  },
  'dispute.create': { action: () => 'Dispute raised', preposition: 'for', details: (args, context) => disputeLines(args, context) },
  'dispute.transition': {
    action: (args) => labelOf(DISPUTE_ACTIONS_DONE, args.action) ?? 'Dispute changed',
    preposition: 'for',
    details: (args, context) => [
      ...line('Dispute', recordText(args, 'disputeId', context)),
      ...line('Comment', textOf(args, 'comment')),
      ...line('Resolution', labelOf(DISPUTE_RESOLUTION_LABELS, args.resolution)),
      ...line('Root cause', labelOf(ROOT_CAUSE_LABELS, args.rootCause)),
    ],
  },
  'escalation.request': {
    action: () => 'Escalation requested',
    preposition: 'for',
    details: (args, context) => {
      const amountMinor = numberOf(args, 'amountMinor');
      return [
        ...line('Kind', labelOf(ESCALATION_KIND_LABELS, args.kind)),
        ...line('Amount', amountMinor === null ? null : moneyText(amountMinor, textOf(args, 'currency'), context)),
        ...line('Reason', textOf(args, 'reason')),
      ];
    },
  },
  'escalation.withdraw': {
    action: () => 'Escalation request withdrawn',
    preposition: 'for',
    details: (args, context) => [...line('Escalation', recordText(args, 'escalationId', context)), ...line('Reason', textOf(args, 'reason'))],
  },
  'escalation.decide': {
    action: (args) => (args.decision === 'approve' ? 'Escalation approved' : 'Escalation rejected'),
    preposition: 'for',
    details: closing('Escalation', 'escalationId'),
  },
  'customer.reassign': {
    action: (args) => `${String(idsOf(args, 'customerIds').length)} customer${idsOf(args, 'customerIds').length === 1 ? '' : 's'} reassigned`,
    preposition: 'for',
    details: (args) => line('Reason', textOf(args, 'reason')),
  },
  'worklist.setOverride': {
    action: (args) => (args.kind === 'pin' ? 'Pinned on the worklist' : 'Snoozed on the worklist'),
    preposition: 'for',
    details: (args) => [
      ...line('Kind', labelOf(OVERRIDE_KIND_LABELS, args.kind)),
      ...line('Reason', textOf(args, 'reason')),
      ...line('Until', dateText(args, 'expiresAt')),
    ],
  },
  'worklist.clearOverride': { action: () => 'Pin or snooze cleared', preposition: 'for', details: () => [] },
};

const commandText = (name: string): CommandText | undefined =>
  Object.hasOwn(COMMAND_TEXTS, name) ? COMMAND_TEXTS[name as SyncedCommand] : undefined;

/** "Call logged", "Note edited"...; an unknown command keeps its name. */
export const issueAction = (name: string, args: unknown): string => commandText(name)?.action(asArgs(args)) ?? `Change "${name}"`;

export const issuePreposition = (name: string): 'with' | 'for' => commandText(name)?.preposition ?? 'for';

/** What the user typed, as label and value pairs. */
export const issueDetails = (name: string, args: unknown, context: IssueContext): DetailLine[] =>
  commandText(name)?.details(asArgs(args), context) ?? [];

/** The count over the sync-issues list: refusals, and changes still waiting that the server keeps failing on. */
export function issuesCountText(issues: readonly Pick<SyncIssue, 'failing' | 'rejectedAt'>[]): string {
  const failing = issues.filter((issue) => issue.failing !== undefined).length;
  const refused = `${pluralize(issues.length - failing, 'change')} the server refused`;
  return failing === 0 ? refused : `${refused}, ${pluralize(failing, 'change')} the server keeps failing to take`;
}

/** When it was entered and what became of it: refused, or still not sent after failed attempts. */
export function issueTimesText(issue: Pick<SyncIssue, 'createdAt' | 'rejectedAt' | 'failing'>, format: (iso: string) => string): string {
  const entered = `Entered ${format(issue.createdAt)}`;
  if (issue.failing === undefined) return `${entered} · refused ${format(issue.rejectedAt)}`;
  return `${entered} · not sent yet: ${formatCount(issue.failing.attempts)} attempts failed, the last ${format(issue.rejectedAt)}`;
}
