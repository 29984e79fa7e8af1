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
import { useTranslation } from 'react-i18next';
import type { SetupState, SyncStatus } from '../../../shared/api/sync-contract';
import { api } from '../api/client';
import { dataChanged } from '../collector/dataVersion';
import { SignInDialog } from '../sync/SignInDialog';
import { publishSyncStatus, useSyncStatus } from '../sync/syncStatusStore';
import { errorText } from '../i18n/errorText';

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
  const { t } = useTranslation();
  const status = useSyncStatus() ?? NOT_CONNECTED;
  const [signingIn, setSigningIn] = useState(false);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A demo whose built-in server failed to start brings the user back here, with the reason.
  const failure = status.state === 'error' && status.error !== null ? errorText(status.error) : null;

  const startDemo = () => {
    setStarting(true);
    setError(null);
    void api['sync.chooseDemo']({}).then((result) => {
      setStarting(false);
      if (!result.ok) {
        setError(errorText(result.error, { showField: true }));
        return;
      }
      publishSyncStatus(result.value);
      dataChanged();
    });
  };

  return (
    <Box component="main" sx={{ minHeight: '100vh', display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', gap: 3, p: 3, bgcolor: 'background.default', color: 'text.primary' }}>
      <Typography variant="h1" sx={{ fontSize: '1.8rem' }}>
        {t('app.welcome.title')}
      </Typography>
      <Typography sx={{ maxWidth: 640, textAlign: 'center' }}>
        {t('app.welcome.intro')}
      </Typography>
      {(error ?? failure) !== null && (
        <Alert severity="error" sx={{ maxWidth: 860 }}>
          {error ?? failure}
        </Alert>
      )}
      <Box sx={{ display: 'flex', gap: 3, flexWrap: 'wrap', justifyContent: 'center', width: '100%' }}>
        <Choice
          id="welcome-company"
          title={t('app.welcome.companyTitle')}
          action={
            <Button
              variant="contained"
              autoFocus
              onClick={() => {
                setSigningIn(true);
              }}
            >
              {t('app.welcome.connect')}
            </Button>
          }
        >
          {t('app.welcome.companyText')}
        </Choice>
        {setup.demoOffered && (
          <Choice
            id="welcome-demo"
            title={t('app.welcome.demoTitle')}
            action={
              <Button variant="outlined" disabled={starting} onClick={startDemo}>
                {starting ? t('app.welcome.demoStarting') : t('app.welcome.demoStart')}
              </Button>
            }
          >
            {t('app.welcome.demoText')}
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
