/** attachment.add: a file kept on a note, a dispute or a logged contact; its description and its bytes are written together. */
import { AttachmentAddSchema } from '../api/attachment-schemas';
import { ATTACHMENTS_PER_PARENT_MAX, base64ByteLength, contentProblem, mediaTypeOfFileName, type AttachmentParent } from '../domain/attachments';
import { refused, type RefusalKey } from '../i18n/refusals';
import type { SyncedRow } from '../sync/tables';
import { defineMutation, namedCustomer } from './definition';
import { insertItems, insertRow, newId, rowById, rowsWhere, type Step } from './effects';

/** What is refused of each kind of parent: one that is not the customer's, and one that carries the most files already. */
const PARENT_REFUSALS: Readonly<Record<AttachmentParent, { readonly missing: RefusalKey; readonly full: RefusalKey }>> = {
  note: { missing: 'noteNotFoundForCustomer', full: 'noteAttachmentsFull' },
  dispute: { missing: 'disputeNotFoundForCustomer', full: 'disputeAttachmentsFull' },
  activity: { missing: 'loggedContactNotFoundForCustomer', full: 'loggedContactAttachmentsFull' },
};

/** The id the attachment is kept under: a note's lineage (so it stays through edits), else the row's own id. */
function* parentKey(kind: AttachmentParent, id: string, customerId: string): Step<string> {
  const row = kind === 'note' ? yield* rowById('notes', id) : kind === 'dispute' ? yield* rowById('disputes', id) : yield* rowById('activities', id);
  if (row?.customer_id !== customerId) throw refused('not_found', { key: PARENT_REFUSALS[kind].missing, params: { id } }, 'parentId');
  return 'lineage_id' in row ? row.lineage_id : row.id;
}

export const attachmentAdd = defineMutation({
  name: 'attachment.add',
  args: AttachmentAddSchema,
  customerOf: namedCustomer,
  *decide(ctx, args) {
    const parentId = yield* parentKey(args.parentKind, args.parentId, args.customerId);
    // The file name's own rule has found the extension among those taken.
    const mediaType = mediaTypeOfFileName(args.fileName);
    if (mediaType === null) throw refused('validation', 'attachmentKindNotTaken', 'fileName');
    const problem = contentProblem(mediaType, args.content);
    if (problem !== null) throw refused('validation', problem, 'content');
    const siblings = yield* rowsWhere('attachments', { parent_kind: args.parentKind, parent_id: parentId });
    if (siblings.length >= ATTACHMENTS_PER_PARENT_MAX) {
      throw refused('validation', { key: PARENT_REFUSALS[args.parentKind].full, params: { max: ATTACHMENTS_PER_PARENT_MAX } }, 'parentId');
    }
    const row: SyncedRow<'attachments'> = {
      id: yield* newId('attachments'),
      customer_id: args.customerId,
      parent_kind: args.parentKind,
      parent_id: parentId,
      file_name: args.fileName,
      media_type: mediaType,
      size_bytes: base64ByteLength(args.content),
      created_by: ctx.userId,
      created_at: ctx.now,
    };
    yield* insertRow('attachments', args.customerId, row, 'create');
    yield* insertItems('attachment_contents', args.customerId, [{ attachment_id: row.id, content: args.content }]);
    return row;
  },
});
