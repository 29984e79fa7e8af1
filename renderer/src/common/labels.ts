/** Renderer-only labels; domain code labels come from shared/domain/labels. */
import type { TimelineType } from '../../../shared/api/schemas';

export const TIMELINE_TYPE_LABELS: Record<TimelineType, string> = {
  activity: 'Contacts',
  payment: 'Payments',
  promise: 'Promises',
  dispute: 'Disputes',
  note: 'Notes',
  follow_up: 'Follow-ups',
  escalation: 'Escalations',
};

export const labelOf = (labels: Readonly<Record<string, string>>, code: string): string => labels[code] ?? code.replaceAll('_', ' ');
