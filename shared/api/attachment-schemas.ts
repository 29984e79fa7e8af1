/** zod schemas of attachments (shared/domain/attachments.ts): adding one, reading its bytes, and how the views describe it. */
import { z } from 'zod';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_MEDIA_TYPES, ATTACHMENT_NAME_MAX, ATTACHMENT_PARENTS, fileNameProblem, formatBytes } from '../domain/attachments';
import { refusalIssue } from './refusal-issue';
import { TextSchema } from './text-schema';
import { IdSchema, StoredTimestampSchema } from './schemas';

/** The longest base64 text of a file within the limit: 4 characters per 3 bytes. */
export const ATTACHMENT_MAX_BASE64 = Math.ceil(ATTACHMENT_MAX_BYTES / 3) * 4;

export const AttachmentFileNameSchema = TextSchema.trim()
  .min(1, 'is required')
  .max(ATTACHMENT_NAME_MAX, `must be at most ${ATTACHMENT_NAME_MAX} characters`)
  .superRefine((value, ctx) => {
    const problem = fileNameProblem(value);
    if (problem !== null) ctx.addIssue({ code: 'custom', ...refusalIssue(problem), input: value });
  });

/** The file's bytes as base64, without line breaks; the length is checked before the format, so a huge text is refused cheaply. */
export const AttachmentContentSchema = z
  .string()
  .max(ATTACHMENT_MAX_BASE64, `must be at most ${formatBytes(ATTACHMENT_MAX_BYTES)} of file`)
  .pipe(z.base64('must be the file as base64'));

export const AttachmentAddSchema = z.strictObject({
  customerId: IdSchema,
  /** What the file belongs to: a note (by any version's id; kept on its lineage), a dispute or a logged contact. */
  parentKind: z.enum(ATTACHMENT_PARENTS),
  parentId: IdSchema,
  fileName: AttachmentFileNameSchema,
  content: AttachmentContentSchema,
});

export const AttachmentRefSchema = z.strictObject({ attachmentId: IdSchema });

/** As stored: the ids are checked where they are written, so a read never fails on one. */
export const AttachmentSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  parentKind: z.enum(ATTACHMENT_PARENTS),
  parentId: z.string(),
  fileName: z.string(),
  mediaType: z.enum(ATTACHMENT_MEDIA_TYPES),
  sizeBytes: z.number().int(),
  createdBy: z.string().nullable(),
  createdAt: StoredTimestampSchema,
  /** False while the bytes of a file added on another desktop have not been fetched yet (the next sync does). */
  downloaded: z.boolean(),
});

export const AttachmentContentAnswerSchema = z.object({
  fileName: z.string(),
  mediaType: z.enum(ATTACHMENT_MEDIA_TYPES),
  content: z.string(),
});

export const attachmentContract = {
  'attachment.add': { input: AttachmentAddSchema, output: AttachmentSchema },
  /** The bytes, to show a preview or to download in the browser. */
  'attachment.content': { input: AttachmentRefSchema, output: AttachmentContentAnswerSchema },
  /** Opens a copy in the system's viewer (the desktop app only). */
  'attachment.open': { input: AttachmentRefSchema, output: z.object({ opened: z.literal(true) }) },
} as const;
