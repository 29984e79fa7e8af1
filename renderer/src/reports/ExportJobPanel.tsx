import Download from '@mui/icons-material/DownloadOutlined';
import FolderOpen from '@mui/icons-material/FolderOpenOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/api/result';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { formatCount } from '../common/format';
import { UserText } from '../common/UserText';
import type { ExportJob, ExportStatus } from './useExportJob';
import { errorText, maybeErrorText } from '../i18n/errorText';

/** dev:web serves finished exports under this path; the desktop app shows them in the file manager instead. */
export const downloadHref = (fileName: string): string => `/exports/${encodeURIComponent(fileName)}`;

/** "Download" in the browser (HTTP transport), "Show in folder" in the desktop app (IPC). */
export function FileAction({ status, size = 'medium' }: { status: ExportStatus; size?: 'small' | 'medium' }) {
  const { t } = useTranslation();
  const info = useQuery('app.info', () => api['app.info']({}));
  const [revealError, setRevealError] = useState<ApiError | undefined>();
  if (info.data?.transport === 'ipc') {
    return (
      <Box sx={{ display: 'inline-flex', flexDirection: 'column', gap: 0.5 }}>
        <Button
          size={size}
          variant="contained"
          startIcon={<FolderOpen />}
          onClick={() => {
            setRevealError(undefined);
            void api['report.reveal']({ fileName: status.fileName }).then((result) => {
              if (!result.ok) setRevealError(result.error);
            });
          }}
        >
          {t('reports.export.showInFolder')}
        </Button>
        {revealError && (
          <Typography variant="caption" color="error" role="alert">
            {errorText(revealError)}
          </Typography>
        )}
      </Box>
    );
  }
  return (
    <Button size={size} variant="contained" startIcon={<Download />} href={downloadHref(status.fileName)} download={status.fileName} data-testid="export-download">
      {t('reports.export.download')}
    </Button>
  );
}

function progressText(t: TFunction, status: ExportStatus): string {
  const rows = formatCount(status.rows);
  const percent = formatCount(status.percent);
  return status.total > 0 ? t('reports.export.progressOfTotal', { rows, total: formatCount(status.total), percent }) : t('reports.export.progress', { rows, percent });
}

/**
 * What the current export is doing: progress and Cancel, then the file, or why there is none.
 * `shownOnField` tells which refused fields the form already shows under the field itself.
 */
export function ExportJobPanel({ job, shownOnField }: { job: ExportJob; shownOnField: (field: string | undefined) => boolean }) {
  const { t } = useTranslation();
  const { status, error } = job;
  return (
    <Box sx={{ display: 'grid', gap: 1 }} aria-live="polite" data-testid="export-job">
      {error && !shownOnField(error.field) && (
        <Alert severity="error" role="alert">
          {t('reports.export.startFailed', { message: errorText(error, { showField: true }) })}
        </Alert>
      )}
      {status?.state === 'running' && (
        <Box sx={{ display: 'grid', gap: 0.75 }}>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
            <Typography variant="body2" sx={{ flex: 1, fontVariantNumeric: 'tabular-nums' }} data-testid="export-progress">
              {t('reports.export.running', { progress: progressText(t, status) })}
            </Typography>
            <Button size="small" color="inherit" variant="outlined" onClick={job.cancel}>
              {t('reports.export.cancel')}
            </Button>
          </Box>
          <LinearProgress variant="determinate" value={status.percent} aria-label={t('reports.export.progressLabel', { percent: formatCount(status.percent) })} sx={{ height: 6, borderRadius: 1 }} />
        </Box>
      )}
      {status?.state === 'done' && (
        <Alert
          severity="success"
          action={<FileAction status={status} size="small" />}
          sx={{ alignItems: 'center' }}
          data-testid="export-done"
        >
          <Box component="span" sx={{ display: 'block', fontWeight: 500 }}>
            {t('reports.export.ready', { count: status.rows, n: formatCount(status.rows) })}
          </Box>
          <Box component="span" sx={{ display: 'block', fontSize: '0.8rem', wordBreak: 'break-all' }} data-testid="export-file-name">
            {status.fileName}
          </Box>
        </Alert>
      )}
      {status?.state === 'done' && status.unprintable.length > 0 && (
        <Alert severity="warning" data-testid="export-unprintable">
          <Trans i18nKey="reports.export.unprintable" components={{ 1: <UserText>{status.unprintable.join(' ')}</UserText> }} />
        </Alert>
      )}
      {status?.state === 'cancelled' && (
        <Alert severity="info" data-testid="export-cancelled">
          {t('reports.export.cancelled', { rows: formatCount(status.rows), total: formatCount(status.total) })}
        </Alert>
      )}
      {status?.state === 'failed' && (
        <Alert severity="error" role="alert" data-testid="export-failed">
          {t('reports.export.failed', { reason: maybeErrorText(status.error) ?? t('reports.export.noReason') })}
        </Alert>
      )}
    </Box>
  );
}
