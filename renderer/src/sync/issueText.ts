/**
 * A refused change told in words: what the user did ("Call logged", "Note edited") and what they
 * typed (note text, amounts, dates, documents), read off the command's stored input. The input
 * comes from the local outbox, so it is read defensively: a missing or odd field is left out.
 */
import type { ParseKeys } from 'i18next';
import type { OperationName } from '../../../shared/api/contract';
import type { DisputeAction } from '../../../shared/domain/dispute';
import type { Channel, OverrideKind } from '../../../shared/domain/codes';
import type { SyncIssue } from '../../../shared/api/sync-contract';
import { formatBytes } from '../../../shared/domain/attachments';
import { formatCount, formatDate, money } from '../common/format';
import {
  CHANNEL_LABEL_KEYS,
  DIRECTION_LABEL_KEYS,
  DISPUTE_REASON_LABEL_KEYS,
  DISPUTE_RESOLUTION_LABEL_KEYS,
  ESCALATION_KIND_LABEL_KEYS,
  OUTCOME_LABEL_KEYS,
  PAYMENT_METHOD_LABEL_KEYS,
  ROOT_CAUSE_LABEL_KEYS,
} from '../common/labels';
import { i18n } from '../i18n/i18n';

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

/** The label of a code from its map of translation keys, or the code itself when the map does not know it. */
function labelOf(keys: Readonly<Record<string, ParseKeys>>, value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return null;
  const key = Object.hasOwn(keys, value) ? keys[value] : undefined;
  return key === undefined ? value : i18n.t(key);
}

const CHANNEL_ACTIONS = {
  phone: 'sync.issue.action.callLogged',
  email: 'sync.issue.action.emailLogged',
  letter: 'sync.issue.action.letterLogged',
  meeting: 'sync.issue.action.meetingLogged',
  portal: 'sync.issue.action.portalContactLogged',
} as const satisfies Readonly<Record<Channel, string>>;

const DISPUTE_ACTIONS_DONE = {
  start: 'sync.issue.action.disputeStarted',
  escalate: 'sync.issue.action.disputeEscalated',
  resolve: 'sync.issue.action.disputeResolved',
  close: 'sync.issue.action.disputeClosed',
  reopen: 'sync.issue.action.disputeReopened',
  void: 'sync.issue.action.disputeVoided',
} as const satisfies Readonly<Record<DisputeAction, string>>;

/** A worklist override's kind as a refused change shows it. */
const OVERRIDE_KIND_LABELS = {
  pin: 'sync.issue.overrideKind.pin',
  snooze: 'sync.issue.overrideKind.snooze',
} as const satisfies Readonly<Record<OverrideKind, string>>;

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

/** The labels of what a change held (translation keys). */
const LABELS = {
  amount: 'sync.issue.detail.amount',
  promisedFor: 'sync.issue.detail.promisedFor',
  paymentMethod: 'sync.issue.detail.paymentMethod',
  items: 'sync.issue.detail.items',
  note: 'sync.issue.detail.note',
  reason: 'sync.issue.detail.reason',
  disputed: 'sync.issue.detail.disputed',
  description: 'sync.issue.detail.description',
  due: 'sync.issue.detail.due',
  comment: 'sync.issue.detail.comment',
  contact: 'sync.issue.detail.contact',
  outcome: 'sync.issue.detail.outcome',
  contactPerson: 'sync.issue.detail.contactPerson',
  duration: 'sync.issue.detail.duration',
  followUpOn: 'sync.issue.detail.followUpOn',
  name: 'sync.issue.detail.name',
  role: 'sync.issue.detail.role',
  phone: 'sync.issue.detail.phone',
  email: 'sync.issue.detail.email',
  file: 'sync.issue.detail.file',
  size: 'sync.issue.detail.size',
  yourText: 'sync.issue.detail.yourText',
  editedFrom: 'sync.issue.detail.editedFrom',
  currentText: 'sync.issue.detail.currentText',
  title: 'sync.issue.detail.title',
  followUp: 'sync.issue.detail.followUp',
  instalments: 'sync.issue.detail.instalments',
  total: 'sync.issue.detail.total',
  promise: 'sync.issue.detail.promise',
  dispute: 'sync.issue.detail.dispute',
  resolution: 'sync.issue.detail.resolution',
  rootCause: 'sync.issue.detail.rootCause',
  kind: 'sync.issue.detail.kind',
  escalation: 'sync.issue.detail.escalation',
  until: 'sync.issue.detail.until',
} as const;

type Label = keyof typeof LABELS;

