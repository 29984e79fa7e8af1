/**
 * One ERP import: read the source, validate every row, apply in one transaction. Policy: any
 * rejected row and nothing is committed (the report lists every problem), unless
 * `allowPartial`, which commits the valid rows. A dry run reports the same and commits nothing.
 */
import { sql, type Kysely } from 'kysely';
import type { ImportOrigin, ServerDatabase } from '../db/schema';
import { evaluateOnTeamDays, type ServerDay } from '../promises/team-days';
import { applyBatch, noPrimariesYet, zeroCounts } from './apply';
import { PRESETS } from './presets';
import { countsOf, outcomeOf, recordImportRun, type ImportRun, type ImportRunFile, type NewImportRun } from './runs';
import { amendedMapping, checkValueMaps, csvRecordParts, envelopedRecords, jsonColumnRecords, jsonRecords, readOptionsOf, xlsxRecordParts, type Mapping, type SourceRecords } from './sources';
import { IMPORT_ENTITIES, ImportInputError, type EntityCounts, type ImportEntity, type ImportReport, type ReadOptions, type Rejection } from './types';
import { createValidator } from './validate';

/** CSV text whole, or as it comes (a file read in chunks, never held whole). */
export type CsvText = string | AsyncIterable<string>;
/** A workbook's bytes whole, or as they come. */
export type XlsxBytes = Uint8Array | AsyncIterable<Uint8Array>;

/**
 * What to import: a preset's export (amended by a mapping where the preset is one), or an entity
 * read by a mapping. JSON by a preset is the API's response as saved; JSON of an entity is an array
 * of records, by target field names or, with the mapping's columns, by the export's own.
 */
export type ImportSource =
  | { readonly format: 'csv'; readonly preset: string; readonly mapping?: Mapping | undefined; readonly content: CsvText }
  | { readonly format: 'xlsx'; readonly preset: string; readonly mapping?: Mapping | undefined; readonly content: XlsxBytes }
  | { readonly format: 'json'; readonly preset: string; readonly mapping?: Mapping | undefined; readonly document: unknown }
  | { readonly format: 'csv'; readonly entity: ImportEntity; readonly mapping: Mapping; readonly content: CsvText }
  | { readonly format: 'xlsx'; readonly entity: ImportEntity; readonly mapping: Mapping; readonly content: XlsxBytes }
  | { readonly format: 'json'; readonly entity: ImportEntity; readonly mapping?: Mapping | undefined; readonly records: readonly unknown[] };

type PresetSource = Extract<ImportSource, { preset: string }>;
type EntitySource = Extract<ImportSource, { entity: ImportEntity }>;

export interface ImportRequest {
  readonly source: ImportSource;
  readonly allowPartial?: boolean | undefined;
  readonly dryRun?: boolean | undefined;
}

/** A source's records, in parts (a CSV in parts of CSV_PART_ROWS rows; anything else in one), and how to read their values. */
interface Read {
  readonly parts: AsyncIterable<SourceRecords>;
  readonly options: ReadOptions;
}

async function* whole(records: SourceRecords | Promise<SourceRecords>): AsyncGenerator<SourceRecords> {
  yield await records;
}

async function wholeText(content: CsvText): Promise<string> {
  if (typeof content === 'string') return content;
  let all = '';
  for await (const chunk of content) all += chunk;
  return all;
}

function readEntity(source: EntitySource): Read {
  if (source.format === 'json') {
    const mapping = source.mapping ?? {};
    checkValueMaps(source.entity, mapping);
    const records = mapping.columns === undefined ? jsonRecords(source.entity, source.records) : jsonColumnRecords(source.entity, source.records, mapping);
    return { parts: whole(records), options: readOptionsOf(mapping) };
  }
  if (source.format === 'xlsx') return { parts: xlsxRecordParts(source.entity, source.content, source.mapping), options: readOptionsOf(source.mapping) };
  return { parts: csvRecordParts(source.entity, source.content, source.mapping), options: readOptionsOf(source.mapping) };
}

function readPreset(source: PresetSource): Read {
  const preset = PRESETS.get(source.preset);
  if (preset === undefined) throw new ImportInputError(`Unknown preset "${source.preset}" (known: ${[...PRESETS.keys()].join(', ')}).`, 'preset');
  if (!preset.formats.includes(source.format)) throw new ImportInputError(`The preset ${preset.name} reads ${preset.formats.join(' or ')}, not ${source.format}.`, 'format');
  if (preset.kind === 'rows') {
    if (source.mapping !== undefined) throw new ImportInputError(`The preset ${preset.name} reads its own columns; it takes no mapping.`, 'mapping');
    if (source.format !== 'csv') throw new ImportInputError(`The preset ${preset.name} reads csv, not ${source.format}.`, 'format');
    // A sample of a few thousand rows, one row holding several entities: read whole.
    return { parts: whole(wholeText(source.content).then((text) => preset.read(text))), options: preset.options };
  }
  const mapping = amendedMapping(preset.mapping, source.mapping);
  if (preset.needsDefaultCurrency !== undefined && mapping.defaultCurrency === undefined) {
    throw new ImportInputError(`The preset ${preset.name} ${preset.needsDefaultCurrency}: amend it with that currency, e.g. {"defaultCurrency": "USD"}.`, 'mapping');
  }
  // From here a preset is its entity read by its (amended) mapping; its JSON, the records in the response's envelope.
  const { entity } = preset;
  if (source.format === 'json') return readEntity({ format: 'json', entity, mapping, records: envelopedRecords(source.document, preset.envelope) });
  return readEntity(source.format === 'xlsx' ? { format: 'xlsx', entity, mapping, content: source.content } : { format: 'csv', entity, mapping, content: source.content });
}

