/**
 * The administration operations behind `npm run server:admin`: plain functions on the
 * database, so the CLI, tests and (later) an admin API share them.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { ROLES, type Role } from '../../shared/domain/codes';
import type { Clock } from '../../shared/domain/clock';
import { canonicalTimeZone } from '../../shared/domain/time-zone';
import { LanguageTagSchema } from '../../shared/api/schemas';
import type { PromiseEvaluationRun } from '../../shared/mutations/promise-evaluation';
import { evaluateOnTeamDays, type ServerDay } from '../promises/team-days';
import { hashPassword, passwordProblem } from '../auth/passwords';
import { revokeAllRefreshTokens } from '../auth/refresh-tokens';
import type { ServerDatabase } from '../db/schema';
import { LOG_EPOCH_KEY } from '../sync/log-epoch';
import { AdminError } from './admin-error';
import { writeAssignments } from './bulk-assign';


type Db = Kysely<ServerDatabase>;

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;

export const normalizeUsername = (username: string): string => username.trim().toLowerCase();

export function usernameProblem(username: string): string | undefined {
  return USERNAME.test(username) ? undefined : 'a username has 2 to 64 characters: letters, digits, ".", "_" or "-", starting with a letter or digit';
}

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

async function teamIdByName(db: Db, name: string): Promise<string> {
  const team = await db.selectFrom('teams').select('id').where('name', '=', name.trim()).executeTakeFirst();
  if (team === undefined) throw new AdminError(`There is no team "${name}".`);
  return team.id;
}

async function userByUsername(db: Db, username: string): Promise<{ id: string; team_id: string | null; disabled: boolean }> {
  const user = await db.selectFrom('users').select(['id', 'team_id', 'disabled']).where('username', '=', normalizeUsername(username)).executeTakeFirst();
  if (user === undefined) throw new AdminError(`There is no user "${username}".`);
  return user;
}

/** The runtime's spelling of a zone an administrator typed, or a specific error. */
function checkedTimeZone(zone: string): string {
  const canonical = canonicalTimeZone(zone.trim());
  if (canonical === null) throw new AdminError(`"${zone}" is not a time zone this server knows: use an IANA name such as "Europe/Berlin" or "America/Los_Angeles".`);
  return canonical;
}

/**
 * The canonical form of a language tag an administrator typed ("DE" → "de", "pt_br" → "pt-BR"), by
 * the rule the desktop's contact-person form checks with (LanguageTagSchema), or a specific error.
 */
function checkedLanguage(tag: string): string {
  const parsed = LanguageTagSchema.safeParse(tag);
  if (parsed.success && parsed.data !== null) return parsed.data;
  const why = parsed.success ? 'is empty: give a language code such as de, es-MX or zh-CN, or --clear' : (parsed.error.issues[0]?.message ?? 'is not a language code');
  throw new AdminError(`The team's language "${tag}" ${why}.`);
}

/** A team, working in `timeZone` (null: the server's own zone), writing to its customers in `language` when they have none (null: the user's). */
export async function createTeam(
  db: Db,
  clock: Clock,
  name: string,
  timeZone: string | null = null,
  language: string | null = null,
): Promise<{ id: string; name: string; timeZone: string | null; language: string | null }> {
  const trimmed = name.trim();
  if (trimmed === '') throw new AdminError('A team needs a name.');
  const zone = timeZone === null ? null : checkedTimeZone(timeZone);
  const tag = language === null ? null : checkedLanguage(language);
  const existing = await db.selectFrom('teams').select('id').where('name', '=', trimmed).executeTakeFirst();
  if (existing !== undefined) throw new AdminError(`A team "${trimmed}" already exists.`);
  const id = uuidv7();
  await db.insertInto('teams').values({ id, name: trimmed, created_at: clock.now().toISOString(), time_zone: zone, language: tag }).execute();
  return { id, name: trimmed, timeZone: zone, language: tag };
}

/**
 * Sets a team's default language (null: none), the one documents to its customers fall back to when
 * neither the contact person nor the customer has one the product speaks. Desktops take it from the
 * directory at their next sync.
 */
export async function setTeamLanguage(db: Db, name: string, language: string | null): Promise<{ name: string; language: string | null }> {
  const tag = language === null ? null : checkedLanguage(language);
  const id = await teamIdByName(db, name);
  await db.updateTable('teams').set({ language: tag }).where('id', '=', id).execute();
  return { name: name.trim(), language: tag };
}

/**
 * Moves a team to another zone (null: back to the server's own) and, in the same transaction, judges
 * its customers' promises as of the new zone's day: a team moved east, into a day the server already
 * judged for others, is not left a day behind until that zone's next midnight.
 */
