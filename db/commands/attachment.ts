/** attachment.add on the desktop: the shared rule (shared/mutations/attachments.ts), answered with the attachment as the account shows it. */
import { attachmentAdd } from '../../shared/mutations/attachments';
import { definitionCommand } from '../mutations/sqlite-driver';
import { attachmentById } from '../queries/attachments';

export const addAttachmentCommand = definitionCommand(attachmentAdd, (row, tx) => attachmentById(tx.sqlite, row.id));
