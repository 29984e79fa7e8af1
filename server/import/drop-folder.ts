/**
 * The import drop folder: an ERP's scheduled job writes its export into the folder, the server
 * imports it unattended. Per file:
 * - complete: written under a temporary name (.tmp, .part, a leading dot...) and renamed into place,
 *   or, failing that, its size and time unchanged for the settle time. Until then it is left alone.
 * - claimed by renaming it into processing/, so two servers on one folder never import it twice.
 * - read as its sidecar `<file>.import.json` says (a preset or an entity with its mapping, and
 *   whether valid rows may go in without the refused ones), else by the preset its name starts with
 *   (`sap-fbl5n-de_2026-12-06.csv`).
 * - imported as the CLI imports (all or nothing unless partial is allowed), its run kept
 *   (server/import/runs.ts); a file whose very contents a committed run imported before is not
 *   read again: the same file twice changes nothing.
 * - moved to done/ or, when anything was refused or it could not be read, to rejected/, with its
 *   report beside it (`<file>.report.txt` and `.report.json`).
 * A bad file never stalls the folder: each is judged on its own. Only a database that is away
 * leaves a file waiting, put back to be tried at the next scan.
 */
import { createReadStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { ServerDatabase } from '../db/schema';
import { isTransientDatabaseError } from '../db/transient-errors';
import type { ServerDay } from '../promises/team-days';
import { sourceOfFile, type FileReading } from './file-source';
import { PRESETS } from './presets';
import { runRecordedImport } from './run';
import { runDetail } from './run-report';
import { committedRunOf, recordImportRun, runFileOfStream, type ImportRun, type ImportRunFile, type NewImportRun } from './runs';
import { mappingSchema } from './sources';
import { IMPORT_ENTITIES, ImportInputError } from './types';

export interface DropFolderOptions {
  readonly dir: string;
  /** How long a file's size and time must stay unchanged before it counts as written completely. */
  readonly settleMs: number;
  /** Larger files are refused unread. */
  readonly maxBytes: number;
}

export interface DropFolderLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/** What became of one file in a scan. */
export interface DropOutcome {
  readonly file: string;
  readonly movedTo: 'done' | 'rejected' | 'retry';
  readonly run: ImportRun | null;
}

export const SIDECAR_SUFFIX = '.import.json';
const REPORT_SUFFIXES = ['.report.txt', '.report.json'];
/** Names a writer uses while a file is not complete yet: an editor's lock, a download, an upload in progress. */
const UNFINISHED = /^(\.|~\$)|\.(tmp|temp|part|partial|filepart|crdownload|download|lock)$/i;
export const FOLDERS = { processing: 'processing', done: 'done', rejected: 'rejected' } as const;

const sidecarSchema = z
  .strictObject({
    preset: z.string().min(1).max(50).optional(),
    entity: z.enum(IMPORT_ENTITIES).optional(),
    mapping: mappingSchema.optional(),
    allowPartial: z.boolean().optional(),
  })
  .refine((sidecar) => (sidecar.preset === undefined) !== (sidecar.entity === undefined), { message: 'name either a preset or an entity' });
type Sidecar = z.infer<typeof sidecarSchema>;

/** The preset a file's name starts with (the longest, then a separator): `netsuite-open-invoices.2026-12-06.csv`. */
export function presetOfName(name: string): string | null {
  const stem = name.slice(0, name.length - extname(name).length);
  const matches = [...PRESETS.keys()].filter((preset) => stem === preset || (stem.startsWith(preset) && /^[._\- ]/.test(stem.slice(preset.length))));
  return matches.sort((a, b) => b.length - a.length)[0] ?? null;
}

const isCandidate = (name: string): boolean => !UNFINISHED.test(name) && !name.endsWith(SIDECAR_SUFFIX) && !REPORT_SUFFIXES.some((suffix) => name.endsWith(suffix));

interface Sighting {
  readonly signature: string;
  readonly since: number;
}

const readingText = (reading: FileReading): string => ('preset' in reading ? `preset ${reading.preset}` : `${reading.entity} by mapping`);
const errorCode = (error: unknown): string | undefined => (error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined);
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export class DropFolder {
  private readonly sightings = new Map<string, Sighting>();

  constructor(
    private readonly db: Kysely<ServerDatabase>,
    private readonly day: ServerDay,
    private readonly options: DropFolderOptions,
    private readonly log: DropFolderLog,
  ) {}

  private path(...parts: string[]): string {
    return join(this.options.dir, ...parts);
  }

  /** Creates the folders, and puts back what a server stopped in the middle of left in processing/. */
  async prepare(): Promise<void> {
    for (const folder of Object.values(FOLDERS)) await mkdir(this.path(folder), { recursive: true });
    for (const name of await readdir(this.path(FOLDERS.processing))) {
      await rename(this.path(FOLDERS.processing, name), this.path(name));
      this.log.warn({ file: name }, 'import drop folder: a file left in processing was put back to be imported again');
    }
  }

  /** One look at the folder: every file that is complete now is imported, in name order. */
  async scan(): Promise<DropOutcome[]> {
    const now = this.day.clock.now().getTime();
    const entries = await readdir(this.options.dir, { withFileTypes: true });
    const names = entries.filter((entry) => entry.isFile() && isCandidate(entry.name)).map((entry) => entry.name).sort();
    for (const known of [...this.sightings.keys()]) if (!names.includes(known)) this.sightings.delete(known);
    const outcomes: DropOutcome[] = [];
    for (const name of names) {
      if (!(await this.isComplete(name, now))) continue;
      const outcome = await this.importFile(name);
      if (outcome !== null) outcomes.push(outcome);
    }
    return outcomes;
  }

  private async isComplete(name: string, now: number): Promise<boolean> {
    let signature: string;
    try {
      const info = await stat(this.path(name));
      signature = `${String(info.size)}:${String(info.mtimeMs)}`;
    } catch {
      return false;
    }
    const seen = this.sightings.get(name);
    if (seen?.signature !== signature) {
      this.sightings.set(name, { signature, since: now });
      return false;
    }
    return now - seen.since >= this.options.settleMs;
  }

  /** Claims, reads, imports and files away one file; null when another server claimed it first. */
  private async importFile(name: string): Promise<DropOutcome | null> {
    this.sightings.delete(name);
    try {
      await rename(this.path(name), this.path(FOLDERS.processing, name));
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return null;
      throw error;
    }
    const sidecarName = `${name}${SIDECAR_SUFFIX}`;
    const hasSidecar = await rename(this.path(sidecarName), this.path(FOLDERS.processing, sidecarName)).then(
      () => true,
      (error: unknown) => {
        if (errorCode(error) === 'ENOENT') return false;
        throw error;
      },
    );
    const startedAt = this.day.clock.now().toISOString();
    let file: ImportRunFile | null = null;
    let source = hasSidecar ? 'as its sidecar says' : 'by its name';
    let run: ImportRun;
    try {
      const { reading, allowPartial } = await this.readingOf(name, hasSidecar ? sidecarName : null);
      source = readingText(reading);
      const size = (await stat(this.path(FOLDERS.processing, name))).size;
      if (size > this.options.maxBytes) {
        throw new ImportInputError(`The file has ${String(size)} bytes; the drop folder takes files of at most ${String(this.options.maxBytes)} (LEDGERLINE_IMPORT_MAX_MB).`, 'content');
      }
      const path = this.path(FOLDERS.processing, name);
      file = await runFileOfStream(name, createReadStream(path));
      const earlier = await committedRunOf(this.db, file.sha256);
      if (earlier === null) {
        const exportFile = { name, bytes: () => readFile(path), stream: () => createReadStream(path) };
        run = (await runRecordedImport(this.db, this.day, { source: await sourceOfFile(exportFile, reading), allowPartial }, { origin: 'folder', file })).run;
      } else {
        const message = `The same contents were imported by run ${earlier.id} at ${earlier.startedAt}${earlier.file === null ? '' : ` from ${earlier.file.name}`}; nothing was read again.`;
        run = await this.record({ file, startedAt, source, outcome: 'duplicate', message });
      }
    } catch (error) {
      if (isTransientDatabaseError(error)) {
        await this.putBack(name, hasSidecar);
        this.log.warn({ file: name, err: messageOf(error) }, 'import drop folder: the database is away; the file is tried again at the next scan');
        return { file: name, movedTo: 'retry', run: null };
      }
      const message = error instanceof ImportInputError ? error.message : `The import failed: ${messageOf(error)}`;
      run = await this.record({ file, startedAt, source, outcome: 'failed', message });
    }
    const target = run.outcome === 'imported' || run.outcome === 'imported_partially' || run.outcome === 'duplicate' ? 'done' : 'rejected';
    return this.fileAway(name, hasSidecar, target, run);
  }

  /** How the file is to be read: its sidecar, else the preset its name starts with. */
  private async readingOf(name: string, sidecarName: string | null): Promise<{ reading: FileReading; allowPartial: boolean }> {
    if (sidecarName !== null) {
      const sidecar = await this.sidecar(sidecarName);
      const reading: FileReading = sidecar.preset === undefined ? { entity: sidecar.entity ?? 'openItems', mapping: sidecar.mapping } : { preset: sidecar.preset, mapping: sidecar.mapping };
      return { reading, allowPartial: sidecar.allowPartial ?? false };
    }
    const preset = presetOfName(name);
    if (preset === null) {
      throw new ImportInputError(
        `Neither a sidecar ${name}${SIDECAR_SUFFIX} nor the file's name says how to read it: start the name with a preset (${[...PRESETS.keys()].join(', ')}), or write the sidecar first.`,
        'preset',
      );
    }
    return { reading: { preset }, allowPartial: false };
  }

  private async sidecar(sidecarName: string): Promise<Sidecar> {
    let json: unknown;
    try {
      json = JSON.parse(await readFile(this.path(FOLDERS.processing, sidecarName), 'utf8')) as unknown;
    } catch (error) {
      throw new ImportInputError(`The sidecar ${sidecarName} is not valid JSON: ${messageOf(error)}`, 'sidecar');
    }
    const parsed = sidecarSchema.safeParse(json);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    throw new ImportInputError(`The sidecar ${sidecarName} is not valid: ${issue === undefined ? 'unknown problem' : `${issue.path.join('.') || '(top level)'}: ${issue.message}`}.`, 'sidecar');
  }

  private record(run: Pick<NewImportRun, 'file' | 'startedAt' | 'source' | 'outcome' | 'message'>): Promise<ImportRun> {
    return recordImportRun(this.db, { ...run, origin: 'folder', finishedAt: this.day.clock.now().toISOString(), counts: {}, rejectionCount: 0, rejections: [] });
  }

  private async putBack(name: string, hasSidecar: boolean): Promise<void> {
    if (hasSidecar) await rename(this.path(FOLDERS.processing, `${name}${SIDECAR_SUFFIX}`), this.path(`${name}${SIDECAR_SUFFIX}`));
    await rename(this.path(FOLDERS.processing, name), this.path(name));
  }

  /** Moves the file (and its sidecar) to done/ or rejected/ under a name not taken there, its report beside it. */
  private async fileAway(name: string, hasSidecar: boolean, target: 'done' | 'rejected', run: ImportRun): Promise<DropOutcome> {
    const finalName = await this.freeName(target, name);
    await rename(this.path(FOLDERS.processing, name), this.path(target, finalName));
    if (hasSidecar) await rename(this.path(FOLDERS.processing, `${name}${SIDECAR_SUFFIX}`), this.path(target, `${finalName}${SIDECAR_SUFFIX}`));
    await writeFile(this.path(target, `${finalName}.report.txt`), `${runDetail(run).join('\n')}\n`);
    await writeFile(this.path(target, `${finalName}.report.json`), `${JSON.stringify(run, null, 2)}\n`);
    this.log.info({ file: name, movedTo: `${target}/${finalName}`, run: run.id, outcome: run.outcome }, 'import drop folder: file filed away');
    return { file: name, movedTo: target, run };
  }

  /** `name`, or `stem.2026-12-06T09-00-00Z.ext` (then with a counter) when a file of that name is already there. */
  private async freeName(target: string, name: string): Promise<string> {
    const taken = new Set(await readdir(this.path(target)));
    if (!taken.has(name)) return name;
    const extension = extname(name);
    const stamp = this.day.clock.now().toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
    const stem = `${basename(name, extension)}.${stamp}`;
    for (let counter = 1; ; counter += 1) {
      const candidate = `${stem}${counter === 1 ? '' : `-${String(counter)}`}${extension}`;
      if (!taken.has(candidate)) return candidate;
    }
  }
}

/**
 * Scans the folder every `pollMs` from the moment the server is ready until it closes; a scan that
 * fails (the folder unmounted, the disk full) is logged and tried again at the next.
 */
export function scheduleDropFolder(app: FastifyInstance, folder: DropFolder, pollMs: number): void {
  let running: Promise<void> | null = null;
  let prepared = false;
  const scan = (): void => {
    if (running !== null) return;
    running = (async () => {
      if (!prepared) {
        await folder.prepare();
        prepared = true;
      }
      await folder.scan();
    })()
      .catch((error: unknown) => {
        app.log.warn({ err: error }, 'import drop folder: the scan failed; tried again at the next');
      })
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(scan, pollMs);
  timer.unref();
  app.addHook('onReady', async () => {
    scan();
    await running;
  });
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await running;
  });
}
