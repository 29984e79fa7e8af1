/**
 * One attachment shown in the app: an image as itself, a PDF's pages, a text file or an email as
 * text; any other kind is named. "Open" hands a copy to the system's viewer in the desktop app;
 * "Download" saves it from the browser (and from the desktop app, to keep a copy elsewhere).
 */
import Download from '@mui/icons-material/DownloadOutlined';
import OpenInNew from '@mui/icons-material/OpenInNewOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/api/result';
import { attachmentPreview, formatBytes } from '../../../shared/domain/attachments';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useDataVersion } from '../collector/dataVersion';
import { ErrorState } from '../common/StatusViews';
import { formatDateTime } from '../common/format';
import { UserText } from '../common/UserText';
import type { WorkAttachment } from './attachmentLists';
import { base64ToBytes, textOf } from './files';
import { PdfPages } from './PdfPages';
import { errorText } from '../i18n/errorText';

function Preview({ attachment, content }: { attachment: WorkAttachment; content: string }) {
  const { t } = useTranslation();
  const kind = attachmentPreview(attachment.mediaType);
  const text = useMemo(() => (kind === 'text' ? textOf(content) : null), [kind, content]);
  if (kind === 'image') {
    return <Box component="img" src={`data:${attachment.mediaType};base64,${content}`} alt={attachment.fileName} sx={{ maxWidth: '100%', display: 'block', mx: 'auto' }} />;
  }
  if (kind === 'pdf') return <PdfPages content={content} fileName={attachment.fileName} />;
  if (text !== null) {
    return (
      <>
        <Box component="pre" data-testid="text-preview" sx={{ m: 0, p: 1.5, bgcolor: 'action.hover', borderRadius: 1, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontSize: '0.8rem', maxHeight: '60vh', overflow: 'auto' }}>
          <UserText>{text.text}</UserText>
        </Box>
        {text.cut && (
          <Typography variant="caption" color="text.secondary">
            {t('attachments.preview.cut')}
          </Typography>
        )}
      </>
    );
  }
  return (
    <Typography variant="body2" color="text.secondary">
      {t('attachments.preview.none')}
    </Typography>
  );
}

/** Saves the bytes under the file's name, as the browser saves any download. */
function download(attachment: WorkAttachment, content: string): void {
  const url = URL.createObjectURL(new Blob([base64ToBytes(content)], { type: attachment.mediaType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = attachment.fileName;
  link.click();
  // The download has taken the bytes by the next turn; the link's memory goes with it.
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 0);
}

export function AttachmentPreview({ attachment, by, onClose }: { attachment: WorkAttachment; by: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  // Read again after a sync: a file not downloaded yet when the preview opened shows once it is.
  const version = useDataVersion();
  const file = useQuery(`attachment:${attachment.id}:${version}`, () => api['attachment.content']({ attachmentId: attachment.id }));
  const info = useQuery('app.info', () => api['app.info']({}));
  const [openError, setOpenError] = useState<ApiError | null>(null);
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} maxWidth="md" fullWidth>
      <DialogTitle id={titleId} sx={{ overflowWrap: 'anywhere' }}>
        <UserText>{attachment.fileName}</UserText>
        <Typography variant="body2" color="text.secondary" component="span" sx={{ display: 'block' }}>
          {by === null
            ? t('attachments.preview.added', { size: formatBytes(attachment.sizeBytes), date: formatDateTime(attachment.createdAt) })
            : t('attachments.preview.addedBy', { size: formatBytes(attachment.sizeBytes), date: formatDateTime(attachment.createdAt), name: by })}
        </Typography>
      </DialogTitle>
      <DialogContent dividers sx={{ minHeight: 160 }}>
        {file.error && <ErrorState error={file.error} onRetry={file.retry} what={t('attachments.preview.loadWhat')} />}
        {file.data === undefined && file.error === undefined && (
          <Typography variant="body2" color="text.secondary">
            {file.slow ? t('attachments.preview.reading') : ' '}
          </Typography>
        )}
        {file.data !== undefined && <Preview attachment={attachment} content={file.data.content} />}
        {openError && (
          <Alert severity="error" role="alert" sx={{ mt: 1 }}>
            {errorText(openError, { showField: true })}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        {info.data?.transport === 'ipc' && (
          <Button
            startIcon={<OpenInNew />}
            disabled={file.data === undefined}
            onClick={() => {
              setOpenError(null);
              void api['attachment.open']({ attachmentId: attachment.id }).then((result) => {
                if (!result.ok) setOpenError(result.error);
              });
            }}
          >
            {t('attachments.preview.open')}
          </Button>
        )}
        <Button
          startIcon={<Download />}
          disabled={file.data === undefined}
          onClick={() => {
            if (file.data !== undefined) download(attachment, file.data.content);
          }}
        >
          {t('attachments.preview.download')}
        </Button>
        <Button variant="contained" onClick={onClose}>
          {t('attachments.preview.close')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
