/**
 * attachment.open: a copy of the file, under its own name, handed to the system's viewer (the
 * desktop app). The copies live in the data folder's `opened` folder, which each start empties,
 * so a file opened once does not stay on the disk outside the store.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiHandlers } from '../../shared/api/dispatch';
import { DomainError } from '../../shared/api/result';
import { extensionOf, fileNameProblem } from '../../shared/domain/attachments';
import { readerOf } from '../read-db';
import { attachmentBytes } from '../queries/attachments';
import type { HandlerContext } from './handler-context';

export const openedCopiesDir = (dataDir: string): string => join(dataDir, 'opened');

/** Removes the copies an earlier run handed to the viewer. */
export function clearOpenedCopies(dataDir: string): void {
  rmSync(openedCopiesDir(dataDir), { recursive: true, force: true });
}

export function createAttachmentHandlers(ctx: HandlerContext): Pick<ApiHandlers, 'attachment.open'> {
  return {
    'attachment.open': async ({ attachmentId }) => {
      const open = ctx.openFile;
      if (open === undefined) throw new DomainError('conflict', 'this app cannot open files in another program; download the file instead', 'attachmentId');
      const { attachment, bytes } = attachmentBytes(readerOf(ctx.store.sqlite), attachmentId);
      // One folder per attachment: two files of the same name never overwrite each other's open copy.
      const folder = join(openedCopiesDir(ctx.app.dataDir), attachment.id);
      mkdirSync(folder, { recursive: true });
      // The rule has checked the name on every side; one that still fails it (a hand-edited store) gets a plain one.
      const fileName = fileNameProblem(attachment.fileName) === null ? attachment.fileName : `attachment.${extensionOf(attachment.mediaType)}`;
      const path = join(folder, fileName);
      writeFileSync(path, bytes, { mode: 0o600 });
      const failure = await open(path);
      if (failure !== '') throw new DomainError('conflict', `the system could not open ${attachment.fileName}: ${failure}`, 'attachmentId');
      return { opened: true };
    },
  };
}
