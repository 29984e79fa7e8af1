/**
 * The import drop folder: an ERP's scheduled job writes its export into the folder, the server
 * imports it unattended. Per file:
 * - complete: written under a temporary name (.tmp, .part, a leading dot...) and renamed into place,
 *   or, failing that, its size and time unchanged for the settle time. Until then it is left alone.
 * - claimed by renaming it into this server's own processing/<instance>/, so two servers on one
 *   folder never import it twice; a server that stops mid-import leaves its claims behind, and once
 *   its folder has not been touched for STALE_CLAIM_MS any server puts them back.
 * - read as its sidecar `<file>.import.json` says (a preset or an entity with its mapping, and
 *   whether valid rows may go in without the refused ones), else by the preset its name starts with
 *   (`sap-fbl5n-de_2026-12-06.csv`).
 * - imported as the CLI imports (all or nothing unless partial is allowed), its run kept in the
 *   import's transaction (server/import/runs.ts); a file whose very contents a committed run
 *   imported the same way is not read again (checked under the import lock): the same file twice
 *   changes nothing.
 * - moved to done/ or, when anything was refused or it could not be read, to rejected/, with its
 *   report beside it (`<file>.report.txt` and `.report.json`), never over a file already there.
 * A bad file never stalls the folder: each is judged on its own. A database that is away, or any
 * other failure around a file, puts it back to be tried at the next scan.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { link, mkdir, readdir, readFile, rename, rmdir, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { ServerDatabase } from '../db/schema';
import { isTransientDatabaseError } from '../db/transient-errors';
import { schedulePeriodic } from '../jobs/periodic';
import type { ServerDay } from '../promises/team-days';
import { sourceOfFile, type FileReading } from './file-source';
import { PRESETS } from './presets';
import { describeSource, runRecordedImport } from './run';
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
/** A server touches its claims folder at every scan and while it imports; one untouched this long belongs to a server that stopped. */
export const STALE_CLAIM_MS = 10 * 60_000;
const HEARTBEAT_MS = 30_000;

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

/** Thrown under the import lock when a committed run already imported these contents this way. */
class AlreadyImported extends Error {
  constructor(readonly earlier: ImportRun) {
    super('already imported');
  }
}

export class DropFolder {
  private readonly sightings = new Map<string, Sighting>();
  /** This server's claims folder, processing/<instance>/: only it moves files in and out of it. */
  private readonly claims: string;

  constructor(
    private readonly db: Kysely<ServerDatabase>,
    private readonly day: ServerDay,
    private readonly options: DropFolderOptions,
    private readonly log: DropFolderLog,
    instance: string = randomUUID(),
  ) {
    this.claims = join(FOLDERS.processing, instance);
  }

  private path(...parts: string[]): string {
    return join(this.options.dir, ...parts);
  }

  private now(): number {
    return this.day.clock.now().getTime();
  }

  /** Creates the folders (this server's claims folder among them) and puts back the claims of servers that stopped. */
  async prepare(): Promise<void> {
    for (const folder of [FOLDERS.done, FOLDERS.rejected]) await mkdir(this.path(folder), { recursive: true });
    await this.heartbeat();
    await this.reclaimStale();
  }

  /** Touches this server's claims folder (made again if someone removed it): it is alive. */
  private async heartbeat(): Promise<void> {
    const at = new Date(this.now());
    await mkdir(this.path(this.claims), { recursive: true });
    await utimes(this.path(this.claims), at, at);
  }

  /** Another server's claims folder untouched for STALE_CLAIM_MS: taken over by renaming it (one server wins), its files put back. */
  private async reclaimStale(): Promise<void> {
    for (const entry of await readdir(this.path(FOLDERS.processing), { withFileTypes: true })) {
      const folder = join(FOLDERS.processing, entry.name);
      if (!entry.isDirectory() || folder === this.claims) continue;
      const info = await stat(this.path(folder)).catch(() => null);
      if (info === null || this.now() - info.mtimeMs < STALE_CLAIM_MS) continue;
      const taken = join(FOLDERS.processing, `${entry.name}.reclaimed-${randomUUID()}`);
      try {
        await rename(this.path(folder), this.path(taken));
      } catch (error) {
        if (errorCode(error) === 'ENOENT') continue;
        throw error;
      }
      for (const name of await readdir(this.path(taken))) {
        const placed = await this.moveUnique(join(taken, name), '.', name);
        this.log.warn({ file: placed }, 'import drop folder: a file a stopped server had claimed was put back to be imported again');
      }
      await rmdir(this.path(taken));
    }
  }

