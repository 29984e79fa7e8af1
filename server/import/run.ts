/**
 * One ERP import: read the source, validate every row, apply in one transaction. Policy: any
 * rejected row and nothing is committed (the report lists every problem), unless
 * `allowPartial`, which commits the valid rows. A dry run reports the same and commits nothing.
 */
import { sql, type Kysely } from 'kysely';
import type { ImportOrigin, ServerDatabase } from '../db/schema';
import { evaluateOnTeamDays, type ServerDay } from '../promises/team-days';
import { applyBatch, zeroCounts } from './apply';
import { PRESETS } from './presets';
import { countsOf, outcomeOf, recordImportRun, type ImportRun, type ImportRunFile } from './runs';
import { amendedMapping, checkValueMaps, csvRecords, envelopedRecords, jsonColumnRecords, jsonRecords, readOptionsOf, xlsxRecords, type Mapping, type SourceRecords } from './sources';
import { ImportInputError, type ImportEntity, type ImportReport, type ReadOptions, type Rejection } from './types';
import { validateBatch } from './validate';

/**
 * What to import: a preset's export (amended by a mapping where the preset is one), or an entity
 * read by a mapping. JSON by a preset is the API's response as saved; JSON of an entity is an array
 * of records, by target field names or, with the mapping's columns, by the export's own.
 */
export type ImportSource =
  | { readonly format: 'csv'; readonly preset: string; readonly mapping?: Mapping | undefined; readonly content: string }
  | { readonly format: 'xlsx'; readonly preset: string; readonly mapping?: Mapping | undefined; readonly content: Uint8Array }
  | { readonly format: 'json'; readonly preset: string; readonly mapping?: Mapping | undefined; readonly document: unknown }
  | { readonly format: 'csv'; readonly entity: ImportEntity; readonly mapping: Mapping; readonly content: string }
  | { readonly format: 'xlsx'; readonly entity: ImportEntity; readonly mapping: Mapping; readonly content: Uint8Array }
  | { readonly format: 'json'; readonly entity: ImportEntity; readonly mapping?: Mapping | undefined; readonly records: readonly unknown[] };

type PresetSource = Extract<ImportSource, { preset: string }>;
type EntitySource = Extract<ImportSource, { entity: ImportEntity }>;

export interface ImportRequest {
  readonly source: ImportSource;
  readonly allowPartial?: boolean | undefined;
  readonly dryRun?: boolean | undefined;
}

interface Read {
  readonly records: SourceRecords;
  readonly options: ReadOptions;
}

async function readEntity(source: EntitySource): Promise<Read> {
  if (source.format === 'json') {
    const mapping = source.mapping ?? {};
    checkValueMaps(source.entity, mapping);
    const records = mapping.columns === undefined ? jsonRecords(source.entity, source.records) : jsonColumnRecords(source.entity, source.records, mapping);
    return { records, options: readOptionsOf(mapping) };
  }
  if (source.format === 'xlsx') return { records: await xlsxRecords(source.entity, source.content, source.mapping), options: readOptionsOf(source.mapping) };
  return { records: csvRecords(source.entity, source.content, source.mapping), options: readOptionsOf(source.mapping) };
}

async function readPreset(source: PresetSource): Promise<Read> {
  const preset = PRESETS.get(source.preset);
  if (preset === undefined) throw new ImportInputError(`Unknown preset "${source.preset}" (known: ${[...PRESETS.keys()].join(', ')}).`, 'preset');
  if (!preset.formats.includes(source.format)) throw new ImportInputError(`The preset ${preset.name} reads ${preset.formats.join(' or ')}, not ${source.format}.`, 'format');
  if (preset.kind === 'rows') {
    if (source.mapping !== undefined) throw new ImportInputError(`The preset ${preset.name} reads its own columns; it takes no mapping.`, 'mapping');
    if (source.format !== 'csv') throw new ImportInputError(`The preset ${preset.name} reads csv, not ${source.format}.`, 'format');
    return { records: preset.read(source.content), options: preset.options };
  }
  const mapping = amendedMapping(preset.mapping, source.mapping);
  if (source.format === 'json') {
    checkValueMaps(preset.entity, mapping);
    return { records: jsonColumnRecords(preset.entity, envelopedRecords(source.document, preset.envelope), mapping), options: readOptionsOf(mapping) };
  }
  if (source.format === 'xlsx') return { records: await xlsxRecords(preset.entity, source.content, mapping), options: readOptionsOf(mapping) };
  return { records: csvRecords(preset.entity, source.content, mapping), options: readOptionsOf(mapping) };
}

