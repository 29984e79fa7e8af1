/**
 * One ERP import: read the source, validate every row, apply in one transaction. Policy: any
 * rejected row and nothing is committed (the report lists every problem), unless
 * `allowPartial`, which commits the valid rows. A dry run reports the same and commits nothing.
 */
import { sql, type Kysely } from 'kysely';
import type { ServerDatabase } from '../db/schema';
import { evaluateOnTeamDays, type ServerDay } from '../promises/team-days';
import { applyBatch, zeroCounts } from './apply';
import { PRESETS } from './presets';
import { checkValueMaps, csvRecords, jsonRecords, readOptionsOf, xlsxRecords, type Mapping, type SourceRecords } from './sources';
import { ImportInputError, type ImportEntity, type ImportReport, type ReadOptions, type Rejection } from './types';
import { validateBatch } from './validate';

export type ImportSource =
  | { readonly format: 'csv'; readonly preset: string; readonly content: string }
  | { readonly format: 'csv'; readonly entity: ImportEntity; readonly mapping: Mapping; readonly content: string }
  | { readonly format: 'xlsx'; readonly entity: ImportEntity; readonly mapping: Mapping; readonly content: Uint8Array }
  | { readonly format: 'json'; readonly entity: ImportEntity; readonly mapping?: Mapping | undefined; readonly records: readonly unknown[] };

export interface ImportRequest {
  readonly source: ImportSource;
  readonly allowPartial?: boolean | undefined;
  readonly dryRun?: boolean | undefined;
}

async function read(source: ImportSource): Promise<{ records: SourceRecords; options: ReadOptions }> {
  if (source.format === 'json') {
    checkValueMaps(source.entity, source.mapping ?? {});
    return { records: jsonRecords(source.entity, source.records), options: readOptionsOf(source.mapping ?? {}) };
  }
  if (source.format === 'xlsx') return { records: await xlsxRecords(source.entity, source.content, source.mapping), options: readOptionsOf(source.mapping) };
  if ('preset' in source) {
    const preset = PRESETS.get(source.preset);
    if (preset === undefined) throw new ImportInputError(`Unknown preset "${source.preset}" (known: ${[...PRESETS.keys()].join(', ')}).`, 'preset');
    return { records: preset.read(source.content), options: preset.options };
  }
  return { records: csvRecords(source.entity, source.content, source.mapping), options: readOptionsOf(source.mapping) };
}


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
