import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../shared/api/sync-contract';
import { formatCount, formatDateTime } from '../common/format';
import { ROLE_LABEL_KEYS } from '../common/labels';
import { openSyncIssues } from '../app/router';
import { errorText } from '../i18n/errorText';
import { progressText, STATE_EXPLANATIONS, statusHeadline, timeAgo, timeUntil } from './statusText';

/** States in which "Sync now" has something to do. */
const CAN_SYNC_NOW: ReadonlySet<SyncStatus['state']> = new Set(['idle', 'offline', 'error']);

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box sx={{ display: 'contents' }}>
      <Typography component="dt" variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography component="dd" variant="body2" sx={{ m: 0, overflowWrap: 'anywhere' }}>
        {children}
      </Typography>
    </Box>
  );
}

interface SyncStatusPanelProps {
  readonly status: SyncStatus;
  readonly nowMs: number;
  readonly syncing: boolean;
  readonly onSyncNow: () => void;
  readonly onSettings: () => void;
  readonly onClose: () => void;
}

/** The details behind the top bar's sync status: server, user, times, counts, the error in full, progress. */
export function SyncStatusPanel({ status, nowMs, syncing, onSyncNow, onSettings, onClose }: SyncStatusPanelProps) {
  const { t } = useTranslation();
  const inProgress = syncing || status.state === 'syncing';
  const progress = status.progress;
  return (
    <Box sx={{ p: 2, width: 380, display: 'grid', gap: 1.5 }} data-testid="sync-panel">
      <Box>
        <Typography variant="h2" component="h2" id="sync-panel-title">
          {statusHeadline(status, nowMs)}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {t(STATE_EXPLANATIONS[status.state])}
        </Typography>
      </Box>
      {status.state === 'syncing' && (
        <Box>
          <LinearProgress
            variant={progress?.percent === null || progress === null ? 'indeterminate' : 'determinate'}
            value={progress?.percent ?? 0}
            aria-label={t('sync.panel.progress')}
          />
          {progress && (
            <Typography variant="caption" color="text.secondary" data-testid="sync-progress">
              {progressText(progress)}
            </Typography>
          )}
        </Box>
      )}
      {status.error && (
        <Alert severity={status.state === 'offline' ? 'warning' : 'error'} data-testid="sync-error">
          {errorText(status.error)}
        </Alert>
      )}
      <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5, m: 0 }}>
        <Fact label={t('sync.panel.server')}>
          {status.server === null ? (
            t('sync.panel.noServer')
          ) : (
            <>
              {status.server.url}
              {status.server.embedded && <Chip size="small" variant="outlined" label={t('sync.panel.demoServer')} sx={{ ml: 1 }} />}
            </>
          )}
        </Fact>
        {status.user && (
          <Fact label={t('sync.panel.signedInAs')}>
            {status.user.displayName} ({status.user.username}) · {t(ROLE_LABEL_KEYS[status.user.role])}
          </Fact>
        )}
        <Fact label={t('sync.panel.lastSync')}>{status.lastSyncAt === null ? t('sync.panel.never') : `${formatDateTime(status.lastSyncAt)} (${timeAgo(status.lastSyncAt, nowMs)})`}</Fact>
        <Fact label={t('sync.panel.changesWaiting')}>{formatCount(status.pending)}</Fact>
        <Fact label={t('sync.panel.syncIssues')}>
          {formatCount(status.issues)}
          {' · '}
          <Link
            href="#/sync-issues"
            onClick={(event) => {
              event.preventDefault();
              onClose();
              openSyncIssues();
            }}
          >
            {status.issues > 0 ? t('sync.panel.review') : t('sync.panel.openList')}
          </Link>
        </Fact>
        {status.nextAttemptAt !== null && status.state !== 'syncing' && (
          <Fact label={t('sync.panel.nextAttempt')}>
            {timeUntil(status.nextAttemptAt, nowMs)} ({formatDateTime(status.nextAttemptAt)})
          </Fact>
        )}
      </Box>
      <Box sx={{ display: 'flex', gap: 1, justifyContent: 'flex-end' }}>
        <Button color={status.state === 'signed_out' ? 'primary' : 'inherit'} variant={status.state === 'signed_out' ? 'contained' : 'text'} onClick={onSettings}>
          {status.state === 'signed_out' ? t('sync.panel.signIn') : status.state === 'local_only' ? t('sync.panel.connect') : t('sync.panel.serverAndAccount')}
        </Button>
        {status.state !== 'local_only' && status.state !== 'signed_out' && (
          <Button
            variant="contained"
            // While a sync runs the button stays focusable (aria-disabled, not disabled): a disabled
            // button drops the focus out of the panel, and Escape then no longer closes it.
            disabled={!inProgress && !CAN_SYNC_NOW.has(status.state)}
            aria-disabled={inProgress}
            onClick={() => {
              if (!inProgress) onSyncNow();
            }}
          >
            {inProgress ? t('sync.panel.syncing') : t('sync.panel.syncNow')}
          </Button>
        )}
      </Box>
    </Box>
  );
}
