/**
 * The bytes of an export as text, in the encoding its mapping declares (UTF-8 unless told). An
 * older SAP system writes Windows-1252: declared, it is decoded; undeclared, the first line that is
 * no UTF-8 is named instead of importing mangled names.
 */
import { ImportInputError } from './types';

export const EXPORT_ENCODINGS = ['utf-8', 'windows-1252', 'utf-16le'] as const;
export type ExportEncoding = (typeof EXPORT_ENCODINGS)[number];

/**
 * Windows-1252's characters for bytes 0x80–0x9F (WHATWG encoding standard); the five it leaves
 * undefined stay as they are. Written out because Node's TextDecoder('windows-1252') decodes these
 * bytes as Latin-1 control characters since Node 20.18.3 (nodejs/node#56542).
 */
const HIGH_CONTROL_BLOCK = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += (byte >= 0x80 && byte <= 0x9f ? HIGH_CONTROL_BLOCK[byte - 0x80] : undefined) ?? String.fromCharCode(byte);
  return text;
}

const LF = 0x0a;
const CR = 0x0d;

/** 1-based line of the first byte sequence that is no UTF-8 (lines end with \r\n, \n or \r, as the CSV reader counts them). */
function firstBadLine(bytes: Uint8Array): number {
  const strict = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (let index = 0; index <= bytes.length; index++) {
    const byte = bytes[index];
    if (index < bytes.length && byte !== LF && byte !== CR) continue;
    try {
      strict.decode(bytes.subarray(start, index));
    } catch {
      return line;
    }
    if (byte === CR && bytes[index + 1] === LF) index += 1;
    start = index + 1;
    line += 1;
  }
  return line;
}

/** A UTF-16 file announces itself with its byte order mark. */
function notUtf8(what: string, line: number, start: Uint8Array): ImportInputError {
  const hint = start[0] === 0xff && start[1] === 0xfe ? 'utf-16le' : 'windows-1252';
  return new ImportInputError(`${what}: line ${String(line)} is not UTF-8. If the export is in another encoding, declare it in the mapping ("encoding": "${hint}").`, 'encoding');
}

export function decodeExport(bytes: Uint8Array, encoding: ExportEncoding, what: string): string {
  if (encoding === 'windows-1252') return decodeWindows1252(bytes);
  if (encoding === 'utf-16le') return new TextDecoder('utf-16le').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw notUtf8(what, firstBadLine(bytes), bytes);
  }
}

/** The last bytes of `bytes` after its last line break, from a character's first byte: at most a character's worth. */
function lineTail(bytes: Uint8Array, lastBreak: number): Uint8Array {
  let start = Math.max(lastBreak + 1, bytes.length - 4);
  while (start > lastBreak + 1 && ((bytes[start] ?? 0) & 0xc0) === 0x80) start -= 1;
  return bytes.subarray(start);
}

/**
 * `decodeExport` for a file read as it comes: text chunk by chunk, so a file of any size is never
 * held whole. A file that is not UTF-8 while none is declared is refused naming its first such line,
 * as the whole-file reader does (lines counted as the CSV reader counts them).
 */
export async function* decodeExportStream(chunks: AsyncIterable<Uint8Array>, encoding: ExportEncoding, what: string): AsyncGenerator<string> {
  if (encoding === 'windows-1252') {
    for await (const chunk of chunks) yield decodeWindows1252(chunk);
    return;
  }
  const decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
  let line = 1;
  let lastWasCR = false;
  let tail: Uint8Array = new Uint8Array(0);
  let first: Uint8Array | null = null;
  for await (const chunk of chunks) {
    first ??= chunk;
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      const rest = lastWasCR && chunk[0] === LF ? chunk.subarray(1) : chunk;
      const joined = new Uint8Array(tail.length + rest.length);
      joined.set(tail);
      joined.set(rest, tail.length);
      throw notUtf8(what, line + firstBadLine(joined) - 1, first);
    }
    let lastBreak = -1;
    for (let index = 0; index < chunk.length; index++) {
      const byte = chunk[index];
      if (byte === CR) {
        line += 1;
        lastWasCR = true;
        lastBreak = index;
      } else if (byte === LF) {
        if (!lastWasCR) line += 1;
        lastWasCR = false;
        lastBreak = index;
      } else lastWasCR = false;
    }
    tail = lastBreak === -1 && tail.length + chunk.length <= 4 ? new Uint8Array([...tail, ...chunk]) : lineTail(chunk, lastBreak);
    if (text !== '') yield text;
  }
  try {
    const rest = decoder.decode();
    if (rest !== '') yield rest;
  } catch {
    throw notUtf8(what, line, first ?? new Uint8Array(0));
  }
}
