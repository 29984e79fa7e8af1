import Description from '@mui/icons-material/DescriptionOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { Trans, useTranslation } from 'react-i18next';
import { UserText } from '../common/UserText';
import { FileAction } from './ExportJobPanel';
import { useExportJob } from './useExportJob';
import { maybeErrorText } from '../i18n/errorText';

/** "Statement (PDF)" on the account header: the open items with aging as of today, ready to send; then Download or Show in folder. */
export function StatementButton({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const job = useExportJob();
  const { status, error } = job;
  const busy = job.starting || job.running;
  const failure = maybeErrorText(error, { showField: true }) ?? (status?.state === 'failed' ? (maybeErrorText(status.error) ?? t('reports.export.noReason')) : undefined);
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }} aria-live="polite" data-testid="statement">
      {/* Before the button, so the button stays where it was clicked when the result appears. */}
      {status?.state === 'done' && !busy && <FileAction status={status} size="small" />}
      <Tooltip title={t('reports.statement.hint')}>
        <span>
          <Button
            variant="outlined"
            size="small"
            startIcon={busy ? <CircularProgress size={16} aria-label={t('reports.statement.writing')} /> : <Description />}
            disabled={busy}
            onClick={() => {
              job.start({ kind: 'statement', format: 'pdf', filter: { customerId } });
            }}
          >
            {t('reports.statement.button')}
          </Button>
        </span>
      </Tooltip>
      {status?.state === 'done' && !busy && status.unprintable.length > 0 && (
        <Typography variant="body2" color="warning.main" data-testid="statement-unprintable">
          <Trans i18nKey="reports.statement.unprintable" components={{ 1: <UserText>{status.unprintable.join(' ')}</UserText> }} />
        </Typography>
      )}
      {failure !== undefined && (
        <Typography variant="body2" color="error" role="alert">
          {t('reports.statement.failed', { reason: failure })}
        </Typography>
      )}
    </Box>
  );
}
