/**
 * `npm run server:admin -- <command>`: user, team and assignment administration on the server
 * database. Exit codes: 0 done, 1 the command failed (unknown user, taken name...), 2 bad arguments.
 */
import { parseArgs } from 'node:util';
import { systemClock, type Clock } from '../../shared/domain/clock';
import { systemTimeZone } from '../../shared/domain/time-zone';
import type { ServerDay } from '../promises/team-days';
import type { ServerDatabase } from '../db/schema';
import { openConfiguredDb, runIfEntryPoint } from './cli-main';
import type { Kysely } from 'kysely';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { assignCustomers, createTeam, createUser, disableUser, isRole, listUsers, resetPassword, rotateLogEpoch, setTeamLanguage, setTeamTimeZone } from './admin-commands';
import { AdminError } from './admin-error';
import { runDetail, runLine } from '../import/run-report';
import { importRun, listImportRuns } from '../import/runs';
import { assignFromSource, AssignmentReasonSchema, formatAssignmentReport, readAssignmentFile } from './bulk-assign';
import { readPasswordFromStdin, readPasswordFromTerminal } from './password-input';

export const USAGE = `Usage: npm run server:admin -- <command> [options]

Commands:
  create-team <name> [--time-zone <zone>] [--language <tag>]
  set-team-time-zone <team> <zone> | --clear
  set-team-language <team> <tag> | --clear
  create-user <username> --role collector|team_lead|admin [--team <name>] [--display-name <name>] [--email <address>] [--password-stdin]
  reset-password <username> [--password-stdin]
  disable-user <username>
  assign-customers --collector <username> <customer-number>...
  assign-from-file <mapping.csv|rules.json> [--dry-run] [--everyone] [--reason <text>] [--json]
  list-users [--json]
  rotate-log-epoch
  import-runs [--limit <n>] [--json]     the latest ERP import runs (CLI, API and drop folder), newest first
  import-run <id> [--json]               one run's report: counts and every refusal kept

A team's zone (an IANA name such as Europe/Berlin) sets the day its promises are judged as of;
without one, or after --clear, the team works in the server's own zone (LEDGERLINE_SERVER_TIME_ZONE).
A team's language (a BCP 47 code such as de, es-MX or zh-CN) is what documents to its customers are
written in when neither the contact person nor the customer has one the app speaks; without one,
the user's language.
Without --password-stdin the password is asked for on the terminal.
The database is DATABASE_URL, or the embedded one in LEDGERLINE_SERVER_DATA_DIR (stop the server first).`;

class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface AdminIo {
  /** The database, and the server's own zone (LEDGERLINE_SERVER_TIME_ZONE, else the machine's). */
  openDb(): Promise<{ db: Kysely<ServerDatabase>; close(): Promise<void>; timeZone?: string }>;
  readPassword(fromStdin: boolean): Promise<string>;
  stdout(text: string): void;
  stderr(text: string): void;
  readonly clock?: Clock;
}

