import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import LinearProgress from '@mui/material/LinearProgress';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useEffectEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../shared/api/sync-contract';
import type { ApiError, Result } from '../../../shared/api/result';
import { CREDENTIAL_MAX, USERNAME_MAX } from '../../../shared/domain/text';
import { api } from '../api/client';
import { dataChanged } from '../collector/dataVersion';
import { publishSyncStatus } from './syncStatusStore';
import { errorText } from '../i18n/errorText';

type SignInField = 'serverUrl' | 'username' | 'password';

const FIELD_LABELS = { serverUrl: 'sync.signIn.serverUrl', username: 'sync.signIn.username', password: 'sync.signIn.password' } as const satisfies Readonly<Record<SignInField, string>>;

/** The placeholder's example address: a URL, the same in every language. */
const SERVER_URL_EXAMPLE = 'https://ledgerline.example.com';

const isSignInField = (field: string | undefined): field is SignInField => field !== undefined && Object.hasOwn(FIELD_LABELS, field);

/** "serverUrl must be an https:// address …" reads "Server address must be an https:// address …" under its field (`label` is the field's label). */
function fieldMessage(field: SignInField, label: string, message: string): string {
  return message.startsWith(`${field} `) ? `${label} ${message.slice(field.length + 1)}` : message;
}

interface SignInDialogProps {
  readonly open: boolean;
  readonly status: SyncStatus;
  readonly onClose: () => void;
}

