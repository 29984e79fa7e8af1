import CloudDone from '@mui/icons-material/CloudDoneOutlined';
import CloudOff from '@mui/icons-material/CloudOffOutlined';
import CloudSync from '@mui/icons-material/CloudSyncOutlined';
import Computer from '@mui/icons-material/ComputerOutlined';
import Login from '@mui/icons-material/LoginOutlined';
import SyncProblem from '@mui/icons-material/SyncProblemOutlined';
import SystemUpdate from '@mui/icons-material/SystemUpdateAltOutlined';
import Badge from '@mui/material/Badge';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Popover from '@mui/material/Popover';
import type { SvgIconComponent } from '@mui/icons-material';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncState } from '../../../shared/api/sync-contract';
import { api } from '../api/client';
import { useDataVersion } from '../collector/dataVersion';
import { formatCount } from '../common/format';
import { SignInDialog } from './SignInDialog';
import { STATE_TONES, statusHeadline, type StatusTone } from './statusText';
import { publishSyncStatus, refreshSyncStatus, useNetworkReporting, useSyncStatus } from './syncStatusStore';
import { SyncStatusPanel } from './SyncStatusPanel';

const STATE_ICONS: Readonly<Record<SyncState, SvgIconComponent>> = {
  local_only: Computer,
  signed_out: Login,
  idle: CloudDone,
  syncing: CloudSync,
  offline: CloudOff,
  update_required: SystemUpdate,
  error: SyncProblem,
};

const TONE_COLORS: Readonly<Record<StatusTone, string>> = {
  ok: 'success.main',
  busy: 'info.main',
  neutral: 'text.secondary',
  warning: 'warning.main',
  error: 'error.main',
};

/** "Synced 2 min ago" has to age while nothing else changes: a slow tick, not a poll. */
const CLOCK_TICK_MS = 15_000;

function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => {
      setNow(Date.now());
    }, CLOCK_TICK_MS);
    return () => {
      clearInterval(timer);
    };
  }, []);
  return now;
}

/** The top bar's sync status: icon, short text, badges for pending changes and sync issues; the panel and sign-in behind it. */
export function SyncStatusButton() {
  const { t } = useTranslation();
  useNetworkReporting();
  const status = useSyncStatus();
  // A command just wrote to the outbox: show the change waiting now rather than at the next poll.
  const version = useDataVersion();
  useEffect(() => {
    if (version > 0) void refreshSyncStatus();
  }, [version]);
  const now = useNow();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [signingIn, setSigningIn] = useState(false);
  const [requested, setRequested] = useState(false);
  if (status === undefined) return null;

  const Icon = STATE_ICONS[status.state];
  const headline = statusHeadline(status, now);
  const pendingShown = status.state === 'offline' || status.state === 'error' ? 0 : status.pending;
  const label = [
    t('sync.button.label', { headline }),
    pendingShown > 0 ? t('sync.button.waiting', { count: status.pending, n: formatCount(status.pending) }) : '',
    status.issues > 0 ? t('sync.button.issues', { count: status.issues, n: formatCount(status.issues) }) : '',
  ]
    .filter(Boolean)
    .join(', ');
  const openSignIn = () => {
    setAnchor(null);
    setSigningIn(true);
  };

  return (
    <>
      <Button
        color="inherit"
        aria-label={label}
        aria-haspopup="dialog"
        aria-expanded={anchor ? 'true' : 'false'}
        data-testid="sync-status"
        data-state={status.state}
        onClick={(event) => {
          setAnchor(event.currentTarget);
          void refreshSyncStatus();
        }}
        startIcon={
          <Badge badgeContent={pendingShown} color="primary" max={999} data-testid="sync-pending-badge">
            <Icon sx={{ color: TONE_COLORS[STATE_TONES[status.state]] }} />
          </Badge>
        }
        sx={{ textTransform: 'none', whiteSpace: 'nowrap', px: 1.5, minWidth: 0, flexShrink: 0 }}
      >
        <Box component="span" sx={{ maxWidth: 220, overflow: 'hidden', textOverflow: 'ellipsis' }} data-testid="sync-headline">
          {headline}
        </Box>
        {status.issues > 0 && (
          <Box
            component="span"
            aria-hidden="true"
            data-testid="sync-issues-badge"
            sx={{
              ml: 1,
              px: 0.75,
              minWidth: 20,
              borderRadius: 10,
              bgcolor: 'error.main',
              color: 'error.contrastText',
              fontSize: '0.75rem',
              fontWeight: 600,
              lineHeight: '20px',
              textAlign: 'center',
            }}
          >
            {status.issues > 99 ? '99+' : status.issues}
          </Box>
        )}
      </Button>
      <Popover
        open={anchor !== null}
        anchorEl={anchor}
        onClose={() => {
          setAnchor(null);
        }}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
        slotProps={{ paper: { role: 'dialog', 'aria-labelledby': 'sync-panel-title' } }}
      >
        <SyncStatusPanel
          status={status}
          nowMs={now}
          syncing={requested}
          onClose={() => {
            setAnchor(null);
          }}
          onSettings={openSignIn}
          onSyncNow={() => {
            setRequested(true);
            void api['sync.now']({}).then((result) => {
              setRequested(false);
              if (result.ok) publishSyncStatus(result.value);
            });
          }}
        />
      </Popover>
      {signingIn && (
        <SignInDialog
          open
          status={status}
          onClose={() => {
            setSigningIn(false);
          }}
        />
      )}
    </>
  );
}
