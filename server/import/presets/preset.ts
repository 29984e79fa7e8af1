/**
 * A built-in way to read one ERP's export. Most are a mapping the vendor's field names fix, read
 * like any mapping (and amendable by one: another date format, more document types, a default
 * currency); a few need their own reader, as one row of theirs holds several entities.
 */
import type { Mapping, SourceRecords } from '../sources';
import type { ImportEntity, ReadOptions } from '../types';

export const SOURCE_FORMATS = ['csv', 'xlsx', 'json'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

interface PresetBase {
  readonly name: string;
  readonly description: string;
  /** The file types the export comes in; another is refused by name before anything is read. */
  readonly formats: readonly SourceFormat[];
}

/** A vendor's export as a mapping; `envelope` names the property of a JSON response that holds the records. */
export interface MappingPreset extends PresetBase {
  readonly kind: 'mapping';
  readonly entity: ImportEntity;
  readonly mapping: Mapping;
  readonly envelope?: string;
  /** The page of docs/import/ that says how to export it. */
  readonly guide: string;
  /** Why the export's currency must come from the amending mapping (`defaultCurrency`); absent when the export names it. */
  readonly needsDefaultCurrency?: string;
}

export interface RowsPreset extends PresetBase {
  readonly kind: 'rows';
  readonly options: ReadOptions;
  read(content: string): SourceRecords;
}

export type Preset = MappingPreset | RowsPreset;
