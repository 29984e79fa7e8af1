/** The sync status in the words the top bar and the status panel use. */
import type { SyncState, SyncStatus } from '../../../shared/api/sync-contract';
import { formatCount, formatDateTime } from '../common/format';
import { i18n } from '../i18n/i18n';

export type StatusTone = 'ok' | 'busy' | 'neutral' | 'warning' | 'error';

export const STATE_TONES: Readonly<Record<SyncState, StatusTone>> = {
  local_only: 'neutral',
  signed_out: 'warning',
  idle: 'ok',
  syncing: 'busy',
  offline: 'warning',
  update_required: 'error',
  error: 'error',
};

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** "just now", "12 min ago", "3 h ago", "2 d ago" (a time ahead of this computer's clock reads as "just now"). */
export function timeAgo(iso: string, nowMs: number): string {
  const elapsed = nowMs - Date.parse(iso);
  if (elapsed < MINUTE_MS) return i18n.t('sync.time.justNow');
  if (elapsed < HOUR_MS) return i18n.t('sync.time.minutesAgo', { n: String(Math.floor(elapsed / MINUTE_MS)) });
  if (elapsed < DAY_MS) return i18n.t('sync.time.hoursAgo', { n: String(Math.floor(elapsed / HOUR_MS)) });
  return i18n.t('sync.time.daysAgo', { count: Math.floor(elapsed / DAY_MS) });
}

/** "now", "in 40 s", "in 3 min", else the date and time. */
export function timeUntil(iso: string, nowMs: number): string {
  const remaining = Date.parse(iso) - nowMs;
  if (remaining < 1_000) return i18n.t('sync.time.now');
  if (remaining < MINUTE_MS) return i18n.t('sync.time.inSeconds', { n: String(Math.ceil(remaining / 1_000)) });
  if (remaining < HOUR_MS) return i18n.t('sync.time.inMinutes', { n: String(Math.ceil(remaining / MINUTE_MS)) });
  return formatDateTime(iso);
}

/** A count with its number written for the current locale: `count` picks the plural form, `n` is shown. */
const counted = (count: number) => ({ count, n: formatCount(count) });

/** What a sync under way is doing, with rows and, when known, the percentage. */
export function progressText(progress: NonNullable<SyncStatus['progress']>): string {
  const text = phaseText(progress);
  return progress.percent === null ? text : i18n.t('sync.progress.withPercent', { progress: text, percent: formatCount(Math.round(progress.percent)) });
}

function phaseText(progress: NonNullable<SyncStatus['progress']>): string {
  switch (progress.phase) {
    case 'push':
      return progress.total === null
        ? i18n.t('sync.progress.push', { rows: formatCount(progress.rows) })
        : i18n.t('sync.progress.pushOf', { rows: formatCount(progress.rows), total: formatCount(progress.total) });
    case 'pull':
      return i18n.t('sync.progress.pull', counted(progress.rows));
    case 'snapshot':
      return progress.total === null
        ? i18n.t('sync.progress.snapshot', counted(progress.rows))
        : i18n.t('sync.progress.snapshotOf', { ...counted(progress.total), rows: formatCount(progress.rows) });
  }
}

/** The short text next to the top bar's sync icon. */
export function statusHeadline(status: SyncStatus, nowMs: number): string {
  switch (status.state) {
    case 'local_only':
      return i18n.t('sync.headline.localOnly');
    case 'signed_out':
      return i18n.t('sync.headline.signedOut');
    case 'update_required':
      return i18n.t('sync.headline.updateRequired');
    case 'error':
      return status.pending > 0 ? i18n.t('sync.headline.problemWaiting', counted(status.pending)) : i18n.t('sync.headline.problem');
    case 'offline':
      return status.pending > 0 ? i18n.t('sync.headline.offlineWaiting', counted(status.pending)) : i18n.t('sync.headline.offline');
    case 'syncing': {
      const progress = status.progress;
      if (progress === null || progress.rows === 0) return i18n.t('sync.headline.syncing');
      if (progress.percent !== null) return i18n.t('sync.headline.syncingPercent', { percent: formatCount(Math.round(progress.percent)) });
      return i18n.t('sync.headline.syncingRows', counted(progress.rows));
    }
    case 'idle':
      if (status.lastSyncAt === null) return i18n.t('sync.headline.notSynced');
      return i18n.t('sync.headline.synced', { ago: timeAgo(status.lastSyncAt, nowMs) });
  }
}

/** One sentence for the panel: what the state means for the collector's work (translation keys). */
export const STATE_EXPLANATIONS = {
  local_only: 'sync.explanation.localOnly',
  signed_out: 'sync.explanation.signedOut',
  idle: 'sync.explanation.idle',
  syncing: 'sync.explanation.syncing',
  offline: 'sync.explanation.offline',
  update_required: 'sync.explanation.updateRequired',
  error: 'sync.explanation.error',
} as const satisfies Readonly<Record<SyncState, string>>;
