/**
 * The bytes of an export as text, in the encoding its mapping declares (UTF-8 unless told). An
 * older SAP system writes Windows-1252: declared, it is decoded; undeclared, the first line that is
 * no UTF-8 is named instead of importing mangled names.
 */
import { ImportInputError } from './types';

export const EXPORT_ENCODINGS = ['utf-8', 'windows-1252', 'utf-16le'] as const;
export type ExportEncoding = (typeof EXPORT_ENCODINGS)[number];

/** 1-based line of the character at `index`. */
const lineAt = (text: string, index: number): number => text.slice(0, index).split('\n').length;

export function decodeExport(bytes: Uint8Array, encoding: ExportEncoding, what: string): string {
  if (encoding !== 'utf-8') return new TextDecoder(encoding).decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const lenient = new TextDecoder('utf-8').decode(bytes);
    const line = lineAt(lenient, lenient.indexOf('\uFFFD'));
    throw new ImportInputError(
      `${what}: line ${String(line)} is not UTF-8. If the export is in another encoding, declare it in the mapping ("encoding": "windows-1252").`,
      'encoding',
    );
  }
}
