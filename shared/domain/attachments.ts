/**
 * Attachments: a remittance advice, a proof of delivery, a customer's email kept on a note, a
 * dispute or a logged contact. The rules here decide what may be stored, on the desktop and on the
 * server alike: which kinds of file, how large, under which name, and whether the bytes are what the
 * name says (a file called .pdf that is not a PDF would be handed to the PDF viewer by the OS).
 */
import type { Refusal } from '../i18n/refusals';

/** The largest file one attachment may hold: a scanned multi-page remittance or a phone photo fits. */
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
/** How many files one note, dispute or contact may carry. */
export const ATTACHMENTS_PER_PARENT_MAX = 20;
/** The longest file name kept. */
export const ATTACHMENT_NAME_MAX = 200;

/** What an attachment belongs to; a note by its lineage, so the file stays when the note is edited. */
export const ATTACHMENT_PARENTS = ['note', 'dispute', 'activity'] as const;
export type AttachmentParent = (typeof ATTACHMENT_PARENTS)[number];

interface MediaTypeRule {
  readonly extensions: readonly string[];
  /** The first bytes every such file starts with (null: any byte there), or null for text, which must hold no NUL byte instead. */
  readonly signatures: readonly (readonly (number | null)[])[] | null;
  /** How the app can show it: as an image, in the PDF viewer, as text; null: only the OS viewer opens it. */
  readonly preview: 'image' | 'pdf' | 'text' | null;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const MEDIA_TYPE_RULES = {
  'application/pdf': { extensions: ['pdf'], signatures: [[0x25, 0x50, 0x44, 0x46, 0x2d]], preview: 'pdf' },
  'image/png': { extensions: ['png'], signatures: [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]], preview: 'image' },
  'image/jpeg': { extensions: ['jpg', 'jpeg'], signatures: [[0xff, 0xd8, 0xff]], preview: 'image' },
  'image/gif': { extensions: ['gif'], signatures: [[0x47, 0x49, 0x46, 0x38]], preview: 'image' },
  // RIFF, the size, then WEBP: a WAV or AVI file is RIFF too.
  'image/webp': { extensions: ['webp'], signatures: [[0x52, 0x49, 0x46, 0x46, null, null, null, null, 0x57, 0x45, 0x42, 0x50]], preview: 'image' },
  'image/tiff': { extensions: ['tif', 'tiff'], signatures: [[0x49, 0x49, 0x2a, 0x00], [0x4d, 0x4d, 0x00, 0x2a]], preview: null },
  'text/plain': { extensions: ['txt'], signatures: null, preview: 'text' },
  'text/csv': { extensions: ['csv'], signatures: null, preview: 'text' },
  'message/rfc822': { extensions: ['eml'], signatures: null, preview: 'text' },
  'application/vnd.ms-outlook': { extensions: ['msg'], signatures: [OLE], preview: null },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { extensions: ['xlsx'], signatures: [ZIP], preview: null },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { extensions: ['docx'], signatures: [ZIP], preview: null },
} as const satisfies Readonly<Record<string, MediaTypeRule>>;

export type AttachmentMediaType = keyof typeof MEDIA_TYPE_RULES;
/** The kinds of file an attachment may be: what collectors are sent, and what opens without macros. */
export const ATTACHMENT_MEDIA_TYPES = Object.keys(MEDIA_TYPE_RULES) as AttachmentMediaType[];

export const isAttachmentMediaType = (value: string): value is AttachmentMediaType => Object.hasOwn(MEDIA_TYPE_RULES, value);

const ruleOf = (mediaType: AttachmentMediaType): MediaTypeRule => MEDIA_TYPE_RULES[mediaType];

/** The extensions the file picker offers, with their dots. */
export const ATTACHMENT_EXTENSIONS: readonly string[] = ATTACHMENT_MEDIA_TYPES.flatMap((type) => ruleOf(type).extensions.map((extension) => `.${extension}`));

const fileExtension = (fileName: string): string => {
  const dot = fileName.lastIndexOf('.');
  return dot <= 0 ? '' : fileName.slice(dot + 1).toLowerCase();
};

/** The media type a file name's extension stands for, or null for a kind of file not taken. */
export function mediaTypeOfFileName(fileName: string): AttachmentMediaType | null {
  const extension = fileExtension(fileName);
  return ATTACHMENT_MEDIA_TYPES.find((type) => ruleOf(type).extensions.includes(extension)) ?? null;
}

