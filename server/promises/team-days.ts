/**
 * The server judges a customer's promises as of the calendar day of the team that works the
 * customer (teams.time_zone), not the UTC date: a promise due on the 29th in Los Angeles is not
 * broken at 16:00 there because UTC has reached the 1st. Teams without a zone, and customers
 * without a team, work in the server's own zone (LEDGERLINE_SERVER_TIME_ZONE, else the machine's). Teams whose zones share a day are judged
 * together; when every zone is on one day (the usual case) everyone is judged in one pass.
 */
import { sql, type Kysely } from 'kysely';
import { todayIn, type Clock } from '../../shared/domain/clock';
import { isTimeZone } from '../../shared/domain/time-zone';
import type { PromiseEvaluationRun } from '../../shared/mutations/promise-evaluation';
import type { ServerDatabase } from '../db/schema';
import { evaluatePromisesIn } from './evaluate';

export interface ServerDay {
  readonly clock: Clock;
  /** The zone of teams without one and of customers without a team: the server's own. */
  readonly defaultTimeZone: string;
}

/** The teams' own zones, each as stored; one the runtime does not know (written around the admin CLI) counts as the default. */
async function teamZones(db: Kysely<ServerDatabase>, defaultTimeZone: string): Promise<string[]> {
  const rows = await db.selectFrom('teams').select('time_zone').distinct().where('time_zone', 'is not', null).execute();
  return rows.flatMap((row) => (row.time_zone !== null && row.time_zone !== defaultTimeZone && isTimeZone(row.time_zone) ? [row.time_zone] : []));
}

/** Every zone the server's customers are worked in. */
export async function zonesInUse(db: Kysely<ServerDatabase>, defaultTimeZone: string): Promise<string[]> {
  return [defaultTimeZone, ...(await teamZones(db, defaultTimeZone))];
}

/** The customers worked in one of `zones`, among `customerIds` when given. */
async function customersIn(db: Kysely<ServerDatabase>, zones: readonly string[], day: ServerDay, customerIds?: readonly string[]): Promise<string[]> {
  const ownZones = await teamZones(db, day.defaultTimeZone);
  let query = db
    .selectFrom('customers')
    .leftJoin('teams', 'teams.id', 'customers.team_id')
    .select('customers.id')
    .where((eb) => {
      const named = zones.filter((zone) => ownZones.includes(zone));
      const inDefault = !zones.includes(day.defaultTimeZone)
        ? []
        : ownZones.length === 0
          ? [eb.lit(true)]
          : [eb('teams.time_zone', 'is', null), eb('teams.time_zone', 'not in', ownZones)];
      return eb.or([...inDefault, ...(named.length > 0 ? [eb('teams.time_zone', 'in', named)] : [])]);
    });
  // One array parameter, however many customers (a list of binds stops at 65,535).
  if (customerIds !== undefined) query = query.where(sql<boolean>`customers.id = ANY(${[...customerIds]})`);
  return (await query.execute()).map((row) => row.id);
}

/** Zones grouped by the calendar day it is in them now. */
function byDay(zones: readonly string[], clock: Clock): Map<string, string[]> {
  const days = new Map<string, string[]>();
  for (const zone of zones) {
    const day = todayIn(clock, zone);
    days.set(day, [...(days.get(day) ?? []), zone]);
  }
  return days;
}

export interface TeamDayScope {
  /** Judge only the customers worked in these zones (the daily run: zones whose day moved); all zones in use when absent. */
  readonly zones?: readonly string[];
  /** Judge only these customers (an import: those whose money moved). */
  readonly customerIds?: readonly string[];
}

/** Judges open promises inside `trx`, each customer as of its team's day; one run per day judged. */
export async function evaluateOnTeamDays(trx: Kysely<ServerDatabase>, day: ServerDay, scope: TeamDayScope = {}): Promise<PromiseEvaluationRun[]> {
  if (scope.customerIds?.length === 0) return [];
  const inUse = await zonesInUse(trx, day.defaultTimeZone);
  const zones = scope.zones ?? inUse;
  const days = byDay(zones, day.clock);
  const now = day.clock.now().toISOString();
  const [only] = days.keys();
  if (only !== undefined && days.size === 1 && inUse.every((zone) => zones.includes(zone))) {
    return [await evaluatePromisesIn(trx, { asOf: only, now }, scope.customerIds)];
  }
  const runs: PromiseEvaluationRun[] = [];
  for (const [asOf, dayZones] of days) {
    const customerIds = await customersIn(trx, dayZones, day, scope.customerIds);
    if (customerIds.length > 0) runs.push(await evaluatePromisesIn(trx, { asOf, now }, customerIds));
  }
  return runs;
}
