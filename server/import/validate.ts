/**
 * Raw records to typed records: every zod issue of every row becomes a rejection naming its column.
 * A source read in parts is validated part by part by one validator, so a key repeated across parts
 * is judged as in one file.
 */
import { createHash } from 'node:crypto';
import { recordSchemas } from './entities';
import { describeValue } from './sources';
import { IMPORT_ENTITIES, type EntityRecords, type ImportEntity, type Located, type RawBatch, type RawRecord, type ReadOptions, type RecordBatch, type Rejection } from './types';

export interface Validated {
  readonly batch: RecordBatch;
  readonly rejected: readonly Rejection[];
  /** ERP keys of rejected rows, so rows referring to them can say why the reference fails; the apply step adds those it rejects. */
  readonly rejectedKeys: { readonly [E in ImportEntity]: Set<string> };
}

const columnsOf = (raw: RawRecord): Record<string, string> =>
  Object.fromEntries(Object.entries(raw.fields).map(([target, source]) => [target, source.column]));

interface Mapped {
  readonly input: Record<string, unknown>;
  /** Fields whose code no value map lists, with the code. */
  readonly unmapped: ReadonlyMap<string, string>;
  /** Fields whose code a value map turned into another value, with the code. */
  readonly mapped: ReadonlyMap<string, string>;
}

/** The record's values with the mapping's value maps applied: each listed code becomes what it stands for. */
function mapValues(record: RawRecord, valueMaps: ReadOptions['valueMaps']): Mapped {
  const input: Record<string, unknown> = {};
  const unmapped = new Map<string, string>();
  const mapped = new Map<string, string>();
  for (const [target, source] of Object.entries(record.fields)) {
    const map = valueMaps[target];
    const code = describeValue(source.value).trim();
    if (map === undefined || code === '') input[target] = source.value;
    else if (Object.hasOwn(map, code)) {
      input[target] = map[code];
      mapped.set(target, code);
    } else unmapped.set(target, code);
  }
  return { input, unmapped, mapped };
}

const listed = (map: Readonly<Record<string, string>> | undefined): string => {
  const codes = Object.keys(map ?? {});
  return codes.length > 20 ? `${codes.slice(0, 20).join(', ')}, … ${String(codes.length - 20)} more` : codes.join(', ');
};

/** What a record's values come to, to tell a repeated record from a key reused with other values without keeping every record. */
const digestOf = (record: unknown): string => createHash('sha256').update(JSON.stringify(record)).digest('base64');

export interface Validator {
  /** Validates one part of the source; what it learns (keys seen, keys rejected) carries over to the next part. */
  validate(raw: RawBatch): Validated;
  /** The ERP keys of every row rejected so far, by entity: shared with the apply step, which adds its own. */
  readonly rejectedKeys: { readonly [E in ImportEntity]: Set<string> };
}

export function createValidator(options: ReadOptions): Validator {
  const schemas = recordSchemas(options);
  const rejectedKeys = Object.fromEntries(IMPORT_ENTITIES.map((entity) => [entity, new Set<string>()])) as unknown as { [E in ImportEntity]: Set<string> };
  const seen = Object.fromEntries(IMPORT_ENTITIES.map((entity) => [entity, new Map<string, { line: number; digest: string }>()])) as unknown as {
    [E in ImportEntity]: Map<string, { line: number; digest: string }>;
  };

  const validate = (raw: RawBatch): Validated => {
    const rejected: Rejection[] = [];
    const batch = Object.fromEntries(IMPORT_ENTITIES.map((entity) => [entity, []])) as unknown as RecordBatch;
    for (const entity of IMPORT_ENTITIES) {
      const schema = schemas[entity];
      const out = batch[entity] as Located<EntityRecords[ImportEntity]>[];
      for (const record of raw[entity]) {
        const { input, unmapped, mapped } = mapValues(record, options.valueMaps);
        if (unmapped.size > 0) {
          // Only the codes are reported: the rest of the row would be judged against defaults that stand in for them.
          rejectedKeys[entity].add(describeValue(record.fields['key']?.value).trim());
          for (const [target, code] of unmapped) {
            const column = record.fields[target]?.column ?? target;
            rejected.push({ entity, line: record.line, column, value: code, reason: `"${code}" is not among the mapping's values for ${target} (listed: ${listed(options.valueMaps[target])})` });
          }
          continue;
        }
        const result = schema.safeParse(input);
        if (!result.success) {
          rejectedKeys[entity].add(describeValue(record.fields['key']?.value).trim());
          for (const issue of result.error.issues) {
            const target = String(issue.path[0] ?? '');
            const source = record.fields[target];
            const code = mapped.get(target);
            // A value the mapping put there: the mistake is in the mapping, so it says so.
            const reason = code === undefined ? issue.message : `"${code}" maps to "${String(input[target])}" in the mapping's values: ${issue.message}`;
            rejected.push({ entity, line: record.line, column: source?.column ?? target, value: describeValue(source?.value), reason });
          }
          continue;
        }
        const { key } = result.data;
        const digest = digestOf(result.data);
        const earlier = seen[entity].get(key);
        // A preset repeats the customer on each of its rows: the same values again are one record.
        if (earlier !== undefined) {
          if (earlier.digest !== digest) {
            const keySource = record.fields['key'];
            rejected.push({ entity, line: record.line, column: keySource?.column ?? 'key', value: key, reason: `ERP key "${key}" appears on line ${earlier.line} with other values` });
          }
          continue;
        }
        seen[entity].set(key, { line: record.line, digest });
        out.push({ line: record.line, record: result.data, columns: columnsOf(record) });
      }
    }
    return { batch, rejected, rejectedKeys };
  };
  return { validate, rejectedKeys };
}