/** Server address, username and password; signing in as someone else asks before unsent changes are dropped. */
export function SignInDialog({ open, status, onClose }: SignInDialogProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const [serverUrl, setServerUrl] = useState(status.server?.url ?? '');
  const [username, setUsername] = useState(status.user?.username ?? '');
  const [password, setPassword] = useState('');
  const [discardUnsynced, setDiscardUnsynced] = useState(false);
  /** The server asked to confirm dropping unsent changes (its message is shown with the checkbox). */
  const [unsentWarning, setUnsentWarning] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  /** Required fields left empty at the last submit: each is flagged, not just the first the server would name. */
  const [missing, setMissing] = useState<ReadonlySet<SignInField>>(new Set());
  const [busy, setBusy] = useState<'signIn' | 'signOut' | null>(null);
  /** Enter pressed while the previous attempt was still out: it runs, with what is typed then, once that one answers. */
  const submitAgain = useRef(false);
  const signedIn = status.user !== null && status.state !== 'signed_out' && status.state !== 'local_only';

  const run = async (action: 'signIn' | 'signOut', request: () => Promise<Result<SyncStatus>>): Promise<boolean> => {
    setBusy(action);
    setError(null);
    const result = await request();
    setBusy(null);
    if (!result.ok) {
      if (result.error.field === 'discardUnsynced') setUnsentWarning(errorText(result.error));
      else setError(result.error);
      return false;
    }
    publishSyncStatus(result.value);
    // Signing in may have replaced the portfolio on this computer.
    dataChanged();
    return true;
  };

  const submit = () => {
    if (busy !== null) {
      if (busy === 'signIn') submitAgain.current = true;
      return;
    }
    const values: Readonly<Record<SignInField, string>> = { serverUrl: serverUrl.trim(), username: username.trim(), password };
    const empty = new Set((Object.keys(values) as SignInField[]).filter((field) => values[field] === ''));
    // The server still judges what was typed (an address that is not https, say) next to these.
    setMissing(empty);
    void run('signIn', () => api['sync.signIn']({ serverUrl: serverUrl.trim(), username: username.trim(), password, discardUnsynced })).then((done) => {
      if (done) onClose();
    });
  };

  const submitLatest = useEffectEvent(submit);
  useEffect(() => {
    if (busy !== null || !submitAgain.current) return;
    submitAgain.current = false;
    submitLatest();
  }, [busy]);

  // Typing in the field at fault takes its message away; the next submit judges again.
  const clearErrorOf = (field: SignInField) => {
    if (error?.field === field) setError(null);
    if (missing.has(field)) setMissing(new Set([...missing].filter((other) => other !== field)));
  };
  const errorOf = (field: SignInField): string | undefined => {
    if (missing.has(field)) return t('sync.signIn.required', { field: t(FIELD_LABELS[field]) });
    return error?.field === field ? fieldMessage(field, t(FIELD_LABELS[field]), errorText(error)) : undefined;
  };
  const generalError = error !== null && !isSignInField(error.field) ? error : null;
  const focusFirst: SignInField = serverUrl === '' ? 'serverUrl' : username === '' ? 'username' : 'password';

  return (
    <Dialog open={open} onClose={onClose} aria-labelledby={titleId} maxWidth="xs" fullWidth>
      <Box
        component="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <DialogTitle id={titleId}>{signedIn ? t('sync.signIn.titleSignedIn') : t('sync.signIn.title')}</DialogTitle>
        <DialogContent sx={{ display: 'grid', gap: 2, pt: '8px !important' }}>
          {signedIn && status.user && (
            <Typography variant="body2" color="text.secondary" data-testid="signed-in-as">
              {t(status.server?.embedded ? 'sync.signIn.signedInAsDemo' : 'sync.signIn.signedInAs', {
                name: status.user.displayName,
                username: status.user.username,
                server: status.server?.url ?? '',
              })}
            </Typography>
          )}
          {generalError && (
            <Alert severity="error" role="alert">
              {errorText(generalError, { showField: true })}
            </Alert>
          )}
          <TextField
            autoFocus={focusFirst === 'serverUrl'}
            required
            label={t(FIELD_LABELS.serverUrl)}
            placeholder={SERVER_URL_EXAMPLE}
            value={serverUrl}
            onChange={(event) => {
              setServerUrl(event.target.value);
              clearErrorOf('serverUrl');
            }}
            error={errorOf('serverUrl') !== undefined}
            helperText={errorOf('serverUrl') ?? t('sync.signIn.serverUrlHelp')}
            slotProps={{ htmlInput: { inputMode: 'url', autoComplete: 'url', spellCheck: false, maxLength: CREDENTIAL_MAX } }}
          />
          <TextField
            autoFocus={focusFirst === 'username'}
            required
            label={t(FIELD_LABELS.username)}
            value={username}
            onChange={(event) => {
              setUsername(event.target.value);
              clearErrorOf('username');
            }}
            error={errorOf('username') !== undefined}
            helperText={errorOf('username') ?? ' '}
            slotProps={{ htmlInput: { autoComplete: 'username', spellCheck: false, maxLength: USERNAME_MAX } }}
          />
          <TextField
            autoFocus={focusFirst === 'password'}
            required
            type="password"
            label={t(FIELD_LABELS.password)}
            value={password}
            onChange={(event) => {
              setPassword(event.target.value);
              clearErrorOf('password');
            }}
            error={errorOf('password') !== undefined}
            helperText={errorOf('password') ?? ' '}
            slotProps={{ htmlInput: { autoComplete: 'current-password', maxLength: CREDENTIAL_MAX } }}
          />
          {unsentWarning !== null && (
            <Alert severity="warning" role="alert" data-testid="unsent-warning">
              {unsentWarning}
              <FormControlLabel
                sx={{ display: 'flex', mt: 1 }}
                control={
                  <Checkbox
                    checked={discardUnsynced}
                    onChange={(event) => {
                      setDiscardUnsynced(event.target.checked);
                    }}
                  />
                }
                label={t('sync.signIn.discardUnsent')}
              />
            </Alert>
          )}
          {busy === 'signIn' && <LinearProgress aria-label={t('sync.signIn.progress')} />}
        </DialogContent>
        <DialogActions>
          {signedIn && (
            <Button
              color="inherit"
              disabled={busy !== null}
              onClick={() => {
                void run('signOut', () => api['sync.signOut']({})).then((done) => {
                  if (done) onClose();
                });
              }}
              sx={{ mr: 'auto' }}
            >
              {t('sync.signIn.signOut')}
            </Button>
          )}
          <Button onClick={onClose}>{t('sync.signIn.cancel')}</Button>
          {/* Not disabled while busy: a disabled default button stops Enter from submitting at all, and an Enter typed meanwhile is kept (submitAgain). */}
          <Button type="submit" variant="contained" disabled={busy === 'signOut'} aria-disabled={busy === 'signIn'}>
            {busy === 'signIn' ? t('sync.signIn.signingIn') : t('sync.signIn.submit')}
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}
