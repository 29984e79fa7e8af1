/** The sync status in the words the top bar and the status panel use. */
import type { SyncState, SyncStatus } from '../../../shared/api/sync-contract';
import { formatCount, formatDateTime, pluralize } from '../common/format';

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
  if (elapsed < MINUTE_MS) return 'just now';
  if (elapsed < HOUR_MS) return `${String(Math.floor(elapsed / MINUTE_MS))} min ago`;
  if (elapsed < DAY_MS) return `${String(Math.floor(elapsed / HOUR_MS))} h ago`;
  return `${String(Math.floor(elapsed / DAY_MS))} d ago`;
}

/** "now", "in 40 s", "in 3 min", else the date and time. */
export function timeUntil(iso: string, nowMs: number): string {
  const remaining = Date.parse(iso) - nowMs;
  if (remaining < 1_000) return 'now';
  if (remaining < MINUTE_MS) return `in ${String(Math.ceil(remaining / 1_000))} s`;
  if (remaining < HOUR_MS) return `in ${String(Math.ceil(remaining / MINUTE_MS))} min`;
  return formatDateTime(iso);
}

const waiting = (pending: number): string => `${pluralize(pending, 'change')} waiting`;

/** What a sync under way is doing, with rows and, when known, the percentage. */
export function progressText(progress: NonNullable<SyncStatus['progress']>): string {
  const percent = progress.percent === null ? '' : ` (${String(Math.round(progress.percent))} %)`;
  switch (progress.phase) {
    case 'push':
      return `Sending changes: ${formatCount(progress.rows)}${progress.total === null ? '' : ` of ${formatCount(progress.total)}`}${percent}`;
    case 'pull':
      return `Receiving updates: ${pluralize(progress.rows, 'row')}${percent}`;
    case 'snapshot':
      return progress.total === null
        ? `Downloading your portfolio: ${pluralize(progress.rows, 'row')}${percent}`
        : `Downloading your portfolio: ${formatCount(progress.rows)} of ${pluralize(progress.total, 'row')}${percent}`;
  }
}

/** The short text next to the top bar's sync icon. */
export function statusHeadline(status: SyncStatus, nowMs: number): string {
  switch (status.state) {
    case 'local_only':
      return 'Local only';
    case 'signed_out':
      return 'Sign in to sync';
    case 'update_required':
      return 'Update required';
    case 'error':
      return status.pending > 0 ? `Sync problem — ${waiting(status.pending)}` : 'Sync problem';
    case 'offline':
      return status.pending > 0 ? `Offline — ${waiting(status.pending)}` : 'Offline';
    case 'syncing': {
      const progress = status.progress;
      if (progress === null || progress.rows === 0) return 'Syncing…';
      if (progress.percent !== null) return `Syncing… ${String(Math.round(progress.percent))} %`;
      return `Syncing… ${pluralize(progress.rows, 'row')}`;
    }
    case 'idle':
      if (status.lastSyncAt === null) return 'Not synced yet';
      return `Synced ${timeAgo(status.lastSyncAt, nowMs)}`;
  }
}

/** One sentence for the panel: what the state means for the collector's work. */
export const STATE_EXPLANATIONS: Readonly<Record<SyncState, string>> = {
  local_only: 'This computer is not connected to a server. Everything you do is kept here.',
  signed_out: 'Sign in to send your changes and receive updates. Your changes are kept until then.',
  idle: 'Your changes are sent to the server and updates arrive automatically.',
  syncing: 'Exchanging changes with the server. You can keep working.',
  offline: 'The server cannot be reached. Your changes are kept and will be sent when the connection is back.',
  update_required: 'This version of Ledgerline cannot sync with the server. Update the app; your changes are kept.',
  error: 'Sync stopped because of a problem. Your changes are kept.',
};