/** The usual extension of a media type, without its dot. */
export const extensionOf = (mediaType: AttachmentMediaType): string => ruleOf(mediaType).extensions[0] ?? 'bin';

export const attachmentPreview = (mediaType: AttachmentMediaType): MediaTypeRule['preview'] => ruleOf(mediaType).preview;

/** Characters no file name may hold on Windows, macOS or Linux: the OS viewer is handed a copy under this name. */
const UNSAFE_NAME = /[/\\:*?"<>|]/;

/** Names Windows keeps for devices, with any extension ("NUL.txt" is the NUL device there). */
const DEVICE_NAME = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;
/** What file systems take at most for one name, in bytes of UTF-8. */
const NAME_MAX_BYTES = 255;

const utf8Length = (text: string): number => {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
};

/** Why a file name cannot be kept (the text rule has passed already), or null; the words end a sentence naming the name. */
export function fileNameProblem(fileName: string): Refusal | null {
  if (UNSAFE_NAME.test(fileName)) return { key: 'fileNameUnsafeCharacter' };
  if (/[\t\n]/.test(fileName)) return { key: 'fileNameNotOneLine' };
  if (DEVICE_NAME.test(fileName)) return { key: 'fileNameDeviceName' };
  if (utf8Length(fileName) > NAME_MAX_BYTES) return { key: 'fileNameTooLong', params: { maxBytes: NAME_MAX_BYTES } };
  if (/^\.+$/.test(fileName) || fileName.startsWith(' ') || fileName.endsWith(' ') || fileName.endsWith('.')) return { key: 'fileNameUnusable' };
  if (mediaTypeOfFileName(fileName) === null) return { key: 'fileNameExtension', params: { extensions: ATTACHMENT_EXTENSIONS.join(', ') } };
  return null;
}

/** How many bytes a base64 text (without line breaks) decodes to. */
export function base64ByteLength(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return (base64.length / 4) * 3 - padding;
}

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The first bytes of a base64 text (4 characters carry 3 bytes); only the head is decoded, whatever the file's size. */
export function leadingBytes(base64: string, count: number): number[] {
  const bytes: number[] = [];
  for (let at = 0; at + 4 <= base64.length && bytes.length < count; at += 4) {
    const sextets = Array.from(base64.slice(at, at + 4), (char) => BASE64_ALPHABET.indexOf(char));
    const [a = 0, b = 0, c = -1, d = -1] = sextets;
    bytes.push(((a << 2) | (b >> 4)) & 0xff);
    if (c >= 0) bytes.push((((b & 0x0f) << 4) | (c >> 2)) & 0xff);
    if (d >= 0) bytes.push((((c & 0x03) << 6) | d) & 0xff);
  }
  return bytes.slice(0, count);
}

/** How much of a text file is checked for NUL bytes: binary files have them early. */
const TEXT_SNIFF_BYTES = 1_024;

/** Why the bytes are not a file of this type (a renamed file, a damaged upload), or null. */
export function contentProblem(mediaType: AttachmentMediaType, base64: string): Refusal | null {
  const size = base64ByteLength(base64);
  if (size === 0) return { key: 'attachmentEmpty' };
  // The size as a string ("5.0 MB"): the limit as people read it, the same in every language.
  if (size > ATTACHMENT_MAX_BYTES) return { key: 'attachmentTooLarge', params: { max: formatBytes(ATTACHMENT_MAX_BYTES) } };
  const { signatures } = ruleOf(mediaType);
  if (signatures === null) {
    return leadingBytes(base64, TEXT_SNIFF_BYTES).includes(0) ? { key: 'attachmentNotText', params: { mediaType } } : null;
  }
  const head = leadingBytes(base64, Math.max(...signatures.map((signature) => signature.length)));
  return signatures.some((signature) => signature.every((byte, index) => head[index] !== undefined && (byte === null || head[index] === byte)))
    ? null
    : { key: 'attachmentNotItsType', params: { mediaType } };
}

/** A size as people read it: 812 bytes, 14 KB, 2.4 MB (1 KB = 1,024 bytes, as file managers count). */
export function formatBytes(bytes: number): string {
  if (bytes < 1_024) return bytes === 1 ? '1 byte' : `${bytes} bytes`;
  const kilobytes = Math.round(bytes / 1_024);
  if (kilobytes < 1_024) return `${kilobytes} KB`;
  return `${(bytes / (1_024 * 1_024)).toFixed(1)} MB`;
}
