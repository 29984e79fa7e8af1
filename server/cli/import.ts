/**
 * `tsx server/cli/import.ts --file <path> (--preset <name> | --entity <entity> [--mapping <file>])`:
 * the ERP import from the command line. Exit codes: 0 applied (or a clean dry run), 1 rows
 * were rejected (nothing applied unless --allow-partial), 2 bad arguments, mapping or file.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import { systemClock, type Clock } from '../../shared/domain/clock';
import { systemTimeZone } from '../../shared/domain/time-zone';
import type { ServerDatabase } from '../db/schema';
import { openConfiguredDb, runIfEntryPoint } from './cli-main';
import { AdminError } from './admin-error';
import { assignFromSource, formatAssignmentReport, readAssignmentFile, type AssignmentSource } from './bulk-assign';
import { PRESETS } from '../import/presets';
import { runRecordedImport, type ImportSource } from '../import/run';
import { runFileOfStream, type ImportRunFile } from '../import/runs';
import { decodeExport } from '../import/encoding';
import { sourceOfFile, type ExportFile, type FileReading } from '../import/file-source';
import { mappingSchema, type Mapping } from '../import/sources';
import { IMPORT_ENTITIES, ImportInputError, isImportEntity, type ImportReport } from '../import/types';

export const USAGE = `Usage: tsx server/cli/import.ts --file <path> (--preset <name> | --entity <entity> [--mapping <mapping.json>]) [options]

  --file <path>        the export: .json (an array of records, or an API response for a preset), .xlsx
                       (Excel, read with the CSV's mapping) or CSV (any other extension)
  --preset <name>      a built-in mapping (docs/import/), amended by --mapping where given:
${[...PRESETS.values()].map((preset) => `                         ${preset.name}: ${preset.description}`).join('\n')}
  --entity <entity>    what the file holds: ${IMPORT_ENTITIES.join(', ')}
  --mapping <path>     JSON mapping (columns, dateFormat, decimalSeparator, groupSeparator, negativeNumbers,
                       values, delimiter, encoding, sheet, defaultCurrency, defaultCountry); required
                       for CSV and XLSX with --entity, optional for JSON; with --preset, what it names
                       replaces the preset's and its values add codes
  --allow-partial      apply the valid rows even if some are rejected
  --dry-run            validate and count, commit nothing
  --json               print the report as JSON
  --assign <path>      then assign customers to collectors by a mapping (.csv: customer, collector) or
                       rules (.json), as \`npm run server:admin -- assign-from-file\` does (docs/SERVER.md)

See docs/IMPORT.md. The database is DATABASE_URL, or the embedded one in LEDGERLINE_SERVER_DATA_DIR (stop the server first).`;

export interface ImportIo {
  /** The database, and the server's own zone (LEDGERLINE_SERVER_TIME_ZONE, else the machine's). */
  openDb(): Promise<{ db: Kysely<ServerDatabase>; close(): Promise<void>; timeZone?: string }>;
  readFile(path: string): Promise<Uint8Array>;
  /** The file in chunks, as it comes; without it, the whole file from readFile. */
  readStream?(path: string): AsyncIterable<Uint8Array>;
  stdout(text: string): void;
  stderr(text: string): void;
  readonly clock?: Clock;
}