export async function setTeamTimeZone(db: Db, day: ServerDay, name: string, timeZone: string | null): Promise<{ name: string; timeZone: string | null; promises: PromiseEvaluationRun[] }> {
  const zone = timeZone === null ? null : checkedTimeZone(timeZone);
  const id = await teamIdByName(db, name);
  return db.transaction().execute(async (trx) => {
    await trx.updateTable('teams').set({ time_zone: zone }).where('id', '=', id).execute();
    const customers = await trx.selectFrom('customers').select('id').where('team_id', '=', id).execute();
    const promises = await evaluateOnTeamDays(trx, day, { customerIds: customers.map((customer) => customer.id) });
    return { name: name.trim(), timeZone: zone, promises };
  });
}

export interface NewUser {
  readonly username: string;
  readonly displayName?: string;
  readonly email?: string;
  readonly role: Role;
  readonly team?: string;
  readonly password: string;
}

export async function createUser(db: Db, clock: Clock, input: NewUser): Promise<{ id: string; username: string }> {
  const username = normalizeUsername(input.username);
  const problem = usernameProblem(username) ?? passwordProblem(input.password);
  if (problem !== undefined) throw new AdminError(`Cannot create the user: ${problem}.`);
  const taken = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
  if (taken !== undefined) throw new AdminError(`The username "${username}" is taken.`);
  const teamId = input.team === undefined ? null : await teamIdByName(db, input.team);
  const id = uuidv7();
  const now = clock.now().toISOString();
  await db
    .insertInto('users')
    .values({
      id,
      username,
      display_name: input.displayName?.trim() ?? username,
      email: input.email?.trim() ?? null,
      role: input.role,
      team_id: teamId,
      password_hash: await hashPassword(input.password),
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { id, username };
}

/** Sets a new password and ends every session of the user. */
export async function resetPassword(db: Db, clock: Clock, username: string, password: string): Promise<void> {
  const problem = passwordProblem(password);
  if (problem !== undefined) throw new AdminError(`Cannot set the password: ${problem}.`);
  const user = await userByUsername(db, username);
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash, updated_at: clock.now().toISOString() }).where('id', '=', user.id).execute();
    await revokeAllRefreshTokens(trx, clock, user.id);
  });
}

/** Blocks sign-in and refresh at once; access tokens already issued stop working on their next request. */
export async function disableUser(db: Db, clock: Clock, username: string): Promise<void> {
  const user = await userByUsername(db, username);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ disabled: true, updated_at: clock.now().toISOString() }).where('id', '=', user.id).execute();
    await revokeAllRefreshTokens(trx, clock, user.id);
  });
}

/**
 * Assigns customers (by customer number) to a collector and to the collector's team, all or
 * nothing. Each reassignment bumps the customer's version and writes a change_log entry, so
 * the pull can tell the previous owner the customer left their scope.
 */
export async function assignCustomers(db: Db, clock: Clock, collectorUsername: string, numbers: readonly string[]): Promise<number> {
  if (numbers.length === 0) throw new AdminError('Name at least one customer number.');
  const collector = await userByUsername(db, collectorUsername);
  if (collector.disabled) throw new AdminError(`The user "${collectorUsername}" is disabled.`);
  return db.transaction().execute(async (trx) => {
    const customers = await trx.selectFrom('customers').select(['id', 'number']).where('number', 'in', [...numbers]).forUpdate().execute();
    const found = new Set(customers.map((c) => c.number));
    const missing = numbers.filter((n) => !found.has(n));
    if (missing.length > 0) throw new AdminError(`Unknown customer numbers: ${missing.join(', ')}. Nothing was assigned.`);
    await writeAssignments(
      trx,
      customers.map((customer) => ({ customerId: customer.id, collectorId: collector.id, teamId: collector.team_id })),
      clock.now().toISOString(),
      'assigned by an administrator',
    );
    return customers.length;
  });
}

/**
 * After a backup was restored: a new random log epoch, so every cursor handed out before leads to
 * a snapshot. Without it a client whose cursor lies within the restored log would take the seqs
 * written since the restore for the ones it had seen, and skip them.
 */
export async function rotateLogEpoch(db: Db): Promise<void> {
  await db
    .insertInto('schema_meta')
    .values({ key: LOG_EPOCH_KEY, value: randomUUID() })
    .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })))
    .execute();
}

export interface UserListing {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly team: string | null;
  readonly disabled: boolean;
  readonly customers: number;
}

export async function listUsers(db: Db): Promise<UserListing[]> {
  const rows = await db
    .selectFrom('users')
    .leftJoin('teams', 'teams.id', 'users.team_id')
    .select((eb) => [
      'users.username',
      'users.display_name',
      'users.role',
      'users.disabled',
      'teams.name as team',
      eb.selectFrom('customers').select(eb.fn.countAll<number>().as('n')).whereRef('customers.collector_id', '=', 'users.id').as('customers'),
    ])
    .orderBy('users.username')
    .execute();
  return rows.map((row) => ({
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    team: row.team,
    disabled: row.disabled,
    customers: row.customers ?? 0,
  }));
}
