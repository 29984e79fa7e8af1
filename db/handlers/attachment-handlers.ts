/**
 * attachment.open: a copy of the file, under its own name, handed to the system's viewer (the
 * desktop app). The copies live in the data folder's `opened` folder, which each start empties,
 * so a file opened once does not stay on the disk outside the store.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiHandlers } from '../../shared/api/dispatch';
import { refused } from '../../shared/i18n/refusals';
import { extensionOf, fileNameProblem } from '../../shared/domain/attachments';
import { readerOf } from '../read-db';
import { attachmentBytes } from '../queries/attachments';
import type { HandlerContext } from './handler-context';

export const openedCopiesDir = (dataDir: string): string => join(dataDir, 'opened');

/**
 * Removes the copies an earlier run handed to the viewer. A copy still open in another program
 * (Windows locks it) stays until a later start: it must never keep the app from starting.
 */
export function clearOpenedCopies(dataDir: string, warn: (message: string, detail: Record<string, unknown>) => void = () => undefined): void {
  const root = openedCopiesDir(dataDir);
  let folders: string[];
  try {
    folders = readdirSync(root);
  } catch {
    return;
  }
  for (const folder of folders) {
    try {
      rmSync(join(root, folder), { recursive: true, force: true });
    } catch (error) {
      warn('an opened copy of an attachment could not be removed; it is tried again at the next start', { folder, error: String(error) });
    }
  }
}

/**
 * On Windows the copy carries the mark of a file from elsewhere (the Zone.Identifier stream
 * browsers write), so Office and the PDF viewers open a customer's file in their protected view.
 * Best effort: a file system without alternate streams (FAT, a network share) just has no mark.
 */
export function markAsFromElsewhere(path: string, platform: NodeJS.Platform = process.platform): void {
  if (platform !== 'win32') return;
  try {
    writeFileSync(`${path}:Zone.Identifier`, '[ZoneTransfer]\r\nZoneId=3\r\n');
  } catch {
    // The copy opens without the mark, as any file saved from a mail program there would.
  }
}

/** Writes the copy, or finds it written already (opened before, perhaps still open and locked). */
function copyFor(folder: string, fileName: string, bytes: Buffer): string {
  const path = join(folder, fileName);
  if (existsSync(path) && statSync(path).size === bytes.length) return path;
  writeFileSync(path, bytes, { mode: 0o600 });
  markAsFromElsewhere(path);
  return path;
}

export function createAttachmentHandlers(ctx: HandlerContext): Pick<ApiHandlers, 'attachment.open'> {
  return {
    'attachment.open': async ({ attachmentId }) => {
      const open = ctx.openFile;
      if (open === undefined) throw refused('conflict', 'cannotOpenFiles', 'attachmentId');
      const { attachment, bytes } = attachmentBytes(readerOf(ctx.store.sqlite), attachmentId);
      // One folder per attachment, so two files of one name never overwrite each other's copy; the
      // id is the one asked for (a UUID, checked by the contract), not the stored row's.
      const folder = join(openedCopiesDir(ctx.app.dataDir), attachmentId);
      mkdirSync(folder, { recursive: true });
      // The rule has checked the name on every side; one that still fails it (a hand-edited store) gets a plain one.
      const plain = `attachment.${extensionOf(attachment.mediaType)}`;
      const fileName = fileNameProblem(attachment.fileName) === null ? attachment.fileName : plain;
      let path: string;
      try {
        path = copyFor(folder, fileName, bytes);
      } catch {
        // A name this file system refuses after all, or a copy locked by the program showing it.
        path = copyFor(folder, plain, bytes);
      }
      const failure = await open(path);
      if (failure !== '') throw refused('conflict', { key: 'systemCouldNotOpen', params: { fileName: attachment.fileName, failure } }, 'attachmentId');
      return { opened: true };
    },
  };
}
