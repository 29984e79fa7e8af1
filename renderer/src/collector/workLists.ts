/**
 * What the account's work sections show, read off `customer.work` (the records themselves, with
 * their ids, plan ids, items and allowed dispute actions) and the account's open items.
 */
import type { OperationOutput } from '../../../shared/api/contract';
import { formatDate } from '../common/format';
import { i18n } from '../i18n/i18n';

export type CustomerWork = OperationOutput<'customer.work'>;
export type WorkPromise = CustomerWork['promises'][number];
export type WorkDispute = CustomerWork['disputes'][number];
export type WorkFollowUp = CustomerWork['followUps'][number];
export type WorkNote = CustomerWork['notes'][number];
export type User = OperationOutput<'users.list'>[number];
type OpenItem = OperationOutput<'customer.account'>['openItems'][number];

/** The same words the timeline uses, so a row and its timeline entry read alike. */
export const promiseTitle = (promise: WorkPromise): string =>
  promise.level > 1
    ? i18n.t('collector.promise.titleLevel', { date: formatDate(promise.promisedDate), level: promise.level })
    : i18n.t('collector.promise.title', { date: formatDate(promise.promisedDate) });

/** Only an open promise can be cancelled; only a plan instalment offers cancelling its whole plan. */
export const canCancel = (promise: WorkPromise): boolean => promise.status === 'open';
export const isPlanInstalment = (promise: WorkPromise): boolean => promise.planId !== null;

/** "Instalment 2 of 3" among the plan's instalments listed, by date; null outside a plan. */
export function instalmentLabel(promise: WorkPromise, promises: readonly WorkPromise[]): string | null {
  if (promise.planId === null) return null;
  const siblings = promises.filter((other) => other.planId === promise.planId);
  return i18n.t('collector.promise.instalmentOf', { number: siblings.indexOf(promise) + 1, total: siblings.length });
}

/** Document numbers of the items; items no longer open (cleared meanwhile) are counted instead. */
export function itemsLabel(itemIds: readonly string[], openItems: readonly OpenItem[]): string {
  const byId = new Map(openItems.map((item) => [item.id, item.documentNumber]));
  const known = itemIds.flatMap((id) => byId.get(id) ?? []);
  const gone = itemIds.length - known.length;
  return [...known, ...(gone > 0 ? [i18n.t('collector.items.goneCount', { count: gone })] : [])].join(i18n.t('collector.items.separator'));
}

export interface DisputedItemView {
  readonly itemId: string;
  readonly label: string;
  readonly disputedMinor: number;
}

export function disputedItems(dispute: WorkDispute, openItems: readonly OpenItem[]): DisputedItemView[] {
  const byId = new Map(openItems.map((item) => [item.id, item.documentNumber]));
  return dispute.items.map((item) => ({ itemId: item.itemId, label: byId.get(item.itemId) ?? i18n.t('collector.items.gone'), disputedMinor: item.disputedMinor }));
}

/** A user id as a person's name; the local profile reads "you". Unknown ids stay unnamed. */
export function userName(id: string | null, users: readonly User[]): string | null {
  if (id === null) return null;
  const user = users.find((each) => each.id === id);
  if (!user) return null;
  return user.isLocalProfile ? i18n.t('collector.users.you', { name: user.displayName }) : user.displayName;
}

export type Due = 'overdue' | 'today' | 'later';

export const dueState = (dueDate: string, asOf: string): Due => (dueDate < asOf ? 'overdue' : dueDate === asOf ? 'today' : 'later');
