import Download from '@mui/icons-material/DownloadOutlined';
import FolderOpen from '@mui/icons-material/FolderOpenOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { ApiError } from '../../../shared/api/result';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { formatCount, pluralize } from '../common/format';
import { UserText } from '../common/UserText';
import type { ExportJob, ExportStatus } from './useExportJob';

/** dev:web serves finished exports under this path; the desktop app shows them in the file manager instead. */
export const downloadHref = (fileName: string): string => `/exports/${encodeURIComponent(fileName)}`;

/** "Download" in the browser (HTTP transport), "Show in folder" in the desktop app (IPC). */
export function FileAction({ status, size = 'medium' }: { status: ExportStatus; size?: 'small' | 'medium' }) {
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
          Show in folder
        </Button>
        {revealError && (
          <Typography variant="caption" color="error" role="alert">
            {revealError.message}
          </Typography>
        )}
      </Box>
    );
  }
  return (
    <Button size={size} variant="contained" startIcon={<Download />} href={downloadHref(status.fileName)} download={status.fileName} data-testid="export-download">
      Download
    </Button>
  );
}

function progressText(status: ExportStatus): string {
  const of = status.total > 0 ? ` of ${formatCount(status.total)}` : '';
  return `${formatCount(status.rows)}${of} rows · ${status.percent} %`;
}

/**
 * What the current export is doing: progress and Cancel, then the file, or why there is none.
 * `shownOnField` tells which refused fields the form already shows under the field itself.
 */
export function ExportJobPanel({ job, shownOnField }: { job: ExportJob; shownOnField: (field: string | undefined) => boolean }) {
  const { status, error } = job;
  return (
    <Box sx={{ display: 'grid', gap: 1 }} aria-live="polite" data-testid="export-job">
      {error && !shownOnField(error.field) && (
        <Alert severity="error" role="alert">
          The export could not start: {error.message}
        </Alert>
      )}
      {status?.state === 'running' && (
        <Box sx={{ display: 'grid', gap: 0.75 }}>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
            <Typography variant="body2" sx={{ flex: 1, fontVariantNumeric: 'tabular-nums' }} data-testid="export-progress">
              Exporting… {progressText(status)}
            </Typography>
            <Button size="small" color="inherit" variant="outlined" onClick={job.cancel}>
              Cancel
            </Button>
          </Box>
          <LinearProgress variant="determinate" value={status.percent} aria-label={`Export progress ${status.percent} %`} sx={{ height: 6, borderRadius: 1 }} />
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
            Ready: {pluralize(status.rows, 'row')}
          </Box>
          <Box component="span" sx={{ display: 'block', fontSize: '0.8rem', wordBreak: 'break-all' }} data-testid="export-file-name">
            {status.fileName}
          </Box>
        </Alert>
      )}
      {status?.state === 'done' && status.unprintable.length > 0 && (
        <Alert severity="warning" data-testid="export-unprintable">
          The PDF shows some characters of the data as empty boxes, because its font has no letters for them:{' '}
          <UserText>{status.unprintable.join(' ')}</UserText>. The CSV and Excel exports keep them.
        </Alert>
      )}
      {status?.state === 'cancelled' && (
        <Alert severity="info" data-testid="export-cancelled">
          Export cancelled after {formatCount(status.rows)} of {formatCount(status.total)} rows. No file was kept.
        </Alert>
      )}
      {status?.state === 'failed' && (
        <Alert severity="error" role="alert" data-testid="export-failed">
          The export failed: {status.error ?? 'no reason was given'}. No file was kept.
        </Alert>
      )}
    </Box>
  );
}
