/**
 * Judges promises when the server starts (before it is ready) and again whenever the day changes
 * in a zone one of its teams works in (./team-days.ts), until the app closes: the customers of a
 * team in Sydney are judged at Sydney's midnight, those of a team in Los Angeles nineteen hours
 * later. A run that fails (the database away, a deadlock with a push) is logged and tried again at
 * the next check; a run changes only verdicts that moved, so running twice on one day is harmless.
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { todayIn } from '../../shared/domain/clock';
import type { ServerDatabase } from '../db/schema';
import { schedulePeriodic } from '../jobs/periodic';
import { evaluateOnTeamDays, zonesInUse, type ServerDay } from './team-days';

/** How often the day is checked: a verdict is due at most this long after a team's midnight. */
export const DAY_CHECK_MS = 10 * 60_000;

/** The zones whose day moved since they were last judged (or that were never judged: a new team, a team that moved). */
function zonesDue(zones: readonly string[], judged: ReadonlyMap<string, string>, day: ServerDay): string[] {
  return zones.filter((zone) => judged.get(zone) !== todayIn(day.clock, zone));
}

export function scheduleDailyEvaluation(app: FastifyInstance, db: Kysely<ServerDatabase>, day: ServerDay, checkMs = DAY_CHECK_MS): void {
  const judged = new Map<string, string>();
  const judge = async (): Promise<void> => {
    const due = zonesDue(await zonesInUse(db, day.defaultTimeZone), judged, day);
    if (due.length === 0) return;
    const days = due.map((zone) => [zone, todayIn(day.clock, zone)] as const);
    const runs = await db.transaction().execute((trx) => evaluateOnTeamDays(trx, day, { zones: due }));
    for (const [zone, judgedDay] of days) judged.set(zone, judgedDay);
    app.log.info({ promises: runs, zones: due }, 'promises judged');
  };
  // The first run is part of starting: clients that sync at once pull today's verdicts, not yesterday's.
  schedulePeriodic(app, checkMs, judge, 'judging promises failed; tried again at the next check');
}
