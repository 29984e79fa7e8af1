import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/api/result';
import { errorText } from '../i18n/errorText';

/**
 * `what` is what could not be loaded, as the caller's translation words it: in English the object of
 * "Could not load …" ("the worklist"); see common.status.loadFailed for the sentence in each language.
 */
export function ErrorState({ error, onRetry, what }: { error: ApiError; onRetry: () => void; what: string }) {
  const { t } = useTranslation();
  return (
    <Alert
      severity="error"
      role="alert"
      action={
        <Button color="inherit" size="small" onClick={onRetry}>
          {t('common.status.retry')}
        </Button>
      }
      sx={{ m: 2 }}
    >
      {t('common.status.loadFailed', { what, message: errorText(error, { showField: true }) })}
    </Alert>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Box sx={{ py: 6, px: 2, textAlign: 'center', color: 'text.secondary' }} role="status">
      <Typography variant="h2" component="p" sx={{ mb: 1, color: 'text.primary' }}>
        {title}
      </Typography>
      {children}
    </Box>
  );
}