/** A label in the current language; inside a logged call, the promise's or dispute's labels are prefixed with it ("Promise: Amount"). */
function labelText(label: Label, group?: 'promise' | 'dispute'): string {
  const text = i18n.t(LABELS[label]);
  return group === undefined ? text : i18n.t('sync.issue.detail.grouped', { group: i18n.t(LABELS[group]), label: text });
}

const labelled = (label: Label, value: string | null, group?: 'promise' | 'dispute'): DetailLine[] => line(labelText(label, group), value);

function moneyText(amountMinor: number, currency: string | null, context: IssueContext): string {
  const shownCurrency = currency ?? context.customerCurrency;
  // Without a currency the number of decimals is unknown: the stored value is shown as it is.
  return shownCurrency === null ? i18n.t('sync.issue.value.minorUnits', { amount: formatCount(amountMinor) }) : money(amountMinor, shownCurrency);
}

const MAX_DOCUMENTS_NAMED = 5;

function documentsText(itemIds: readonly string[], context: IssueContext): string | null {
  if (itemIds.length === 0) return null;
  const named = itemIds.map((id) => context.items.get(id)?.documentNumber ?? i18n.t('sync.issue.value.itemGone'));
  const shown = named.slice(0, MAX_DOCUMENTS_NAMED).join(', ');
  return named.length > MAX_DOCUMENTS_NAMED ? i18n.t('sync.issue.value.andMore', { shown, n: String(named.length - MAX_DOCUMENTS_NAMED) }) : shown;
}

const dateText = (args: Args, key: string): string | null => {
  const value = textOf(args, key);
  return value === null ? null : formatDate(value);
};

function durationText(seconds: number | null): string | null {
  if (seconds === null) return null;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (minutes === 0) return i18n.t('sync.issue.value.seconds', { s: String(rest) });
  return rest === 0 ? i18n.t('sync.issue.value.minutes', { min: String(minutes) }) : i18n.t('sync.issue.value.minutesSeconds', { min: String(minutes), s: String(rest) });
}

function contactPersonText(args: Args, context: IssueContext): string | null {
  const id = textOf(args, 'contactPersonId');
  if (id !== null) return context.contacts.get(id) ?? i18n.t('sync.issue.value.contactPersonGone');
  const added = asArgs(args.newContactPerson);
  const name = textOf(added, 'name');
  if (name === null) return null;
  const reach = [textOf(added, 'phone'), textOf(added, 'email')].filter((value) => value !== null);
  return reach.length > 0 ? i18n.t('sync.issue.value.newContactPersonWith', { name, reach: reach.join(', ') }) : i18n.t('sync.issue.value.newContactPerson', { name });
}

function promiseLines(args: Args, context: IssueContext, group?: 'promise'): DetailLine[] {
  const itemIds = idsOf(args, 'itemIds');
  const currency = textOf(args, 'currency') ?? context.items.get(itemIds[0] ?? '')?.currency ?? null;
  const amountMinor = numberOf(args, 'amountMinor');
  return [
    ...labelled('amount', amountMinor === null ? (itemIds.length > 0 ? i18n.t('sync.issue.value.openAmountOfItems') : null) : moneyText(amountMinor, currency, context), group),
    ...labelled('promisedFor', dateText(args, 'promisedDate'), group),
    ...labelled('paymentMethod', labelOf(PAYMENT_METHOD_LABEL_KEYS, args.paymentMethod), group),
    ...labelled('items', documentsText(itemIds, context), group),
    ...labelled('note', textOf(args, 'note'), group),
  ];
}

