/**
 * A timeline entry's title in the interface language, worded from the kind and values the store
 * keeps beside its English `title` (db/queries/account.ts, timeline.ts). In English, and for an
 * entry without them or with a code this build does not know, the stored title is shown as it is,
 * with its date in the user's format.
 */
import type { TFunction } from 'i18next';
import type { Channel, DisputeReason, DisputeStatus, EscalationKind, Outcome } from '../../../shared/domain/codes';
import { formatDate, titleWithDate } from '../common/format';
import { CHANNEL_LABEL_KEYS, DISPUTE_REASON_LABEL_KEYS, DISPUTE_STATUS_LABEL_KEYS, ESCALATION_KIND_LABEL_KEYS, OUTCOME_LABEL_KEYS } from '../common/labels';
import { i18n } from '../i18n/i18n';
import type { TimelineEntry } from './types';

type TitledEntry = Pick<TimelineEntry, 'title' | 'date' | 'titleKey' | 'titleParams'>;

/** The key for `code` in `keys`, or undefined for a code the map does not have. */
const keyOf = <K extends string, V>(keys: Readonly<Record<K, V>>, code: string | number | undefined): V | undefined =>
  typeof code === 'string' && Object.hasOwn(keys, code) ? keys[code as K] : undefined;

const text = (value: string | number | undefined): string | undefined => (value === undefined ? undefined : String(value));

export function timelineTitle(t: TFunction, entry: TitledEntry): string {
  const stored = titleWithDate(entry.title, entry.date);
  const { titleKey, titleParams: params = {} } = entry;
  if (titleKey === undefined || i18n.language.startsWith('en')) return stored;
  const date = typeof params.date === 'string' ? formatDate(params.date) : undefined;
  const title = text(params.title);
  switch (titleKey) {
    case 'activity': {
      const channel = keyOf<Channel, (typeof CHANNEL_LABEL_KEYS)[Channel]>(CHANNEL_LABEL_KEYS, params.channel);
      const outcome = keyOf<Outcome, (typeof OUTCOME_LABEL_KEYS)[Outcome]>(OUTCOME_LABEL_KEYS, params.outcome);
      if (channel === undefined || outcome === undefined) return stored;
      const contact = text(params.contact);
      return contact === undefined
        ? t('account.timeline.entryTitle.activity', { channel: t(channel), outcome: t(outcome) })
        : t('account.timeline.entryTitle.activityWith', { channel: t(channel), contact, outcome: t(outcome) });
    }
    case 'payment':
      return t('account.timeline.entryTitle.payment');
    case 'promise': {
      if (date === undefined) return stored;
      const level = typeof params.level === 'number' ? params.level : 1;
      return level > 1 ? t('account.timeline.entryTitle.promiseLevel', { date, level }) : t('account.timeline.entryTitle.promise', { date });
    }
    case 'promiseCancelled':
      return date === undefined ? stored : t('account.timeline.entryTitle.promiseCancelled', { date });
    case 'dispute': {
      const reason = keyOf<DisputeReason, (typeof DISPUTE_REASON_LABEL_KEYS)[DisputeReason]>(DISPUTE_REASON_LABEL_KEYS, params.reason);
      return reason === undefined ? stored : t('account.timeline.entryTitle.dispute', { reason: t(reason) });
    }
    case 'disputeMoved': {
      const from = keyOf<DisputeStatus, (typeof DISPUTE_STATUS_LABEL_KEYS)[DisputeStatus]>(DISPUTE_STATUS_LABEL_KEYS, params.from);
      const to = keyOf<DisputeStatus, (typeof DISPUTE_STATUS_LABEL_KEYS)[DisputeStatus]>(DISPUTE_STATUS_LABEL_KEYS, params.to);
      return from === undefined || to === undefined ? stored : t('account.timeline.entryTitle.disputeMoved', { from: t(from), to: t(to) });
    }
    case 'note':
      return t('account.timeline.entryTitle.note');
    case 'noteEdited':
      return typeof params.version === 'number' ? t('account.timeline.entryTitle.noteEdited', { version: params.version }) : stored;
    case 'followUp':
      return date === undefined || title === undefined ? stored : t('account.timeline.entryTitle.followUp', { date, title });
    case 'followUpDone':
      return title === undefined ? stored : t('account.timeline.entryTitle.followUpDone', { title });
    case 'followUpCancelled':
      return title === undefined ? stored : t('account.timeline.entryTitle.followUpCancelled', { title });
    case 'escalation': {
      const kind = keyOf<EscalationKind, (typeof ESCALATION_KIND_LABEL_KEYS)[EscalationKind]>(ESCALATION_KIND_LABEL_KEYS, params.kind);
      return kind === undefined ? stored : t('account.timeline.entryTitle.escalation', { kind: t(kind) });
    }
    case 'decision': {
      const kindKey = keyOf<EscalationKind, (typeof ESCALATION_KIND_LABEL_KEYS)[EscalationKind]>(ESCALATION_KIND_LABEL_KEYS, params.kind);
      if (kindKey === undefined) return stored;
      const kind = t(kindKey);
      switch (params.status) {
        case 'approved':
          return t('account.timeline.entryTitle.decisionApproved', { kind });
        case 'rejected':
          return t('account.timeline.entryTitle.decisionRejected', { kind });
        case 'withdrawn':
          return t('account.timeline.entryTitle.decisionWithdrawn', { kind });
        case 'requested':
          return t('account.timeline.entryTitle.decisionRequested', { kind });
        default:
          return stored;
      }
    }
    case 'reassignment': {
      const from = text(params.from);
      const to = text(params.to) ?? t('account.timeline.entryTitle.anotherCollector');
      const by = text(params.by);
      if (from === undefined) return by === undefined ? t('account.timeline.entryTitle.reassignment', { to }) : t('account.timeline.entryTitle.reassignmentBy', { to, by });
      return by === undefined ? t('account.timeline.entryTitle.reassignmentFrom', { from, to }) : t('account.timeline.entryTitle.reassignmentFromBy', { from, to, by });
    }
  }
}
