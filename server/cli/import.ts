/**
 * `tsx server/cli/import.ts --file <path> (--preset <name> | --entity <entity> [--mapping <file>])`:
 * the ERP import from the command line. Exit codes: 0 applied (or a clean dry run), 1 rows
 * were rejected (nothing applied unless --allow-partial), 2 bad arguments, mapping or file.
 */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import { systemClock, type Clock } from '../../shared/domain/clock';
import { systemTimeZone } from '../../shared/domain/time-zone';
import type { ServerDatabase } from '../db/schema';
import { openConfiguredDb, runIfEntryPoint } from './cli-main';
import { AdminError } from './admin-error';
import { assignFromSource, formatAssignmentReport, readAssignmentFile, type AssignmentSource } from './bulk-assign';
import { PRESETS } from '../import/presets';
import { runImport, type ImportSource } from '../import/run';
import { decodeExport, type ExportEncoding } from '../import/encoding';
import { mappingSchema, type Mapping } from '../import/sources';
import { IMPORT_ENTITIES, ImportInputError, isImportEntity, type ImportReport } from '../import/types';

export const USAGE = `Usage: tsx server/cli/import.ts --file <path> (--preset <name> | --entity <entity> [--mapping <mapping.json>]) [options]

  --file <path>        the export: .json (an array of records), .xlsx (Excel, read with the CSV's mapping)
                       or CSV (any other extension)
  --preset <name>      a built-in mapping:
${[...PRESETS.values()].map((preset) => `                         ${preset.name}: ${preset.description}`).join('\n')}
  --entity <entity>    what the file holds: ${IMPORT_ENTITIES.join(', ')}
  --mapping <path>     JSON mapping (columns, dateFormat, decimalSeparator, groupSeparator, negativeNumbers,
                       values, delimiter, encoding, sheet, defaultCurrency, defaultCountry); required
                       for CSV and XLSX with --entity, optional for JSON
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
  if (values.preset !== undefined && values.mapping !== undefined) throw new UsageError('A preset brings its own mapping; drop --mapping.');
  if (values.entity !== undefined && !isImportEntity(values.entity)) throw new UsageError(`Unknown entity "${values.entity}" (known: ${IMPORT_ENTITIES.join(', ')}).`);
  if (values.assign !== undefined && values['dry-run'] === true) throw new UsageError('--assign works on what an import committed; drop --dry-run (assign-from-file --dry-run plans on its own).');
  return values;
}

async function readJson(io: ImportIo, path: string, what: string): Promise<unknown> {
  const text = await readText(io, path);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`The ${what} ${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function readBytes(io: ImportIo, path: string): Promise<Uint8Array> {
  try {
    return await io.readFile(path);
  } catch (error) {
    throw new UsageError(`Cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The file as text in `encoding`; a file that is not in it is a usage error naming the line. */
async function readText(io: ImportIo, path: string, encoding: ExportEncoding = 'utf-8'): Promise<string> {
  const bytes = await readBytes(io, path);
  try {
    return decodeExport(bytes, encoding, path);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

async function readMapping(io: ImportIo, path: string | undefined): Promise<Mapping | undefined> {
  if (path === undefined) return undefined;
  const parsed = mappingSchema.safeParse(await readJson(io, path, 'mapping'));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new UsageError(`The mapping ${path} is not valid: ${issue === undefined ? 'unknown problem' : `${issue.path.join('.') || '(top level)'}: ${issue.message}`}`);
}

async function sourceOf(io: ImportIo, values: Values): Promise<ImportSource> {
  const file = values.file ?? '';
  if (values.preset !== undefined) return { format: 'csv', preset: values.preset, content: await readText(io, file) };
  const entity = values.entity ?? '';
  if (!isImportEntity(entity)) throw new UsageError('Give --entity.');
  const mapping = await readMapping(io, values.mapping);
  if (extname(file).toLowerCase() === '.json') {
    const records = await readJson(io, file, 'file');
    if (!Array.isArray(records)) throw new UsageError(`${file} must hold a JSON array of records.`);
    return { format: 'json', entity, mapping, records };
  }
  if (mapping === undefined) throw new UsageError('A CSV or XLSX import with --entity needs --mapping <mapping.json>.');
  if (extname(file).toLowerCase() === '.xlsx') return { format: 'xlsx', entity, mapping, content: await readBytes(io, file) };
  return { format: 'csv', entity, mapping, content: await readText(io, file, mapping.encoding) };
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
  let assignment: AssignmentSource | null = null;
  try {
    values = parse(argv);
    source = await sourceOf(io, values);
    if (values.assign !== undefined) assignment = readAssignmentFile(values.assign, await readText(io, values.assign));
  } catch (error) {
    if (!(error instanceof UsageError) && !(error instanceof AdminError)) throw error;
    io.stderr(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  const store = await io.openDb();
  try {
    const report = await runImport(store.db, { clock: io.clock ?? systemClock, defaultTimeZone: store.timeZone ?? systemTimeZone() }, { source, allowPartial: values['allow-partial'], dryRun: values['dry-run'] });
    // A second transaction: the import stands whatever the assignment finds; its report says which did what.
    const assigned =
      assignment === null || !report.committed
        ? null
        : await assignFromSource(store.db, io.clock ?? systemClock, { source: assignment, reason: `assigned on import of ${basename(values.file ?? '')}` });
    // One JSON document on stdout: the import's report, and the assignment's beside it when there is one.
    if (values.json === true) io.stdout(JSON.stringify(assigned === null ? report : { ...report, assignment: assigned }));
    else for (const line of [...formatReport(report), ...(assigned === null ? [] : formatAssignmentReport(assigned))]) io.stdout(line);
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
    stdout: (text) => process.stdout.write(`${text}\n`),
    stderr: (text) => process.stderr.write(`${text}\n`),
  }),
);
