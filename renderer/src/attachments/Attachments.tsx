/**
 * The files on one note, dispute or logged contact: a chip per file (click to preview), and
 * "Attach file", which also takes files dropped onto it. A file the rule refuses says why under
 * the chips; one that is too large or of a kind not taken is refused before it is read.
 */
import AttachFile from '@mui/icons-material/AttachFile';
import Description from '@mui/icons-material/DescriptionOutlined';
import Image from '@mui/icons-material/ImageOutlined';
import PictureAsPdf from '@mui/icons-material/PictureAsPdfOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Typography from '@mui/material/Typography';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTACHMENT_EXTENSIONS, ATTACHMENT_MAX_BYTES, ATTACHMENTS_PER_PARENT_MAX, attachmentPreview, formatBytes, type AttachmentParent } from '../../../shared/domain/attachments';
import { api } from '../api/client';
import { useCommand } from '../collector/useCommand';
import { UserText } from '../common/UserText';
import { AttachmentPreview } from './AttachmentPreview';
import { ATTACH_LABEL_KEYS, FULL_KEYS, type WorkAttachment } from './attachmentLists';
import { chosenFileProblem, readAsBase64 } from './files';
import { errorText } from '../i18n/errorText';

const ICONS = { image: Image, pdf: PictureAsPdf, text: Description } as const;

interface AttachmentsProps {
  readonly customerId: string;
  readonly parentKind: AttachmentParent;
  /** The id the files are kept under (a note's lineage id); `attachTo` is what attachment.add names. */
  readonly files: readonly WorkAttachment[];
  readonly attachTo: string;
  /** A person's name for a user id, or null. */
  readonly nameOf: (userId: string | null) => string | null;
  /** A paperclip without words, for rows that are many (the timeline's contacts). */
  readonly compact?: boolean;
}

export function Attachments({ customerId, parentKind, files, attachTo, nameOf, compact = false }: AttachmentsProps) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const add = useCommand();
  const [problem, setProblem] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [shown, setShown] = useState<WorkAttachment | null>(null);
  const [reading, setReading] = useState(false);
  /** The file the store's rule is judging, named with its refusal. */
  const [failed, setFailed] = useState<string | null>(null);
  const full = files.length >= ATTACHMENTS_PER_PARENT_MAX;

  /** Each file in turn; the first one refused stops the rest and says which it was. */
  const attach = async (chosen: readonly File[]) => {
    if (add.busy || reading) return;
    setProblem(null);
    setFailed(null);
    add.reset();
    for (const file of chosen) {
      const refused = chosenFileProblem(file);
      if (refused !== null) {
        setProblem(refused);
        return;
      }
      setReading(true);
      const content = await readAsBase64(file).catch(() => null);
      setReading(false);
      if (content === null) {
        setProblem(t('attachments.problem.unreadable', { file: file.name }));
        return;
      }
      setFailed(file.name);
      if (!(await add.run(() => api['attachment.add']({ customerId, parentKind, parentId: attachTo, fileName: file.name, content })))) return;
      setFailed(null);
    }
  };

  const error =
    problem ??
    (add.error === null
      ? null
      : failed === null
        ? t('attachments.problem.refusedUnnamed', { message: errorText(add.error) })
        : t('attachments.problem.refused', { file: failed, message: errorText(add.error) }));
  const attachLabel = t(ATTACH_LABEL_KEYS[parentKind]);
  const hint = full ? t(FULL_KEYS[parentKind], { max: ATTACHMENTS_PER_PARENT_MAX }) : t('attachments.hint', { max: formatBytes(ATTACHMENT_MAX_BYTES) });
  return (
    <Box
      data-testid={`attachments-${parentKind}`}
      onDragOver={(event) => {
        if (full || add.busy || reading || !event.dataTransfer.types.includes('Files')) return;
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => {
        setDragging(false);
      }}
      onDrop={(event) => {
        if (full || add.busy || reading) return;
        event.preventDefault();
        setDragging(false);
        void attach([...event.dataTransfer.files]);
      }}
      sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 0.5, mt: 0.5, borderRadius: 1, outline: dragging ? 2 : 0, outlineColor: 'primary.main', outlineStyle: 'dashed' }}
    >
      {files.map((file) => {
        const preview = attachmentPreview(file.mediaType);
        const Icon = preview === null ? Description : ICONS[preview];
        const size = formatBytes(file.sizeBytes);
        return (
          <Chip
            key={file.id}
            size="small"
            variant="outlined"
            icon={<Icon />}
            clickable
            onClick={() => {
              setShown(file);
            }}
            label={
              <>
                <UserText>{file.fileName}</UserText> · {size}
                {file.downloaded ? '' : ` · ${t('attachments.chip.notDownloaded')}`}
              </>
            }
            aria-label={
              file.downloaded ? t('attachments.chip.show', { file: file.fileName, size }) : t('attachments.chip.showNotDownloaded', { file: file.fileName, size })
            }
            sx={{ maxWidth: '100%', '& .MuiChip-label': { overflow: 'hidden', textOverflow: 'ellipsis' } }}
          />
        );
      })}
      {full ? (
        <Typography variant="caption" color="text.secondary">
          {hint}
        </Typography>
      ) : compact ? (
        <IconButton size="small" disabled={add.busy || reading} onClick={() => input.current?.click()} aria-label={attachLabel} title={hint}>
          <AttachFile fontSize="inherit" />
        </IconButton>
      ) : (
        <Button size="small" color="inherit" startIcon={<AttachFile />} disabled={add.busy || reading} onClick={() => input.current?.click()} aria-label={attachLabel} title={hint}>
          {add.busy || reading ? t('attachments.attaching') : t('attachments.attachFile')}
        </Button>
      )}
      <input
        ref={input}
        type="file"
        hidden
        multiple
        accept={ATTACHMENT_EXTENSIONS.join(',')}
        data-testid={`attach-input-${parentKind}`}
        onChange={(event) => {
          const chosen = [...(event.target.files ?? [])];
          event.target.value = '';
          void attach(chosen);
        }}
      />
      {error !== null && (
        <Typography variant="caption" color="error" role="alert" sx={{ flexBasis: '100%' }}>
          <UserText>{error}</UserText>
        </Typography>
      )}
      {shown && (
        <AttachmentPreview
          attachment={shown}
          by={nameOf(shown.createdBy)}
          onClose={() => {
            setShown(null);
          }}
        />
      )}
    </Box>
  );
}
