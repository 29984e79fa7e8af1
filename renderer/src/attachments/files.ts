/** Files as the attach button reads them and the preview shows them: base64 both ways, and what is wrong with a file before it is sent. */
import { ATTACHMENT_MAX_BYTES, fileNameProblem, formatBytes } from '../../../shared/domain/attachments';
import { refusalText } from '../i18n/errorText';
import { i18n } from '../i18n/i18n';

/** Why a chosen file cannot be attached, said before reading it, or null; the rule's last word is the store's. */
export function chosenFileProblem(file: Pick<File, 'name' | 'size'>): string | null {
  const nameProblem = fileNameProblem(file.name);
  if (nameProblem !== null) return i18n.t('attachments.problem.name', { file: file.name, problem: refusalText(nameProblem) });
  if (file.size === 0) return i18n.t('attachments.problem.empty', { file: file.name });
  if (file.size > ATTACHMENT_MAX_BYTES) return i18n.t('attachments.problem.tooLarge', { file: file.name, max: formatBytes(ATTACHMENT_MAX_BYTES) });
  return null;
}

/** The file's bytes as base64, without the data: prefix. */
export function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => {
      reject(reader.error ?? new Error('the file could not be read'));
    };
    reader.readAsDataURL(file);
  });
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let index = 0; index < text.length; index += 1) bytes[index] = text.charCodeAt(index);
  return bytes;
}

/** How much of a text file the preview shows: enough for an email or a remittance list. */
export const TEXT_PREVIEW_CHARS = 100_000;

export function textOf(base64: string): { text: string; cut: boolean } {
  const text = new TextDecoder('utf-8').decode(base64ToBytes(base64));
  return text.length > TEXT_PREVIEW_CHARS ? { text: text.slice(0, TEXT_PREVIEW_CHARS), cut: true } : { text, cut: false };
}
