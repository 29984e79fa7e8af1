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

export function decodeExport(bytes: Uint8Array, encoding: ExportEncoding, what: string): string {
  if (encoding === 'windows-1252') return decodeWindows1252(bytes);
  if (encoding === 'utf-16le') return new TextDecoder('utf-16le').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // A UTF-16 file announces itself with its byte order mark.
    const hint = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : 'windows-1252';
    throw new ImportInputError(
      `${what}: line ${String(firstBadLine(bytes))} is not UTF-8. If the export is in another encoding, declare it in the mapping ("encoding": "${hint}").`,
      'encoding',
    );
  }
}
