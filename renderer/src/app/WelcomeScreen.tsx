/**
 * A first start: the store is empty and no server is chosen. The user connects to the company's
 * server, or tries the demo portfolio on a server built into this computer; nothing is started or
 * seeded before they choose.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useState, type ReactNode } from 'react';
import type { SetupState, SyncStatus } from '../../../shared/api/sync-contract';
import { api } from '../api/client';
import { dataChanged } from '../collector/dataVersion';
import { SignInDialog } from '../sync/SignInDialog';
import { publishSyncStatus, useSyncStatus } from '../sync/syncStatusStore';

const NOT_CONNECTED: SyncStatus = { state: 'local_only', server: null, user: null, pending: 0, issues: 0, lastSyncAt: null, nextAttemptAt: null, progress: null, error: null };

function Choice({ id, title, children, action }: { id: string; title: string; children: string; action: ReactNode }) {
  return (
    <Paper component="section" aria-labelledby={id} variant="outlined" sx={{ p: 3, display: 'flex', flexDirection: 'column', gap: 2, flex: '1 1 320px', maxWidth: 420 }}>
      <Typography variant="h2" id={id}>
        {title}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }}>
        {children}
      </Typography>
      <Box>{action}</Box>
    </Paper>
  );
}

export function WelcomeScreen({ setup }: { setup: SetupState }) {
  const status = useSyncStatus() ?? NOT_CONNECTED;
  const [signingIn, setSigningIn] = useState(false);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A demo whose built-in server failed to start brings the user back here, with the reason.
  const failure = status.state === 'error' ? (status.error?.message ?? null) : null;

  const startDemo = () => {
    setStarting(true);
    setError(null);
    void api['sync.chooseDemo']({}).then((result) => {
      setStarting(false);
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      publishSyncStatus(result.value);
      dataChanged();
    });
  };

  return (
    <Box component="main" sx={{ minHeight: '100vh', display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', gap: 3, p: 3, bgcolor: 'background.default', color: 'text.primary' }}>
      <Typography variant="h1" sx={{ fontSize: '1.8rem' }}>
        Welcome to Ledgerline
      </Typography>
      <Typography sx={{ maxWidth: 640, textAlign: 'center' }}>
        Ledgerline keeps your portfolio on this computer, so you can work offline, and syncs it with a server. How do you want to start?
      </Typography>
      {(error ?? failure) !== null && (
        <Alert severity="error" sx={{ maxWidth: 860 }}>
          {error ?? failure}
        </Alert>
      )}
      <Box sx={{ display: 'flex', gap: 3, flexWrap: 'wrap', justifyContent: 'center', width: '100%' }}>
        <Choice
          id="welcome-company"
          title="Connect to your company's server"
          action={
            <Button
              variant="contained"
              autoFocus
              onClick={() => {
                setSigningIn(true);
              }}
            >
              Connect…
            </Button>
          }
        >
          Sign in with the server address, username and password your administrator gave you. The address starts with https://.
        </Choice>
        {setup.demoOffered && (
          <Choice
            id="welcome-demo"
            title="Try the demo portfolio"
            action={
              <Button variant="outlined" disabled={starting} onClick={startDemo}>
                {starting ? 'Starting the demo…' : 'Start the demo'}
              </Button>
            }
          >
            Sample customers with invoices, promises and disputes, on a server built into this computer, with the demo team's users. Nothing leaves this computer; you can connect to your company's server later.
          </Choice>
        )}
      </Box>
      {signingIn && (
        <SignInDialog
          open
          status={status}
          onClose={() => {
            setSigningIn(false);
            dataChanged();
          }}
        />
      )}
    </Box>
  );
}
