/**
 * Turns a source (CSV with a column mapping, or JSON records) into raw records per target
 * field, remembering the column each value came from so the report can name it.
 */
import { z } from 'zod';
import { columnIndexes, readCsvParts, type CsvTable } from './csv';
import { ENTITY_FIELDS } from './entities';
import { EXPORT_ENCODINGS } from './encoding';
import { readXlsxParts } from './xlsx';
import { decimalOfNumber, GROUP_SEPARATORS, isDateFormat, NEGATIVE_STYLES } from './fields';
import { ImportInputError, IMPORT_ENTITIES, type ImportEntity, type RawBatch, type RawRecord, type ReadOptions, type Rejection } from './types';

/** A source code (an SAP document type such as RV) and the value it stands for (invoice). */
const valueMapSchema = z.record(z.string().trim().min(1, 'a source code is not empty').max(100), z.string().max(200));

/** A mapping file: target field -> source column, plus how to read the values. */
export const mappingSchema = z
  .strictObject({
    columns: z.record(z.string(), z.string().min(1)).optional(),
    dateFormat: z.string().refine(isDateFormat, 'a date format needs yyyy, M or MM, and d or dd (e.g. M/d/yyyy, dd.MM.yyyy)').optional(),
    decimalSeparator: z.enum(['.', ',']).optional(),
    /** Absent: amounts have no grouping, and one written with it is refused. */
    groupSeparator: z.enum(GROUP_SEPARATORS).optional(),
    negativeNumbers: z.enum(NEGATIVE_STYLES).optional(),
    /** Per target field, the export's codes and what each stands for; a code not listed is refused by name. */
    values: z.record(z.string(), valueMapSchema).optional(),
    delimiter: z.enum([',', ';', '\t', '|']).optional(),
    /** The worksheet of an .xlsx file; the first when absent. */
    sheet: z.string().min(1).max(31).optional(),
    /** Of a CSV file read from disk by the CLI; JSON is UTF-8 by definition. */
    encoding: z.enum(EXPORT_ENCODINGS).optional(),
    defaultCurrency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR').optional(),
    defaultCountry: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166 code such as DE').optional(),
  })
  .refine((mapping) => mapping.groupSeparator === undefined || mapping.groupSeparator !== (mapping.decimalSeparator ?? '.'), {
    message: 'the grouping separator must differ from the decimal separator',
    path: ['groupSeparator'],
  });
export type Mapping = z.infer<typeof mappingSchema>;

/**
 * A preset's mapping amended by the user's: what the amendment names replaces the preset's (a
 * column, a setting), and its value maps add codes to the preset's. Checked as one mapping.
 */
export function amendedMapping(base: Mapping, amendment: Mapping | undefined): Mapping {
  if (amendment === undefined) return base;
  const values: Record<string, Record<string, string>> = { ...base.values };
  for (const [target, codes] of Object.entries(amendment.values ?? {})) values[target] = { ...values[target], ...codes };
  const parsed = mappingSchema.safeParse({ ...base, ...amendment, columns: { ...base.columns, ...amendment.columns }, values });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ImportInputError(`The mapping does not amend the preset: ${issue === undefined ? 'unknown problem' : `${issue.path.join('.')}: ${issue.message}`}.`, 'mapping');
}

export function readOptionsOf(mapping: Mapping): ReadOptions {
  return {
    dateFormat: mapping.dateFormat ?? 'yyyy-MM-dd',
    numberStyle: { decimal: mapping.decimalSeparator ?? '.', group: mapping.groupSeparator ?? null, negative: mapping.negativeNumbers ?? 'leading' },
    valueMaps: mapping.values ?? {},
    defaultCurrency: mapping.defaultCurrency,
    defaultCountry: mapping.defaultCountry,
  };
}

export interface SourceRecords {
  readonly raw: RawBatch;
  /** Problems found before validation (malformed rows, non-objects in JSON). */
  readonly rejected: readonly Rejection[];
}

export const emptyBatch = (): { [E in ImportEntity]: RawRecord[] } =>
  Object.fromEntries(IMPORT_ENTITIES.map((entity) => [entity, []])) as unknown as { [E in ImportEntity]: RawRecord[] };

/** Value maps for fields the entity does not have are a mistake in the mapping, named before anything is read. */
export function checkValueMaps(entity: ImportEntity, mapping: Mapping): void {
  const known = ENTITY_FIELDS[entity].all;
  const unknown = Object.keys(mapping.values ?? {}).filter((target) => !known.includes(target));
  if (unknown.length > 0) throw new ImportInputError(`The mapping has values for fields ${entity} do not have: ${unknown.join(', ')} (known: ${known.join(', ')}).`, 'mapping');
}

/** The mapping's columns, checked against the entity before any row is read. */
function checkColumns(entity: ImportEntity, mapping: Mapping): Record<string, string> {
  const columns = mapping.columns ?? {};
  const spec = ENTITY_FIELDS[entity];
  checkValueMaps(entity, mapping);
  const unknown = Object.keys(columns).filter((target) => !spec.all.includes(target));
  if (unknown.length > 0) throw new ImportInputError(`The mapping names fields ${entity} do not have: ${unknown.join(', ')} (known: ${spec.all.join(', ')}).`, 'mapping');
  const unmapped = spec.required.filter((target) => !Object.hasOwn(columns, target));
  if (unmapped.length > 0) throw new ImportInputError(`The mapping must name a column for ${unmapped.join(', ')}.`, 'mapping');
  return columns;
}

