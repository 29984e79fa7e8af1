/**
 * The account's promises, disputes, notes, follow-ups and escalations as lists, read off the
 * timeline entries the account already carries (each list entry's id is the record's id).
 */
import type { OperationOutput } from '../../../shared/api/contract';

export type TimelineEntry = OperationOutput<'customer.account'>['timeline'][number];

export interface FollowUpEntry extends TimelineEntry {
  readonly dueDate: string;
  readonly task: string;
}

const ofType = (entries: readonly TimelineEntry[], type: TimelineEntry['type']) => entries.filter((entry) => entry.type === type);

export const promisesOf = (entries: readonly TimelineEntry[]): TimelineEntry[] => ofType(entries, 'promise');

/** A dispute's opening entry carries its amount; later status changes carry none. */
export const disputesOf = (entries: readonly TimelineEntry[]): TimelineEntry[] => ofType(entries, 'dispute').filter((entry) => entry.amount !== null);

export const notesOf = (entries: readonly TimelineEntry[]): TimelineEntry[] => ofType(entries, 'note');

export const escalationsOf = (entries: readonly TimelineEntry[]): TimelineEntry[] => ofType(entries, 'escalation');

const FOLLOW_UP_TITLE = /^Follow-up on (\d{4}-\d{2}-\d{2}): (.*)$/s;

/** Follow-ups, open ones first by due date, then the closed ones newest first. */
export function followUpsOf(entries: readonly TimelineEntry[]): FollowUpEntry[] {
  const list = ofType(entries, 'follow_up').map((entry) => {
    const match = FOLLOW_UP_TITLE.exec(entry.title);
    return { ...entry, dueDate: match?.[1] ?? entry.at.slice(0, 10), task: match?.[2] ?? entry.title };
  });
  const open = list.filter((entry) => entry.status === 'open').sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  const closed = list.filter((entry) => entry.status !== 'open');
  return [...open, ...closed];
}