function disputeLines(args: Args, context: IssueContext, group?: 'dispute'): DetailLine[] {
  const items = listOf(args, 'items').map(asArgs);
  const disputed = items
    .map((item) => {
      const id = textOf(item, 'itemId') ?? '';
      const amountMinor = numberOf(item, 'disputedMinor');
      const known = context.items.get(id);
      const document = known?.documentNumber ?? i18n.t('sync.issue.value.itemGone');
      return amountMinor === null ? document : `${document}: ${moneyText(amountMinor, known?.currency ?? null, context)}`;
    })
    .join('; ');
  return [
    ...labelled('reason', labelOf(DISPUTE_REASON_LABEL_KEYS, args.reasonCode), group),
    ...labelled('disputed', disputed === '' ? null : disputed, group),
    ...labelled('description', textOf(args, 'description'), group),
    ...labelled('due', dateText(args, 'dueDate'), group),
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
  (label: Label, key: string) =>
  (args: Args, context: IssueContext): DetailLine[] => [...labelled(label, recordText(args, key, context)), ...labelled('comment', textOf(args, 'comment'))];

const COMMAND_TEXTS: Readonly<Record<SyncedCommand, CommandText>> = {
  'contact.log': {
    action: (args) => labelOf(CHANNEL_ACTIONS, args.channel) ?? i18n.t('sync.issue.action.contactLogged'),
    preposition: 'with',
    details: (args, context) => [
      ...labelled('contact', [labelOf(CHANNEL_LABEL_KEYS, args.channel), labelOf(DIRECTION_LABEL_KEYS, args.direction)?.toLowerCase() ?? null].filter((part) => part !== null).join(', ') || null),
      ...labelled('outcome', labelOf(OUTCOME_LABEL_KEYS, args.outcome)),
      ...labelled('contactPerson', contactPersonText(args, context)),
      ...labelled('note', textOf(args, 'note')),
      ...labelled('duration', durationText(numberOf(args, 'durationSeconds'))),
      ...labelled('followUpOn', dateText(args, 'followUpDate')),
      ...(args.promise === undefined ? [] : promiseLines(asArgs(args.promise), context, 'promise')),
      ...(args.dispute === undefined ? [] : disputeLines(asArgs(args.dispute), context, 'dispute')),
    ],
  },
  'contactPerson.save': {
    action: (args) => (textOf(args, 'id') === null ? i18n.t('sync.issue.action.contactPersonAdded') : i18n.t('sync.issue.action.contactPersonCorrected')),
    preposition: 'for',
    details: (args) => [
      ...labelled('name', textOf(args, 'name')),
      ...labelled('role', textOf(args, 'role')),
      ...labelled('phone', textOf(args, 'phone')),
      ...labelled('email', textOf(args, 'email')),
    ],
  },
  'note.add': { action: () => i18n.t('sync.issue.action.noteAdded'), preposition: 'for', details: (args) => labelled('note', textOf(args, 'body')) },
  'attachment.add': {
    action: () => i18n.t('sync.issue.action.fileAttached'),
    preposition: 'for',
    // The store gives the file's size as a number of bytes (db/sync/issues.ts shownArgs), not its content.
    details: (args) => {
      const bytes = numberOf(args, 'contentBytes');
      return [...labelled('file', textOf(args, 'fileName')), ...labelled('size', bytes === null ? null : formatBytes(bytes))];
    },
  },
  'note.edit': {
    action: () => i18n.t('sync.issue.action.noteEdited'),
    preposition: 'for',
    details: (args, context) => {
      const editedId = textOf(args, 'noteId') ?? '';
      const current = [...context.noteVersions].find(([id, version]) => version.isCurrent && id !== editedId)?.[1];
      return [
        ...labelled('yourText', textOf(args, 'body')),
        ...labelled('editedFrom', context.noteVersions.get(editedId)?.body ?? null),
        ...labelled('currentText', current?.body ?? null),
      ];
    },
  },
  'followUp.create': {
    action: () => i18n.t('sync.issue.action.followUpCreated'),
    preposition: 'for',
    details: (args) => [...labelled('title', textOf(args, 'title')), ...labelled('due', dateText(args, 'dueDate'))],
  },
  'followUp.complete': { action: () => i18n.t('sync.issue.action.followUpCompleted'), preposition: 'for', details: closing('followUp', 'followUpId') },
  'followUp.cancel': { action: () => i18n.t('sync.issue.action.followUpCancelled'), preposition: 'for', details: closing('followUp', 'followUpId') },
  'promise.create': { action: () => i18n.t('sync.issue.action.promiseRecorded'), preposition: 'for', details: (args, context) => promiseLines(args, context) },
  'promise.plan': {
    action: () => i18n.t('sync.issue.action.planRecorded'),
    preposition: 'for',
    details: (args, context) => {
      const itemIds = idsOf(args, 'itemIds');
      const currency = textOf(args, 'currency') ?? context.items.get(itemIds[0] ?? '')?.currency ?? null;
      const totalMinor = numberOf(args, 'totalMinor');
      return [
        ...labelled('instalments', instalmentsText(args, context, currency)),
        ...labelled('total', totalMinor === null ? null : moneyText(totalMinor, currency, context)),
        ...labelled('paymentMethod', labelOf(PAYMENT_METHOD_LABEL_KEYS, args.paymentMethod)),
        ...labelled('items', documentsText(itemIds, context)),
        ...labelled('note', textOf(args, 'note')),
      ];
    },
  },
  'promise.cancel': {
    action: (args) => (args.wholePlan === true ? i18n.t('sync.issue.action.planCancelled') : i18n.t('sync.issue.action.promiseCancelled')),
    preposition: 'for',
    details: (args, context) => [...labelled('promise', recordText(args, 'promiseId', context)), ...labelled('reason', textOf(args, 'reason'))],
  },
  'dispute.create': { action: () => i18n.t('sync.issue.action.disputeRaised'), preposition: 'for', details: (args, context) => disputeLines(args, context) },
  'dispute.transition': {
    action: (args) => labelOf(DISPUTE_ACTIONS_DONE, args.action) ?? i18n.t('sync.issue.action.disputeChanged'),
    preposition: 'for',
    details: (args, context) => [
      ...labelled('dispute', recordText(args, 'disputeId', context)),
      ...labelled('comment', textOf(args, 'comment')),
      ...labelled('resolution', labelOf(DISPUTE_RESOLUTION_LABEL_KEYS, args.resolution)),
      ...labelled('rootCause', labelOf(ROOT_CAUSE_LABEL_KEYS, args.rootCause)),
    ],
  },
  'escalation.request': {
    action: () => i18n.t('sync.issue.action.escalationRequested'),
    preposition: 'for',
    details: (args, context) => {
      const amountMinor = numberOf(args, 'amountMinor');
      return [
        ...labelled('kind', labelOf(ESCALATION_KIND_LABEL_KEYS, args.kind)),
        ...labelled('amount', amountMinor === null ? null : moneyText(amountMinor, textOf(args, 'currency'), context)),
        ...labelled('reason', textOf(args, 'reason')),
      ];
    },
  },
  'escalation.withdraw': {
    action: () => i18n.t('sync.issue.action.escalationWithdrawn'),
    preposition: 'for',
    details: (args, context) => [...labelled('escalation', recordText(args, 'escalationId', context)), ...labelled('reason', textOf(args, 'reason'))],
  },
  'escalation.decide': {
    action: (args) => (args.decision === 'approve' ? i18n.t('sync.issue.action.escalationApproved') : i18n.t('sync.issue.action.escalationRejected')),
    preposition: 'for',
    details: closing('escalation', 'escalationId'),
  },
  'customer.reassign': {
    action: (args) => i18n.t('sync.issue.action.customersReassigned', { count: idsOf(args, 'customerIds').length }),
    preposition: 'for',
    details: (args) => labelled('reason', textOf(args, 'reason')),
  },
  'worklist.setOverride': {
    action: (args) => (args.kind === 'pin' ? i18n.t('sync.issue.action.pinned') : i18n.t('sync.issue.action.snoozed')),
    preposition: 'for',
    details: (args) => [
      ...labelled('kind', labelOf(OVERRIDE_KIND_LABELS, args.kind)),
      ...labelled('reason', textOf(args, 'reason')),
      ...labelled('until', dateText(args, 'expiresAt')),
    ],
  },
  'worklist.clearOverride': { action: () => i18n.t('sync.issue.action.overrideCleared'), preposition: 'for', details: () => [] },
};

const commandText = (name: string): CommandText | undefined =>
  Object.hasOwn(COMMAND_TEXTS, name) ? COMMAND_TEXTS[name as SyncedCommand] : undefined;

/** "Call logged", "Note edited"...; an unknown command keeps its name. */
export const issueAction = (name: string, args: unknown): string => commandText(name)?.action(asArgs(args)) ?? i18n.t('sync.issue.action.unknown', { name });

export const issuePreposition = (name: string): 'with' | 'for' => commandText(name)?.preposition ?? 'for';

/** What the user typed, as label and value pairs. */
export const issueDetails = (name: string, args: unknown, context: IssueContext): DetailLine[] =>
  commandText(name)?.details(asArgs(args), context) ?? [];

/** The count over the sync-issues list: refusals, and changes still waiting that the server keeps failing on. */
export function issuesCountText(issues: readonly Pick<SyncIssue, 'failing' | 'rejectedAt'>[]): string {
  const failingCount = issues.filter((issue) => issue.failing !== undefined).length;
  const refusedCount = issues.length - failingCount;
  const refused = i18n.t('sync.issues.refused', { count: refusedCount, n: formatCount(refusedCount) });
  if (failingCount === 0) return refused;
  return i18n.t('sync.issues.refusedAndFailing', { refused, failing: i18n.t('sync.issues.failing', { count: failingCount, n: formatCount(failingCount) }) });
}

/** When it was entered and what became of it: refused, or still not sent after failed attempts. */
export function issueTimesText(issue: Pick<SyncIssue, 'createdAt' | 'rejectedAt' | 'failing'>, format: (iso: string) => string): string {
  const entered = format(issue.createdAt);
  const last = format(issue.rejectedAt);
  if (issue.failing === undefined) return i18n.t('sync.issues.enteredRefused', { entered, refused: last });
  return i18n.t('sync.issues.enteredFailing', { entered, count: issue.failing.attempts, n: formatCount(issue.failing.attempts), last });
}