/**
 * A CSV's records in parts of CSV_PART_ROWS rows, read as the text comes: the mapping is checked
 * before anything is read, the header against it at the first part.
 */
export async function* csvRecordParts(entity: ImportEntity, text: string | AsyncIterable<string>, mapping: Mapping): AsyncGenerator<SourceRecords> {
  const columns = checkColumns(entity, mapping);
  for await (const table of readCsvParts(text, mapping.delimiter)) yield tableRecords(entity, table, columns);
}

/** An Excel export read with the same mapping as its CSV, as it comes: the sheet `mapping.sheet`, or the first. */
export async function* xlsxRecordParts(entity: ImportEntity, content: Uint8Array | AsyncIterable<Uint8Array>, mapping: Mapping): AsyncGenerator<SourceRecords> {
  const columns = checkColumns(entity, mapping);
  const options = readOptionsOf(mapping);
  for await (const table of readXlsxParts(content, { sheet: mapping.sheet, dateFormat: options.dateFormat, numberStyle: options.numberStyle })) yield tableRecords(entity, table, columns);
}

function tableRecords(entity: ImportEntity, table: CsvTable, columns: Record<string, string>): SourceRecords {
  const indexes = columnIndexes(table.header, Object.values(columns), 'The mapping');
  const raw = emptyBatch();
  raw[entity] = table.rows.map((row) => ({
    line: row.line,
    fields: Object.fromEntries(Object.entries(columns).map(([target, column]) => [target, { column, value: row.cells[indexes.get(column) ?? -1] }])),
  }));
  return { raw, rejected: table.malformed.map((rejection) => ({ ...rejection, entity })) };
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The records of a saved API response: the array itself, or the array in its envelope property
 * (`items` of an Oracle REST collection, `value` of an OData response).
 */
export function envelopedRecords(document: unknown, envelope: string | undefined): readonly unknown[] {
  if (Array.isArray(document)) return document;
  if (envelope !== undefined && isPlainObject(document) && Object.hasOwn(document, envelope)) {
    const records = document[envelope];
    if (Array.isArray(records)) return records;
  }
  throw new ImportInputError(envelope === undefined ? 'The file must hold a JSON array of records.' : `The file must hold a JSON array of records, or an object with the array in "${envelope}" (the API's response as saved).`, 'content');
}

/**
 * A JSON property's value as an export's text would have it: a JSON number by its shortest exact
 * text (an ID of 15 digits is a key like any other), a flag as true or false. An integer beyond
 * 2^53 was already rounded by JSON.parse: left a number, so the key field refuses it instead of
 * storing a wrong key. Text, null and absence pass as they are.
 */
function jsonCell(value: unknown): unknown {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'number') return value ?? undefined;
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) return value;
  return decimalOfNumber(value) ?? value;
}

/**
 * JSON records under the vendor's own property names, read through the mapping's columns as a CSV's
 * header is. A required field's property that no record has is a mistake in the mapping (or the
 * wrong file), named before anything is read.
 */
export function jsonColumnRecords(entity: ImportEntity, records: readonly unknown[], mapping: Mapping): SourceRecords {
  const columns = checkColumns(entity, mapping);
  const objects = records.filter(isPlainObject);
  const absent = ENTITY_FIELDS[entity].required.map((target) => columns[target] ?? target).filter((property) => objects.length > 0 && !objects.some((record) => Object.hasOwn(record, property)));
  if (absent.length > 0) throw new ImportInputError(`The mapping names properties no record has: ${absent.join(', ')}.`, 'mapping');
  return objectRecords(entity, records, (record, line) => ({
    line,
    fields: Object.fromEntries(Object.entries(columns).map(([target, property]) => [target, { column: property, value: Object.hasOwn(record, property) ? jsonCell(record[property]) : undefined }])),
  }));
}

/** JSON records use the target field names; `line` is the record's position (1-based). */
export function jsonRecords(entity: ImportEntity, records: readonly unknown[]): SourceRecords {
  const known = ENTITY_FIELDS[entity].all;
  return objectRecords(entity, records, (record, line, rejected) => {
    const strays = Object.keys(record).filter((name) => !known.includes(name));
    for (const name of strays) rejected.push({ entity, line, column: name, value: describeValue(record[name]), reason: `unknown field (known: ${known.join(', ')})` });
    return strays.length > 0 ? null : { line, fields: Object.fromEntries(Object.entries(record).map(([name, value]) => [name, { column: name, value }])) };
  });
}

/** Each JSON record read by `read` (null: refused, with what it added to `rejected`); one that is no object is refused as such. */
function objectRecords(
  entity: ImportEntity,
  records: readonly unknown[],
  read: (record: Record<string, unknown>, line: number, rejected: Rejection[]) => RawRecord | null,
): SourceRecords {
  const raw = emptyBatch();
  const rejected: Rejection[] = [];
  records.forEach((record, index) => {
    const line = index + 1;
    if (!isPlainObject(record)) {
      rejected.push({ entity, line, column: '(record)', value: describeValue(record), reason: 'expected an object' });
      return;
    }
    const found = read(record, line, rejected);
    if (found !== null) raw[entity].push(found);
  });
  return { raw, rejected };
}

export function describeValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
