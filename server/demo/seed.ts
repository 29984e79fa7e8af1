/**
 * Seeds an empty server database with the desktop's demo portfolio (shared/demo/generate.ts: same
 * seed, same as-of date, same rows and ids), its users with one password, and one change_log
 * entry per synced row, so a client's first pull delivers it like any other data. One transaction:
 * a failure leaves the database empty.
 */
import { sql, type Kysely } from 'kysely';
import { generateDemo } from '../../shared/demo/generate';
import { hashPassword, passwordProblem } from '../auth/passwords';
import { SYNC_ENTITIES } from '../../shared/sync/protocol';
import type { ServerDatabase } from '../db/schema';
import { insertLoggedRows, insertRows } from './bulk-insert';
import { toServerDemo } from './convert';
import { DEMO_TEAM } from './credentials';
import { isDemoSize, type DemoSize } from './sizes';

type Db = Kysely<ServerDatabase>;

export interface ServerDemoOptions {
  readonly size: DemoSize;
  readonly seed: number;
  /** Calendar date (YYYY-MM-DD) the portfolio is "today" for. */
  readonly asOf: string;
  /** Every demo user's password. */
  readonly password: string;
  /** ISO timestamp of the seeding: the change_log entries' time and the team's creation. */
  readonly now: string;
}

export interface ServerDemoReport {
  readonly size: DemoSize;
  readonly seed: number;
  readonly asOf: string;
  /** Rows written per table, change_log included. */
  readonly counts: Readonly<Record<string, number>>;
  readonly ms: number;
  readonly phases: { readonly generateMs: number; readonly hashMs: number; readonly insertMs: number };
}

/** The options are unusable, or the database is not empty. */
export class DemoSeedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DemoSeedError';
  }
}

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

function check(options: ServerDemoOptions): void {
  if (!isDemoSize(options.size)) throw new DemoSeedError(`size "${String(options.size)}" must be small or large`);
  if (!Number.isSafeInteger(options.seed) || options.seed < 0) throw new DemoSeedError(`seed ${options.seed} must be a whole number of 0 or more`);
  if (!CALENDAR_DATE.test(options.asOf) || Number.isNaN(Date.parse(`${options.asOf}T00:00:00Z`))) {
    throw new DemoSeedError(`asOf "${options.asOf}" must be a calendar date YYYY-MM-DD`);
  }
  if (Number.isNaN(Date.parse(options.now))) throw new DemoSeedError(`now "${options.now}" must be an ISO timestamp`);
  const problem = passwordProblem(options.password);
  if (problem !== undefined) throw new DemoSeedError(`password: ${problem}`);
}

/** No teams, no users, no customers: nothing the demo could collide with or be mistaken for. */
export async function isServerDatabaseEmpty(db: Db): Promise<boolean> {
  const tables = ['teams', 'users', 'customers'] as const;
  for (const table of tables) {
    const row = await db.selectFrom(table).select('id').limit(1).executeTakeFirst();
    if (row !== undefined) return false;
  }
  return true;
}



export async function seedServerDemo(db: Db, options: ServerDemoOptions): Promise<ServerDemoReport> {
  check(options);
  const started = performance.now();
  const demo = toServerDemo(generateDemo({ size: options.size, seed: options.seed, asOf: options.asOf }));
  const generated = performance.now();
  // One hash per user, each with its own salt, as the admin CLI stores them.
  const users = await Promise.all(demo.users.map(async (user) => ({ ...user, password_hash: await hashPassword(options.password) })));
  const hashed = performance.now();

  const counts: Record<string, number> = {};
  await db.transaction().execute(async (trx) => {
    if (!(await isServerDatabaseEmpty(trx))) throw new DemoSeedError('the server database already holds teams, users or customers; the demo is seeded only into an empty one');
    await trx.insertInto('teams').values({ id: DEMO_TEAM.id, name: DEMO_TEAM.name, created_at: options.now, language: DEMO_TEAM.language }).execute();
    await insertRows(trx, 'users', users);
    counts.teams = 1;
    counts.users = users.length;
    for (const entity of SYNC_ENTITIES) {
      await insertLoggedRows(trx, entity, demo.synced[entity], options.now);
      counts[entity] = demo.synced[entity].length;
      if (entity === 'promises') await insertRows(trx, 'promise_items', demo.promiseItems);
      if (entity === 'disputes') await insertRows(trx, 'dispute_items', demo.disputeItems);
    }
    counts.promise_items = demo.promiseItems.length;
    counts.dispute_items = demo.disputeItems.length;
    counts.change_log = SYNC_ENTITIES.reduce((sum, entity) => sum + demo.synced[entity].length, 0);
  });
  // Fresh tables have no statistics until autovacuum comes by; without them the planner scans and
  // sorts every remaining row for each snapshot page, so the first sync would grow with the square
  // of the portfolio.
  await sql`ANALYZE`.execute(db);
  const finished = performance.now();
  return {
    size: options.size,
    seed: options.seed,
    asOf: options.asOf,
    counts,
    ms: Math.round(finished - started),
    phases: { generateMs: Math.round(generated - started), hashMs: Math.round(hashed - generated), insertMs: Math.round(finished - hashed) },
  };
}