  /** One look at the folder: every file that is complete now is imported, in name order. */
  async scan(): Promise<DropOutcome[]> {
    await this.heartbeat();
    await this.reclaimStale();
    const entries = await readdir(this.options.dir, { withFileTypes: true });
    const names = entries.filter((entry) => entry.isFile() && isCandidate(entry.name)).map((entry) => entry.name).sort();
    for (const known of [...this.sightings.keys()]) if (!names.includes(known)) this.sightings.delete(known);
    const outcomes: DropOutcome[] = [];
    for (const name of names) {
      if (!(await this.isComplete(name))) continue;
      const outcome = await this.importGuarded(name);
      if (outcome !== null) outcomes.push(outcome);
    }
    return outcomes;
  }

  /** The clock is read per file: a long import earlier in the scan must not make a file written meanwhile look settled. */
  private async isComplete(name: string): Promise<boolean> {
    let signature: string;
    try {
      const info = await stat(this.path(name));
      signature = `${String(info.size)}:${String(info.mtimeMs)}`;
    } catch {
      return false;
    }
    const now = this.now();
    const seen = this.sightings.get(name);
    if (seen?.signature !== signature) {
      this.sightings.set(name, { signature, since: now });
      return false;
    }
    return now - seen.since >= this.options.settleMs;
  }

  /** Claims the file and imports it; whatever fails around it puts it back (and its sidecar) for the next scan. */
  private async importGuarded(name: string): Promise<DropOutcome | null> {
    this.sightings.delete(name);
    try {
      await rename(this.path(name), this.path(this.claims, name));
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return null;
      throw error;
    }
    const sidecarName = `${name}${SIDECAR_SUFFIX}`;
    const hasSidecar = await rename(this.path(sidecarName), this.path(this.claims, sidecarName)).then(
      () => true,
      () => false,
    );
    const beat = setInterval(() => {
      this.heartbeat().catch(() => undefined);
    }, HEARTBEAT_MS);
    try {
      return await this.importClaimed(name, hasSidecar);
    } catch (error) {
      await this.putBack(name, hasSidecar);
      this.log.warn({ file: name, err: messageOf(error) }, isTransientDatabaseError(error) ? 'import drop folder: the database is away; the file is tried again at the next scan' : 'import drop folder: the file could not be filed away; it is tried again at the next scan');
      return { file: name, movedTo: 'retry', run: null };
    } finally {
      clearInterval(beat);
    }
  }

