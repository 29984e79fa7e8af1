/** The account's attachments (customer.work) as each note, dispute and logged contact shows them. */
import type { OperationOutput } from '../../../shared/api/contract';
import type { AttachmentParent } from '../../../shared/domain/attachments';

export type WorkAttachment = OperationOutput<'customer.work'>['attachments'][number];

/** The files on one parent, oldest first, as they were added. */
export const filesOn = (attachments: readonly WorkAttachment[], parentKind: AttachmentParent, parentId: string): WorkAttachment[] =>
  attachments.filter((file) => file.parentKind === parentKind && file.parentId === parentId).toReversed();

export const PARENT_LABELS: Readonly<Record<AttachmentParent, string>> = { note: 'note', dispute: 'dispute', activity: 'contact' };
