/** Attachments as the account shows them (never their bytes), and one file's bytes to show or open. */
import type { z } from 'zod';
import type { AttachmentContentAnswerSchema, AttachmentSchema } from '../../shared/api/attachment-schemas';
import { refused } from '../../shared/i18n/refusals';
import type { ReadDb } from '../read-db';
import type { Row } from '../schema';
import { prepared } from '../statements';

export type AttachmentView = z.output<typeof AttachmentSchema>;
type AttachmentRow = Row<'attachments'> & { downloaded: number };

/** Files an account shows at most; a parent carries 20 at most, so this is only a guard. */
const ATTACHMENTS_SHOWN = 1_000;

const COLUMNS = `a.*, EXISTS (SELECT 1 FROM attachment_contents c WHERE c.attachment_id = a.id) AS downloaded`;

export const toAttachmentView = (row: AttachmentRow): AttachmentView => ({
  id: row.id,
  customerId: row.customer_id,
  parentKind: row.parent_kind,
  parentId: row.parent_id,
  fileName: row.file_name,
  mediaType: row.media_type,
  sizeBytes: row.size_bytes,
  createdBy: row.created_by,
  createdAt: row.created_at,
  downloaded: row.downloaded === 1,
});

/** A customer's attachments, newest first. */
export function customerAttachments(sqlite: ReadDb, customerId: string): AttachmentView[] {
  return prepared<[string, number], AttachmentRow>(sqlite, `SELECT ${COLUMNS} FROM attachments a WHERE a.customer_id = ? ORDER BY a.created_at DESC, a.id DESC LIMIT ?`)
    .all(customerId, ATTACHMENTS_SHOWN)
    .map(toAttachmentView);
}

export function attachmentById(sqlite: ReadDb, id: string): AttachmentView {
  const row = prepared<[string], AttachmentRow>(sqlite, `SELECT ${COLUMNS} FROM attachments a WHERE a.id = ?`).get(id);
  if (row === undefined) throw refused('not_found', { key: 'attachmentNotFound', params: { id } }, 'attachmentId');
  return toAttachmentView(row);
}

export type AttachmentContent = z.output<typeof AttachmentContentAnswerSchema>;

/** The file's bytes; refused while a file added on another desktop has not been fetched yet. */
export function attachmentBytes(sqlite: ReadDb, id: string): { attachment: AttachmentView; bytes: Buffer } {
  const attachment = attachmentById(sqlite, id);
  const row = prepared<[string], { content: Buffer }>(sqlite, 'SELECT content FROM attachment_contents WHERE attachment_id = ?').get(id);
  if (row === undefined) {
    throw refused('conflict', { key: 'attachmentNotDownloaded', params: { fileName: attachment.fileName } }, 'attachmentId');
  }
  return { attachment, bytes: row.content };
}

export function attachmentContent(sqlite: ReadDb, id: string): AttachmentContent {
  const { attachment, bytes } = attachmentBytes(sqlite, id);
  return { fileName: attachment.fileName, mediaType: attachment.mediaType, content: bytes.toString('base64') };
}