  private async importClaimed(name: string, hasSidecar: boolean): Promise<DropOutcome> {
    const startedAt = this.day.clock.now().toISOString();
    const path = this.path(this.claims, name);
    let file: ImportRunFile | null = null;
    let source = hasSidecar ? 'as its sidecar says' : 'by its name';
    let run: ImportRun;
    try {
      const { reading, allowPartial } = await this.readingOf(name, hasSidecar);
      source = readingText(reading);
      const size = (await stat(path)).size;
      if (size > this.options.maxBytes) {
        throw new ImportInputError(`The file has ${String(size)} bytes; the drop folder takes files of at most ${String(this.options.maxBytes)} (LEDGERLINE_IMPORT_MAX_MB).`, 'content');
      }
      file = await runFileOfStream(name, createReadStream(path));
      const importSource = await sourceOfFile({ name, bytes: () => readFile(path), stream: () => createReadStream(path) }, reading);
      source = describeSource(importSource);
      const { sha256 } = file;
      const described = source;
      const guard = async (trx: Kysely<ServerDatabase>): Promise<void> => {
        const earlier = await committedRunOf(trx, sha256, described);
        if (earlier !== null) throw new AlreadyImported(earlier);
      };
      run = (await runRecordedImport(this.db, this.day, { source: importSource, allowPartial }, { origin: 'folder', file, guard })).run;
    } catch (error) {
      if (error instanceof AlreadyImported) {
        const { earlier } = error;
        const message = `The same contents were imported by run ${earlier.id} at ${earlier.startedAt}${earlier.file === null ? '' : ` from ${earlier.file.name}`}; nothing was read again.`;
        run = await this.record({ file, startedAt, source, outcome: 'duplicate', message });
      } else if (error instanceof ImportInputError) {
        run = await this.record({ file, startedAt, source, outcome: 'failed', message: error.message });
      } else if (isTransientDatabaseError(error)) {
        throw error;
      } else {
        // Not the file's fault as far as anyone can tell, but trying it again would fail again: refused, with why.
        run = await this.record({ file, startedAt, source, outcome: 'failed', message: `The import failed: ${messageOf(error)}` });
      }
    }
    const target = run.outcome === 'imported' || run.outcome === 'imported_partially' || run.outcome === 'duplicate' ? FOLDERS.done : FOLDERS.rejected;
    const filedAs = await this.moveUnique(join(this.claims, name), target, name);
    if (hasSidecar) await this.moveUnique(join(this.claims, `${name}${SIDECAR_SUFFIX}`), target, `${filedAs}${SIDECAR_SUFFIX}`);
    await writeFile(this.path(target, `${filedAs}.report.txt`), `${runDetail(run).join('\n')}\n`);
    await writeFile(this.path(target, `${filedAs}.report.json`), `${JSON.stringify(run, null, 2)}\n`);
    this.log.info({ file: name, movedTo: `${target}/${filedAs}`, run: run.id, outcome: run.outcome }, 'import drop folder: file filed away');
    return { file: name, movedTo: target === FOLDERS.done ? 'done' : 'rejected', run };
  }

  /** How the file is to be read: its sidecar, else the preset its name starts with. */
  private async readingOf(name: string, hasSidecar: boolean): Promise<{ reading: FileReading; allowPartial: boolean }> {
    if (hasSidecar) {
      const sidecar = await this.sidecar(`${name}${SIDECAR_SUFFIX}`);
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
      json = JSON.parse(await readFile(this.path(this.claims, sidecarName), 'utf8')) as unknown;
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

  /** The file and its sidecar back where the ERP put them, beside (never over) a newer file of that name. */
  private async putBack(name: string, hasSidecar: boolean): Promise<void> {
    try {
      const placed = await this.moveUnique(join(this.claims, name), '.', name);
      if (hasSidecar) await this.moveUnique(join(this.claims, `${name}${SIDECAR_SUFFIX}`), '.', `${placed}${SIDECAR_SUFFIX}`);
    } catch (error) {
      // Left in this server's claims folder: put back by the next server to start once this one stops.
      this.log.warn({ file: name, err: messageOf(error) }, 'import drop folder: the file could not be put back; it stays in processing/');
    }
  }

  /**
   * Moves `from` (relative to the folder) into `folder` as `name`, or as `stem.2026-12-06T09-00-00Z.ext`
   * (then with a counter) when that name is taken: linked under the new name first, which fails
   * rather than replace a file another server filed at the same moment, then unlinked.
   */
  private async moveUnique(from: string, folder: string, name: string): Promise<string> {
    const extension = extname(name);
    const stem = name.slice(0, name.length - extension.length);
    const stamp = this.day.clock.now().toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
    for (let attempt = 0; ; attempt += 1) {
      const candidate = attempt === 0 ? name : `${stem}.${stamp}${attempt === 1 ? '' : `-${String(attempt)}`}${extension}`;
      try {
        await link(this.path(from), this.path(folder, candidate));
      } catch (error) {
        if (errorCode(error) === 'EEXIST') continue;
        throw error;
      }
      await unlink(this.path(from));
      return candidate;
    }
  }
}

/**
 * Scans the folder every `pollMs` from the moment the server is ready until it closes; a scan that
 * fails (the folder unmounted, the disk full) is logged and tried again at the next.
 */
export function scheduleDropFolder(app: FastifyInstance, folder: DropFolder, pollMs: number): void {
  let prepared = false;
  const scan = async (): Promise<void> => {
    if (!prepared) {
      await folder.prepare();
      prepared = true;
    }
    await folder.scan();
  };
  schedulePeriodic(app, pollMs, scan, 'import drop folder: the scan failed; tried again at the next');
}