const read = (source: ImportSource): Read => ('preset' in source ? readPreset(source) : readEntity(source));

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

/** What a caller runs inside the import's transaction. */
export interface ImportHooks {
  /** First, under the import lock, before a row is read: what it throws ends the import with nothing written. */
  readonly guard?: ((trx: Kysely<ServerDatabase>) => Promise<void>) | undefined;
  /** Last, when the import is about to commit: what must commit with it or not at all. */
  readonly beforeCommit?: ((trx: Kysely<ServerDatabase>, report: ImportReport) => Promise<void>) | undefined;
}

export async function runImport(db: Kysely<ServerDatabase>, day: ServerDay, request: ImportRequest, hooks: ImportHooks = {}): Promise<ImportReport> {
  const { parts, options } = read(request.source);
  const allowPartial = request.allowPartial ?? false;
  const dryRun = request.dryRun ?? false;
  const now = day.clock.now().toISOString();
  const validator = createValidator(options);
  const primaries = noPrimariesYet();
  try {
    return await db.transaction().execute(async (trx) => {
      await IMPORT_LOCK.execute(trx);
      await hooks.guard?.(trx);
      const counts = zeroCounts();
      const rejected: Rejection[] = [];
      const moneyMovedFor = new Set<string>();
      // Part by part, in the one transaction: memory holds a part, never the file; the policy below judges the whole.
      for await (const part of parts) {
        const validated = validator.validate(part.raw);
        const applied = await applyBatch(trx, validated, now, primaries);
        for (const entity of IMPORT_ENTITIES) addCounts(counts[entity], applied.counts[entity]);
        rejected.push(...part.rejected, ...validated.rejected, ...applied.rejected);
        for (const id of applied.moneyMovedFor) moneyMovedFor.add(id);
      }
      rejected.sort(byPosition);
      if (rejected.length > 0 && !allowPartial) throw new RolledBack({ committed: false, dryRun, applied: zeroCounts(), rejected, promises: [] });
      if (dryRun) throw new RolledBack({ committed: false, dryRun, applied: counts, rejected, promises: [] });
      // Money that arrived may keep a promise: judged in the same transaction, so no client pulls the payment without the
      // verdict. Only the customers whose money moved: the others' promises are neither locked nor read. Each as of
      // its team's day.
      const promises = await evaluateOnTeamDays(trx, day, { customerIds: [...moneyMovedFor].sort() });
      const report: ImportReport = { committed: true, dryRun, applied: counts, rejected, promises };
      await hooks.beforeCommit?.(trx, report);
      return report;
    });
  } catch (error) {
    if (error instanceof RolledBack) return error.report;
    throw error;
  }
}

function addCounts(into: EntityCounts, add: EntityCounts): void {
  into.inserted += add.inserted;
  into.updated += add.updated;
  into.unchanged += add.unchanged;
}

/** How a source is read, in a run's report: `preset sap-fbl5n-en (csv)`, `openItems by mapping (xlsx)`. */
export function describeSource(source: ImportSource): string {
  if ('preset' in source) return `preset ${source.preset}${source.mapping === undefined ? '' : ' amended by a mapping'} (${source.format})`;
  return `${source.entity} ${source.mapping === undefined ? 'by field names' : 'by mapping'} (${source.format})`;
}

/** A run and its kept report; a request the import could not read at all is a failed run with the error that says why. */
export type RecordedImport = { readonly ok: true; readonly report: ImportReport; readonly run: ImportRun } | { readonly ok: false; readonly error: ImportInputError; readonly run: ImportRun };

/**
 * An import whose report is kept (server/import/runs.ts), as the CLI, the API and the drop folder run
 * them. A committed run is kept in the import's own transaction, so no import commits without its
 * run (the drop folder's duplicate check relies on it); a refused, dry or failed run after it.
 */
export async function runRecordedImport(
  db: Kysely<ServerDatabase>,
  day: ServerDay,
  request: ImportRequest,
  meta: { readonly origin: ImportOrigin; readonly file: ImportRunFile | null; readonly guard?: ImportHooks['guard'] },
): Promise<RecordedImport> {
  const startedAt = day.clock.now().toISOString();
  const base = { origin: meta.origin, file: meta.file, source: describeSource(request.source), startedAt };
  const runOfReport = (report: ImportReport): NewImportRun => ({
    ...base,
    finishedAt: day.clock.now().toISOString(),
    outcome: outcomeOf(report),
    counts: countsOf(report),
    rejectionCount: report.rejected.length,
    rejections: report.rejected,
    message: null,
  });
  // Set inside the transaction's callback; a holder, since flow analysis cannot see the callback run.
  const committed: { run: ImportRun | null } = { run: null };
  let report: ImportReport;
  try {
    report = await runImport(db, day, request, {
      guard: meta.guard,
      beforeCommit: async (trx, committing) => {
        committed.run = await recordImportRun(trx, runOfReport(committing));
      },
    });
  } catch (error) {
    if (!(error instanceof ImportInputError)) throw error;
    const run = await recordImportRun(db, { ...base, finishedAt: day.clock.now().toISOString(), outcome: 'failed', counts: {}, rejectionCount: 0, rejections: [], message: error.message });
    return { ok: false, error, run };
  }
  return { ok: true, report, run: committed.run ?? (await recordImportRun(db, runOfReport(report))) };
}
