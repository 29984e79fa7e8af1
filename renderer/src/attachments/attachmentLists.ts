/** The account's attachments (customer.work) as each note, dispute and logged contact shows them. */
import type { OperationOutput } from '../../../shared/api/contract';
import type { AttachmentParent } from '../../../shared/domain/attachments';

export type WorkAttachment = OperationOutput<'customer.work'>['attachments'][number];

/** The files on one parent, oldest first, as they were added. */
export const filesOn = (attachments: readonly WorkAttachment[], parentKind: AttachmentParent, parentId: string): WorkAttachment[] =>
  attachments.filter((file) => file.parentKind === parentKind && file.parentId === parentId).toReversed();

/** The attach button's name, by what the files go on. */
export const ATTACH_LABEL_KEYS = {
  note: 'attachments.attach.note',
  dispute: 'attachments.attach.dispute',
  activity: 'attachments.attach.activity',
} as const satisfies Record<AttachmentParent, string>;

/** What shows instead of the button once the parent carries the most files it may. */
export const FULL_KEYS = {
  note: 'attachments.full.note',
  dispute: 'attachments.full.dispute',
  activity: 'attachments.full.activity',
} as const satisfies Record<AttachmentParent, string>;