class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const OPTIONS = {
  file: { type: 'string' },
  preset: { type: 'string' },
  entity: { type: 'string' },
  mapping: { type: 'string' },
  'allow-partial': { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
  assign: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'];

function parse(argv: readonly string[]): Values {
  let values: Values;
  try {
    ({ values } = parseArgs({ args: [...argv], options: OPTIONS, strict: true }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.file === undefined) throw new UsageError('Name the file with --file.');
  if ((values.preset === undefined) === (values.entity === undefined)) throw new UsageError('Give either --preset or --entity.');
  if (values.entity !== undefined && !isImportEntity(values.entity)) throw new UsageError(`Unknown entity "${values.entity}" (known: ${IMPORT_ENTITIES.join(', ')}).`);
  if (values.assign !== undefined && values['dry-run'] === true) throw new UsageError('--assign works on what an import committed; drop --dry-run (assign-from-file --dry-run plans on its own).');
  return values;
}

async function readBytes(io: ImportIo, path: string): Promise<Uint8Array> {
  try {
    return await io.readFile(path);
  } catch (error) {
    throw new UsageError(`Cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The file as it comes (a CSV is never read whole); what cannot be opened is a usage error. */
async function* readable(io: ImportIo, path: string): AsyncGenerator<Uint8Array> {
  try {
    yield* streamOf(io, path);
  } catch (error) {
    throw new UsageError(`Cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function* streamOf(io: ImportIo, path: string): AsyncGenerator<Uint8Array> {
  if (io.readStream === undefined) yield await io.readFile(path);
  else yield* io.readStream(path);
}

async function readMapping(io: ImportIo, path: string | undefined): Promise<Mapping | undefined> {
  if (path === undefined) return undefined;
  const text = decodeExport(await readBytes(io, path), 'utf-8', path);
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`The mapping ${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = mappingSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new UsageError(`The mapping ${path} is not valid: ${issue === undefined ? 'unknown problem' : `${issue.path.join('.') || '(top level)'}: ${issue.message}`}`);
}

async function readingOf(io: ImportIo, values: Values): Promise<FileReading> {
  const mapping = await readMapping(io, values.mapping);
  if (values.preset !== undefined) return { preset: values.preset, mapping };
  const entity = values.entity ?? '';
  if (!isImportEntity(entity)) throw new UsageError('Give --entity.');
  return { entity, mapping };
}

export function formatReport(report: ImportReport): string[] {
  const lines: string[] = [];
  if (report.committed) lines.push(report.rejected.length === 0 ? 'Imported.' : `Imported the valid rows; ${report.rejected.length} problem(s) in rejected rows.`);
  else if (report.rejected.length > 0) lines.push(`Nothing was applied: ${report.rejected.length} problem(s) in rejected rows.`);
  else lines.push('Dry run: nothing was committed.');
  for (const [entity, counts] of Object.entries(report.applied)) {
    if (counts.inserted + counts.updated + counts.unchanged > 0) lines.push(`  ${entity}: ${counts.inserted} inserted, ${counts.updated} updated, ${counts.unchanged} unchanged`);
  }
  for (const { asOf, evaluated, kept, partiallyKept, broken, followUpsCreated } of report.promises) {
    lines.push(`  promises judged as of ${asOf}: ${evaluated} open, ${kept} now kept, ${partiallyKept} partly kept, ${broken} broken (${followUpsCreated} follow-up(s) opened)`);
  }
  for (const rejection of report.rejected) {
    lines.push(`line ${rejection.line}, column ${rejection.column}${rejection.entity === undefined ? '' : ` (${rejection.entity})`}: ${JSON.stringify(rejection.value)}: ${rejection.reason}`);
  }
  return lines;
}

/** Runs one import; returns the process exit code. */
export async function runImportCli(argv: readonly string[], io: ImportIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(USAGE);
    return 0;
  }
  let values: Values;
  let source: ImportSource;
  let file: ImportRunFile;
  let assignment: AssignmentSource | null = null;
  try {
    values = parse(argv);
    const path = values.file ?? '';
    const exportFile: ExportFile = { name: path, bytes: () => readBytes(io, path), stream: () => streamOf(io, path) };
    file = await runFileOfStream(basename(path), readable(io, path));
    source = await sourceOfFile(exportFile, await readingOf(io, values));
    if (values.assign !== undefined) assignment = readAssignmentFile(values.assign, decodeExport(await readBytes(io, values.assign), 'utf-8', values.assign));
  } catch (error) {
    if (!(error instanceof UsageError) && !(error instanceof AdminError) && !(error instanceof ImportInputError)) throw error;
    io.stderr(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  const store = await io.openDb();
  try {
    const day = { clock: io.clock ?? systemClock, defaultTimeZone: store.timeZone ?? systemTimeZone() };
    const result = await runRecordedImport(store.db, day, { source, allowPartial: values['allow-partial'], dryRun: values['dry-run'] }, { origin: 'cli', file });
    if (!result.ok) {
      io.stderr(result.error.message);
      return 2;
    }
    const { report, run } = result;
    // A second transaction: the import stands whatever the assignment finds; its report says which did what.
    const assigned =
      assignment === null || !report.committed
        ? null
        : await assignFromSource(store.db, io.clock ?? systemClock, { source: assignment, reason: `assigned on import of ${basename(values.file ?? '')}` });
    // One JSON document on stdout: the import's report, and the assignment's beside it when there is one.
    if (values.json === true) io.stdout(JSON.stringify(assigned === null ? { ...report, runId: run.id } : { ...report, runId: run.id, assignment: assigned }));
    else for (const line of [...formatReport(report), `Run ${run.id} (npm run server:admin -- import-run ${run.id}).`, ...(assigned === null ? [] : formatAssignmentReport(assigned))]) io.stdout(line);
    return report.rejected.length > 0 || (assigned?.rejected.length ?? 0) > 0 ? 1 : 0;
  } catch (error) {
    if (!(error instanceof ImportInputError)) throw error;
    io.stderr(error.message);
    return 2;
  } finally {
    await store.close();
  }
}

runIfEntryPoint(import.meta.url, () =>
  runImportCli(process.argv.slice(2), {
    openDb: openConfiguredDb,
    readFile: (path) => readFile(path),
    readStream: (path) => createReadStream(path),
    stdout: (text) => process.stdout.write(`${text}\n`),
    stderr: (text) => process.stderr.write(`${text}\n`),
  }),
);
