/**
 * An export file as an import source, by its name's extension: .json (an API response or an array
 * of records), .xlsx (Excel), anything else CSV, decoded in the mapping's encoding as it is read.
 * The CLI and the drop folder read files alike; what cannot be read is an ImportInputError naming why
 * (for a CSV, possibly only once the import reads that far).
 */
import { extname } from 'node:path';
import { decodeExport, decodeExportStream } from './encoding';
import type { ImportSource } from './run';
import type { Mapping } from './sources';
import { ImportInputError, type ImportEntity } from './types';

/** How to read the file: a preset (amended by a mapping where it is one), or an entity by a mapping. */
export type FileReading = { readonly preset: string; readonly mapping?: Mapping | undefined } | { readonly entity: ImportEntity; readonly mapping?: Mapping | undefined };

function parsedJson(text: string, name: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ImportInputError(`The file ${name} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, 'content');
  }
}

/** A file to import, read whole (a workbook, JSON) or as it comes (CSV, never held whole). */
export interface ExportFile {
  readonly name: string;
  bytes(): Promise<Uint8Array>;
  stream(): AsyncIterable<Uint8Array>;
}

/** The file's bytes, opened only once the import reads them: a source refused before that leaves no file open. */
async function* lazily(open: () => AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield* open();
}

export async function sourceOfFile(file: ExportFile, reading: FileReading): Promise<ImportSource> {
  const { name } = file;
  const extension = extname(name).toLowerCase();
  const { mapping } = reading;
  const encoding = mapping?.encoding ?? 'utf-8';
  const json = async (): Promise<unknown> => parsedJson(decodeExport(await file.bytes(), encoding, name), name);
  const bytes = lazily(() => file.stream());
  const text = (): AsyncIterable<string> => decodeExportStream(bytes, encoding, name);
  if ('preset' in reading) {
    const { preset } = reading;
    if (extension === '.json') return { format: 'json', preset, mapping, document: await json() };
    if (extension === '.xlsx') return { format: 'xlsx', preset, mapping, content: bytes };
    return { format: 'csv', preset, mapping, content: text() };
  }
  const { entity } = reading;
  if (extension === '.json') {
    const records = await json();
    if (!Array.isArray(records)) throw new ImportInputError(`The file ${name} must hold a JSON array of records.`, 'content');
    return { format: 'json', entity, mapping, records };
  }
  if (mapping === undefined) throw new ImportInputError('A CSV or XLSX import of an entity needs a mapping.', 'mapping');
  if (extension === '.xlsx') return { format: 'xlsx', entity, mapping, content: bytes };
  return { format: 'csv', entity, mapping, content: text() };
}