const OPTIONS = {
  role: { type: 'string' },
  team: { type: 'string' },
  'display-name': { type: 'string' },
  email: { type: 'string' },
  'password-stdin': { type: 'boolean' },
  collector: { type: 'string' },
  json: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  everyone: { type: 'boolean' },
  reason: { type: 'string' },
  'time-zone': { type: 'string' },
  language: { type: 'string' },
  clear: { type: 'boolean' },
  limit: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

/** Each command's allowed options and positional count, checked before the database is opened. */
const COMMANDS: Readonly<Record<string, { options: readonly (keyof Values)[]; positionals: [number, number]; what: string }>> = {
  'create-team': { options: ['time-zone', 'language'], positionals: [1, 1], what: 'a team name' },
  'set-team-time-zone': { options: ['clear'], positionals: [1, 2], what: 'a team name and a time zone, or a team name and --clear' },
  'set-team-language': { options: ['clear'], positionals: [1, 2], what: 'a team name and a language code, or a team name and --clear' },
  'create-user': { options: ['role', 'team', 'display-name', 'email', 'password-stdin'], positionals: [1, 1], what: 'a username' },
  'reset-password': { options: ['password-stdin'], positionals: [1, 1], what: 'a username' },
  'disable-user': { options: [], positionals: [1, 1], what: 'a username' },
  'assign-customers': { options: ['collector'], positionals: [1, Infinity], what: 'one or more customer numbers' },
  'assign-from-file': { options: ['dry-run', 'everyone', 'reason', 'json'], positionals: [1, 1], what: 'one file: a .csv mapping or a .json rule set' },
  'list-users': { options: ['json'], positionals: [0, 0], what: 'no arguments' },
  'rotate-log-epoch': { options: [], positionals: [0, 0], what: 'no arguments' },
  'import-runs': { options: ['limit', 'json'], positionals: [0, 0], what: 'no arguments' },
  'import-run': { options: ['json'], positionals: [1, 1], what: 'a run id' },
};

const MAX_LISTED_RUNS = 1000;

function parse(argv: readonly string[]): { command: string; args: string[]; values: Values } {
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const [command, ...args] = parsed.positionals;
  if (command === undefined) throw new UsageError('Name a command.');
  const spec = COMMANDS[command];
  if (spec === undefined) throw new UsageError(`Unknown command "${command}".`);
  const stray = Object.keys(parsed.values).filter((key) => key !== 'help' && !spec.options.includes(key as keyof Values));
  if (stray.length > 0) throw new UsageError(`${command} does not take --${stray.join(', --')}.`);
  const [min, max] = spec.positionals;
  if (args.length < min || args.length > max) throw new UsageError(`${command} takes ${spec.what}.`);
  if (command === 'create-user') {
    const role = parsed.values.role;
    if (role === undefined || !isRole(role)) throw new UsageError('create-user needs --role collector, team_lead or admin.');
  }
  if (command === 'set-team-time-zone' && (args.length === 2) === (parsed.values.clear === true)) {
    throw new UsageError('set-team-time-zone takes a team name and either a time zone or --clear.');
  }
  if (command === 'set-team-language' && (args.length === 2) === (parsed.values.clear === true)) {
    throw new UsageError('set-team-language takes a team name and either a language code or --clear.');
  }
  if (command === 'assign-customers' && parsed.values.collector === undefined) throw new UsageError('assign-customers needs --collector <username>.');
  const limit = parsed.values.limit;
  if (limit !== undefined && !(/^\d+$/.test(limit) && Number(limit) >= 1 && Number(limit) <= MAX_LISTED_RUNS)) throw new UsageError(`--limit takes a whole number from 1 to ${String(MAX_LISTED_RUNS)}.`);
  if (parsed.values.reason !== undefined) {
    const reason = AssignmentReasonSchema.safeParse(parsed.values.reason);
    if (!reason.success) throw new UsageError(`--reason ${reason.error.issues[0]?.message ?? 'is not valid'}.`);
  }
  return { command, args, values: parsed.values };
}

async function readNewPassword(io: AdminIo, values: Values): Promise<string> {
  return io.readPassword(values['password-stdin'] === true);
}

async function run(command: string, args: string[], values: Values, db: Kysely<ServerDatabase>, io: AdminIo, day: ServerDay): Promise<void> {
  const { clock } = day;
  const first = args[0] ?? '';
  switch (command) {
    case 'create-team': {
      const team = await createTeam(db, clock, first, values['time-zone'] ?? null, values.language ?? null);
      io.stdout(`Created team "${team.name}"${team.timeZone === null ? '' : ` in ${team.timeZone}`}${team.language === null ? '' : `, language ${team.language}`}.`);
      return;
    }
    case 'set-team-language': {
      const team = await setTeamLanguage(db, first, values.clear === true ? null : (args[1] ?? ''));
      io.stdout(
        team.language === null
          ? `Team "${team.name}" has no language now: its customers' documents fall back to the user's language.`
          : `Team "${team.name}" now falls back to ${team.language} for its customers' documents.`,
      );
      return;
    }
    case 'set-team-time-zone': {
      const team = await setTeamTimeZone(db, day, first, values.clear === true ? null : (args[1] ?? ''));
      const judged = team.promises.map((run) => `${String(run.evaluated)} open promise(s) judged as of ${run.asOf}`).join('; ');
      io.stdout(`Team "${team.name}" now works in ${team.timeZone ?? "the server's own zone"}${judged === '' ? '' : `; ${judged}`}.`);
      return;
    }
    case 'create-user': {
      const role = values.role;
      if (role === undefined || !isRole(role)) throw new UsageError('create-user needs --role.');
      const password = await readNewPassword(io, values);
      const user = await createUser(db, clock, {
        username: first,
        role,
        password,
        ...(values.team === undefined ? {} : { team: values.team }),
        ...(values['display-name'] === undefined ? {} : { displayName: values['display-name'] }),
        ...(values.email === undefined ? {} : { email: values.email }),
      });
      io.stdout(`Created ${role} "${user.username}".`);
      return;
    }
    case 'reset-password': {
      await resetPassword(db, clock, first, await readNewPassword(io, values));
      io.stdout(`Password of "${first}" reset; their sessions were ended.`);
      return;
    }
    case 'disable-user': {
      await disableUser(db, clock, first);
      io.stdout(`Disabled "${first}"; their sessions were ended.`);
      return;
    }
    case 'assign-customers': {
      const count = await assignCustomers(db, clock, values.collector ?? '', args);
      io.stdout(`Assigned ${count} customer${count === 1 ? '' : 's'} to "${values.collector ?? ''}".`);
      return;
    }
    case 'assign-from-file': {
      let content: string;
      try {
        content = readFileSync(first, 'utf8');
      } catch (error) {
        throw new AdminError(`Cannot read ${first}: ${error instanceof Error ? error.message : String(error)}`);
      }
      const report = await assignFromSource(db, clock, {
        source: readAssignmentFile(first, content),
        reason: values.reason?.trim() ?? `bulk assignment from ${basename(first)}`,
        dryRun: values['dry-run'] === true,
        everyone: values.everyone === true,
      });
      if (values.json === true) io.stdout(JSON.stringify(report));
      else for (const line of formatAssignmentReport(report)) io.stdout(line);
      if (report.rejected.length > 0) throw new AdminError(`Nothing was assigned: ${String(report.rejected.length)} line${report.rejected.length === 1 ? '' : 's'} refused.`);
      return;
    }
    case 'list-users': {
      const users = await listUsers(db);
      if (values.json === true) {
        io.stdout(JSON.stringify(users));
        return;
      }
      if (users.length === 0) io.stdout('No users yet; create one with create-user.');
      for (const u of users) {
        io.stdout([u.username, u.role, u.team ?? '-', `${u.customers} customers`, u.disabled ? 'DISABLED' : '', u.displayName].join('\t'));
      }
      return;
    }
    case 'import-runs': {
      const runs = await listImportRuns(db, Number(values.limit ?? '20'));
      if (values.json === true) io.stdout(JSON.stringify(runs));
      else if (runs.length === 0) io.stdout('No import has run yet.');
      else for (const run of runs) io.stdout(runLine(run));
      return;
    }
    case 'import-run': {
      const run = await importRun(db, first);
      if (run === null) throw new AdminError(`There is no import run "${first}".`);
      if (values.json === true) io.stdout(JSON.stringify(run));
      else for (const line of runDetail(run)) io.stdout(line);
      return;
    }
    case 'rotate-log-epoch': {
      await rotateLogEpoch(db);
      io.stdout('Rotated the sync log epoch: every client pulls a fresh snapshot on its next sync.');
      return;
    }
  }
}

/** Runs one command; returns the process exit code. */
export async function runAdmin(argv: readonly string[], io: AdminIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    if (argv.includes('--help') || argv.includes('-h')) {
      io.stdout(USAGE);
      return 0;
    }
    parsed = parse(argv);
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const store = await io.openDb();
  try {
    await run(parsed.command, parsed.args, parsed.values, store.db, io, { clock: io.clock ?? systemClock, defaultTimeZone: store.timeZone ?? systemTimeZone() });
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof AdminError) {
      io.stderr(error.message);
      return 1;
    }
    throw error;
  } finally {
    await store.close();
  }
}

runIfEntryPoint(import.meta.url, () =>
  runAdmin(process.argv.slice(2), {
    openDb: openConfiguredDb,
    readPassword: (fromStdin) => (fromStdin ? readPasswordFromStdin() : readPasswordFromTerminal()),
    stdout: (text) => process.stdout.write(`${text}\n`),
    stderr: (text) => process.stderr.write(`${text}\n`),
  }),
);