const read = (source: ImportSource): Promise<Read> => ('preset' in source ? readPreset(source) : readEntity(source));

const byPosition = (a: Rejection, b: Rejection): number => a.line - b.line || a.column.localeCompare(b.column);

/**
 * Imports run one at a time: two concurrent imports of the same new ERP key would otherwise
 * both try to insert it and one would fail on the unique index. Held until commit or rollback.
 */
const IMPORT_LOCK = sql`SELECT pg_advisory_xact_lock(hashtext('ledgerline.erp-import'))`;

/** Carries the report out of the transaction callback, so throwing it rolls everything back. */
class RolledBack extends Error {
  constructor(readonly report: ImportReport) {
    super('import rolled back');
  }
}

export async function runImport(db: Kysely<ServerDatabase>, day: ServerDay, request: ImportRequest): Promise<ImportReport> {
  const { records, options } = await read(request.source);
  const validated = validateBatch(records.raw, options);
  const early = [...records.rejected, ...validated.rejected];
  const allowPartial = request.allowPartial ?? false;
  const dryRun = request.dryRun ?? false;
  const now = day.clock.now().toISOString();
  try {
    return await db.transaction().execute(async (trx) => {
      await IMPORT_LOCK.execute(trx);
      const applied = await applyBatch(trx, validated, now);
      const rejected = [...early, ...applied.rejected].sort(byPosition);
      if (rejected.length > 0 && !allowPartial) throw new RolledBack({ committed: false, dryRun, applied: zeroCounts(), rejected, promises: [] });
      if (dryRun) throw new RolledBack({ committed: false, dryRun, applied: applied.counts, rejected, promises: [] });
      // Money that arrived may keep a promise: judged in the same transaction, so no client pulls the payment without the
      // verdict. Only the customers whose money moved: the others' promises are neither locked nor read. Each as of
      // its team's day.
      const promises = await evaluateOnTeamDays(trx, day, { customerIds: applied.moneyMovedFor });
      return { committed: true, dryRun, applied: applied.counts, rejected, promises };
    });
  } catch (error) {
    if (error instanceof RolledBack) return error.report;
    throw error;
  }
}

/** How a source is read, in a run's report: `preset sap-fbl5n-en (csv)`, `openItems by mapping (xlsx)`. */
export function describeSource(source: ImportSource): string {
  if ('preset' in source) return `preset ${source.preset}${source.mapping === undefined ? '' : ' amended by a mapping'} (${source.format})`;
  return `${source.entity} ${source.mapping === undefined ? 'by field names' : 'by mapping'} (${source.format})`;
}

/** A run and its kept report; a request the import could not read at all is a failed run with the error that says why. */
export type RecordedImport = { readonly ok: true; readonly report: ImportReport; readonly run: ImportRun } | { readonly ok: false; readonly error: ImportInputError; readonly run: ImportRun };

/** An import whose report is kept (server/import/runs.ts), as the CLI, the API and the drop folder run them. */
export async function runRecordedImport(
  db: Kysely<ServerDatabase>,
  day: ServerDay,
  request: ImportRequest,
  meta: { readonly origin: ImportOrigin; readonly file: ImportRunFile | null },
): Promise<RecordedImport> {
  const startedAt = day.clock.now().toISOString();
  const base = { origin: meta.origin, file: meta.file, source: describeSource(request.source), startedAt };
  let report: ImportReport;
  try {
    report = await runImport(db, day, request);
  } catch (error) {
    if (!(error instanceof ImportInputError)) throw error;
    const run = await recordImportRun(db, { ...base, finishedAt: day.clock.now().toISOString(), outcome: 'failed', counts: {}, rejectionCount: 0, rejections: [], message: error.message });
    return { ok: false, error, run };
  }
  const run = await recordImportRun(db, {
    ...base,
    finishedAt: day.clock.now().toISOString(),
    outcome: outcomeOf(report),
    counts: countsOf(report),
    rejectionCount: report.rejected.length,
    rejections: report.rejected,
    message: null,
  });
  return { ok: true, report, run };
}
